"""Rendered type against the minimum computed from the device's viewing distance (issue 14, acceptance 1).

The shipped hall display (7 m, 0.63 mm) and the street stele (0.5 m, 0.369 mm) are rendered by
``kiosk preview`` (offscreen, the real command); the clock's digits are measured in the picture (their
height is the cap height in DejaVu Sans) and compared with ``kiosk.navigation.legibility.minimum``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from kiosk.navigation.legibility import Place, minimum, readable_distance_m


def _render(device: str, at: str, out: Path) -> Image.Image:
    subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "preview", device, "--at", at, "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Image.open(out).convert("L")


def _tallest_ink_run(picture: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Height in px of the tallest run of rows holding text pixels (ones far from the zone's background)."""
    zone = picture.crop(box)
    background = zone.getpixel((2, 2))
    assert isinstance(background, int)
    width, height = zone.size
    pixels = zone.load()
    assert pixels is not None
    inked = [
        any(abs(int(pixels[x, y]) - background) > 100 for x in range(0, width, 1)) for y in range(height)
    ]
    best = run = 0
    for row in inked:
        run = run + 1 if row else 0
        best = max(best, run)
    return best


def test_the_halls_clock_is_readable_at_7_m(tmp_path: Path) -> None:
    picture = _render("sporthalle-schmarl", "2026-12-02T11:00", tmp_path / "hall.png")
    cap = _tallest_ink_run(picture, (1280, 0, 1920, 960))  # the side column: clock "11:00"
    need = minimum("clock", Place(7.0, 0.63)).cap_px
    assert cap >= need - 1, (cap, need)
    assert readable_distance_m("clock", cap, 0.63) >= 7.0 - 0.1


def test_the_steles_clock_is_readable_at_half_a_metre(tmp_path: Path) -> None:
    picture = _render("stadthafen-stele", "2026-12-02T11:00", tmp_path / "stele.png")
    cap = _tallest_ink_run(picture, (0, 0, 1080, 200))  # the head zone: clock
    need = minimum("clock", Place(0.5, 0.369)).cap_px
    assert cap >= need - 1, (cap, need)
