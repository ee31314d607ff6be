"""Rendered type against the minimum computed from the device's viewing distance (issue 14, acceptance 1).

The shipped hall display (7 m, 0.63 mm) and the street stele (0.5 m, 0.369 mm) are rendered by
``kiosk preview`` (offscreen, the real command) and the glyphs are measured in the picture:

- on the shipped pack, the clock's digits (their height is the cap height in DejaVu Sans);
- on a copy of the pack whose texts are "Hx" (the slide and ticker files of the zones, a bookings
  snapshot with one booking "Hx"), the cap height of each role as the height of its "H" and the
  x-height as the height of its "x" (both flat-topped, flat-bottomed glyphs): heading, body, list rows
  and ticker, each against ``kiosk.navigation.legibility.minimum`` of its role. The clock shows digits
  only, so it has a cap height on screen and no x-height to measure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image
from PySide6.QtGui import QFontMetricsF

from kiosk.navigation.legibility import Place, Role, minimum, readable_distance_m
from tests.conftest import REPO

HALL = Place(7.0, 0.63)
STELE = Place(0.5, 0.369)
AT = "2026-12-02T11:00"  # a Wednesday morning: no takeover, no campaign


def _render(device: str, at: str, out: Path) -> Image.Image:
    subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "preview", device, "--at", at, "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Image.open(out).convert("L")


def _inked(picture: Image.Image, box: tuple[int, int, int, int]) -> tuple[Image.Image, list[list[bool]]]:
    """The crop and, per pixel, whether it is text (far from the zone's background at its corner)."""
    zone = picture.crop(box)
    background = zone.getpixel((2, 2))
    assert isinstance(background, int)
    width, height = zone.size
    pixels = zone.load()
    assert pixels is not None
    return zone, [[abs(int(pixels[x, y]) - background) > 100 for x in range(width)] for y in range(height)]


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of True, end exclusive."""
    out, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start, i))
            start = None
    return out


def _glyph_heights(picture: Image.Image, box: tuple[int, int, int, int]) -> list[list[int]]:
    """Per line of text in ``box`` (top to bottom), the ink height of each glyph (left to right)."""
    _, ink = _inked(picture, box)
    lines = []
    for top, bottom in _runs([any(row) for row in ink]):
        band = ink[top:bottom]
        columns = [any(row[x] for row in band) for x in range(len(band[0]))]
        heights = []
        for left, right in _runs(columns):
            rows = [y for y, row in enumerate(band) if any(row[left:right])]
            heights.append(rows[-1] - rows[0] + 1)
        lines.append(heights)
    return lines


def _hx_pack(root: Path, rows: bool) -> Path:
    """The shipped pack with "Hx" as every text of the hall's and the stele's zones (``rows``: the content
    zones show the hall bookings, one booking "Hx"; else a text slide "Hx" / "Hx")."""
    for top in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / top, root / top)
    hx = {"de": "Hx", "en": "Hx", "ls": "Hx"}
    for device in ("sporthalle-schmarl", "stadthafen-stele"):  # only the default playlists play
        path = root / "device-config" / f"{device}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["zones"]["inhalt"]["playlists"] = []
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for playlist, slide in (("halle-standard", "halle-willkommen"), ("stele-standard", "stele-willkommen")):
        items = ["daten-hallenbelegung"] if rows else [slide]
        path = root / "content/playlists" / f"{playlist}.yaml"
        path.write_text(yaml.safe_dump({"name": playlist, "items": items}), encoding="utf-8")
        path = root / "content/slides" / f"{slide}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # the shipped size and alignment stay
        data.update(heading=hx, body=hx)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for ticker in ("laufband-halle", "laufband-stele"):
        path = root / "content/slides" / f"{ticker}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["items"] = [hx]  # feed items (warnings, news) follow after "Hx"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    path = root / "content/snapshots/hallenbelegung-schmarl.json"
    snapshot = json.loads(path.read_text(encoding="utf-8"))
    booking = snapshot["records"][0]
    booking["fields"].update(title="Hx", cancelled=False)
    snapshot["records"] = [booking]
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    return root


def _render_pack(root: Path, device: str, out: Path) -> Image.Image:
    subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "preview", device, "--at", AT, "--out", str(out), "--root", root],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Image.open(out).convert("L")


def _assert_meets(role: Role, place: Place, cap: int, x: int) -> None:
    need = minimum(role, place)
    assert cap >= need.cap_px - 1, f"{role}: cap height {cap} px, needs {need.cap_px:.1f}"
    assert x >= need.x_px - 1, f"{role}: x-height {x} px, needs {need.x_px:.1f}"
    assert readable_distance_m(role, cap + 1, place.pixel_pitch_mm, x + 1) >= place.distance_m


# zones of the shipped layouts: content zone, ticker (x0, y0, x1, y1)
ZONES = {
    "sporthalle-schmarl": (HALL, (0, 0, 1280, 960), (0, 960, 1920, 1080)),
    "stadthafen-stele": (STELE, (0, 200, 1080, 1800), (0, 1800, 1080, 1920)),
}


@pytest.mark.parametrize("device", sorted(ZONES))
def test_heading_body_and_ticker_meet_cap_and_x_height_of_the_distance(tmp_path: Path, device: str) -> None:
    place, content, ticker = ZONES[device]
    picture = _render_pack(_hx_pack(tmp_path / "pack", rows=False), device, tmp_path / "hx.png")
    heading, body = _glyph_heights(picture, content)[:2]  # "Hx" over "Hx" (the attract bar comes later)
    for role, glyphs in (("heading", heading), ("body", body)):
        assert len(glyphs) == 2, (role, glyphs)
        _assert_meets(role, place, *glyphs)  # type: ignore[arg-type]
    assert heading[0] > body[0]  # the hierarchy: the heading is the bigger text
    line = _glyph_heights(picture, ticker)[0]
    _assert_meets("ticker", place, line[0], line[1])


@pytest.mark.parametrize("device", sorted(ZONES))
def test_list_rows_meet_cap_and_x_height_of_the_distance(tmp_path: Path, device: str) -> None:
    place, content, _ = ZONES[device]
    picture = _render_pack(_hx_pack(tmp_path / "pack", rows=True), device, tmp_path / "rows.png")
    lines = _glyph_heights(picture, content)
    row = lines[1]  # under the heading: "16:00–17:45 · Hx"
    cap, x = row[-2:]
    assert abs(cap - row[0]) <= 0.03 * cap, row  # the "H" as tall as the digit "1": one row, one font
    _assert_meets("rows", place, cap, x)


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
