"""iCalendar connector: the city calendar over HTTP from the fake platform; window, recurrences, all-day
events, time zones, cancelled bookings; fuzzing. RFC 5545 variants as the widgets show them:
``test_ical_variants.py``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import ical
from kiosk.data.connectors.base import FetchContext, NotModified
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.http import RequestsHttp
from kiosk.data.records import EventRecord
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir

FIXTURES = default_fixtures_dir()
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
PATH = "/events/rostock.ics"


def local(day: int, hour: int, minute: int = 0, month: int = 10) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=BERLIN)


def fetch(sim: PlatformSim, now: datetime = NOW, http: RequestsHttp | None = None) -> list[EventRecord]:
    source = DataSource.model_validate({"name": "Veranstaltungen", "kind": "ical", "url": sim.url + PATH})
    return ical.fetch(http or RequestsHttp(5, 5_000_000), source, FetchContext(now=now))


def test_city_calendar_over_http(sim: PlatformSim) -> None:
    handball, concert, vernissage = fetch(sim)
    assert handball == EventRecord(
        title="Handball Jugend-Landesliga – Sporthalle Schmarl",
        start=local(18, 16),
        end=local(18, 17, 45),
        location="Sporthalle Schmarl, Schmarler Damm 5, 18106 Rostock",
        cancelled=True,  # STATUS:CANCELLED: listed, marked (a hall page must not say "free" or "on")
    )
    assert concert == EventRecord(
        title="Herbstkonzert in der Stadthalle Rostock",
        start=local(18, 19, 30),
        end=local(18, 22),
        location="Stadthalle Rostock, Südring 90, 18059 Rostock",
        url="https://veranstaltungen.rostock.example/herbstkonzert-2025",
    )
    assert concert.start.utcoffset() == timedelta(hours=2)  # VTIMEZONE Europe/Berlin, summer time
    assert vernissage == EventRecord(
        title="Vernissage „Ostsee-Licht“ – Kunsthalle Rostock",
        start=local(19, 11),
        end=local(19, 13),
        location="Kunsthalle Rostock, Hamburger Straße 40, 18069 Rostock",
        description="Eröffnung der Ausstellung mit Führung. Eintritt frei.",
    )


def test_window_is_12_hours_back_and_8_days_ahead(sim: PlatformSim) -> None:
    # 12 h back from 07:00Z reaches 21:00 local on the 18th: the concert (until 22:00) is still on
    assert [e.title[:5] for e in fetch(sim, now=datetime(2025, 10, 19, 7, 0, tzinfo=UTC))] == [
        "Herbs",
        "Verni",
    ]
    assert [e.title[:5] for e in fetch(sim, now=datetime(2025, 10, 19, 8, 0, tzinfo=UTC))] == ["Verni"]
    assert [e.title[:5] for e in fetch(sim, now=datetime(2025, 10, 19, 12, 0, tzinfo=UTC))] == ["Verni"]
    assert [e.title[:5] for e in fetch(sim, now=datetime(2025, 10, 11, 12, 0, tzinfo=UTC))] == [
        "Handb",
        "Herbs",
        "Verni",
    ]
    assert fetch(sim, now=datetime(2025, 10, 10, 12, 0, tzinfo=UTC)) == []


def test_not_modified(sim: PlatformSim) -> None:
    http = RequestsHttp(5, 5_000_000)
    fetch(sim, http=http)
    with pytest.raises(NotModified):
        fetch(sim, http=http)


@pytest.mark.parametrize("fault", [{"truncate": True}, {"garbage": True}])
def test_payload_faults(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(PATH, **fault)
    with pytest.raises(ParseError):
        fetch(sim)


@pytest.mark.parametrize("fault", [{"status": 404}, {"wrong_content_type": True}, {"huge": 1}])
def test_fetch_faults(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(PATH, **fault)
    with pytest.raises(FetchError):
        fetch(sim, http=RequestsHttp(5, 200_000))


def calendar(*events: str, extra: str = "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *extra.splitlines()]
    for event in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20251001T000000Z", *event.strip().splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_all_day_recurring_utc_floating_and_open_ended_events() -> None:
    body = calendar(
        "UID:1\nDTSTART;VALUE=DATE:20251020\nDTEND;VALUE=DATE:20251022\nSUMMARY:Hanse Sail Nachlese",
        "UID:2\nDTSTART;VALUE=DATE:20251019\nSUMMARY:Markttag",
        "UID:3\nDTSTART;TZID=Europe/Berlin:20251017T180000\nDURATION:PT90M\nRRULE:FREQ=DAILY;INTERVAL=2;COUNT=4\n"
        "EXDATE;TZID=Europe/Berlin:20251021T180000\nSUMMARY:Volleyball Damen",
        "UID:4\nDTSTART:20251018T170000Z\nSUMMARY:Futsal",
        "UID:5\nDTSTART:20251021T090000\nDTEND:20251021T100000\nSUMMARY:Floating",
        "UID:6\nDTSTART;TZID=Europe/Berlin:20251018T150000\nDTEND;TZID=Europe/Berlin:20251018T163000\n"
        "SUMMARY:Abgesagt\nSTATUS:CANCELLED",
    )
    events = ical.parse_calendar(body, NOW)
    assert [(e.title, e.start, e.end, e.all_day, e.cancelled) for e in events] == [
        ("Abgesagt", local(18, 15), local(18, 16, 30), False, True),
        ("Futsal", local(18, 19), None, False, False),
        ("Markttag", local(19, 0), local(20, 0), True, False),
        ("Volleyball Damen", local(19, 18), local(19, 19, 30), False, False),
        ("Hanse Sail Nachlese", local(20, 0), local(22, 0), True, False),
        ("Floating", local(21, 9), local(21, 10), False, False),
        ("Volleyball Damen", local(23, 18), local(23, 19, 30), False, False),  # the 21st is an EXDATE
    ]


def test_exdate_lists_thisandfuture_and_occurrences_moved_into_the_window() -> None:
    body = calendar(
        "UID:s\nDTSTART;TZID=Europe/Berlin:20251020T180000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=6\n"
        "EXDATE:20251021T160000Z,20251022T160000Z\nSUMMARY:Basketball",  # EXDATE in UTC, two in one line
        "UID:s\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20251024T180000\n"
        "DTSTART;TZID=Europe/Berlin:20251024T190000\nDURATION:PT1H\nSUMMARY:Basketball (später)",
        "UID:d\nDTSTART;VALUE=DATE:20251020\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE\nEXDATE;VALUE=DATE:20251021\n"
        "SUMMARY:Schulsport",
        "UID:o\nDTSTART;TZID=Europe/Berlin:20251010T180000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=2\n"
        "SUMMARY:Nachholspiel",
        "UID:o\nRECURRENCE-ID;TZID=Europe/Berlin:20251017T180000\nDTSTART;TZID=Europe/Berlin:20251021T120000\n"
        "DURATION:PT1H\nSUMMARY:Nachholspiel",  # moved from before the window into it
    )
    events = ical.parse_calendar(body, datetime(2025, 10, 20, 10, 0, tzinfo=UTC))
    assert [(e.start, e.title) for e in events] == [
        (local(20, 0), "Schulsport"),
        (local(20, 18), "Basketball"),
        (local(21, 12), "Nachholspiel"),
        (local(22, 0), "Schulsport"),
        (local(23, 18), "Basketball"),
        (local(24, 19), "Basketball (später)"),
        (local(25, 19), "Basketball (später)"),
        (local(27, 0), "Schulsport"),
        (local(28, 0), "Schulsport"),
    ]


def test_custom_vtimezone_and_dst_change() -> None:
    vtimezone = (
        "BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T030000\n"
        "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\n"
        "BEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE"
    )
    body = calendar(
        "UID:1\nDTSTART;TZID=W. Europe Standard Time:20251025T100000\nRRULE:FREQ=DAILY;COUNT=2\n"
        "DTEND;TZID=W. Europe Standard Time:20251025T110000\nSUMMARY:Training",
        extra=vtimezone,
    )
    first, second = ical.parse_calendar(body, NOW)
    assert first.start == datetime(2025, 10, 25, 8, 0, tzinfo=UTC)  # CEST
    assert second.start == datetime(2025, 10, 26, 9, 0, tzinfo=UTC)  # CET after the change


def test_x_wr_timezone_is_honoured() -> None:
    body = calendar("UID:1\nDTSTART:20251018T170000Z\nSUMMARY:Futsal", extra="X-WR-TIMEZONE:Europe/Berlin")
    (event,) = ical.parse_calendar(body, NOW)
    assert event.start == local(18, 19) and event.start.tzinfo is not None


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not a calendar",
        b"BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
        b"<html><body>Login</body></html>",
    ],
)
def test_not_a_calendar(body: bytes) -> None:
    with pytest.raises(ParseError):
        ical.parse_calendar(body, NOW)


def test_empty_calendar() -> None:
    assert ical.parse_calendar(calendar(), NOW) == []


# --- property tests -------------------------------------------------------------------------------------

NAMES = ["DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "SUMMARY", "STATUS", "UID", "LOCATION"]
PARAMS = ["", ";VALUE=DATE", ";TZID=Europe/Berlin", ";TZID=Nowhere/Else", ";VALUE=PERIOD"]
VALUES = st.one_of(
    st.sampled_from(
        [
            "20251018",
            "20251018T190000",
            "20251018T190000Z",
            "PT1H",
            "-P1D",
            "FREQ=DAILY;COUNT=3",
            "FREQ=WEEKLY;UNTIL=20251101T000000Z",
            "FREQ=YEARLY;BYDAY=XX",
            "CANCELLED",
            "2025",
            "P",
            "T",
            "",
        ]
    ),
    st.text(max_size=15),
)
LINE = st.builds(lambda n, p, v: f"{n}{p}:{v}", st.sampled_from(NAMES), st.sampled_from(PARAMS), VALUES)
EVENT = st.lists(LINE, max_size=8).map("\n".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_events_or_parse_error(body: bytes) -> None:
    try:
        records = ical.parse_calendar(body, NOW)
    except ParseError:
        return
    assert all(isinstance(r, EventRecord) for r in records)
    assert all(r.start.tzinfo is not None for r in records)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(body: bytes) -> None:
    _only_events_or_parse_error(body)
    _only_events_or_parse_error(b"BEGIN:VCALENDAR\r\n" + body + b"\r\nEND:VCALENDAR\r\n")


@FUZZ
@given(st.lists(EVENT, max_size=3))
def test_icalendar_ish_text(events: list[str]) -> None:
    _only_events_or_parse_error(calendar(*events))


@FUZZ
@given(st.integers(0, 2000), st.text(max_size=30))
def test_corrupted_fixture(at: int, noise: str) -> None:
    original = (FIXTURES / "events/rostock_veranstaltungen.ics").read_bytes()
    _only_events_or_parse_error(original[:at] + noise.encode() + original[at + len(noise) :])
