"""Decode a picture, honour its EXIF orientation and fit it to a zone, off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageEnhance, ImageFilter, ImageOps

Fit = Literal["contain", "cover", "fill"]
MAX_SOURCE_PIXELS = 80_000_000  # refuse decompression bombs long before they fill the kiosk's memory
BAND_SHRINK = 16  # the band fill is blurred at 1/16 of the zone: a soft wash costs a few milliseconds
BAND_BLUR = 4.0  # blur radius at that size (≈ 64 px on the screen): nothing in it reads as a detail
BAND_DARKEN = 0.55  # the wash is darker than the picture, so the picture itself stands out


class ImageError(Exception):
    """A picture that cannot be shown (missing, corrupt, too large)."""


@dataclass(frozen=True)
class PreparedImage:
    """RGBA pixels ready for the screen: ``width`` × ``height``, 4 bytes per pixel, rows top to bottom."""

    width: int
    height: int
    rgba: bytes


@dataclass(frozen=True)
class Framing:
    """How a picture sits in its box beyond the fit mode: ``focus`` (x, y as shares of the picture's width
    and height) is kept in view when cover crops; ``bands`` fills what contain leaves free with a blurred,
    darkened copy of the picture instead of leaving it to the zone background."""

    focus: tuple[float, float] = (0.5, 0.5)
    bands: bool = False

    def tag(self) -> str:
        """A short name for cache keys."""
        return f"f{self.focus[0]:.3f},{self.focus[1]:.3f}{'-b' if self.bands else ''}"


def fit_size(src: tuple[int, int], box: tuple[int, int], fit: Fit) -> tuple[int, int]:
    """Size of the scaled picture for a fit mode (cover may exceed the box; it is cropped later)."""
    sw, sh = src
    bw, bh = box
    if fit == "fill":
        return bw, bh
    scale = max(bw / sw, bh / sh) if fit == "cover" else min(bw / sw, bh / sh)
    return max(1, round(sw * scale)), max(1, round(sh * scale))


def load_picture(path: Path) -> Image.Image:
    """The picture upright in RGBA; ``ImageError`` for anything that cannot be shown."""
    try:
        with Image.open(path) as opened:
            # the header is read, the pixels are not: refuse huge pictures before decoding them
            if opened.width * opened.height > MAX_SOURCE_PIXELS:
                raise ImageError(f"{path.name}: {opened.width}×{opened.height} pixels is too large to show")
            return ImageOps.exif_transpose(opened).convert("RGBA")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(f"{path.name}: {exc}") from exc


def cover_crop(img: Image.Image, box: tuple[int, int], focus: tuple[float, float]) -> Image.Image:
    """Scale ``img`` to cover ``box`` and cut it to the box around ``focus``."""
    width, height = fit_size(img.size, box, "cover")
    img = img.resize((width, height), Image.Resampling.LANCZOS)
    fx, fy = (min(1.0, max(0.0, f)) for f in focus)
    # the focus point goes to the middle of the box, unless that would show past an edge
    left = min(max(0, round(width * fx - box[0] / 2)), max(0, width - box[0]))
    top = min(max(0, round(height * fy - box[1] / 2)), max(0, height - box[1]))
    return img.crop((left, top, left + min(width, box[0]), top + min(height, box[1])))


def band_fill(img: Image.Image, box: tuple[int, int]) -> Image.Image:
    """The whole box in a blurred, darkened copy of the picture (made small, blurred, scaled back up)."""
    small = (max(1, box[0] // BAND_SHRINK), max(1, box[1] // BAND_SHRINK))
    wash = cover_crop(img.convert("RGB"), small, (0.5, 0.5)).filter(ImageFilter.GaussianBlur(BAND_BLUR))
    wash = ImageEnhance.Brightness(wash).enhance(BAND_DARKEN)
    return wash.resize(box, Image.Resampling.BICUBIC).convert("RGBA")


def fit_picture(img: Image.Image, box: tuple[int, int], fit: Fit, framing: Framing) -> Image.Image:
    """``img`` fitted into ``box``: cover and fill give the box's size, contain gives the box's size with
    ``framing.bands`` and the picture's own shape without."""
    if fit == "cover":
        return cover_crop(img, box, framing.focus)
    scaled = img.resize(fit_size(img.size, box, fit), Image.Resampling.LANCZOS)
    if fit == "fill" or not framing.bands or scaled.size == box:
        return scaled
    canvas = band_fill(img, box)
    offset = ((box[0] - scaled.width) // 2, (box[1] - scaled.height) // 2)
    canvas.alpha_composite(scaled, offset)
    return canvas


def prepare_image(
    path: Path, box: tuple[int, int], fit: Fit = "contain", framing: Framing | None = None
) -> PreparedImage:
    """Load ``path`` and fit it into ``box`` (width, height) in pixels."""
    img = fit_picture(load_picture(path), box, fit, framing or Framing())
    return PreparedImage(img.width, img.height, img.tobytes("raw", "RGBA"))
