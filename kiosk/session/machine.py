"""The interactive-session state machine of a touch terminal, without Qt and without a clock of its own.

attract ──touch──▶ interactive ──idle_timeout──▶ warning ──idle_warning──▶ reset ──▶ attract
                        ▲                            │
                        └──── any touch or key ──────┘  (one extension; at most ``max_extensions``)

The runtime feeds it user activity and the time, and asks for the next deadline to arm one timer: nothing
polls, and tests drive it with plain datetimes. Speech mode doubles both times (ACCESSIBILITY.md R31):
someone listening needs longer than someone reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from kiosk.config.models.device import Session


class Phase(Enum):
    ATTRACT = "attract"
    INTERACTIVE = "interactive"
    WARNING = "warning"


class Change(Enum):
    """What a call did; the runtime reacts to these (show pages, show the warning, wipe the session)."""

    STARTED = "started"
    WARNED = "warned"
    EXTENDED = "extended"
    RESET = "reset"


@dataclass(frozen=True)
class Timing:
    idle_timeout: timedelta
    warning: timedelta
    max_extensions: int

    @classmethod
    def of(cls, session: Session) -> Timing:
        return cls(session.idle_timeout, session.idle_warning, session.max_extensions)


class SessionMachine:
    """One passer-by's session at a time."""

    def __init__(self, timing: Timing) -> None:
        self.timing = timing
        self.phase = Phase.ATTRACT
        self.extensions = 0
        self.speech = False
        self._last_activity: datetime | None = None
        self._warning_until: datetime | None = None

    def _factor(self) -> int:
        return 2 if self.speech else 1

    @property
    def extensions_left(self) -> int:
        return max(0, self.timing.max_extensions - self.extensions)

    def activity(self, now: datetime) -> Change | None:
        """A touch or key press. Starts a session, keeps it alive, or extends it during the warning."""
        if self.phase is Phase.ATTRACT:
            self.phase, self.extensions = Phase.INTERACTIVE, 0
            self._last_activity = now
            return Change.STARTED
        if self.phase is Phase.WARNING:
            if not self.extensions_left:  # no more time to give: the warning runs out as announced
                return None
            self.extensions += 1
            self.phase, self._warning_until = Phase.INTERACTIVE, None
            self._last_activity = now
            return Change.EXTENDED
        self._last_activity = now
        return None

    def tick(self, now: datetime) -> Change | None:
        """Advance to ``now``: the idle warning starts, or the session ends."""
        if self.phase is Phase.INTERACTIVE and self._last_activity is not None:
            if now >= self._last_activity + self.timing.idle_timeout * self._factor():
                self.phase = Phase.WARNING
                self._warning_until = now + self.timing.warning * self._factor()
                return Change.WARNED
        elif self.phase is Phase.WARNING and self._warning_until is not None and now >= self._warning_until:
            return self.end()
        return None

    def end(self) -> Change | None:
        """End the session now (time ran out, or the passer-by chose to finish)."""
        if self.phase is Phase.ATTRACT:
            return None
        self.phase, self.extensions, self.speech = Phase.ATTRACT, 0, False
        self._last_activity = self._warning_until = None
        return Change.RESET

    def deadline(self) -> datetime | None:
        """When ``tick`` must next be called (None: nothing pending)."""
        if self.phase is Phase.INTERACTIVE and self._last_activity is not None:
            return self._last_activity + self.timing.idle_timeout * self._factor()
        if self.phase is Phase.WARNING:
            return self._warning_until
        return None

    def remaining(self, now: datetime) -> timedelta:
        """Time left in the warning (zero outside it)."""
        if self.phase is not Phase.WARNING or self._warning_until is None:
            return timedelta(0)
        return max(timedelta(0), self._warning_until - now)


__all__ = ["Change", "Phase", "SessionMachine", "Timing"]
