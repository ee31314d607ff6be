"""The home page's tiles fill the page on the real kiosk (issue 14, "fill the zone"): ``kiosk run`` on a
portrait Xvfb, a real tap on the attract loop, the home page's six picture tiles looked at on the
screen's pixels, and a real tap on the part of a tile that is there only because it grew.

Before the tiles filled their page, six tiles on a portrait terminal took the upper half and left a
white band to the page bar. The pack is the real stele's design (layout reference 1080 × 1920) shown at
half its resolution, so its pitch is twice the real 0.369 mm. Each child page's icon is a solid colour,
and its detail page shows the same colour as a picture: a single pixel says which page opened.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.field.conftest import PORTRAIT, StartKiosk, wait_until
from tests.field.packs import BACKGROUND, Pack, text3, touch_pack
from tests.field.screen import RGB, Screen, close, rgb, save_screen
from tests.field.xinput import click
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

ATTRACT = (30, 120, 90)
SURFACE = (0x0B, 0x4F, 0x96)  # the pack theme's surface: tiles and the language buttons
REAL = (1080, 1920)
ICONS: list[RGB] = [
    (230, 60, 40),
    (40, 170, 60),
    (250, 200, 0),
    (150, 60, 200),
    (0, 180, 200),
    (240, 120, 180),
]

Box = tuple[int, int, int, int]  # left, top, right, bottom (inclusive)


def six_tiles_pack(root: Path) -> Pack:
    """The touch field pack with a home page of six child pages, each with a one-colour icon."""
    pack = touch_pack(root, size=PORTRAIT, attract=("warten", ATTRACT))
    pack.layout("stele", {"inhalt": (0, 0, *REAL)}, REAL)
    for old in ("info", "hafen"):
        (root / f"content/pages/{old}.yaml").unlink()
    names = []
    for i, colour in enumerate(ICONS, start=1):
        name = f"seite{i}"
        names.append(name)
        Image.new("RGB", (200, 200), colour).save(root / f"content/images/{name}.png")
        pack.page(
            name,
            {
                "title": text3(f"Seite {i}", f"Page {i}"),
                "view": "detail",
                "icon": f"images/{name}.png",
                "blocks": [{"type": "image", "image": f"images/{name}.png", "alt": text3(f"Farbe {i}")}],
            },
        )
    home = yaml.safe_load((root / "content/pages/start.yaml").read_text(encoding="utf-8"))
    pack.page("start", {**home, "children": names})
    device = yaml.safe_load((root / "device-config/stele.yaml").read_text(encoding="utf-8"))
    device["screen"]["pixel_pitch_mm"] = 0.738
    pack.device("stele", device)
    return pack


def boxes_of(image: Image.Image, colours: list[RGB], step: int = 2) -> list[Box | None]:
    """The bounding box of each colour on ``image`` (sampled every ``step`` pixels), None if absent."""
    found: list[Box | None] = [None] * len(colours)
    pixels = image.load()
    assert pixels is not None
    for y in range(0, image.height, step):
        for x in range(0, image.width, step):
            p = pixels[x, y]
            for i, colour in enumerate(colours):
                if close(p[:3], colour, 8):
                    b = found[i]
                    found[i] = (x, y, x, y) if b is None else (min(b[0], x), b[1], max(b[2], x), y)
    return found


def runs_down(image: Image.Image, x: int, colour: RGB, least: int = 40) -> list[tuple[int, int]]:
    """The stretches (y from, y to) of ``colour`` down column ``x``, at least ``least`` px long."""
    out, start = [], None
    for y in range(image.height + 1):
        inside = y < image.height and close(rgb(image, (x, y)), colour, 6)
        if inside and start is None:
            start = y
        elif not inside and start is not None:
            if y - start >= least:
                out.append((start, y - 1))
            start = None
    return out


def test_six_tiles_fill_the_home_page_and_the_grown_part_opens_its_page(
    tmp_path: Path, portrait_xserver: XServer, start_kiosk: StartKiosk
) -> None:
    pack = six_tiles_pack(tmp_path / "pack")
    pack.validate()
    kiosk = start_kiosk(pack.root, "stele", server=portrait_xserver)
    display = portrait_xserver.display
    spot = (PORTRAIT[0] // 2, PORTRAIT[1] // 4)  # on the attract loop, above its bar
    with Screen(display) as screen:
        assert wait_until(lambda: close(screen.pixel(*spot), ATTRACT), 15), kiosk.tail()
        touched = time.monotonic()
        click(display, *spot)
        kiosk.wait_for_log(r"session started", 5, since=touched - 0.1)
        home = screen.wait_stable()
        shot = save_screen(display, tmp_path / "home.png")
        icons = boxes_of(home, ICONS)
        assert all(icons), f"not every tile's picture is on the home page: {icons}; see {shot}"
        boxes = [b for b in icons if b is not None]

        # in the page's order: three rows of two, all pictures one size
        rows = [boxes[i : i + 2] for i in range(0, 6, 2)]
        assert all(abs(a[1] - b[1]) <= 2 and a[0] < b[0] for a, b in rows), (boxes, shot)
        assert all(upper[0][3] < lower[0][1] for upper, lower in itertools.pairwise(rows)), (boxes, shot)
        sizes = {(round((b[2] - b[0]) / 4), round((b[3] - b[1]) / 4)) for b in boxes}
        assert len(sizes) == 1, (boxes, shot)

        # the tiles, down a line inside the left column beside the pictures: three of one height, then
        # the language choice right under the last one, with no more room between than between tiles
        x = boxes[0][0] - 30
        tiles = runs_down(home, x, SURFACE)[:3]
        assert len(tiles) == 3, f"tiles down x={x}: {tiles}; see {shot}"
        spaces = [r for r in runs_down(home, x, BACKGROUND, least=2) if r[0] > tiles[0][0]]
        assert len(spaces) >= 3, f"background down x={x} under the first tile: {spaces}; see {shot}"
        heights = [b - a for a, b in tiles]
        gaps, below = [b - a for a, b in spaces[:2]], spaces[2][1] - spaces[2][0]
        print(f"tiles {heights} px high, {gaps} px apart, {below} px above the language choice")
        assert max(heights) - min(heights) <= 2, (tiles, shot)
        assert below < min(heights) / 2, f"an empty band of {below} px under the tiles; see {shot}"
        picture = boxes[0][3] - boxes[0][1]

        # a real tap on the last tile near its bottom edge, where only the grown tile reaches
        sixth = boxes[5]
        tap = ((sixth[0] + sixth[2]) // 2, tiles[2][1] - round(0.06 * heights[2]))
        assert tap[1] > sixth[3] + 0.25 * picture, (tap, sixth)  # below the picture and its label
        click(display, *tap)
        centre = (PORTRAIT[0] // 2, PORTRAIT[1] // 3)
        opened = wait_until(lambda: close(screen.pixel(*centre), ICONS[5], 8), 5)
        if not opened:
            seen = save_screen(display, tmp_path / "tap.png")
            raise AssertionError(f"the tap at {tap} did not open page 6; see {seen}\n{kiosk.tail()}")
    assert not kiosk.problems(), kiosk.tail()
