"""The visible language choice on the real kiosk (issue 14, stable chrome): ``kiosk run`` on Xvfb, a real
tap (xdotool) on "English" on the attract bar starts the session in English.

The button is found the way a passer-by finds it, by looking: on the screen's pixels the attract bar's
language buttons are the one row of three equal surface-coloured boxes (Deutsch, English, Leichte
Sprache, in the device's order). That the home page is English is then heard: a long touch starts
reading aloud, and the spoken log (``--log-speech``) says the English home page.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from tests.field.conftest import PORTRAIT, StartKiosk, wait_until
from tests.field.packs import touch_pack
from tests.field.screen import RGB, Screen, close, rgb, save_screen
from tests.field.test_blind_journey import Listener, long_press
from tests.field.xinput import click
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

ATTRACT = (30, 120, 90)
SURFACE = (0x0B, 0x4F, 0x96)  # the pack theme's surface: buttons on the (white) accent bar
LONG_PRESS_S = 1.0


def runs(image: Image.Image, y: int, colour: RGB) -> list[tuple[int, int]]:
    """The stretches (x from, x to) of ``colour`` along row ``y``, at least 40 px long."""
    out, start = [], None
    for x in range(image.width + 1):
        inside = x < image.width and close(rgb(image, (x, y)), colour, 6)
        if inside and start is None:
            start = x
        elif not inside and start is not None:
            if x - start >= 40:
                out.append((start, x - 1))
            start = None
    return out


def language_buttons(image: Image.Image) -> tuple[int, list[tuple[int, int]]]:
    """The row of the attract bar's three language buttons: a y and the three x ranges."""
    for y in range(image.height - 1, image.height // 2, -2):
        found = runs(image, y, SURFACE)
        widths = [b - a for a, b in found]
        if len(found) == 3 and max(widths) - min(widths) <= 4:
            return y, found
    raise AssertionError("no row of three language buttons on the screen")


def test_english_on_the_attract_bar_starts_the_session_in_english(
    tmp_path: Path, portrait_xserver: XServer, start_kiosk: StartKiosk
) -> None:
    pack = touch_pack(
        tmp_path / "pack", languages=["de", "en", "ls"], size=PORTRAIT, attract=("warten", ATTRACT)
    )
    device = pack.root / "device-config/stele.yaml"
    device.write_text(
        device.read_text(encoding="utf-8") + f"speech:\n  long_press: {LONG_PRESS_S:g}s\n", encoding="utf-8"
    )
    pack.validate()
    kiosk = start_kiosk(pack.root, "stele", ["--log-speech"], server=portrait_xserver)
    display = portrait_xserver.display
    spot = (PORTRAIT[0] // 2, PORTRAIT[1] // 4)  # on the attract loop, above its bar
    with Screen(display) as screen:
        assert wait_until(lambda: close(screen.pixel(*spot), ATTRACT), 15), kiosk.tail()
        image = screen.wait_stable()
        try:
            y, found = language_buttons(image)
        except AssertionError:
            raise AssertionError(
                f"see {save_screen(display, tmp_path / 'attract.png')}\n{kiosk.tail()}"
            ) from None
        english = found[1]
        touched = time.monotonic()
        click(display, (english[0] + english[1]) // 2, y)
        kiosk.wait_for_log(r"session started \(en\)", 5, since=touched - 0.1)
        covered = wait_until(lambda: not close(screen.pixel(*spot), ATTRACT), 5)
        assert covered, f"the home page never covered the attract loop\n{kiosk.tail()}"
        time.sleep(0.6)  # the settle time of the new page
        # reading aloud now (a long touch): the home page is said in English
        ear = Listener(kiosk)
        ear.act()
        long_press(display, spot[0], spot[1])
        ear.hear(r"Reading aloud is on\..* Home\. \d+ items\.", "en")
    assert not kiosk.find_log(r"session started \(de\)"), kiosk.tail()
    assert not kiosk.problems(), kiosk.tail()
