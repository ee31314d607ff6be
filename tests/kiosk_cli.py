"""Running ``python -m kiosk.cli`` as its own process, the way a technician or systemd does, and looking
at the screenshot it wrote."""

from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image


def kiosk_command(*args: str) -> list[str]:
    """The command line of ``kiosk ARGS`` with this interpreter (and so this checkout's code)."""
    return [sys.executable, "-m", "kiosk.cli", *args]


def run_kiosk(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``kiosk ARGS`` to its end; its output is in ``stdout`` and ``stderr`` (text)."""
    return subprocess.run(
        kiosk_command(*args),
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def share_of(image: Image.Image, colour: tuple[int, int, int], step: int = 20) -> float:
    """How much of a screenshot shows exactly ``colour``, over a grid of points ``step`` pixels apart."""
    hits = sum(
        1
        for x in range(0, image.width, step)
        for y in range(0, image.height, step)
        if image.getpixel((x, y)) == colour
    )
    return hits / ((image.width // step) * (image.height // step))
