"""Decode a picture, honour its EXIF orientation and fit it to a zone, off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageOps

Fit = Literal["contain", "cover", "fill"]
MAX_SOURCE_PIXELS = 80_000_000  # refuse decompression bombs long before they fill the kiosk's memory


class ImageError(Exception):
    """A picture that cannot be shown (missing, corrupt, too large)."""


@dataclass(frozen=True)
class PreparedImage:
    """RGBA pixels ready for the screen: ``width`` × ``height``, 4 bytes per pixel, rows top to bottom."""

    width: int
    height: int
    rgba: bytes


def fit_size(src: tuple[int, int], box: tuple[int, int], fit: Fit) -> tuple[int, int]:
    """Size of the scaled picture for a fit mode (cover may exceed the box; it is cropped later)."""
    sw, sh = src
    bw, bh = box
    if fit == "fill":
        return bw, bh
    scale = max(bw / sw, bh / sh) if fit == "cover" else min(bw / sw, bh / sh)
    return max(1, round(sw * scale)), max(1, round(sh * scale))


def prepare_image(path: Path, box: tuple[int, int], fit: Fit = "contain") -> PreparedImage:
    """Load ``path`` and fit it into ``box`` (width, height) in pixels."""
    try:
        with Image.open(path) as opened:
            # the header is read, the pixels are not: refuse huge pictures before decoding them
            if opened.width * opened.height > MAX_SOURCE_PIXELS:
                raise ImageError(f"{path.name}: {opened.width}×{opened.height} pixels is too large to show")
            img = ImageOps.exif_transpose(opened).convert("RGBA")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(f"{path.name}: {exc}") from exc
    width, height = fit_size(img.size, box, fit)
    img = img.resize((width, height), Image.Resampling.LANCZOS)
    if fit == "cover":
        left = max(0, (width - box[0]) // 2)
        top = max(0, (height - box[1]) // 2)
        img = img.crop((left, top, left + min(width, box[0]), top + min(height, box[1])))
    return PreparedImage(img.width, img.height, img.tobytes("raw", "RGBA"))
