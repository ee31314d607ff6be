"""Visual regression: the shipped pack's pictures (``kiosk preview``) against the goldens in tests/golden,
the tolerance of that comparison, and the gallery made from the goldens.

``tools/golden.py --check`` compares the whole set; this test checks its representative subset
(``--quick``: every device at every instant, home, two detail pages and the panel in every mode) so it
stays well under the time of a test. When it fails: look at tests/golden/_diff/<name>.diff.png, then
either fix the code or run ``tools/golden.py --update`` and commit the new pictures."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from kiosk.devtools.golden_cases import GALLERY, GOLDEN_DIR, gallery_text, load_cases, read_manifest
from kiosk.devtools.golden_compare import BLOCK_SHARE, compare, diff_picture, stored_form

ROOT = Path(__file__).resolve().parents[2]
ROW = "5 · Südblick · 14:30 · fällt aus"


def board(row: str, dx: int = 0, dy: int = 0, size: int = 36) -> Image.Image:
    """A departure row as a screen of 1080 px would show it, in its stored form (640 px, 256 colours)."""
    font = ImageFont.load_default(size=size)
    picture = Image.new("RGB", (1080, 400), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 1080, 90), fill=(0, 61, 130))
    draw.text((40 + dx, 20 + dy), "Bus & Bahn", font=font, fill="white")
    draw.text((40 + dx, 150 + dy), row, font=font, fill=(26, 26, 26))
    return stored_form(picture).convert("RGB")


@pytest.mark.parametrize(("dx", "dy"), [(1, 0), (0, 1), (1, 1)])
def test_text_one_pixel_off_is_the_same_picture(dx: int, dy: int) -> None:
    verdict = compare(board(ROW), board(ROW, dx, dy))
    assert verdict.same, verdict
    assert verdict.worst_block_share < BLOCK_SHARE * 0.75, "the margin to the limit is too thin"


def test_a_rendered_page_one_pixel_off_is_the_same_picture() -> None:
    """A golden page shifted by a whole pixel of the stored picture (1.7 px on the stele's screen)."""
    golden = Image.open(ROOT / GOLDEN_DIR / "stadthafen-stele--page-bus-und-bahn--de.png").convert("RGB")
    shifted = golden.copy()
    shifted.paste(golden.crop((0, 0, golden.width - 1, golden.height)), (1, 0))
    verdict = compare(golden, shifted)
    assert verdict.same, verdict


@pytest.mark.parametrize(
    "changed",
    [
        "5 · Südblick · 14:30 · pünktlich",  # a word
        "5 · Südblick · 14:31 · fällt aus",  # a digit of the time
        "5 · Sudblick · 14:30 · fällt aus",  # an umlaut's dots
        "5 · Südblick · 14:30",  # a word gone
    ],
)
def test_a_changed_word_is_a_different_picture(changed: str) -> None:
    verdict = compare(board(ROW), board(changed))
    assert not verdict.same, verdict
    assert "changed" in verdict.reason


def test_a_larger_font_and_a_new_colour_are_different_pictures() -> None:
    assert not compare(board(ROW), board(ROW, size=38)).same
    recoloured = board(ROW).copy()
    ImageDraw.Draw(recoloured).rectangle((0, 0, 640, 53), fill=(0, 90, 160))  # the header bar's blue
    assert not compare(board(ROW), recoloured).same


def test_the_diff_picture_shows_golden_new_and_the_change_in_red() -> None:
    golden, new = board(ROW), board("5 · Südblick · 14:30 · pünktlich")
    sheet = diff_picture(golden, new)
    width = golden.width
    assert sheet.height == golden.height + 16 and sheet.width == 3 * width + 32
    assert sheet.crop((8, 8, 8 + width, 8 + golden.height)).tobytes() == golden.tobytes()
    assert sheet.crop((16 + width, 8, 16 + 2 * width, 8 + golden.height)).tobytes() == new.tobytes()
    changes = sheet.crop((24 + 2 * width, 8, 24 + 3 * width, 8 + golden.height))
    red = [
        (x, y) for x in range(width) for y in range(changes.height) if changes.getpixel((x, y)) == (230, 0, 0)
    ]
    assert red, "no change drawn"
    # in the row of the departure, right of the unchanged "5 · Südblick · 14:30 ·" (x ≥ 200 of 640)
    assert all(80 <= y <= 125 and x >= 200 for x, y in red), (min(red), max(red))


def test_the_goldens_cover_the_set_and_are_those_of_the_manifest() -> None:
    """A new device or page is a missing golden (run tools/golden.py --update); no golden is left over."""
    pictures = read_manifest(ROOT)["pictures"]
    names = [case.name for case in load_cases(ROOT)]
    assert sorted(pictures) == sorted(names), "run tools/golden.py --update"
    on_disk = sorted(p.stem for p in (ROOT / GOLDEN_DIR).glob("*.png"))
    assert on_disk == sorted(names)
    for name, entry in pictures.items():
        data = (ROOT / GOLDEN_DIR / f"{name}.png").read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], (
            f"{name}.png is not the one in the manifest"
        )
        with Image.open(ROOT / GOLDEN_DIR / f"{name}.png") as picture:
            assert list(picture.size) == entry["size"] and picture.width == 640


def test_the_gallery_is_current() -> None:
    expected = gallery_text(load_cases(ROOT), read_manifest(ROOT))
    assert (ROOT / GALLERY).read_text(encoding="utf-8") == expected, "run tools/golden.py --gallery"
    for name in read_manifest(ROOT)["pictures"]:
        assert f"../tests/golden/{name}.png" in expected


@pytest.mark.timeout(240)
def test_the_shipped_pack_looks_like_its_goldens() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "golden.py"), "--check", "--quick"],
        capture_output=True,
        text=True,
        timeout=230,
        check=False,
    )
    failures = [line for line in result.stdout.splitlines() if line.startswith("golden: ")]
    assert result.returncode == 0, "\n".join(failures) or result.stdout[-3000:] + result.stderr[-3000:]
    assert "pictures in" in result.stdout
