"""The portrait stele on a landscape 1920 × 1080 screen (a desktop monitor, a wrongly mounted display):
the layout keeps its aspect, bars in the theme background left and right, nothing stretched, the picture's
caption above the touch bar, and one log line that says so.

Before, the 1080 × 1920 layout was stretched over 1920 × 1080: the content zone became a flat strip, the
Hanse Sail picture shrank into it and its caption lay behind the attract bar.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.conftest import REPO
from tests.field.conftest import StartKiosk
from tests.field.screen import Screen
from tests.field.xinput import click
from tests.field.xserver import XServer
from tests.kiosk_cli import run_kiosk

pytestmark = pytest.mark.field

LANDSCAPE = (1920, 1080)
CANVAS = (608, 1080)  # 1080 × 1920 scaled by 1080/1920, rounded
LEFT = (LANDSCAPE[0] - CANVAS[0]) // 2
HANSE_SAIL = "2026-08-07T11:00"  # the README's picture: the Hanse Sail poster with its caption
ACCENT = (0x00, 0x3D, 0x7C)  # the attract bar (theme rostock: accent)


def _rows(image: Image.Image, x: int, colour: tuple[int, int, int]) -> list[int]:
    return [y for y in range(image.height) if image.getpixel((x, y))[:3] == colour]


def test_portrait_stele_on_a_landscape_screen_is_pillarboxed_not_stretched(
    tmp_path: Path, xservers: object, start_kiosk: StartKiosk
) -> None:
    server: XServer = xservers(LANDSCAPE)  # type: ignore[operator]
    reference = tmp_path / "portrait.png"  # what the stele shows on a portrait screen of that height
    done = run_kiosk(
        "preview", "stadthafen-stele", "--root", str(REPO), "--at", HANSE_SAIL,
        "--size", f"{CANVAS[0]}x{CANVAS[1]}", "--out", str(reference),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    kiosk = start_kiosk(REPO, "stadthafen-stele", ["--at", HANSE_SAIL], server=server)
    time.sleep(3)  # the poster is decoded and shown
    with Screen(server.display) as screen:
        shot = screen.grab(0, 0, *LANDSCAPE).convert("RGB")
    shot.save(tmp_path / "landscape.png")
    background = shot.getpixel((5, 5))
    assert background == (255, 255, 255), "the bars are the theme's background (white)"
    # bars: every pixel left and right of the canvas is the background
    for side in (shot.crop((0, 0, LEFT, 1080)), shot.crop((LEFT + CANVAS[0], 0, 1920, 1080))):
        assert side.getcolors(4) == [(side.width * side.height, background)], "something drawn in a bar"
    # the attract bar spans the canvas only: its aspect is the portrait one, not stretched to 1920
    # the header zone is an accent band too (the brand frame), and so is the poster's caption box (not
    # at the edge): the bar is the first accent row at the canvas's edge below the header zone
    top = round(200 * CANVAS[1] / 1920)
    bar_y = min(y for y in _rows(shot, LEFT + 2, ACCENT) if y >= top)
    columns = [x for x in range(0, 1920, 4) if shot.getpixel((x, bar_y + 4)) == ACCENT]
    assert LEFT - 4 <= min(columns) <= LEFT + 4 and LEFT + CANVAS[0] - 8 <= max(columns) <= LEFT + CANVAS[0]
    # the content zone shows what the portrait screen shows, pixel for pixel (clock and ticker move:
    # compared between the header and the bar): the caption is where it is on a portrait screen
    portrait = Image.open(reference).convert("RGB")
    assert min(y for y in _rows(portrait, 2, ACCENT) if y >= top) == bar_y, (
        "the attract bar is not where a portrait screen has it"
    )
    region = (0, top, CANVAS[0], bar_y)
    diff = ImageChops.difference(shot.crop((LEFT, top, LEFT + CANVAS[0], bar_y)), portrait.crop(region))
    assert max(ImageStat.Stat(diff).mean) < 2.0, "the content zone differs from the portrait screen's"
    # and the poster ends above the bar: its caption box (accent, at the poster's foot, from 20 px in from
    # the canvas's edge) is drawn whole in the content zone. The zone itself is filled to the bar (a contain
    # picture's bands show a blurred copy of it), so the poster's edge is found by its caption.
    caption = _rows(shot.crop((LEFT + 28, top, LEFT + 29, bar_y)), 0, ACCENT)
    assert len(caption) > 30 and top + max(caption) < bar_y - 10, "the caption is under the bar"
    # a touch on the fitted layout reaches the kiosk's input filter (on the frame's window) and starts a
    # session whose pages stay inside the layout
    touched = time.monotonic()
    click(server.display, LEFT + CANVAS[0] // 2, 400)
    kiosk.wait_for_log(r"session started", 5, since=touched)
    time.sleep(1)
    with Screen(server.display) as screen:
        page = screen.grab(0, 0, *LANDSCAPE).convert("RGB")
    assert page.crop((LEFT, top, LEFT + CANVAS[0], bar_y)).getcolors(1 << 16) != shot.crop(
        (LEFT, top, LEFT + CANVAS[0], bar_y)
    ).getcolors(1 << 16), "the page did not open"
    for side in (page.crop((0, 0, LEFT, 1080)), page.crop((LEFT + CANVAS[0], 0, 1920, 1080))):
        assert side.getcolors(4) == [(side.width * side.height, background)], "the page spilled into a bar"
    notes = kiosk.find_log(r"differs from device stadthafen-stele's screen.*")
    assert len(notes) == 1 and "608×1080, not stretched, with bars left and right" in notes[0][1].group(0)
    assert not kiosk.problems()
