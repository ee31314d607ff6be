"""Who wins a zone when: the device's rules compiled once, and the sweep that turns them into spans.

A span is a stretch of time with one winner (reason and playlist). Precedence at every instant:

0. outside the device's ``opening_hours`` (if any): ``closed``, whatever is scheduled;
1. ``takeover``: a takeover playlist of the zone's ``playlists`` during one of its slots (several at
   once: highest ``priority``, then the one listed first);
2. ``scheduled``: among the zone's other ``playlists`` active now, highest ``priority``, ties to the one
   listed first;
3. ``default``: the zone's ``default`` playlist, if it is active now (its own ``windows`` and ``dates``
   apply too; a takeover playlist never plays as default);
4. ``standby``.

A playlist is active while one of its windows runs (within ``dates``, both judged by the day the window
starts; no windows: all day) and it has at least one playable item. A takeover playlist is active only
in its slots: each ``at`` time on each of its ``days`` within ``dates`` (judged by the day the slot
starts), lasting ``duration`` of real time; overlapping slots join. The same holds for opening hours
(no ``opening_hours``: always open).

Also: a playlist listed twice in a zone counts once, at its first place; names of missing playlists
are skipped (the loader reports them); a layout zone the device assigns nothing shows standby.
Standby and closed spans are cut at every local midnight, so that no answer needs to look further
ahead than the next day.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import pairwise
from typing import Any, Literal
from zoneinfo import ZoneInfo

from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models import Device, Playlist
from kiosk.config.suggest import did_you_mean
from kiosk.schedule.cycle import Cycle, build_cycle
from kiosk.schedule.rules import (
    Interval,
    WallWindow,
    midnights_between,
    takeover_intervals,
    wall_windows,
    window_intervals,
)

Reason = Literal["takeover", "scheduled", "default", "standby", "closed"]


class UnknownDeviceError(KeyError):
    """The device name is not in the content set (with a did-you-mean in the message)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown device"


@dataclass(frozen=True, slots=True)
class Span:
    """``[start, end)`` (UTC) during which ``playlist`` wins the zone for ``reason``."""

    start: datetime
    end: datetime
    reason: Reason
    playlist: str | None


@dataclass(eq=False)
class Candidate:
    """A playlist that may win a zone, with what decides when it is active."""

    name: str
    playlist: Playlist
    # The slide table, not the content set: the rules cache must not keep a content set alive.
    slides: Mapping[str, Entry[Any]] = field(repr=False)

    @cached_property
    def windows(self) -> tuple[WallWindow, ...]:
        return wall_windows(self.playlist.windows)

    @cached_property
    def cycle(self) -> Cycle | None:
        # Built on first use: a zone may list large playlists that never win in the asked range.
        return build_cycle(self.playlist, self.slides)

    def playable(self) -> bool:
        return any(item.slide in self.slides for item in self.playlist.items)

    def intervals(self, lo: datetime, hi: datetime, tz: ZoneInfo) -> list[Interval]:
        """When this candidate is active within ``[lo, hi)`` (merged, may reach beyond)."""
        takeover = self.playlist.takeover
        if takeover is not None:
            return takeover_intervals(takeover, self.playlist.dates, lo, hi, tz)
        return window_intervals(self.windows, self.playlist.dates, lo, hi, tz)


@dataclass(frozen=True)
class ZoneRules:
    """The candidates of one zone, each group in precedence order."""

    zone: str
    takeovers: tuple[Candidate, ...]
    scheduled: tuple[Candidate, ...]
    default: Candidate | None

    def candidate(self, name: str) -> Candidate:
        """This zone's candidate called ``name``."""
        everyone = [*self.takeovers, *self.scheduled]
        if self.default is not None:
            everyone.append(self.default)
        for candidate in everyone:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


@dataclass(frozen=True)
class DeviceRules:
    """A device's compiled rules: time zone, opening hours and one ``ZoneRules`` per layout zone."""

    device: str
    tz: ZoneInfo
    opening: tuple[WallWindow, ...] | None  # None: always open
    zones: dict[str, ZoneRules]
    _spans: dict[tuple[str, datetime, datetime], list[Span]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def spans(self, zone: ZoneRules, lo: datetime, hi: datetime) -> list[Span]:
        """``winner_spans`` of ``zone``, remembered: a player resolves many instants of the same day,
        and they all ask for the same range (see ``kiosk.schedule.play``)."""
        key = (zone.zone, lo, hi)
        found = self._spans.get(key)
        if found is None:
            if len(self._spans) >= 64:
                self._spans.clear()
            found = self._spans[key] = winner_spans(self, zone, lo, hi)
        return found

    def open_intervals(self, lo: datetime, hi: datetime) -> list[Interval] | None:
        """When the device is open within ``[lo, hi)``; None means always."""
        if self.opening is None:
            return None
        return window_intervals(self.opening, None, lo, hi, self.tz)


def _ranked(candidates: list[tuple[int, Candidate]]) -> tuple[Candidate, ...]:
    # Highest priority first; on equal priority the one listed first in the device file.
    return tuple(c for _, c in sorted(candidates, key=lambda ic: (-ic[1].playlist.priority, ic[0])))


def compile_device(content: ContentSet, device: str) -> DeviceRules:
    """Compile the rules of ``device``; raises ``UnknownDeviceError`` for a name not in ``content``."""
    entry = content.devices.get(device)
    if entry is None:
        hint = did_you_mean(device, content.devices)
        raise UnknownDeviceError(f"no device '{device}'" + (f"; {hint}" if hint else ""))
    model: Device = entry.model
    layout = content.layouts.get(model.layout)
    # Layout order; without a (valid) layout the device file's order is the best we have.
    zone_ids = [z.id for z in layout.model.zones] if layout else list(model.zones)
    zones = {}
    for zone_id in zone_ids:
        assignment = model.zones.get(zone_id)
        takeovers: list[tuple[int, Candidate]] = []
        scheduled: list[tuple[int, Candidate]] = []
        default = None
        seen = set()
        for i, name in enumerate(assignment.playlists if assignment else ()):
            playlist = content.playlists.get(name)
            if playlist is None or name in seen:  # missing: reported by the loader; twice: first counts
                continue
            seen.add(name)
            group = takeovers if playlist.model.takeover else scheduled
            group.append((i, Candidate(name, playlist.model, content.slides)))
        if assignment and assignment.default and assignment.default in content.playlists:
            chosen = content.playlists[assignment.default].model
            if chosen.takeover is None:
                default = Candidate(assignment.default, chosen, content.slides)
        zones[zone_id] = ZoneRules(
            zone_id,
            _ranked([(i, c) for i, c in takeovers if c.playable()]),
            _ranked([(i, c) for i, c in scheduled if c.playable()]),
            default if default and default.playable() else None,
        )
    opening = wall_windows(model.opening_hours) if model.opening_hours else None
    return DeviceRules(device, ZoneInfo(model.timezone), opening, zones)


# Compiled rules per content set and device. A ContentSet is treated as immutable once handed to the
# resolver (the loader builds a new one on every load); an entry goes when its content set is collected.
_COMPILED: dict[int, tuple[weakref.ref[ContentSet], dict[str, DeviceRules]]] = {}


def device_rules(content: ContentSet, device: str) -> DeviceRules:
    """Compiled rules of ``device`` in ``content``, cached per content set."""
    key = id(content)
    cached = _COMPILED.get(key)
    if cached is None or cached[0]() is not content:
        cached = (weakref.ref(content, lambda _: _COMPILED.pop(key, None)), {})
        _COMPILED[key] = cached
    rules = cached[1].get(device)
    if rules is None:
        rules = cached[1][device] = compile_device(content, device)
    return rules


def _inside(intervals: list[Interval], pos: list[int], layer: int, at: datetime) -> bool:
    # Sweep helper: advance this layer's pointer past intervals that ended, then test ``at``. ``at`` only
    # grows, so a pointer left behind (layer not asked at some cuts) simply catches up.
    k = pos[layer]
    while k < len(intervals) and intervals[k][1] <= at:
        k += 1
    pos[layer] = k
    return k < len(intervals) and intervals[k][0] <= at


def winner_spans(rules: DeviceRules, zone: ZoneRules, lo: datetime, hi: datetime) -> list[Span]:
    """Contiguous spans covering ``[lo, hi)`` exactly, neighbours with equal winners joined."""
    tz = rules.tz
    opening = rules.open_intervals(lo, hi)
    layers: list[tuple[Reason, Candidate, list[Interval]]] = [
        *(("takeover", c, c.intervals(lo, hi, tz)) for c in zone.takeovers),
        *(("scheduled", c, c.intervals(lo, hi, tz)) for c in zone.scheduled),
        *((("default", zone.default, zone.default.intervals(lo, hi, tz)),) if zone.default else ()),
    ]
    points = {lo, hi}
    for intervals in [opening or [], *(iv for _, _, iv in layers)]:
        points.update(t for interval in intervals for t in interval if lo < t < hi)
    cuts = sorted(points)
    pos = [0] * (len(layers) + 1)
    spans: list[Span] = []
    for start, end in pairwise(cuts):
        reason: Reason = "standby"
        name: str | None = None
        if opening is not None and not _inside(opening, pos, len(layers), start):
            reason = "closed"
        else:
            for n, (kind, candidate, intervals) in enumerate(layers):
                if _inside(intervals, pos, n, start):  # layers are in precedence order
                    reason, name = kind, candidate.name
                    break
        if spans and spans[-1].reason == reason and spans[-1].playlist == name:
            spans[-1] = Span(spans[-1].start, end, reason, name)
        else:
            spans.append(Span(start, end, reason, name))
    return _cut_idle_at_midnight(spans, tz)


def _cut_idle_at_midnight(spans: list[Span], tz: ZoneInfo) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if span.playlist is not None:
            out.append(span)
            continue
        start = span.start
        for m in midnights_between(span.start, span.end, tz):
            out.append(Span(start, m, span.reason, None))
            start = m
        out.append(Span(start, span.end, span.reason, None))
    return out
