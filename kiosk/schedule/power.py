"""When the screen is powered: the pure decision behind ``runtime.screen_power``.

The screen is on while the device is open (``opening_hours``; none means always), and while an
emergency warning takes over the screen (severe/extreme), whatever the hour: it wakes a closed screen and
it goes off again when the warning ends, if the device is still closed. A session that runs when closing
time comes is not cut off: the player holds the schedule while someone uses the terminal, and the screen
goes off when that session ends.

A touch while closed does nothing: no session starts, nothing speaks, the screen stays off (on X11 the
display server itself lights a DPMS-off panel on input; the DPMS timeout the kiosk sets while closed
turns it off again a minute later, showing nothing but black meanwhile). Closed means closed, as a
shop's door; the opening hours are on the sign beside the terminal, and a terminal that lights up at
night for a passing touch only draws moths.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Power = Literal["on", "off"]


@dataclass(frozen=True)
class PowerState:
    """What the screen should be, from what the kiosk knows."""

    open: bool = True
    takeover: bool = False

    @property
    def wanted(self) -> Power:
        return "on" if self.open or self.takeover else "off"

    @property
    def quiet(self) -> bool:
        """Nothing speaks, no session starts, nothing moves: closed and no warning on screen."""
        return self.wanted == "off"


class PowerDecision:
    """Turns changes of the inputs into at most one command per change of the wanted state."""

    def __init__(self) -> None:
        self.state = PowerState()
        self.applied: Power = "on"  # a kiosk starts with its screen on (the display server's own state)

    def update(self, open: bool | None = None, takeover: bool | None = None) -> Power | None:
        """The new inputs; returns the command to send ("on"/"off") or None when nothing changes."""
        self.state = replace(
            self.state,
            open=self.state.open if open is None else open,
            takeover=self.state.takeover if takeover is None else takeover,
        )
        wanted = self.state.wanted
        if wanted == self.applied:
            return None
        self.applied = wanted
        return wanted

    def reason(self) -> str:
        if self.state.open:
            return "open"
        return "emergency warning while closed" if self.state.takeover else "closed"
