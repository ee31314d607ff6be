"""Real input: XTest events sent to the X server by ``xdotool`` (what a touch screen or keypad delivers
through the X server), never calls into Qt. A touch is a click: Qt turns the X pointer events into the
mouse/touch input the kiosk reacts to."""

from __future__ import annotations

import os
import subprocess


def xdotool(display: str, *args: str) -> None:
    subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=10,
        capture_output=True,
    )


def click(display: str, x: int, y: int, button: int = 1) -> None:
    """Move the pointer to (x, y) on the root window and press and release ``button``."""
    # no ``--sync``: it waits for the pointer to move and hangs when it already is there (Xvfb starts it
    # at the centre); XTest events are handled in order by the server, so the click lands at (x, y)
    xdotool(display, "mousemove", str(x), str(y), "click", str(button))


def key(display: str, *names: str) -> None:
    """Press and release keys by X keysym name (``Return``, ``F1``, ``Down``) on the focused window."""
    xdotool(display, "key", *names)
