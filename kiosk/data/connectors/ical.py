"""iCalendar (RFC 5545) → ``EventRecord``, for city events and sports-hall bookings (one calendar per hall).

Parsed with ``icalendar``; recurrences (RRULE/RDATE/EXDATE, moved instances) expanded with
``recurring_ical_events`` for the window [now − 12 h, now + 8 days): today and the coming week. TZID with
VTIMEZONE, UTC and X-WR-TIMEZONE are honoured; floating times are Rostock time (Europe/Berlin).
All-day events (``DTSTART;VALUE=DATE``) start at local midnight, ``all_day`` set; their end is the
exclusive DTEND day (RFC 5545 3.6.1: DTEND 4 Dec ends a 3 Dec event), else DTSTART + DURATION, else one
day. An event without DTEND/DURATION has ``end`` None. An occurrence spans all the days it overlaps (past
midnight, several days): which day it is listed on is the widget's choice (``data.present``).

``STATUS:CANCELLED`` (on the event, its series, or one occurrence overridden by RECURRENCE-ID) is kept
with ``cancelled`` set: the hall page shows the booking as called off instead of "no bookings today",
and a visitor who saw the concert announced learns it will not take place. Sorted by start, then title.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.rss import html_to_text
from kiosk.data.errors import ParseError
from kiosk.data.records import EventRecord

KIND = "ical"
ACCEPT = (
    "text/calendar",
    "application/ics",
    "application/calendar",
    "text/plain",
    "application/octet-stream",
)
LOCAL = ZoneInfo("Europe/Berlin")
BEFORE = timedelta(hours=12)
AHEAD = timedelta(days=8)


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[EventRecord]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_calendar(response.body, ctx.now)


def parse_calendar(body: bytes, now: datetime) -> list[EventRecord]:
    """Occurrences overlapping [now − 12 h, now + 8 days), cancelled ones marked."""
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except Exception as exc:  # icalendar raises ValueError, but also KeyError/IndexError on odd input
        raise ParseError(f"not an iCalendar file: {_reason(exc)}") from None
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise ParseError("not an iCalendar file: no VCALENDAR")
    try:
        occurrences = list(
            recurring_ical_events.of(calendar, skip_bad_series=True).between(now - BEFORE, now + AHEAD)
        )
        records = [_record(event) for event in occurrences]
    except ParseError:
        raise
    except Exception as exc:  # broken DTSTART/RRULE values surface from deep inside the libraries
        raise ParseError(f"iCalendar event not understood: {_reason(exc)}") from None
    records.sort(key=lambda r: (r.start, r.title))
    return records


def _record(event: Any) -> EventRecord:
    raw_start = event.start
    all_day = not isinstance(raw_start, datetime)
    start = _instant(raw_start)
    try:
        raw_end = event.end
    except Exception:  # icalendar's IncompleteComponent / broken property: the end is unknown
        raw_end = None
    end = _instant(raw_end) if isinstance(raw_end, date) else None
    if all_day and (end is None or end <= start):
        end = _instant(raw_start + timedelta(days=1))
    elif end is not None and end <= start:
        end = None
    return EventRecord(
        title=_text(event.get("SUMMARY")) or "(ohne Titel)",
        start=start,
        end=end,
        location=_text(event.get("LOCATION")),
        url=_text(event.get("URL")),
        all_day=all_day,
        description=html_to_text(_text(event.get("DESCRIPTION"))),
        cancelled=_text(event.get("STATUS")).upper() == "CANCELLED",
    )


def _instant(value: date) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=LOCAL)
    return datetime.combine(value, time(), tzinfo=LOCAL)


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
