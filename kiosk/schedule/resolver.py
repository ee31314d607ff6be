"""The resolver: what every zone of a device shows at one instant, and until when.

``resolve(content, device, at)`` is a pure function and the single source of truth for the player, the
``kiosk schedule`` command, the preview and the tests; ``timeline()`` gives the same answers over a
range (it runs the same code). The rules:

- **Time.** Wall-clock rules are read in the device's ``timezone`` (default Europe/Berlin); every
  returned datetime is aware and in that zone. Subtract them from ``clock.now()`` (UTC), or convert
  to UTC first: Python subtracts and compares two datetimes that share a ``tzinfo`` by wall-clock
  time (an hour off across DST), and a time in the repeated autumn hour never equals (``==``) a
  datetime of another zone (PEP 495); ``.timestamp()`` is always safe.
- **Precedence** (see ``kiosk.schedule.spans``): closed (outside ``opening_hours``) > takeover in one
  of its slots > highest-priority scheduled playlist (ties: listed first in the device's zone) >
  the zone's ``default`` > standby. Emergency alerts are laid over this by the runtime.
- **Activity.** ``windows`` and ``dates`` are judged by the day a window starts; a window ending at or
  before its start runs past midnight (Friday 22:00–02:00 covers Saturday 01:30). DST: see
  ``kiosk.schedule.rules``. A playlist without a playable item never wins.
- **Position** (see ``kiosk.schedule.play``): a run of one playlist starts at item 0 and cycles
  through its items by their durations; after a takeover the interrupted playlist resumes at the item
  and offset where it stopped; at each local midnight a run that was already on screen at the previous
  midnight restarts at item 0 (overnight windows play on through their first midnight).
- **until** is the next instant at which the zone's content may change: the end of the item, or
  earlier a change of winner (window, date, takeover, opening hours), a daily re-anchoring, or (for
  standby and closed) the next local midnight. ``DevicePlan.next_deadline`` is the earliest of them.

``resolve`` never computes a whole week: it looks back to 00:00 of the previous day and ahead to a
little past the next midnight, and finds the item by arithmetic on the playlist's cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.config.loader import ContentSet
from kiosk.schedule.play import aware, zone_segments
from kiosk.schedule.rules import window_intervals
from kiosk.schedule.spans import DeviceRules, Reason, UnknownDeviceError, device_rules

__all__ = ["DevicePlan", "Reason", "UnknownDeviceError", "ZonePlan", "resolve"]

_TICK = timedelta(microseconds=1)  # the smallest range that contains ``at``


@dataclass(frozen=True)
class ZonePlan:
    """What one zone shows at the resolved instant.

    Attributes:
        zone: Zone id (from the layout).
        reason: Why this plays: takeover, scheduled, default, standby or closed.
        playlist: Winning playlist; None for standby and closed.
        slide: Slide id; None for standby and closed.
        item_index: Index into the playlist's ``items`` (counting skipped items too).
        start: When this item (or standby/closed period, or resumed piece of an item) began.
        until: Next instant at which this zone's content may change.
        offset: How far into the item ``start`` is: 0 when the item begins at ``start``; more when it
            resumes after a takeover (or goes on across a change of reason, same playlist).
    """

    zone: str
    reason: Reason
    playlist: str | None
    slide: str | None
    item_index: int | None
    start: datetime
    until: datetime
    offset: timedelta = timedelta(0)


@dataclass(frozen=True)
class DevicePlan:
    """What a whole device shows at ``at``.

    Attributes:
        device: Device name.
        at: The resolved instant, in the device's time zone.
        open: Whether ``at`` is within the opening hours (when closed, every zone is ``closed``).
        zones: One plan per zone of the device's layout, in layout order.
    """

    device: str
    at: datetime
    open: bool
    zones: dict[str, ZonePlan]

    @property
    def next_deadline(self) -> datetime:
        """The earliest ``until`` of all zones: when to resolve again."""
        return min(z.until for z in self.zones.values())


def resolve(content: ContentSet, device: str, at: datetime) -> DevicePlan:
    """What every zone of ``device`` shows at ``at``.

    Args:
        content: The loaded content set (treated as immutable: compiled rules are cached per set).
        device: Device name (file name in ``device-config/`` without ``.yaml``).
        at: The instant, timezone-aware (any zone).

    Returns:
        The device plan, datetimes in the device's time zone.

    Raises:
        UnknownDeviceError: ``device`` is not in ``content`` (a ``KeyError`` with a did-you-mean).
        ValueError: ``at`` is naive.
    """
    instant = aware(at, "at")
    rules = device_rules(content, device)
    zones = {zone_id: _zone_plan(rules, zone_id, instant) for zone_id in rules.zones}
    return DevicePlan(device, instant.astimezone(rules.tz), _is_open(rules, instant), zones)


def _zone_plan(rules: DeviceRules, zone_id: str, instant: datetime) -> ZonePlan:
    # Segments are contiguous and at least 1 µs long: exactly one reaches into [instant, instant + 1 µs).
    ((start, end, reason, playlist, slide, index, offset),) = zone_segments(
        rules, rules.zones[zone_id], instant, instant + _TICK
    )
    tz = rules.tz
    return ZonePlan(zone_id, reason, playlist, slide, index, start.astimezone(tz), end.astimezone(tz), offset)


def _is_open(rules: DeviceRules, instant: datetime) -> bool:
    if rules.opening is None:
        return True
    intervals = window_intervals(rules.opening, None, instant, instant + _TICK, rules.tz)
    return any(start <= instant < end for start, end in intervals)
