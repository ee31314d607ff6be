"""Perceptual comparison of a golden picture with a new one (Pillow only, no numpy): what a person would
call "the same picture" passes, a changed word fails.

A pixel counts as *changed* when its colour lies more than ``LEVEL`` outside the range of colours in the
other picture's 3 × 3 neighbourhood, in either direction. A text edge that moved by one pixel, or was
antialiased a shade differently, stays inside that range and is not a change; a new glyph, a new colour or
a moved block is. The pictures differ when changed pixels cover more than ``BLOCK_SHARE`` of any
``BLOCK`` × ``BLOCK`` square (a changed word, a changed digit of the clock) or more than ``TOTAL_SHARE`` of
the whole picture (a faint change spread everywhere, e.g. a theme colour).

The limit of 640 px: a change inside one glyph of small text (a date's digit at 13 px in the stored
picture, 22 px on the screen) can pass; a changed word, number at reading size, colour or layout fails.
Pictures are downscaled by area averaging (no ringing: a shifted edge stays between its neighbours).

``diff_picture`` draws golden, new and the changes (red on the faded golden) side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

# Measured on rendered pages and synthetic text (tests/gui/test_golden.py): a 1 px shift of a whole page
# changes at most 8 % of a block, a changed word 40 %, a changed digit of 21 px text 19 %.
LEVEL = 32  # of 255 per channel, beyond the neighbourhood's range
BLOCK = 12  # px of the stored picture
BLOCK_SHARE = 0.12  # of a block's pixels
TOTAL_SHARE = 0.005  # of all pixels
WIDTH = 640  # stored pictures are this wide: small in the repository, and a scale where 1 px of AA vanishes


@dataclass(frozen=True)
class Verdict:
    same: bool
    changed_share: float  # of all pixels
    worst_block_share: float  # the most changed block's share of changed pixels
    reason: str  # for the assertion message: why the pictures differ, or "" when they do not


def stored_form(picture: Image.Image, width: int = WIDTH) -> Image.Image:
    """What a rendered picture is kept as: ``width`` wide (the aspect kept), 256 colours without dithering
    (a quarter of the bytes of RGB; the same picture always gives the same palette)."""
    rgb = picture.convert("RGB")
    if rgb.width != width:
        height = max(1, round(rgb.height * width / rgb.width))
        rgb = rgb.resize((width, height), Image.Resampling.BOX)
    return rgb.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def _outside(a: Image.Image, b: Image.Image) -> Image.Image:
    """Per pixel (L): how far ``a`` lies outside the colour range of ``b``'s 3 × 3 neighbourhood, the
    largest of the three channels."""
    low = b.filter(ImageFilter.MinFilter(3))
    high = b.filter(ImageFilter.MaxFilter(3))
    beyond = ImageChops.lighter(ImageChops.subtract(low, a), ImageChops.subtract(a, high))
    red, green, blue = beyond.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def change_mask(golden: Image.Image, new: Image.Image) -> Image.Image:
    """L picture: 255 where a pixel changed (see the module text), 0 elsewhere. Same sizes required."""
    a, b = golden.convert("RGB"), new.convert("RGB")
    distance = ImageChops.lighter(_outside(a, b), _outside(b, a))
    return distance.point(lambda v: 255 if v > LEVEL else 0)


def compare(golden: Image.Image, new: Image.Image) -> Verdict:
    if golden.size != new.size:
        return Verdict(
            False, 1.0, 1.0, f"size changed: {golden.size[0]}×{golden.size[1]} → {new.size[0]}×{new.size[1]}"
        )
    mask = change_mask(golden, new)
    histogram = mask.histogram()
    total = mask.width * mask.height
    changed = histogram[255] / total
    # a block's mean of the 0/255 mask is its share of changed pixels
    blocks = mask.resize((max(1, mask.width // BLOCK), max(1, mask.height // BLOCK)), Image.Resampling.BOX)
    worst = blocks.getextrema()[1]
    worst_share = float(worst) / 255 if isinstance(worst, (int, float)) else 0.0
    reasons = []
    if worst_share > BLOCK_SHARE:
        reasons.append(f"a {BLOCK}×{BLOCK} px area is {worst_share:.0%} changed (limit {BLOCK_SHARE:.0%})")
    if changed > TOTAL_SHARE:
        reasons.append(f"{changed:.2%} of the picture changed (limit {TOTAL_SHARE:.1%})")
    return Verdict(not reasons, changed, worst_share, "; ".join(reasons))


def diff_picture(golden: Image.Image, new: Image.Image) -> Image.Image:
    """Golden | new | changes (red on the faded golden), side by side on grey."""
    a, b = golden.convert("RGB"), new.convert("RGB")
    gap = 8
    width, height = max(a.width, b.width), max(a.height, b.height)
    sheet = Image.new("RGB", (3 * width + 4 * gap, height + 2 * gap), (128, 128, 128))
    sheet.paste(a, (gap, gap))
    sheet.paste(b, (2 * gap + width, gap))
    if a.size == b.size:
        faded = Image.blend(a.convert("L").convert("RGB"), Image.new("RGB", a.size, "white"), 0.7)
        red = Image.new("RGB", a.size, (230, 0, 0))
        mask = change_mask(a, b).filter(ImageFilter.MaxFilter(3))  # thin strokes stay visible
        sheet.paste(Image.composite(red, faded, mask), (3 * gap + 2 * width, gap))
    return sheet
