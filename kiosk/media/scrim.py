"""How strong a scrim must be for text over a picture to stay legible, from the picture's own pixels.

Text over a photo is legible only where the photo is calm and of the right brightness; a fixed dark
band guesses. Here the darkest and lightest pixels under the text box decide: a dark scrim (black at
``alpha``) under light text, or a light scrim (white at ``alpha``) under dark text, just strong enough
that the *worst* pixel under the text still gives the contrast WCAG 1.4.3 asks (4.5:1, or 3:1 for large
text). Blending is in the screen's sRGB values, as the painter blends. No Qt: testable by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageFilter

RGB = tuple[int, int, int]
EXTREMES = 24  # the lightest and darkest few pixels decide; the rest can only be easier
STEPS = 14  # bisection steps: alpha to 1/16 000, far below one 8-bit step


def _channel(value: float) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: Sequence[float]) -> float:
    """WCAG relative luminance of an sRGB triple (0–255 per channel, fractions allowed)."""
    r, g, b = rgb[0], rgb[1], rgb[2]
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(a: Sequence[float], b: Sequence[float]) -> float:
    """WCAG contrast ratio of two sRGB triples, 1 … 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def parse_hex(color: str) -> RGB:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def blend(pixel: Sequence[float], over: RGB, alpha: float) -> tuple[float, float, float]:
    """``over`` painted at ``alpha`` on ``pixel`` (source-over, sRGB values)."""
    return (
        pixel[0] * (1 - alpha) + over[0] * alpha,
        pixel[1] * (1 - alpha) + over[1] * alpha,
        pixel[2] * (1 - alpha) + over[2] * alpha,
    )


@dataclass(frozen=True)
class Scrim:
    """The result: paint ``color`` at ``alpha`` under the text and draw the text in ``text``; the worst
    pixel then gives ``contrast`` (≥ the target when ``alpha`` < 1 was enough)."""

    color: RGB
    alpha: float
    text: RGB
    contrast: float


def extremes(pixels: Iterable[Sequence[int]]) -> list[RGB]:
    """The lightest and the darkest few pixels (by luminance): the only ones a scrim must be sized for."""
    ranked = sorted({(p[0], p[1], p[2]) for p in pixels}, key=luminance)
    if len(ranked) <= 2 * EXTREMES:
        return ranked
    return ranked[:EXTREMES] + ranked[-EXTREMES:]


def worst_contrast(pixels: Sequence[RGB], text: RGB, over: RGB, alpha: float) -> float:
    """The lowest contrast of ``text`` against any of ``pixels`` under a scrim of ``over`` at ``alpha``."""
    if not pixels:
        return ratio(text, over)
    return min(ratio(text, blend(p, over, alpha)) for p in pixels)


def scrim_for(pixels: Sequence[RGB], text: RGB, over: RGB, target: float) -> Scrim:
    """The weakest scrim of ``over`` behind ``text`` that reaches ``target`` over every pixel."""
    if worst_contrast(pixels, text, over, 0.0) >= target:
        return Scrim(over, 0.0, text, worst_contrast(pixels, text, over, 0.0))
    low, high = 0.0, 1.0
    for _ in range(STEPS):
        middle = (low + high) / 2
        if worst_contrast(pixels, text, over, middle) >= target:
            high = middle
        else:
            low = middle
    return Scrim(over, high, text, worst_contrast(pixels, text, over, high))


def best_scrim(
    pixels: Iterable[Sequence[int]], light: RGB, dark: RGB, target: float = 4.5, floor: float = 0.0
) -> Scrim:
    """Light text on a dark scrim or dark text on a light one, whichever needs the weaker scrim (so
    more of the picture shows); a tie goes to light text, the calmer look over photographs. ``floor``:
    at least this strong even where the contrast needs less (masts and edges through the letters make
    text hard to read at any contrast: the scrim calms them)."""
    worst = extremes(pixels)
    on_dark = scrim_for(worst, light, (0, 0, 0), target)
    on_light = scrim_for(worst, dark, (255, 255, 255), target)
    best = on_light if on_light.alpha < on_dark.alpha else on_dark
    if best.alpha >= floor:
        return best
    return Scrim(best.color, floor, best.text, worst_contrast(worst, best.text, best.color, floor))


def fixed_scrim(pixels: Iterable[Sequence[int]], light: RGB, dark: RGB, alpha: float) -> Scrim:
    """The editor's own strength (``background.scrim``): a dark scrim under light text or a light one
    under dark text at ``alpha``, whichever gives the higher contrast over the worst pixel."""
    worst = extremes(pixels)
    options = (
        Scrim((0, 0, 0), alpha, light, worst_contrast(worst, light, (0, 0, 0), alpha)),
        Scrim((255, 255, 255), alpha, dark, worst_contrast(worst, dark, (255, 255, 255), alpha)),
    )
    return max(options, key=lambda option: option.contrast)


def text_on(colours: Iterable[str], candidates: Iterable[str]) -> tuple[str, float]:
    """Of the ``candidates`` (#rrggbb), the text colour whose weakest contrast over all ``colours`` is the
    highest, and that contrast (a gradient's two ends, say)."""
    ends = [parse_hex(c) for c in colours]
    scored = [(min(ratio(end, parse_hex(t)) for end in ends), t) for t in candidates]
    contrast, best = max(scored)
    return best, contrast


def _pyramid(img: Image.Image, rank: ImageFilter.Filter, cells: int) -> list[RGB]:
    """``img`` halved until at most ``cells`` wide and high, each step keeping the per-channel maximum
    (or minimum) of every 3×3 neighbourhood: each remaining pixel is at least as light (or dark) as
    any pixel it stands for, so a scrim sized for them is enough for the real ones."""
    while img.width > cells or img.height > cells:
        img = img.filter(rank).resize(
            (max(1, img.width // 2), max(1, img.height // 2)), Image.Resampling.NEAREST
        )
    raw = img.tobytes()  # RGB, three bytes a pixel
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def picture_extremes(img: Image.Image, box: tuple[int, int, int, int], cells: int = 48) -> list[RGB]:
    """Bounds of the lightest and darkest pixels of ``img`` inside ``box`` (left, top, right, bottom)."""
    region = img.convert("RGB").crop(box)
    if region.width == 0 or region.height == 0:
        return []
    light = _pyramid(region, ImageFilter.MaxFilter(3), cells)
    dark = _pyramid(region, ImageFilter.MinFilter(3), cells)
    return extremes(light + dark)
