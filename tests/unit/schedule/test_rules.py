"""Wall-clock rules as real intervals, and playlist cycles."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from kiosk.schedule.cycle import Cycle, PlayItem
from kiosk.schedule.rules import ALL_DAY, WallWindow, merge, midnights_between, window_intervals
from tests.unit.schedule.packs import BERLIN, at


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_merge_joins_overlapping_and_touching_only() -> None:
    a, b, c, d = (
        utc("2026-08-07 10:00"),
        utc("2026-08-07 11:00"),
        utc("2026-08-07 12:00"),
        utc("2026-08-07 13:00"),
    )
    assert merge([(c, d), (a, b), (b, c)]) == [(a, d)]
    assert merge([(a, b), (c, d), (a, a)]) == [(a, b), (c, d)]


def test_window_judged_by_its_start_day() -> None:
    friday_night = WallWindow(frozenset({4}), time(22), time(2))
    found = window_intervals([friday_night], None, at("2026-08-08 00:00"), at("2026-08-09 00:00"), BERLIN)
    assert found == [(at("2026-08-07 22:00").astimezone(UTC), at("2026-08-08 02:00").astimezone(UTC))]


def test_whole_day_windows_merge_into_one_interval() -> None:
    found = window_intervals([ALL_DAY], None, at("2026-08-07 12:00"), at("2026-08-09 12:00"), BERLIN)
    assert found == [(at("2026-08-07 00:00").astimezone(UTC), at("2026-08-10 00:00").astimezone(UTC))]


def test_midnights_between_is_exclusive() -> None:
    lo, hi = at("2026-03-28 00:00").astimezone(UTC), at("2026-03-30 00:00").astimezone(UTC)
    assert midnights_between(lo, hi, BERLIN) == [at("2026-03-29 00:00").astimezone(UTC)]


def test_cycle_locate_sequential_and_shuffle() -> None:
    items = tuple(
        PlayItem(i, s, timedelta(seconds=d)) for i, (s, d) in enumerate([("a", 10), ("b", 20), ("c", 30)])
    )
    cycle = Cycle(items, shuffle=False, seed=0)
    assert cycle.length == timedelta(seconds=60)
    assert cycle.locate(timedelta(seconds=145)) == (2, 1, timedelta(seconds=15))
    shuffled = Cycle(items, shuffle=True, seed=3)
    orders = [tuple(i.index for i in shuffled.order(n).items) for n in range(20)]
    assert all(sorted(o) == [0, 1, 2] for o in orders) and len(set(orders)) > 1
    assert orders == [tuple(i.index for i in Cycle(items, True, 3).order(n).items) for n in range(20)]
    assert date(2026, 8, 7).weekday() == 4  # the Friday most tests use
