"""The harness itself: the kiosk fills the Xvfb screen, both grab paths agree, the log is read live."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.field.conftest import SCREEN, StartKiosk, wait_until
from tests.field.packs import signage_pack
from tests.field.screen import Screen, close, rgb, xwd_image
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

ORANGE = (0xF0, 0x80, 0x10)


def test_kiosk_fills_the_screen_and_both_grabs_agree(
    tmp_path: Path, xserver: XServer, screen: Screen, start_kiosk: StartKiosk
) -> None:
    pack = signage_pack(tmp_path / "pack", {"main": (0, 0, 640, 360)}, {"main": [("orange", ORANGE, "1m")]})
    pack.validate()
    kiosk = start_kiosk(pack.root, "feld")
    assert wait_until(lambda: close(screen.pixel(320, 180), ORANGE), 20), kiosk.tail()
    fast = screen.wait_stable()
    assert fast.size == SCREEN
    corners = [(2, 2), (SCREEN[0] - 3, 2), (2, SCREEN[1] - 3), (SCREEN[0] - 3, SCREEN[1] - 3)]
    for point in corners:  # full screen: the slide reaches every corner of the X screen
        assert close(rgb(fast, point), ORANGE), (point, rgb(fast, point), kiosk.tail())
    slow = xwd_image(xserver.display)
    assert slow.tobytes() == fast.tobytes(), "xwd and XGetImage see different screens"
    assert kiosk.find_log(r"device feld \(hall-display\) running on layout feld")
    assert not kiosk.problems(), kiosk.tail()
