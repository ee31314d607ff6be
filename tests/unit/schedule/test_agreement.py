"""resolve() and timeline() give the same answer at every instant (they share their code; this proves it)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.config.loader import ContentSet, load_content
from kiosk.schedule.resolver import resolve
from kiosk.schedule.timeline import Segment, timeline
from tests.conftest import REPO
from tests.unit.schedule.packs import DEVICE, at, make_pack

WEEKS = {
    "spring": at("2026-03-26 00:00"),
    "sail": at("2026-08-04 00:00"),
    "autumn": at("2026-10-22 00:00"),
}
WEEK = timedelta(days=7)

RICH = {
    "werktags": "priority: 50\nwindows: [{days: [mon, tue, wed, thu, fri], from: '07:00', to: '18:00'}]\n"
    "items: [a, b, c, d]",
    "abend": "priority: 60\nwindows: [{days: [sun, mon, tue, wed, thu], from: '18:00', to: '00:00'}, "
    "{days: [fri, sat], from: '18:00', to: '02:30'}]\nitems: [e, a, c]",
    "sail": "priority: 80\ndates: {from: 2026-08-06, until: 2026-08-09}\n"
    "windows: [{from: '10:00', to: '03:00'}]\norder: shuffle\nshuffle_seed: 5\nitems: [a, b, c, d, e]",
    "nacht": "priority: 55\nwindows: [{from: '01:00', to: '04:00'}]\nitems: [f, a]",
    "ansage": "takeover: {at: ['10:00', '16:00', '23:58', '02:30'], duration: 7m}\nitems: [d, a]",
    "ansage2": "priority: 99\ntakeover: {at: ['10:03', '00:00'], duration: 2m, days: [fri, sat, sun]}\n"
    "items: [b]",
    "immer": "items: [e, c, a, b]",
    "seite": "order: shuffle\nitems: [a, c, d]",
}
ZONES = """\
main: {playlists: [sail, werktags, abend, nacht, ansage, ansage2], default: immer}
side: {playlists: [ansage2], default: seite}
"""
HOURS = """\
opening_hours:
  - {days: [mon, tue, wed, thu, fri, sat], from: '06:00', to: '01:30'}
  - {days: [sun], from: '09:00', to: '22:00'}
"""


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> ContentSet:
    return make_pack(
        tmp_path_factory.mktemp("rich"), RICH, ZONES, HOURS, layout_zones=("main", "side", "band")
    )


_TIMELINES: dict[tuple[int, str, str], dict[str, list[Segment]]] = {}
_STARTS: dict[tuple[int, str, str, str], list[float]] = {}


def week_of(content: ContentSet, device: str, week: str) -> dict[str, list[Segment]]:
    """A week's timeline, computed once per module-scoped content set."""
    key = (id(content), device, week)
    if key not in _TIMELINES:
        _TIMELINES[key] = timeline(content, device, WEEKS[week], WEEKS[week].astimezone(UTC) + WEEK)
    return _TIMELINES[key]


def segment_at(content: ContentSet, device: str, week: str, zone: str, t: float) -> Segment:
    segments = week_of(content, device, week)[zone]
    key = (id(content), device, week, zone)
    if key not in _STARTS:
        _STARTS[key] = [s.start.timestamp() for s in segments]
    starts = _STARTS[key]
    seg = segments[bisect_right(starts, t) - 1]
    assert seg.start.timestamp() <= t < seg.end.timestamp()
    return seg


def check(content: ContentSet, device: str, week: str, offset_ms: int) -> None:
    lanes = week_of(content, device, week)
    first, last = WEEKS[week].timestamp(), WEEKS[week].timestamp() + WEEK.total_seconds()
    instant = datetime.fromtimestamp(first, UTC) + timedelta(milliseconds=offset_ms)
    plan = resolve(content, device, instant)
    assert list(plan.zones) == list(lanes)
    t = instant.timestamp()
    for zone in lanes:
        seg = segment_at(content, device, week, zone, t)
        got = plan.zones[zone]
        assert (got.reason, got.playlist, got.slide, got.item_index) == (
            seg.reason,
            seg.playlist,
            seg.slide,
            seg.item_index,
        ), (zone, instant)
        assert got.start.timestamp() <= t < got.until.timestamp()
        if seg.end.timestamp() != last:
            assert got.until.timestamp() == seg.end.timestamp(), (zone, instant)
        if seg.start.timestamp() != first:
            assert got.start.timestamp() == seg.start.timestamp(), (zone, instant)
            assert got.offset == seg.offset
    assert plan.next_deadline == min(z.until for z in plan.zones.values())


@settings(max_examples=250, deadline=None)
@given(week=st.sampled_from(sorted(WEEKS)), offset_ms=st.integers(0, int(WEEK.total_seconds() * 1000) - 1))
def test_resolve_matches_timeline_rich_pack(rich: ContentSet, week: str, offset_ms: int) -> None:
    check(rich, DEVICE, week, offset_ms)


@pytest.fixture(scope="module")
def shipped() -> ContentSet:
    result = load_content(REPO)
    assert result.ok
    return result.content


@settings(max_examples=120, deadline=None)
@given(
    device=st.sampled_from(["stadthafen-stele", "sporthalle-schmarl"]),
    week=st.sampled_from(sorted(WEEKS)),
    offset_ms=st.integers(0, int(WEEK.total_seconds() * 1000) - 1),
)
def test_resolve_matches_timeline_shipped(
    shipped: ContentSet, device: str, week: str, offset_ms: int
) -> None:
    check(shipped, device, week, offset_ms)


@pytest.mark.parametrize("week", sorted(WEEKS))
def test_week_timelines_are_contiguous(rich: ContentSet, week: str) -> None:
    for segments in week_of(rich, DEVICE, week).values():
        assert segments[0].start.timestamp() == WEEKS[week].timestamp()
        assert segments[-1].end.timestamp() - segments[0].start.timestamp() == WEEK.total_seconds()
        for a, b in pairwise(segments):
            assert a.end.timestamp() == b.start.timestamp() and a.start.timestamp() < a.end.timestamp()


def test_resolve_at_every_boundary(rich: ContentSet) -> None:
    # Exactly at each segment start, resolve reports that segment (not the one before it).
    segments = week_of(rich, DEVICE, "sail")["main"]
    for seg in segments[1:400] + segments[-400:-1]:
        got = resolve(rich, DEVICE, seg.start).zones["main"]
        assert (got.slide, got.start.timestamp(), got.until.timestamp()) == (
            seg.slide,
            seg.start.timestamp(),
            seg.end.timestamp(),
        )


def test_pack_is_rich_enough(rich: ContentSet) -> None:
    lanes = week_of(rich, DEVICE, "sail")
    reasons = {s.reason for s in lanes["main"]}
    assert reasons == {"takeover", "scheduled", "default", "closed"}
    assert any(s.offset for s in lanes["main"] if s.reason != "takeover")  # some resume after a takeover
    assert lanes["band"] and {s.reason for s in lanes["band"]} == {"standby", "closed"}
