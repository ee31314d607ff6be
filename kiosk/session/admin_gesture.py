"""The hidden admin gesture as a state machine without Qt: taps and a hold in a corner, or a key sequence.

    idle ──tap in corner──▶ tapping (n taps) ──n = taps──▶ armed ──press in corner──▶ holding
      ▲                                                                                 │ held `hold`
      └──── press outside, a slow tap, a late tap, leaving the corner, lifting early ◀───┘──▶ OPEN

A tap is a press and release in the corner within ``TAP_MAX_S``; the next press must follow within
``GAP_MAX_S``. The hold must stay in the corner (a finger sliding out ends it). The runtime feeds it
presses, moves and releases with the input events' own timestamps (so a GUI thread busy opening a page
does not make quick taps slow) and arms one timer for the hold; tests drive it with plain numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

TAP_MAX_S = 0.6  # a touch longer than this is no tap
GAP_MAX_S = 1.0  # at most this from one release to the next press
KEYS_WITHIN_S = 5.0  # a key sequence typed slower than this does not count


@dataclass(frozen=True)
class Area:
    """A rectangle of the window in pixels."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


def corner_area(corner: str, window_w: int, window_h: int, size_px: int) -> Area:
    """The square of ``size_px`` (at most the window's shorter side) in ``corner`` of the window."""
    side = max(1, min(size_px, window_w, window_h))
    x = 0 if corner.endswith("left") else window_w - side
    y = 0 if corner.startswith("top") else window_h - side
    return Area(x, y, side, side)


def corner_px(corner_mm: float, pixel_pitch_mm: float) -> int:
    return max(1, round(corner_mm / pixel_pitch_mm))


class CornerGesture:
    """``taps`` quick taps in ``area``, then a touch held there for ``hold_s`` seconds."""

    def __init__(self, area: Area, taps: int, hold_s: float) -> None:
        self.area = area
        self.taps = taps
        self.hold_s = hold_s
        self.reset()

    def reset(self) -> None:
        self.count = 0  # taps so far
        self.down_at: float | None = None  # when the current touch in the corner began
        self.last_release: float | None = None
        self.holding = False

    @property
    def due_at(self) -> float | None:
        """When the hold completes (the runtime arms a timer for it), or None."""
        return self.down_at + self.hold_s if self.holding and self.down_at is not None else None

    def press(self, x: float, y: float, t: float) -> None:
        if not self.area.contains(x, y):
            self.reset()
            return
        if self.count and self.last_release is not None and t - self.last_release > GAP_MAX_S:
            self.reset()  # too slow: this press starts a new series
        self.down_at = t
        self.holding = self.count >= self.taps

    def move(self, x: float, y: float, t: float) -> None:
        if self.down_at is not None and not self.area.contains(x, y):
            self.reset()

    def release(self, x: float, y: float, t: float) -> bool:
        """A finger lifted; True when it ended a complete hold (its events came late, e.g. while the
        GUI thread was busy, and the hold's timer has not fired yet)."""
        if self.down_at is None:
            return False
        if self.holding and self.area.contains(x, y) and t - self.down_at >= self.hold_s:
            self.reset()
            return True
        if self.holding or t - self.down_at > TAP_MAX_S or not self.area.contains(x, y):
            self.reset()  # lifted before the hold was complete, or a slow touch: no tap
            return False
        self.count += 1
        self.down_at = None
        self.last_release = t
        return False

    def due(self, t: float) -> bool:
        """Whether the gesture is complete at ``t``; it starts over either way once complete."""
        at = self.due_at
        if at is not None and t >= at:
            self.reset()
            return True
        return False

    def complete_hold(self) -> bool:
        """The hold's timer fired (``hold_s`` after the press was seen) with the finger still down."""
        if self.holding and self.down_at is not None:
            self.reset()
            return True
        return False


class KeySequence:
    """The configured ``keys`` pressed in order, all within ``KEYS_WITHIN_S``."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = list(keys)
        self.typed: list[tuple[str, float]] = []

    def key(self, name: str, t: float) -> bool:
        """Feed one key press; True when it completed the sequence."""
        if not self.keys:
            return False
        self.typed = [(k, at) for k, at in [*self.typed, (name, t)] if t - at <= KEYS_WITHIN_S]
        self.typed = self.typed[-len(self.keys) :]
        if [k for k, _ in self.typed] == self.keys:
            self.typed = []
            return True
        return False
