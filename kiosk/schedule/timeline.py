"""What each zone of a device shows over a time range, item by item: the same answers as ``resolve``.

Segments are contiguous, cover the range exactly and are never merged across item changes; an item is
split where the reason changes or a takeover interrupts it (see ``kiosk.schedule.play``). Standby and
closed segments end at the latest at local midnight.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.config.loader import ContentSet
from kiosk.schedule.play import aware, zone_segments
from kiosk.schedule.rules import local_date, midnight
from kiosk.schedule.spans import DeviceRules, Reason, ZoneRules, device_rules

_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Segment:
    """One piece of a zone's timeline, ``[start, end)`` in the device time zone.

    Attributes:
        start: Where the piece begins (the item's start, a resume after a takeover, or the range start).
        end: Where it ends.
        reason: takeover, scheduled, default, standby or closed.
        playlist: Winning playlist; None for standby and closed.
        slide: Slide id; None for standby and closed.
        item_index: Index into the playlist's ``items``.
        offset: How far into the item ``start`` is (0 unless resumed after a takeover, or clipped).
    """

    start: datetime
    end: datetime
    reason: Reason
    playlist: str | None
    slide: str | None
    item_index: int | None
    offset: timedelta = _ZERO


def timeline(content: ContentSet, device: str, start: datetime, end: datetime) -> dict[str, list[Segment]]:
    """What every zone of ``device`` shows in ``[start, end)``.

    Args:
        content: The loaded content set.
        device: Device name (file name in ``device-config/``).
        start: First instant, timezone-aware.
        end: End of the range (exclusive), timezone-aware.

    Returns:
        Per zone, in layout order, segments covering ``[start, end)`` exactly, with datetimes in the
        device's time zone; the first and last are clipped to the range (``offset`` adjusted).

    Raises:
        UnknownDeviceError: ``device`` is not in ``content``.
        ValueError: a naive datetime, or ``end`` before ``start``.
    """
    lo, hi = aware(start, "start"), aware(end, "end")
    if hi < lo:
        raise ValueError(f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    rules = device_rules(content, device)
    with _cycle_collector_paused():
        return {zone_id: _zone_timeline(rules, zone, lo, hi) for zone_id, zone in rules.zones.items()}


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a timeline is built.

    A week is some 10^5 segments; every 700 new objects trigger a collection, and now and then one
    walks the whole heap (the content set included): a third of the time, for nothing, since segments
    form no reference cycles (reference counting frees them). Collection resumes right after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def open_periods(
    content: ContentSet, device: str, start: datetime, end: datetime
) -> list[tuple[datetime, datetime, bool]] | None:
    """Opening hours over ``[start, end)``: contiguous (start, end, open) periods in the device time
    zone, or None when the device has no opening hours (always open)."""
    lo, hi = aware(start, "start"), aware(end, "end")
    rules = device_rules(content, device)
    intervals = rules.open_intervals(lo, hi)
    if intervals is None:
        return None
    periods: list[tuple[datetime, datetime, bool]] = []
    at = lo
    for s, e in intervals:
        s, e = max(s, lo), min(e, hi)
        if s > at:
            periods.append((at, s, False))
        if e > s:
            periods.append((s, e, True))
            at = e
    if at < hi:
        periods.append((at, hi, False))
    return [(s.astimezone(rules.tz), e.astimezone(rules.tz), is_open) for s, e, is_open in periods]


def _zone_timeline(rules: DeviceRules, zone: ZoneRules, lo: datetime, hi: datetime) -> list[Segment]:
    if hi <= lo:
        return []
    to_local = _LocalTime(rules.tz)
    segments: list[Segment] = []
    append = segments.append
    local_end = None
    for s, e, reason, playlist, slide, index, offset in zone_segments(rules, zone, lo, hi):
        # Contiguous: each start is the previous end, already converted.
        local_start = local_end if local_end is not None else to_local(s)
        local_end = to_local(e)
        append(Segment(local_start, local_end, reason, playlist, slide, index, offset))
    first, last = segments[0], segments[-1]
    if first.start < lo:
        offset = first.offset + (lo - first.start) if first.playlist else _ZERO
        segments[0] = dataclasses.replace(first, start=lo.astimezone(rules.tz), offset=offset)
    if last.end > hi:
        segments[-1] = dataclasses.replace(segments[-1], end=hi.astimezone(rules.tz))
    return segments


class _LocalTime:
    """UTC → device time, quickly: on a day with one UTC offset, local = day start + elapsed (exact,
    and three times cheaper than ``astimezone``); on a DST day, ``astimezone`` (which sets ``fold``)."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.day_start = self.day_end = datetime(1970, 1, 1, tzinfo=UTC)  # empty: the first call enters a day
        self.day_local: datetime | None = None

    def __call__(self, instant: datetime) -> datetime:
        if not self.day_start <= instant < self.day_end:
            self._enter_day(instant)
        if self.day_local is None:
            return instant.astimezone(self.tz)
        return self.day_local + (instant - self.day_start)

    def _enter_day(self, instant: datetime) -> None:
        day = local_date(instant, self.tz)
        self.day_start, self.day_end = midnight(day, self.tz), midnight(day + _ONE_DAY, self.tz)
        local = self.day_start.astimezone(self.tz)
        last = (self.day_end - timedelta(microseconds=1)).astimezone(self.tz)
        self.day_local = local if local.utcoffset() == last.utcoffset() else None
