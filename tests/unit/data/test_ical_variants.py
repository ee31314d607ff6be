"""iCalendar variants written from RFC 5545, served by the fake platform and shown as the widgets show them:
cancelled events and occurrences (STATUS:CANCELLED, RECURRENCE-ID), all-day events with their exclusive
DTEND, events past midnight and over several days, RRULE/EXDATE/RDATE, TZID and floating times, DURATION,
and bodies that are not a calendar (a ParseError, so the last good bookings stay)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import ical
from kiosk.data.connectors.base import FetchContext
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.present import present
from kiosk.data.records import EventRecord
from kiosk.data.state import DataState
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim, Reply
from kiosk.schedule.clock import FixedClock
from tests.unit.data.connector_kit import http, source

BERLIN = ZoneInfo("Europe/Berlin")
HALL = "/sport/hallenbelegung/sporthalle-schmarl.ics"


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=BERLIN)


def calendar(*events: str, extra: str = "") -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Amt fuer Sport//Hallenvergabe//DE",
        *extra.splitlines(),
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20251120T080000Z", *event.strip().splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def served(
    sim: PlatformSim, body: bytes, now: datetime, content_type: str = "text/calendar"
) -> list[EventRecord]:
    sim.add_route(HALL, body, content_type=content_type)
    return ical.fetch(http(), source("ical", sim.url_for(HALL)), FetchContext(now=now))


def rows(
    widget: str, records: list[EventRecord], now: datetime, lang: str = "de"
) -> tuple[tuple[str, ...], ...]:
    state = DataState("halle", tuple(records), now, "live", stale_after=timedelta(hours=12))
    return present(widget, state, lang, now, BERLIN).rows


def hall_on(sim: PlatformSim, body: bytes, now: datetime, lang: str = "de") -> tuple[tuple[str, ...], ...]:
    """What the hall page shows at ``now``, from a fetch at ``now`` (the window moves with it)."""
    return rows("hall-bookings", served(sim, body, now), now, lang)


# --- STATUS:CANCELLED ----------------------------------------------------------------------------------


def test_a_cancelled_booking_is_shown_called_off_in_every_language(sim: PlatformSim) -> None:
    body = calendar(
        "UID:hb-1\nDTSTART;TZID=Europe/Berlin:20251203T160000\nDTEND;TZID=Europe/Berlin:20251203T174500\n"
        "SUMMARY:Handball Jugend-Landesliga\nSTATUS:CANCELLED\nSEQUENCE:1",
        "UID:vb-1\nDTSTART;TZID=Europe/Berlin:20251203T180000\nDTEND;TZID=Europe/Berlin:20251203T200000\n"
        "SUMMARY:Volleyball Damen\nSTATUS:CONFIRMED\nLOCATION:Halle 1",
    )
    now = at(3, 12)
    records = served(sim, body, now)
    assert [(r.title, r.start, r.end, r.cancelled) for r in records] == [
        ("Handball Jugend-Landesliga", at(3, 16), at(3, 17, 45), True),
        ("Volleyball Damen", at(3, 18), at(3, 20), False),
    ]
    assert rows("hall-bookings", records, now) == (
        ("16:00–17:45", "Abgesagt: Handball Jugend-Landesliga"),
        ("18:00–20:00", "Volleyball Damen"),
    )
    assert rows("hall-bookings", records, now, "en")[0][1] == "Cancelled: Handball Jugend-Landesliga"
    assert rows("hall-bookings", records, now, "ls")[0][1] == "Fällt aus: Handball Jugend-Landesliga"
    assert rows("events", records, now) == (
        ("16:00", "Abgesagt: Handball Jugend-Landesliga", ""),
        ("18:00", "Volleyball Damen", "Halle 1"),
    )
    # the only booking of the day called off: the page says so, not "no bookings today"
    assert rows("hall-bookings", records[:1], now) == (
        ("16:00–17:45", "Abgesagt: Handball Jugend-Landesliga"),
    )


def test_recurring_training_with_exdate_rdate_moved_and_cancelled_occurrences(sim: PlatformSim) -> None:
    body = calendar(
        "UID:training@schmarl\nDTSTART;TZID=Europe/Berlin:20251201T180000\n"
        "DTEND;TZID=Europe/Berlin:20251201T193000\nRRULE:FREQ=DAILY;UNTIL=20251206T170000Z\n"
        "EXDATE;TZID=Europe/Berlin:20251202T180000\nRDATE;TZID=Europe/Berlin:20251208T100000\n"
        "SUMMARY:Training Judo",
        # one occurrence called off, one moved an hour later into another hall (RFC 5545 3.8.4.4)
        "UID:training@schmarl\nRECURRENCE-ID;TZID=Europe/Berlin:20251203T180000\n"
        "DTSTART;TZID=Europe/Berlin:20251203T180000\nDTEND;TZID=Europe/Berlin:20251203T193000\n"
        "SUMMARY:Training Judo\nSTATUS:CANCELLED\nSEQUENCE:2",
        "UID:training@schmarl\nRECURRENCE-ID;TZID=Europe/Berlin:20251204T180000\n"
        "DTSTART;TZID=Europe/Berlin:20251204T190000\nDTEND;TZID=Europe/Berlin:20251204T203000\n"
        "SUMMARY:Training Judo (Halle 2)\nSEQUENCE:1",
    )
    records = served(sim, body, at(1, 12))
    assert [(r.start, r.end, r.title, r.cancelled) for r in records] == [
        (at(1, 18), at(1, 19, 30), "Training Judo", False),
        # the 2nd is an EXDATE
        (at(3, 18), at(3, 19, 30), "Training Judo", True),
        (at(4, 19), at(4, 20, 30), "Training Judo (Halle 2)", False),
        (at(5, 18), at(5, 19, 30), "Training Judo", False),
        (at(6, 18), at(6, 19, 30), "Training Judo", False),  # UNTIL 17:00Z is 18:00 local: included
        (at(8, 10), at(8, 11, 30), "Training Judo", False),  # RDATE, with the series' duration
    ]
    assert hall_on(sim, body, at(2, 12)) == (("Heute keine Belegung",),)
    assert hall_on(sim, body, at(3, 12)) == (("18:00–19:30", "Abgesagt: Training Judo"),)
    assert hall_on(sim, body, at(4, 12), "en") == (("19:00–20:30", "Training Judo (Halle 2)"),)


def test_a_cancelled_series_cancels_every_occurrence(sim: PlatformSim) -> None:
    body = calendar(
        "UID:kurs\nDTSTART;TZID=Europe/Berlin:20251201T170000\nDURATION:PT1H\n"
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\nSUMMARY:Rückenkurs\nSTATUS:CANCELLED",
    )
    records = served(sim, body, at(1, 12))
    assert [(r.start, r.cancelled) for r in records] == [
        (at(1, 17), True),
        (at(3, 17), True),
        (at(8, 17), True),
    ]


# --- all-day events: DTEND is exclusive ------------------------------------------------------------------

ALL_DAY = calendar(
    "UID:a\nDTSTART;VALUE=DATE:20251203\nDTEND;VALUE=DATE:20251204\nSUMMARY:Schulsporttag",
    "UID:b\nDTSTART;VALUE=DATE:20251205\nDTEND;VALUE=DATE:20251208\nSUMMARY:Hallenturnier",
    "UID:c\nDTSTART;VALUE=DATE:20251204\nDURATION:P2D\nSUMMARY:Wartung Hallenboden",
    "UID:d\nDTSTART;VALUE=DATE:20251206\nSUMMARY:Nikolausturnier",  # no DTEND, no DURATION: one day
)


def test_all_day_events_cover_their_days_and_not_the_dtend_day(sim: PlatformSim) -> None:
    records = served(sim, ALL_DAY, at(3, 10))
    assert [(r.title, r.start, r.end, r.all_day) for r in records] == [
        ("Schulsporttag", at(3, 0), at(4, 0), True),
        ("Wartung Hallenboden", at(4, 0), at(6, 0), True),
        ("Hallenturnier", at(5, 0), at(8, 0), True),
        ("Nikolausturnier", at(6, 0), at(7, 0), True),
    ]
    by_day = {day: [row[-1] for row in hall_on(sim, ALL_DAY, at(day, 10))] for day in range(3, 9)}
    assert by_day == {
        3: ["Schulsporttag"],  # DTEND 4 Dec: on the 3rd only
        4: ["Wartung Hallenboden"],
        5: ["Wartung Hallenboden", "Hallenturnier"],
        6: ["Hallenturnier", "Nikolausturnier"],
        7: ["Hallenturnier"],
        8: ["Heute keine Belegung"],
    }
    assert hall_on(sim, ALL_DAY, at(3, 10)) == (("ganztägig", "Schulsporttag"),)
    assert hall_on(sim, ALL_DAY, at(3, 10), "en") == (("all day", "Schulsporttag"),)
    assert hall_on(sim, ALL_DAY, at(3, 10), "ls") == (("den ganzen Tag", "Schulsporttag"),)
    assert hall_on(sim, ALL_DAY, at(3, 23, 59))[0][0] == "ganztägig"
    assert hall_on(sim, ALL_DAY, at(4, 0, 1)) == (("ganztägig", "Wartung Hallenboden"),)


def test_all_day_events_in_the_events_list(sim: PlatformSim) -> None:
    now = at(3, 10)
    records = served(sim, ALL_DAY, now)
    assert rows("events", records, now) == (
        ("ganztägig", "Schulsporttag", ""),
        ("04.12.–05.12.", "Wartung Hallenboden", ""),
        ("05.12.–07.12.", "Hallenturnier", ""),
        ("06.12. ganztägig", "Nikolausturnier", ""),
    )
    assert [when for when, *_ in rows("events", records, now, "en")][::3] == ["all day", "06.12. all day"]
    assert rows("events", records, now, "ls")[0][0] == "den ganzen Tag"
    # after midnight the one-day event is over, the two-day one is still on
    assert [title for _, title, _ in rows("events", served(sim, ALL_DAY, at(4, 0, 1)), at(4, 0, 1))][:1] == [
        "Wartung Hallenboden"
    ]


def test_a_cancelled_all_day_event() -> None:
    body = calendar(
        "UID:x\nDTSTART;VALUE=DATE:20251203\nDTEND;VALUE=DATE:20251204\nSUMMARY:Stadtlauf\nSTATUS:CANCELLED"
    )
    records = ical.parse_calendar(body, at(3, 8))
    assert rows("hall-bookings", records, at(3, 8)) == (("ganztägig", "Abgesagt: Stadtlauf"),)
    assert rows("events", records, at(3, 8), "en") == (("all day", "Cancelled: Stadtlauf", ""),)


# --- past midnight and over several days -----------------------------------------------------------------

NIGHT = calendar(
    "UID:n\nDTSTART;TZID=Europe/Berlin:20251203T220000\nDTEND;TZID=Europe/Berlin:20251204T020000\n"
    "SUMMARY:Mitternachtsturnier",
    "UID:m\nDTSTART;TZID=Europe/Berlin:20251204T200000\nDTEND;TZID=Europe/Berlin:20251206T120000\n"
    "SUMMARY:40-Stunden-Lauf",
)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(3, 21), [("22:00–02:00", "Mitternachtsturnier")]),
        (
            at(4, 1),
            [("03.12. 22:00–02:00", "Mitternachtsturnier"), ("20:00–06.12. 12:00", "40-Stunden-Lauf")],
        ),
        (at(4, 3), [("20:00–06.12. 12:00", "40-Stunden-Lauf")]),
        (at(5, 10), [("04.12. 20:00–06.12. 12:00", "40-Stunden-Lauf")]),
        (at(6, 11), [("04.12. 20:00–12:00", "40-Stunden-Lauf")]),
        (at(6, 12, 30), [("Heute keine Belegung",)]),
    ],
)
def test_a_booking_past_midnight_is_on_every_day_it_covers(
    sim: PlatformSim, now: datetime, expected: list[tuple[str, ...]]
) -> None:
    assert list(hall_on(sim, NIGHT, now)) == expected


def test_an_event_past_midnight_stays_in_the_events_list_until_it_ends(sim: PlatformSim) -> None:
    assert [r[:2] for r in rows("events", served(sim, NIGHT, at(4, 1)), at(4, 1))] == [
        ("03.12. 22:00", "Mitternachtsturnier"),
        ("20:00", "40-Stunden-Lauf"),
    ]
    assert [r[1] for r in rows("events", served(sim, NIGHT, at(4, 2, 1)), at(4, 2, 1))] == ["40-Stunden-Lauf"]


# --- time zones, floating times, DURATION -------------------------------------------------------------


def test_tzid_without_vtimezone_floating_utc_and_durations(sim: PlatformSim) -> None:
    body = calendar(
        "UID:1\nDTSTART;TZID=Europe/Berlin:20251203T090000\nDURATION:PT1H30M\nSUMMARY:Schulsport",
        "UID:2\nDTSTART;TZID=America/New_York:20251203T090000\nDURATION:PT1H\nSUMMARY:Partnerstadt live",
        "UID:3\nDTSTART:20251203T110000\nDTEND:20251203T120000\nSUMMARY:Floating",
        "UID:4\nDTSTART:20251203T120000Z\nDURATION:P1DT2H\nSUMMARY:Aufbau Messe",
    )
    now = at(3, 8)
    records = served(sim, body, now)
    assert [(r.title, r.start, r.end) for r in records] == [
        ("Schulsport", at(3, 9), at(3, 10, 30)),
        ("Floating", at(3, 11), at(3, 12)),  # floating: the kiosk's own time (Rostock)
        ("Aufbau Messe", at(3, 13), at(4, 15)),
        ("Partnerstadt live", at(3, 15), at(3, 16)),  # 09:00 in New York
    ]
    assert rows("hall-bookings", records, now) == (
        ("09:00–10:30", "Schulsport"),
        ("11:00–12:00", "Floating"),
        ("13:00–04.12. 15:00", "Aufbau Messe"),  # 26 hours: "13:00–15:00" would read as two
        ("15:00–16:00", "Partnerstadt live"),
    )


def test_floating_times_keep_the_wall_clock_over_the_dst_change() -> None:
    body = calendar(
        "UID:1\nDTSTART:20251025T100000\nDURATION:PT2H\nRRULE:FREQ=DAILY;COUNT=2\nSUMMARY:Frühsport"
    )
    first, second = ical.parse_calendar(body, at(25, 8, month=10))
    assert (first.start.utcoffset(), second.start.utcoffset()) == (timedelta(hours=2), timedelta(hours=1))
    assert (first.start.hour, second.start.hour, second.end and second.end.hour) == (10, 10, 12)


# --- not a calendar: ParseError, never "no bookings" ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", "text/calendar"),
        (b"\r\n", "text/calendar"),
        (b"<!DOCTYPE html>\n<html><head><title>Anmeldung: Portal</title></head></html>", "text/plain"),
        (b'{"events": []}', "application/octet-stream"),
        (b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20251203T100000Z\r\nEND:VEVENT\r\n", "text/calendar"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hallenwart\r\nEND:VCARD\r\n", "text/calendar"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "text/calendar"),  # cut off
    ],
)
def test_a_body_that_is_no_calendar_is_a_parse_error(
    sim: PlatformSim, body: bytes, content_type: str
) -> None:
    with pytest.raises(ParseError):
        served(sim, body, at(3, 12), content_type)


def test_an_html_login_page_is_refused_by_its_content_type(sim: PlatformSim) -> None:
    with pytest.raises(FetchError):
        served(sim, b"<html><body>Login</body></html>", at(3, 12), "text/html; charset=utf-8")


def test_an_empty_calendar_is_no_bookings_and_a_broken_one_keeps_the_last_good(
    sim: PlatformSim, tmp_path: Path
) -> None:
    good = calendar("UID:1\nDTSTART;TZID=Europe/Berlin:20251203T180000\nDURATION:PT2H\nSUMMARY:Volleyball")
    empty = calendar()
    html = b"<html><body>Wartungsarbeiten</body></html>"
    sim.add_replies(HALL, [Reply(good, content_type="text/calendar"), Reply(html, content_type="text/plain")])
    clock = FixedClock(at(3, 12))
    coordinator = Coordinator(
        "halle",
        source("ical", sim.url_for(HALL), refresh="15m", stale_after="12h"),
        ical,
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: FetchContext(now=clock.now()),
        rng=random.Random(1),
    )
    assert [r.title for r in coordinator.refresh().records] == ["Volleyball"]
    state = coordinator.refresh()
    assert [r.title for r in state.records] == ["Volleyball"] and state.last_error
    assert "iCalendar" in state.last_error
    assert present("hall-bookings", state, "de", clock.now(), BERLIN).rows == (("18:00–20:00", "Volleyball"),)
    sim.add_route(HALL, empty, content_type="text/calendar")
    state = coordinator.refresh()
    assert state.records == () and state.last_error is None  # a real, empty calendar: the hall is free


# --- property: a booking is on the hall page of every day it overlaps, until it ends ---------------------

BOOKING = st.tuples(
    st.integers(0, 7 * 96),  # start: quarter hours from Fri 24 Oct 00:00 (the clocks go back on the 26th)
    st.integers(1, 60 * 4),  # duration in quarter hours (up to 60 h)
    st.booleans(),  # all day (then: whole days from the start's day)
    st.booleans(),  # cancelled
)


def _ics(bookings: list[tuple[int, int, bool, bool]]) -> bytes:
    events = []
    for n, (start, quarters, all_day, cancelled) in enumerate(bookings):
        begin = datetime(2025, 10, 24, tzinfo=BERLIN) + timedelta(minutes=15 * start)
        if all_day:
            first = begin.date()
            last = first + timedelta(days=1 + quarters // 96)
            times = f"DTSTART;VALUE=DATE:{first:%Y%m%d}\nDTEND;VALUE=DATE:{last:%Y%m%d}"
        else:  # wall-clock times in Europe/Berlin, as a hall plan is written
            times = f"DTSTART;TZID=Europe/Berlin:{begin:%Y%m%dT%H%M%S}\nDURATION:PT{15 * quarters}M"
        status = "\nSTATUS:CANCELLED" if cancelled else ""
        events.append(f"UID:{n}\n{times}\nSUMMARY:Belegung {n}{status}")
    return calendar(*events)


@settings(max_examples=60, deadline=None)
@given(bookings=st.lists(BOOKING, min_size=1, max_size=5), hour=st.integers(0, 23), day=st.integers(24, 31))
def test_hall_page_lists_exactly_the_bookings_overlapping_the_rest_of_today(
    bookings: list[tuple[int, int, bool, bool]], hour: int, day: int
) -> None:
    now = datetime(2025, 10, day, hour, 30, tzinfo=BERLIN)
    records = ical.parse_calendar(_ics(bookings), now)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=BERLIN)
    on = [r for r in records if r.start < midnight and r.end is not None and r.end > now]
    shown = rows("hall-bookings", records, now)
    if not on:
        assert shown == (("Heute keine Belegung",),)
        return
    assert len(shown) == min(6, len(on))
    for (when, title), record in zip(shown, on, strict=False):
        assert title == ("Abgesagt: " if record.cancelled else "") + record.title
        if record.all_day:
            assert when == "ganztägig"
        else:
            assert when.split("–")[0].endswith(f"{record.start.astimezone(BERLIN):%H:%M}"), (when, record)
