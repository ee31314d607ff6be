"""Where "now" comes from: injected, so that tests, the preview and the CLI can travel in time.

Both clocks return UTC. Python subtracts two datetimes that share a ``tzinfo`` by wall-clock time (an
hour off across a DST change), while datetimes with different ``tzinfo`` are subtracted as real
instants; resolver results carry the device time zone, so ``plan.until - clock.now()`` is real time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything with a timezone-aware ``now()``."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    """The real clock of the machine."""

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, preview, ``kiosk schedule``).

    Args:
        at: The instant to start at; must be timezone-aware.
    """

    def __init__(self, at: datetime) -> None:
        self._now = _aware_utc(at)

    def now(self) -> datetime:
        """The set instant, in UTC."""
        return self._now

    def set(self, at: datetime) -> None:
        """Jump to ``at`` (timezone-aware)."""
        self._now = _aware_utc(at)

    def advance(self, delta: timedelta) -> None:
        """Move on by ``delta`` of real (elapsed) time, not wall-clock time."""
        self._now = self._now + delta  # UTC has no DST, so this is real elapsed time


class RunClock:
    """Real time started at ``start`` and running ``speed`` times as fast (``kiosk run --at/--speed``):
    demos of a whole day in minutes, and field tests that need hours of schedule in real seconds.

    Args:
        start: The instant the clock shows now; timezone-aware.
        speed: Seconds of kiosk time per second of real time (1 = real time).
    """

    def __init__(self, start: datetime, speed: float = 1.0) -> None:
        if not speed > 0:
            raise ValueError(f"the clock speed must be positive, got {speed}")
        self.start = _aware_utc(start)
        self.speed = speed
        self._origin = time.monotonic()  # elapsed time is monotonic: a clock step never jumps the demo

    def now(self) -> datetime:
        """The run's instant, in UTC."""
        return self.start + timedelta(seconds=(time.monotonic() - self._origin) * self.speed)


def real_seconds(clock: Clock, delta: timedelta) -> float:
    """How many seconds of real time ``delta`` of ``clock`` time takes (timers run on real time)."""
    speed = getattr(clock, "speed", 1.0)
    return delta.total_seconds() / speed


def _aware_utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"the clock needs a timezone-aware datetime, got {at.isoformat()}")
    return at.astimezone(UTC)
