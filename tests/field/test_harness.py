"""The harness itself: the kiosk fills the Xvfb screen, both grab paths agree, the log is read live, and
the playback analysis can tell a blend from a blank frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.field.conftest import SCREEN, StartKiosk, wait_until
from tests.field.packs import signage_pack
from tests.field.playback import CROSSFADE_S, analyse
from tests.field.screen import Frame, Screen, close, rgb, xwd_image
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


def _frames(colours: list[tuple[int, int, int]], start: float = 100.0, hz: float = 50.0) -> list[Frame]:
    return [Frame(start + i / hz, {"p": c}) for i, c in enumerate(colours)]


def _fade(a: tuple[int, int, int], b: tuple[int, int, int], steps: int) -> list[tuple[int, int, int]]:
    return [tuple(round(x + (y - x) * i / steps) for x, y in zip(a, b, strict=True)) for i in range(1, steps)]  # type: ignore[misc]


def test_the_analyser_sees_switches_blends_and_blank_frames() -> None:
    """The playback analysis itself can fail: a black frame between slides, a cut, a missing fade."""
    red, blue = (200, 30, 40), (40, 70, 210)
    colours = {"rot": red, "blau": blue}
    smooth = analyse(_frames([red] * 10 + _fade(red, blue, 20) + [blue] * 10), "p", colours)
    assert [(s.old, s.new) for s in smooth.switches] == [("rot", "blau")]
    assert smooth.switches[0].blends >= 15 and not smooth.blank  # the ends are within tolerance
    # the fade's midpoint is frame 19 (the 10th of its 19): the change began half a crossfade before it
    assert abs(smooth.switches[0].at - (100.0 + 19 / 50 - CROSSFADE_S / 2)) < 0.005
    blank = analyse(_frames([red] * 10 + [(0, 0, 0)] + [blue] * 10), "p", colours)
    assert blank.blank and blank.blank[0][1] == (0, 0, 0)
    flash = analyse(_frames([red] * 10 + [(255, 255, 255)] + [red] * 10), "p", colours)
    assert flash.blank and not flash.switches
    cut = analyse(_frames([red] * 10 + [blue] * 10), "p", colours)
    assert cut.switches[0].blends == 0 and not cut.blank
