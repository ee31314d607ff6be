"""Clocks: injected time for tests, preview and the player."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.schedule.clock import Clock, FixedClock, SystemClock
from tests.unit.schedule.packs import at


def test_system_clock_is_aware_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_fixed_clock_set_and_advance_in_real_time() -> None:
    clock: Clock = FixedClock(at("2026-10-25 01:30"))
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(hours=2))  # across the autumn change: 2 h of real time
    # (timestamps: PEP 495 makes times in the repeated hour unequal to every other zone's)
    assert clock.now().timestamp() == at("2026-10-25 02:30").replace(fold=1).timestamp()
    assert clock.now().timestamp() - at("2026-10-25 01:30").timestamp() == 7200
    clock.set(at("2026-08-07 10:00"))
    assert clock.now() == at("2026-08-07 10:00") and clock.now().tzinfo is UTC


def test_fixed_clock_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedClock(datetime(2026, 8, 7, 10, 0))
