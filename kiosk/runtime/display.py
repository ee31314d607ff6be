"""Screen rotation from the device file, applied by the display server.

Rotating at the display server (not by painting rotated) keeps hardware video decoding and Chromium's
compositing working and, above all, rotates touch input with the picture. Only in kiosk mode: a
developer's ``--window`` run never turns their desktop.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Mapping

log = logging.getLogger(__name__)

XRANDR = {90: "right", 180: "inverted", 270: "left"}
WLR = {90: "90", 180: "180", 270: "270"}
TIMEOUT_S = 5


def _first_wayland_output(tool: str) -> str | None:
    try:
        listing = subprocess.run([tool], capture_output=True, text=True, timeout=TIMEOUT_S, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # wlr-randr prints each output's name at the start of a line, its details indented below
    return next((line.split()[0] for line in listing.splitlines() if line and not line[0].isspace()), None)


def rotation_command(rotation: int, env: Mapping[str, str]) -> list[str] | None:
    """The command that turns the screen, or None when there is nothing to do or no tool for it."""
    if rotation == 0:
        return None
    if env.get("WAYLAND_DISPLAY"):
        tool = shutil.which("wlr-randr", path=env.get("PATH"))
        output = _first_wayland_output(tool) if tool else None
        return [tool, "--output", output, "--transform", WLR[rotation]] if tool and output else None
    if env.get("DISPLAY"):
        tool = shutil.which("xrandr", path=env.get("PATH"))
        return [tool, "-o", XRANDR[rotation]] if tool else None
    return None


def apply_rotation(rotation: int, env: Mapping[str, str] | None = None) -> bool:
    """Turn the screen as the device file says; logs once what happened. Returns True when applied."""
    env = os.environ if env is None else env
    if rotation == 0:
        return False
    command = rotation_command(rotation, env)
    if command is None:
        log.warning(
            "screen.rotation is %d°, but neither xrandr (X11) nor wlr-randr (Wayland) can apply it "
            "here; rotate the output in the kiosk session instead",
            rotation,
        )
        return False
    try:
        subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        log.error("could not rotate the screen by %d° with %s: %s", rotation, command[0], exc)
        return False
    log.info("screen rotated by %d°", rotation)
    return True
