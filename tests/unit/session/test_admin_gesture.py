"""The hidden admin gesture as a state machine: taps and a hold in a corner, or a key sequence."""

from __future__ import annotations

import pytest

from kiosk.session.admin_gesture import (
    GAP_MAX_S,
    KEYS_WITHIN_S,
    Area,
    CornerGesture,
    KeySequence,
    corner_area,
    corner_px,
)

CORNER = Area(0, 0, 60, 60)


def tap(g: CornerGesture, t: float, x: float = 10, y: float = 10) -> float:
    g.press(x, y, t)
    g.release(x, y, t + 0.1)
    return t + 0.3


def taps_then_hold(g: CornerGesture, n: int = 3) -> float:
    t = 0.0
    for _ in range(n):
        t = tap(g, t)
    g.press(10, 10, t)
    return t


def test_three_taps_then_a_hold_complete_the_gesture() -> None:
    g = CornerGesture(CORNER, taps=3, hold_s=5)
    t = taps_then_hold(g)
    assert g.due_at == pytest.approx(t + 5)
    assert not g.due(t + 4.9)
    assert g.due(t + 5.0)
    assert g.due_at is None and g.count == 0  # it starts over


def test_a_hold_without_the_taps_is_nothing() -> None:
    g = CornerGesture(CORNER, taps=3, hold_s=5)
    g.press(10, 10, 0)
    assert g.due_at is None and not g.due(60)


def test_a_speech_mode_double_tap_and_long_touch_in_the_corner_is_nothing() -> None:
    # exploring by touch: a double-tap to activate, then a long touch for speech mode
    g = CornerGesture(CORNER, taps=3, hold_s=5)
    t = taps_then_hold(g, n=2)
    assert g.due_at is None and not g.due(t + 10)


@pytest.mark.parametrize("where", ["outside", "slow_gap", "slow_tap", "slides_out", "lifted_early"])
def test_anything_else_breaks_the_series(where: str) -> None:
    g = CornerGesture(CORNER, taps=3, hold_s=5)
    t = tap(g, 0.0)
    if where == "outside":
        t = tap(g, t, x=200, y=10)
    elif where == "slow_gap":
        t += GAP_MAX_S + 0.1
    elif where == "slow_tap":
        g.press(10, 10, t)
        g.release(10, 10, t + 0.7)
        t += 1.0
    t = tap(g, t)
    t = tap(g, t)
    g.press(10, 10, t)
    if where == "slides_out":
        g.move(70, 10, t + 1)
    if where == "lifted_early":
        g.release(10, 10, t + 4)
    if where in ("slides_out", "lifted_early"):
        assert not g.due(t + 6)
    else:  # the series started again with fewer taps: the press is another tap, not the hold
        assert g.due_at is None


def test_a_tap_lifted_outside_the_corner_is_no_tap() -> None:
    g = CornerGesture(CORNER, taps=2, hold_s=5)
    g.press(10, 10, 0)
    g.release(100, 10, 0.1)
    t = tap(g, 0.3)
    g.press(10, 10, t)
    assert g.due_at is None


@pytest.mark.parametrize(
    ("corner", "expected"),
    [
        ("top-left", Area(0, 0, 62, 62)),
        ("top-right", Area(478, 0, 62, 62)),
        ("bottom-left", Area(0, 898, 62, 62)),
        ("bottom-right", Area(478, 898, 62, 62)),
    ],
)
def test_corner_areas(corner: str, expected: Area) -> None:
    assert corner_area(corner, 540, 960, corner_px(30, 0.4845)) == expected


def test_the_corner_is_never_larger_than_the_window() -> None:
    assert corner_area("top-left", 40, 30, 500) == Area(0, 0, 30, 30)


def test_a_key_sequence_in_time() -> None:
    seq = KeySequence(["F9", "F9", "F10"])
    assert not seq.key("F9", 0) and not seq.key("F9", 1)
    assert seq.key("F10", 2)
    assert not seq.key("F10", 3)  # used up: it starts again
    assert not seq.key("F9", 10) and not seq.key("F9", 11) and not seq.key("F10", 10 + KEYS_WITHIN_S + 1)
    # another key between them breaks the sequence
    assert not seq.key("F9", 100) and not seq.key("Up", 100.5) and not seq.key("F9", 101)
    assert not seq.key("F10", 101.5)
    empty = KeySequence([])
    assert not empty.key("F9", 0)


def test_a_hold_whose_release_comes_late_still_counts() -> None:
    # the GUI thread was busy: press and release of a full hold are seen one after the other
    g = CornerGesture(CORNER, taps=3, hold_s=5)
    t = taps_then_hold(g)
    assert g.release(10, 10, t + 5.2)
    assert g.due_at is None


def test_the_hold_timer_completes_only_a_started_hold() -> None:
    g = CornerGesture(CORNER, taps=3, hold_s=5)
    assert not g.complete_hold()
    taps_then_hold(g)
    assert g.complete_hold() and not g.complete_hold()
