"""Hourly statistics: counts per page and hour, a session once per page and hour, no ids, no finer times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.records.stats import HourlyStats, merge

BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int, second: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 12, day, hour, minute, second, tzinfo=BERLIN)


def test_views_sessions_speech_and_languages_per_page_and_hour() -> None:
    stats = HourlyStats()
    # session 1 (de): start, parken, start again, parken again
    for page, minute in (("start", 1), ("parken", 2), ("start", 3), ("parken", 4)):
        stats.page_view(page, at(14, minute), "de", speech=False)
    stats.session_ended()
    # session 2 (en, speech): start, parken
    stats.page_view("start", at(14, 20), "en", speech=True)
    stats.page_view("parken", at(14, 21), "en", speech=True)
    stats.session_ended()
    # session 3 (de): parken only, then into the next hour
    stats.page_view("parken", at(14, 59, 50), "de", speech=False)
    stats.page_view("parken", at(15, 0, 10), "de", speech=False)
    assert stats.flush(at(14, 59, 59)) == [], "an hour is flushed only when it is over"
    records = stats.flush(at(15, 0, 30))
    assert records == [
        {
            "hour": "2026-12-02T14:00+01:00",
            "page": "parken",
            "views": 4,
            "sessions": 3,
            "speech_sessions": 1,
            "language": {"de": 2, "en": 1},
        },
        {
            "hour": "2026-12-02T14:00+01:00",
            "page": "start",
            "views": 3,
            "sessions": 2,
            "speech_sessions": 1,
            "language": {"de": 1, "en": 1},
        },
    ]
    rest = stats.flush(at(15, 10), everything=True)
    assert rest == [
        {
            "hour": "2026-12-02T15:00+01:00",
            "page": "parken",
            "views": 1,
            "sessions": 1,
            "speech_sessions": 0,
            "language": {"de": 1},
        }
    ]
    assert stats.flush(at(16, 0), everything=True) == []


def test_a_record_holds_nothing_finer_than_the_hour_and_no_identifier() -> None:
    stats = HourlyStats()
    stats.page_view("start", at(9, 17, 42), "ls", speech=True)
    (record,) = stats.flush(at(9, 18), everything=True)
    assert set(record) == {"hour", "page", "views", "sessions", "speech_sessions", "language"}
    assert record["hour"] == "2026-12-02T09:00+01:00"
    assert "17" not in str(record) and "42" not in str(record)


def test_the_autumn_hour_that_repeats_gives_two_records() -> None:
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # CEST
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)  # CET, an hour later
    stats = HourlyStats()
    stats.page_view("start", first, "de", speech=False)
    stats.page_view("start", second, "de", speech=False)
    hours = [r["hour"] for r in stats.flush(datetime(2026, 10, 25, 4, 0, tzinfo=BERLIN))]
    assert hours == ["2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00"]
    assert stats.next_flush(first) is None


def test_merge_adds_up_an_hour_cut_by_a_restart() -> None:
    a = {"hour": "h", "page": "p", "views": 2, "sessions": 1, "speech_sessions": 0, "language": {"de": 1}}
    b = {
        "hour": "h",
        "page": "p",
        "views": 3,
        "sessions": 2,
        "speech_sessions": 1,
        "language": {"de": 1, "en": 1},
    }
    assert merge([a, b, {"junk": 1}]) == [
        {
            "hour": "h",
            "page": "p",
            "views": 5,
            "sessions": 3,
            "speech_sessions": 1,
            "language": {"de": 2, "en": 1},
        }
    ]
