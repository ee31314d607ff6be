"""A brand mark's shape is its transparency: an opaque picture would be a solid square in the header."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from kiosk.config.issues import errors
from kiosk.config.loader import load_content

MARK = "content/images/marke/stadtmarke.png"


def test_an_opaque_brand_mark_is_an_error_at_its_key(shipped_copy: Path) -> None:
    Image.new("RGB", (256, 256), (0, 61, 124)).save(shipped_copy / MARK)
    found = [i for i in errors(load_content(shipped_copy, lang="en").issues) if "brand" in i.key]
    assert len(found) == 1 and "opaque" in found[0].message, found
    assert found[0].file.endswith("themes/rostock.yaml")


def test_the_shipped_mark_and_one_with_a_transparent_ground_pass(shipped_copy: Path) -> None:
    assert not [i for i in load_content(shipped_copy, lang="en").issues if "brand" in i.key]
    mark = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    mark.paste((255, 255, 255, 255), (16, 16, 48, 48))
    mark.save(shipped_copy / MARK)
    assert not [i for i in load_content(shipped_copy, lang="en").issues if "brand" in i.key]
