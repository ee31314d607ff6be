"""What a zone should show over real time, and what the sampled pixels say it did show.

A playlist that plays all day is anchored at local midnight (``schedule/play.py``: daily re-anchoring),
so the slide on screen at any wall-clock instant follows from the item durations alone: this module
computes it independently of the product's resolver, and compares it with the frames of a
:class:`screen.Sampler`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.ui.transition import DURATIONS_MS
from tests.field.kioskproc import KioskProcess
from tests.field.screen import RGB, Frame, blend_fraction, close, on_segment

BERLIN = ZoneInfo("Europe/Berlin")
CROSSFADE_S = DURATIONS_MS["crossfade"] / 1000


@dataclass(frozen=True)
class Cycle:
    """A playlist of (slide, seconds) items, looping from local midnight on."""

    items: tuple[tuple[str, float], ...]  # in kiosk seconds; KioskClock maps them to real time
    zone: ZoneInfo = BERLIN

    @property
    def period(self) -> float:
        return sum(seconds for _, seconds in self.items)

    def _since_midnight(self, wall: float) -> float:
        local = datetime.fromtimestamp(wall, self.zone)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return (local - midnight).total_seconds()

    def slide_at(self, wall: float) -> str:
        """The slide on screen at kiosk wall-clock time ``wall`` (a Unix time)."""
        position = self._since_midnight(wall) % self.period
        for name, seconds in self.items:
            if position < seconds:
                return name
            position -= seconds
        return self.items[-1][0]

    def switches(self, start: float, end: float) -> list[tuple[float, str, str]]:
        """Every (kiosk wall time, from, to) of an item change in [start, end)."""
        found: list[tuple[float, str, str]] = []
        base = start - self._since_midnight(start)  # the Unix time of local midnight
        offsets = []
        acc = 0.0
        for _, seconds in self.items:
            acc += seconds
            offsets.append(acc)
        cycle = int((start - base) // self.period)
        while True:
            for i, offset in enumerate(offsets):
                at = base + cycle * self.period + offset
                if at >= end:
                    return found
                if at >= start:
                    after = self.items[(i + 1) % len(self.items)][0]
                    found.append((at, self.items[i][0], after))
            cycle += 1


class KioskClock:
    """Maps monotonic times of the test to the kiosk's wall-clock (Unix) time and back.

    ``real()``: the kiosk runs on the real clock. ``from_log()``: it runs ``kiosk run --at T --speed F``;
    its clock starts at T when it logs "playing as if it were", and runs F times as fast.
    """

    def __init__(self, mono: float, kiosk: float, speed: float = 1.0) -> None:
        self.anchor_mono, self.anchor_kiosk, self.speed = mono, kiosk, speed

    @classmethod
    def real(cls) -> KioskClock:
        return cls(time.monotonic(), time.time())

    @classmethod
    def from_log(cls, kiosk: KioskProcess, at: datetime, speed: float = 1.0) -> KioskClock:
        logged, _ = kiosk.wait_for_log(r"playing as if it were", 30.0)
        return cls(logged, at.timestamp(), speed)

    def kiosk_time(self, mono: float) -> float:
        return self.anchor_kiosk + (mono - self.anchor_mono) * self.speed

    def mono(self, wall: float) -> float:
        return self.anchor_mono + (wall - self.anchor_kiosk) / self.speed


@dataclass
class Switch:
    """An observed change from slide ``old`` to ``new``.

    ``at`` is when the change began. For a crossfade it is measured where the blend crosses halfway
    (the steepest, so the sharpest, point of its eased curve) minus half the crossfade's length: the
    first frames of an eased fade differ from the old slide by too little to time them directly.
    """

    old: str
    new: str
    at: float  # monotonic time the change began
    left: float  # first frame that was no longer the old slide
    arrived: float  # first frame that was the new slide
    blends: int  # frames that were a blend of the two


@dataclass
class ZoneReport:
    """What the frames of one point show."""

    switches: list[Switch] = field(default_factory=list)
    blank: list[tuple[float, RGB]] = field(default_factory=list)  # frames neither slide nor blend
    first: tuple[float, str] | None = None


def classify(colour: RGB, colours: dict[str, RGB]) -> str | None:
    for name, rgb in colours.items():
        if close(colour, rgb):
            return name
    return None


def analyse(frames: list[Frame], point: str, colours: dict[str, RGB]) -> ZoneReport:
    """Read the frames of ``point``: which slide when, each change, and any frame that is neither a
    slide nor a blend of the two slides it lies between (a blank, black, white or background frame)."""
    report = ZoneReport()
    current: str | None = None
    last_seen: Frame | None = None  # the last frame that showed ``current``
    pending: list[Frame] = []  # frames since then (a transition in progress)
    for frame in frames:
        colour = frame.colours[point]
        name = classify(colour, colours)
        if current is None or last_seen is None:  # before the first slide: the kiosk is still starting
            if name is not None:
                current, last_seen = name, frame
                report.first = (frame.t, name)
            continue
        if name == current:
            report.blank += [(f.t, f.colours[point]) for f in pending]  # it left and came back
            pending, last_seen = [], frame
            continue
        if name is None:
            pending.append(frame)
            continue
        a, b = colours[current], colours[name]
        blends = [f for f in pending if on_segment(f.colours[point], a, b)]
        report.blank += [(f.t, f.colours[point]) for f in pending if f not in blends]
        left = pending[0].t if pending else frame.t
        at = _began(point, [last_seen, *blends, frame], a, b) if len(blends) >= 2 else left
        report.switches.append(Switch(current, name, at, left, frame.t, len(blends)))
        current, last_seen, pending = name, frame, []
    report.blank += [(f.t, f.colours[point]) for f in pending if frames and f.t < frames[-1].t - 1.5]
    return report


def _began(point: str, frames: list[Frame], a: RGB, b: RGB) -> float:
    """When a crossfade from ``a`` to ``b`` through these frames began (see :class:`Switch`)."""
    before = frames[0]
    for frame in frames[1:]:
        s0 = blend_fraction(before.colours[point], a, b)
        s1 = blend_fraction(frame.colours[point], a, b)
        if s1 >= 0.5 > s0:
            mid = before.t + (frame.t - before.t) * (0.5 - s0) / (s1 - s0)
            return mid - CROSSFADE_S / 2
        before = frame
    return frames[1].t


@dataclass
class Comparison:
    """How observed switches compare with the expected ones."""

    problems: list[str] = field(default_factory=list)
    offsets: list[float] = field(default_factory=list)  # observed minus expected, per matched switch

    def figures(self) -> str:
        if not self.offsets:
            return "no matched switch"
        worst = max(self.offsets, key=abs)
        mean = sum(self.offsets) / len(self.offsets)
        return (
            f"{len(self.offsets)} switches, mean offset {mean * 1000:+.0f} ms, worst {worst * 1000:+.0f} ms"
        )


def cycle_switches(cycle: Cycle, clock: KioskClock, start: float, end: float) -> list[tuple[float, str, str]]:
    """The cycle's switches as (monotonic time, from, to), a second beyond [start, end) on both sides."""
    found = cycle.switches(clock.kiosk_time(start - 1.0), clock.kiosk_time(end + 1.0))
    return [(clock.mono(wall), old, new) for wall, old, new in found]


def compare(
    report: ZoneReport,
    expected: list[tuple[float, str, str]],
    start: float,
    end: float,
    tolerance: float = 0.25,
) -> Comparison:
    """Every way the observed switches differ from the ``expected`` ones (monotonic time, from, to) between
    ``start`` and ``end``: missing, extra, out of order, early or late by more than ``tolerance`` seconds.
    Expected switches just outside the window still claim the observed switches near them."""
    result = Comparison()
    problems = result.problems
    unmatched = list(report.switches)
    for at, old, new in expected:
        near = [s for s in unmatched if abs(s.at - at) <= 1.0]
        inside = start <= at < end
        if not near:
            problems += [f"no switch {old} → {new} at {at - start:+.2f} s"] if inside else []
            continue
        switch = min(near, key=lambda s: abs(s.at - at))
        unmatched.remove(switch)
        if not inside:
            continue
        result.offsets.append(switch.at - at)
        if (switch.old, switch.new) != (old, new):
            problems.append(f"at {at - start:+.2f} s: {switch.old} → {switch.new}, expected {old} → {new}")
        if abs(switch.at - at) > tolerance:
            problems.append(
                f"switch {old} → {new} {switch.at - at:+.3f} s off its deadline ({at - start:+.2f} s)"
            )
    for switch in unmatched:
        if start <= switch.at < end:
            problems.append(f"unexpected switch {switch.old} → {switch.new} at {switch.at - start:+.2f} s")
    return result


def describe(report: ZoneReport, start: float) -> str:
    """The observed switches, for assertion messages."""
    lines = [
        f"  {s.at - start:7.3f} s  {s.old} → {s.new}  ({s.blends} blend frames)" for s in report.switches
    ]
    return "observed switches:\n" + ("\n".join(lines) or "  (none)")


def seconds(text: str) -> float:
    """'2s' / '1m' (the durations the packs use) in seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    return float(timedelta(seconds=float(text[:-1]) * units[text[-1]]).total_seconds())
