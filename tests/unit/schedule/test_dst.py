"""Both DST changes of 2026 in Europe/Berlin: no missing and no doubled slots, right real lengths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from kiosk.config.loader import ContentSet
from kiosk.schedule.resolver import resolve
from kiosk.schedule.rules import wall
from kiosk.schedule.timeline import Segment, timeline
from tests.unit.schedule.packs import BERLIN, DEVICE, at, make_pack

SPRING, AUTUMN = "2026-03-29", "2026-10-25"
DAY_LENGTH = {SPRING: timedelta(hours=23), AUTUMN: timedelta(hours=25)}


@pytest.fixture
def content(tmp_path: Path) -> ContentSet:
    return make_pack(
        tmp_path,
        {
            "nacht": "priority: 60\nwindows: [{from: '01:00', to: '04:00'}]\nitems: [f]",
            "kurz": "priority: 70\nwindows: [{from: '01:30', to: '02:30'}]\nitems: [a, b]",
            "ansage": "takeover: {at: ['02:30'], duration: 10m}\nitems: [d]",
            "immer": "items: [e, c]",
        },
        "main: {playlists: [nacht, kurz, ansage], default: immer}\nside: {default: immer}",
        layout_zones=("main", "side"),
    )


def day(content: ContentSet, date: str) -> dict[str, list[Segment]]:
    start = at(f"{date} 00:00")
    return timeline(content, DEVICE, start, start.astimezone(UTC) + DAY_LENGTH[date])


def seconds(segments: list[Segment], playlist: str) -> float:
    return sum(s.end.timestamp() - s.start.timestamp() for s in segments if s.playlist == playlist)


@pytest.mark.parametrize("date", [SPRING, AUTUMN])
def test_day_timeline_is_gap_free_and_not_overlapping(content: ContentSet, date: str) -> None:
    for segments in day(content, date).values():
        stamps = [(s.start.timestamp(), s.end.timestamp()) for s in segments]
        assert stamps[0][0] == at(f"{date} 00:00").timestamp()
        assert stamps[-1][1] - stamps[0][0] == DAY_LENGTH[date].total_seconds()
        assert all(a < b for a, b in stamps)
        assert all(prev[1] == nxt[0] for prev, nxt in pairwise(stamps))


def test_wall_times_that_do_not_exist_move_forward() -> None:
    assert wall(
        datetime(2026, 3, 29).date(), datetime.min.time().replace(hour=2, minute=30), BERLIN
    ) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 does not exist: 03:30 CEST
    first = wall(datetime(2026, 10, 25).date(), datetime.min.time().replace(hour=2, minute=30), BERLIN)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 twice: the first (CEST)


def test_window_lengths_on_dst_days(content: ContentSet) -> None:
    # 01:00–04:00 is 2 h of real time in spring and 4 h in autumn; 'kurz' and 'ansage' take parts of it.
    spring, autumn = day(content, SPRING)["main"], day(content, AUTUMN)["main"]
    # spring: kurz 01:30 CET–02:30 (= 03:30 CEST) is 1 h; the takeover at 02:30 (= 03:30 CEST) follows.
    assert seconds(spring, "kurz") == 3600
    assert seconds(spring, "ansage") == 600
    assert seconds(spring, "nacht") + seconds(spring, "kurz") + seconds(spring, "ansage") == 2 * 3600
    # autumn: kurz 01:30–02:30 CEST (the first 02:30) is 1 h; the takeover at that first 02:30.
    assert seconds(autumn, "kurz") == 3600
    assert seconds(autumn, "ansage") == 600
    assert seconds(autumn, "nacht") + seconds(autumn, "kurz") + seconds(autumn, "ansage") == 4 * 3600


def test_items_keep_their_real_length_across_the_change(content: ContentSet) -> None:
    nacht = [s for s in day(content, AUTUMN)["main"] if s.playlist == "nacht"]
    # 'f' lasts one real hour, 02:40 CEST–02:40 CET, although the wall clock shows the same time.
    assert [s.end.timestamp() - s.start.timestamp() for s in nacht] == [1800, 3600, 3600, 1200]
    for date in (SPRING, AUTUMN):
        side = day(content, date)["side"]
        # every item is whole; only the last may be cut by the next midnight's re-anchoring
        assert all(s.end.timestamp() - s.start.timestamp() in (300, 30) for s in side[:-1]), date


def test_the_repeated_hour_is_resolved_twice(content: ContentSet) -> None:
    first, second = at(f"{AUTUMN} 02:45"), at(f"{AUTUMN} 02:45").replace(fold=1)
    one, two = resolve(content, DEVICE, first).zones["main"], resolve(content, DEVICE, second).zones["main"]
    # After kurz and the takeover, nacht starts afresh at 02:40 CEST with its one-hour item.
    assert (one.playlist, one.item_index, two.playlist, two.item_index) == ("nacht", 0, "nacht", 0)
    assert one.start.timestamp() == datetime(2026, 10, 25, 0, 40, tzinfo=UTC).timestamp()
    assert one.start.utcoffset() == timedelta(hours=2) and one.until.utcoffset() == timedelta(hours=1)
    assert one.until.timestamp() == two.start.timestamp()  # 02:40 CET, an hour later
    assert two.until.timestamp() - two.start.timestamp() == 3600


def test_spring_gap_is_not_a_slot(content: ContentSet) -> None:
    # 02:00–03:00 does not exist; the resolver reads 02:15 as 03:15 CEST (fold 0, normalised forward).
    ghost = resolve(content, DEVICE, at(f"{SPRING} 02:15")).zones["main"]
    real = resolve(content, DEVICE, at(f"{SPRING} 03:15")).zones["main"]
    assert ghost == real
