"""A severe warning from the project's fake city platform, served with faults, whose headline carries
markup: the real kiosk's emergency overlay shows it as literal text, and the demo's data never stays.

Issue 9 saw ``<img src=…>`` in a feed headline draw a local picture on the overlay and ``<font>`` paint a
fake "all clear" over a severe warning (the labels rendered rich text). The picture here is a magenta
square and the font colour pure green: neither colour is anywhere in the theme, so a single such pixel
on the screen means the markup was interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.field.conftest import StartKiosk, wait_until
from tests.field.fakeplatform import ARS, NINA_SOURCE, PlatformProcess, nina_dashboard, write_fixtures
from tests.field.packs import signage_pack
from tests.field.screen import Screen, close, rgb
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

SLIDE = (30, 120, 90)
ALERT = (0xB0, 0x00, 0x20)  # the test theme's "alert" colour: the overlay's background
MAGENTA, GREEN = (255, 0, 255), (0, 255, 0)
WARNING_ID = "mow.DE-MV-HRO-FELD-001"
# A hall display's full HD screen (the overlay sizes itself from the window: tests/gui/test_fit_overlay.py
# proves every size from 640 × 360 to 3840 × 2160).
SCREEN = (1920, 1080)


def _count(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    return sum(
        1
        for x in range(0, image.width, 2)
        for y in range(0, image.height, 2)
        if close(rgb(image, (x, y)), colour, tolerance)
    )


def test_hostile_headline_is_literal_text_and_the_demo_leaves_no_warning(
    tmp_path: Path, xservers: Callable[[tuple[int, int]], XServer], start_kiosk: StartKiosk
) -> None:
    server = xservers(SCREEN)
    with Screen(server.display) as screen:
        _hostile_headline(tmp_path, server, screen, start_kiosk)


def _hostile_headline(tmp_path: Path, server: XServer, screen: Screen, start_kiosk: StartKiosk) -> None:
    picture = tmp_path / "fake-all-clear.png"
    Image.new("RGB", (200, 200), MAGENTA).save(picture)
    # the fake all-clear first, so it is on the headline's first line whatever the screen cuts off
    headline = (
        '<font color="#00ff00">ENTWARNUNG</font> Sturmflut '
        f'<img src="file://{picture}" width="200" height="200"> &lt;b&gt;fett&lt;/b&gt;'
    )
    fixtures = write_fixtures(
        tmp_path / "platform",
        {
            f"/api31/dashboard/{ARS}.json": nina_dashboard(WARNING_ID, headline),
            f"/api31/warnings/{WARNING_ID}.json": {"identifier": WARNING_ID},
        },
    )
    # faults: the detail of the warning fails (the dashboard summary must still be shown), and every
    # answer is slow
    faults = [f"/api31/warnings/{WARNING_ID}.json=status:503", "*=latency_ms:300"]
    platform = PlatformProcess(fixtures, faults).start()
    try:
        pack = signage_pack(
            tmp_path / "pack", {"main": (0, 0, *SCREEN)}, {"main": [("ruhig", SLIDE, "1m")]}, size=SCREEN
        )
        pack.write("device-config/sources/nina-rostock.yaml", NINA_SOURCE)
        pack.validate()
        data = tmp_path / "device-data"
        args = ["--platform", platform.url]
        kiosk = start_kiosk(pack.root, "feld", args, offline=False, data_dir=data, server=server)
        _, match = kiosk.wait_for_log(r"active warning\(s\): (.*)", 30)
        assert "<img src=" in match.group(1), f"the headline did not arrive as sent: {match.group(1)}"
        covered = wait_until(lambda: close(screen.pixel(8, 8), ALERT), 10)
        assert covered, f"no emergency overlay on the screen\n{kiosk.tail()}"
        shown = screen.wait_stable()
        shown.save(tmp_path / "overlay.png")
        assert _count(shown, ALERT, 10) > 0.4 * (shown.width // 2) * (shown.height // 2), (
            "the overlay does not cover the screen"
        )
        magenta, green = _count(shown, MAGENTA), _count(shown, GREEN)
        problems = []
        if magenta:
            problems.append(f"the <img> in the headline was drawn ({magenta * 4} magenta pixels)")
        if green:
            problems.append(f"the <font color> in the headline was applied ({green * 4} green pixels)")
        assert not problems, "; ".join(problems) + f" — see {tmp_path / 'overlay.png'}\n{kiosk.tail()}"
        kiosk.signal(15)
        assert kiosk.wait(10) == 0, kiosk.tail()
    finally:
        platform.kill()
    # a demo against the fake platform leaves nothing behind: the next normal run shows no warning
    leftovers = [p for p in data.rglob("*") if p.is_file() and re.search("nina", p.name)]
    assert not leftovers, f"the demo's warnings stayed in the device's data: {leftovers}"
    normal = start_kiosk(pack.root, "feld", data_dir=data, server=server)
    assert wait_until(lambda: close(screen.pixel(*(v // 2 for v in SCREEN)), SLIDE), 15), normal.tail()
    screen.wait_stable()
    assert close(screen.pixel(8, 8), SLIDE), f"something covers the slide after the demo\n{normal.tail()}"
    assert not normal.find_log(r"active warning"), normal.tail()
