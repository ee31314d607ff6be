"""Playing a zone: runs, positions in playlists, takeover resume, and the segments that result.

Runs and positions:

- A *run* is a stretch during which the same playlist wins a zone. It starts at item 0 of cycle 0 and
  moves through the items by their durations; the item cut by the end of the run is just shorter.
- Takeover resume: a run is interrupted, not ended, by takeover spans of other playlists. If the
  interrupted playlist wins again right after the takeover(s), it resumes at the item and offset where
  it was; its elapsed time excludes the takeover. Anything else (another playlist, standby, closed)
  ends the run, and the next run of that playlist starts again at item 0.
- Daily re-anchoring: at every local midnight, a run that was already on screen at the previous
  midnight restarts at item 0 (for this rule a run that follows takeovers counts from the start of
  those takeovers). An evening or overnight run (Friday 22:00–02:00) plays on through its first
  midnight; a playlist on screen for days starts afresh each day. This is what keeps the resolver
  local: nothing before 00:00 of the previous day can change what plays now.

Segments: one per piece of an item on screen, contiguous, never merged across item changes. An item is
split where the reason changes (scheduled → default of the same playlist) or where a takeover
interrupts it; the piece after an interruption has ``offset`` > 0 (how far into the item it resumes).
Standby and closed segments end at the latest at local midnight.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from kiosk.schedule.cycle import Cycle
from kiosk.schedule.rules import local_date, midnight, midnights_between
from kiosk.schedule.spans import DeviceRules, Reason, Span, ZoneRules

_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
# Past the next midnight, far enough to see the true end of the last segment (an item lasts at most 1 h).
_LOOKAHEAD = timedelta(hours=2)

#: A segment in UTC: start, end, reason, playlist, slide, item index, offset into the item.
RawSegment = tuple[datetime, datetime, Reason, str | None, str | None, int | None, timedelta]


@dataclass
class _Run:
    """A run of one playlist (or one standby/closed span), and how far it has played."""

    playlist: str | None
    start: datetime
    origin: datetime | None = None  # where the current count of play time began
    elapsed: timedelta = _ZERO  # play time since ``origin``, excluding interruptions


def _runs(spans: list[Span]) -> list[tuple[Span, _Run]]:
    """Each span with the run it belongs to, in time order.

    A run's ``start`` (used only for daily re-anchoring) is its first piece's start, or, when takeovers
    come directly before that, the start of those takeovers. At the range start what played before is
    unknown, so the spans there count as begun at the range start: with this rule both readings give
    the same answer, whichever range the caller asked for.
    """
    pairs: list[tuple[Span, _Run]] = []
    open_runs: dict[str, _Run] = {}
    takeovers_since: datetime | None = spans[0].start if spans else None
    for span in spans:
        name = span.playlist
        if name is None:
            open_runs.clear()
            pairs.append((span, _Run(None, span.start)))
            takeovers_since = None
            continue
        run = open_runs.get(name)
        if run is None:
            run = _Run(name, span.start if takeovers_since is None else takeovers_since)
        pairs.append((span, run))
        if span.reason != "takeover":
            open_runs = {name: run}  # every other run was ended by this one
            takeovers_since = None
        else:
            open_runs[name] = run  # the rest are interrupted, not ended
            if takeovers_since is None:
                takeovers_since = span.start
    return pairs


def zone_segments(rules: DeviceRules, zone: ZoneRules, lo: datetime, hi: datetime) -> Iterator[RawSegment]:
    """The true segments of ``zone`` that reach into ``[lo, hi)`` (UTC instants), in order.

    The first may start before ``lo`` and the last end after ``hi``: their bounds are where the item
    (or standby/closed period) really starts and ends, which ``resolve`` reports and ``timeline`` clips.
    """
    tz = rules.tz
    start = midnight(local_date(lo, tz) - _ONE_DAY, tz)  # nothing earlier matters (re-anchoring)
    stop = midnight(local_date(hi, tz) + _ONE_DAY, tz) + _LOOKAHEAD
    for span, run in _runs(rules.spans(zone, start, stop)):
        if span.start >= hi:
            break
        yield from _play(rules, zone, span, run, lo, hi)


def _play(
    rules: DeviceRules, zone: ZoneRules, span: Span, run: _Run, lo: datetime, hi: datetime
) -> Iterator[RawSegment]:
    """Advance ``run`` over ``span``, yielding its segments that reach into ``[lo, hi)``."""
    if run.playlist is None:
        if span.end > lo:
            yield span.start, span.end, span.reason, None, None, None, _ZERO
        return
    tz = rules.tz
    # Split only where the run re-anchors, so an item playing across midnight stays one segment.
    restarts = [
        m
        for m in midnights_between(span.start, span.end, tz)
        if run.start <= midnight(local_date(m, tz) - _ONE_DAY, tz)
    ]
    cuts = [span.start, *restarts, span.end]
    for x, y in pairwise(cuts):
        day = local_date(x, tz)
        # Re-anchor at midnight if the run was already on screen at the previous midnight.
        origin = run.start if run.start > midnight(day - _ONE_DAY, tz) else midnight(day, tz)
        if origin != run.origin:
            run.origin, run.elapsed = origin, _ZERO
        if y > lo and x < hi:
            cycle = zone.candidate(run.playlist).cycle
            assert cycle is not None  # only playable candidates are compiled into a zone
            yield from _items(cycle, span.reason, run.playlist, x, y, run.elapsed, lo, hi)
        run.elapsed += y - x


def _items(
    cycle: Cycle,
    reason: Reason,
    playlist: str,
    x: datetime,
    y: datetime,
    elapsed: timedelta,
    lo: datetime,
    hi: datetime,
) -> Iterator[RawSegment]:
    """Items of the uninterrupted piece ``[x, y)`` whose play time at ``x`` is ``elapsed``."""
    at = max(x, lo)
    n, k, into = cycle.locate(elapsed + (at - x))  # jump, never walk from the run's start
    start = at - into if at - into > x else x
    offset = into - (at - start)
    order = cycle.order(n)
    count = len(order.items)
    while start < y and start < hi:
        item = order.items[k]
        end = start + (item.duration - offset)
        if end > y:
            end = y
        yield start, end, reason, playlist, item.slide, item.index, offset
        start, offset = end, _ZERO
        k += 1
        if k == count:
            n, k = n + 1, 0
            order = cycle.order(n)


def aware(value: datetime, name: str) -> datetime:
    """``value`` in UTC; a naive datetime is refused (which zone would it be in?)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value.isoformat()}")
    return value.astimezone(UTC)
