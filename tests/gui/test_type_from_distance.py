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
from PySide6.QtGui import QFontMetricsF

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


def _hall_rows(qtbot, rows: int):  # type: ignore[no-untyped-def]
    """A data slide with ``rows`` departures on the hall's content zone at 7 m."""
    from dataclasses import replace

    from kiosk.config.models.slides import DataSlide
    from kiosk.data.present import Table
    from kiosk.ui.slides.base import SlideContext
    from kiosk.ui.slides.data import DataSlideWidget
    from kiosk.ui.theme import look_for

    look = replace(look_for(None, 1.0), viewing_distance_m=7.0, pixel_pitch_mm=0.63)
    slide = DataSlide.model_validate(
        {"type": "data", "widget": "warnings", "source": "nina-rostock", "duration": "30s"}
    )
    cells = tuple((f"{10 + i}:05", "6 Warnemünde") for i in range(rows))
    table = Table("Abfahrten", cells, "Stand 11:00", "ok")
    widget = DataSlideWidget(slide, SlideContext(look=look), table)
    qtbot.addWidget(widget)
    widget.setGeometry(0, 0, 1280, 960)
    widget.show()
    qtbot.wait(5)
    return widget


def test_rows_too_many_for_the_zone_page_through_at_full_size(qtbot) -> None:
    widget = _hall_rows(qtbot, 12)
    need = minimum("rows", Place(7.0, 0.63)).cap_px
    assert all(QFontMetricsF(lab.font()).capHeight() >= need - 0.5 for lab in widget.rows)  # never shrunk
    assert len(widget.pages) > 1 and sum(map(len, widget.pages)) == 12
    assert widget.pager.interval() == round(30_000 / len(widget.pages))  # all pages within the slide's time
    for page in range(len(widget.pages)):  # each screen's rows fit the zone
        widget.page = page
        widget._show_page()
        qtbot.wait(1)
        shown = [lab for lab in widget.rows if lab.isVisible()]
        assert shown and all(lab.geometry().bottom() <= widget.grid_host.height() for lab in shown)
        assert all(lab.heightForWidth(lab.width()) <= lab.height() for lab in shown)
