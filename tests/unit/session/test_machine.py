"""The session state machine travels in time: attract, interactive, warning, extension, reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.config.models.device import Session
from kiosk.session.machine import Change, Phase, SessionMachine, Timing

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def machine(**kw: object) -> SessionMachine:
    return SessionMachine(Timing.of(Session.model_validate(kw)))


def test_touch_starts_a_session_and_idle_brings_the_warning_then_reset() -> None:
    m = machine(idle_timeout="90s", idle_warning="30s")
    assert m.deadline() is None and m.tick(T0) is None
    assert m.activity(T0) is Change.STARTED and m.phase is Phase.INTERACTIVE
    assert m.deadline() == T0 + timedelta(seconds=90)
    assert m.tick(T0 + timedelta(seconds=89)) is None
    assert m.tick(T0 + timedelta(seconds=90)) is Change.WARNED and m.phase is Phase.WARNING
    assert m.remaining(T0 + timedelta(seconds=100)) == timedelta(seconds=20)
    assert m.tick(T0 + timedelta(seconds=119)) is None
    assert m.tick(T0 + timedelta(seconds=120)) is Change.RESET and m.phase is Phase.ATTRACT
    assert m.deadline() is None


def test_activity_keeps_the_session_alive() -> None:
    m = machine(idle_timeout="60s", idle_warning="20s")
    m.activity(T0)
    for minute in range(1, 30):  # someone reading and tapping for half an hour never sees a warning
        now = T0 + timedelta(seconds=50 * minute)
        assert m.tick(now) is None
        assert m.activity(now) is None
    assert m.phase is Phase.INTERACTIVE


def test_the_warning_can_be_extended_at_least_ten_times_then_runs_out() -> None:
    m = machine(idle_timeout="30s", idle_warning="20s", max_extensions=10)
    now = T0
    m.activity(now)
    for _ in range(10):
        now = m.deadline() or now
        assert m.tick(now) is Change.WARNED
        now += timedelta(seconds=19)  # a tap just before the end gives the full time again
        assert m.activity(now) is Change.EXTENDED
    now = m.deadline() or now
    assert m.tick(now) is Change.WARNED and m.extensions_left == 0
    assert m.activity(now + timedelta(seconds=5)) is None  # no 11th extension
    assert m.tick(now + timedelta(seconds=20)) is Change.RESET


def test_speech_mode_doubles_both_times() -> None:
    m = machine(idle_timeout="90s", idle_warning="30s")
    m.activity(T0)
    m.speech = True
    assert m.deadline() == T0 + timedelta(seconds=180)
    assert m.tick(T0 + timedelta(seconds=180)) is Change.WARNED
    assert m.deadline() == T0 + timedelta(seconds=240)


def test_end_resets_everything_and_a_new_session_starts_fresh() -> None:
    m = machine()
    m.activity(T0)
    m.speech = True
    assert m.end() is Change.RESET
    assert (m.phase, m.speech, m.extensions) == (Phase.ATTRACT, False, 0)
    assert m.end() is None  # ending twice is harmless
    assert m.activity(T0) is Change.STARTED


@pytest.mark.parametrize("warning", ["10s", "19s"])
def test_a_warning_shorter_than_20_seconds_is_refused(warning: str) -> None:
    with pytest.raises(ValueError, match="idle_warning"):
        Session.model_validate({"idle_warning": warning})
