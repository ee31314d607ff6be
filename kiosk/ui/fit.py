"""Fitting text into the box a label is given: nothing clipped, no word broken, nothing overlapping.

A wrapped ``QLabel`` breaks lines only between words (and at soft hyphens and zero-width spaces). A word
wider than the label runs past its right edge and is cut off there; long German compounds
("UNWETTERWARNUNG", "Barrierefreiheit") do that on a narrow screen. So a label's font is made smaller
until its widest word fits (:func:`shrink_to_words`). Only where even the smallest readable size cannot
hold a word is it broken anywhere (:func:`break_long_words`), and only where the text is too long for
the box at that size is it cut after a word with "…" (:func:`cut_to_height`): both are last resorts.

The measures are the label's own (``heightForWidth``) and ``QFontMetricsF`` of its font, so what is
measured here is what the label draws; the tests check the result with the same measures.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel

from kiosk.navigation.sizes import min_cap_height_px
from kiosk.navigation.strings import ZWSP
from kiosk.ui.pages.measure import segments, widest_segment
from kiosk.ui.theme import Look
from kiosk.ui.typesize import cap_ratio, role_font, role_min_px, x_ratio

MIN_PX = 9  # below this no text is readable on any screen; a word that still does not fit is broken
ELLIPSIS = "…"
# QLabel lays text out on whole pixels; a word measured 0.4 px narrower than the box may still wrap
SLACK_PX = 1.0
# DIN 4844-1: letters of secondary text on information signs at least 1/300 of the viewing distance
DIN_4844_FACTOR = 300


def font_px(look: Look, px: float, bold: bool = False) -> QFont:
    """The look's font family at ``px`` pixels (at least :data:`MIN_PX`)."""
    font = QFont(look.font_family)
    font.setPixelSize(max(MIN_PX, round(px)))
    font.setBold(bold)
    return font


def reading_px(look: Look, font: QFont) -> tuple[float, float]:
    """Pixel sizes of ``font`` for text read from where the readers stand: (primary, secondary).

    Primary text (a warning's headline) gets a cap height of 0.7° at the viewing distance
    (EN 301 549 5.1.4); secondary text (source, times) at least the DIN 4844-1 letter height of
    1/300 of the distance. Both are 0 when the look does not know the place.
    """
    distance, pitch = look.viewing_distance_m, look.pixel_pitch_mm
    if not distance or not pitch:
        return 0.0, 0.0
    ratio = cap_ratio(font)
    primary = min_cap_height_px(distance, pitch) / ratio
    secondary = distance * 1000 / DIN_4844_FACTOR / pitch / ratio
    return primary, secondary


def fits_words(font: QFont, text: str, width: float) -> bool:
    """Whether every unbreakable piece of ``text`` is at most ``width`` wide in ``font``."""
    return widest_segment(font, text) <= width - SLACK_PX


def shrink_to_words(font: QFont, text: str, width: float, floor_px: int = MIN_PX) -> QFont:
    """``font``, or a smaller copy (not below ``floor_px``) in which the widest word of ``text`` fits
    ``width``.

    A word too wide even at ``floor_px`` (a path, a URL, a run of letters from a broken feed) is left
    to :func:`break_long_words`: it is broken at any size, so it does not make the rest smaller.
    """
    fitted = QFont(font)
    if width <= 2 * SLACK_PX or fitted.pixelSize() <= floor_px or fits_words(fitted, text, width):
        return fitted  # (no width yet: a window not yet given its size)
    smallest = QFont(font)
    smallest.setPixelSize(floor_px)
    metrics = QFontMetricsF(smallest)
    pieces = [seg for seg in segments(text) if metrics.horizontalAdvance(seg) <= width - SLACK_PX]
    widest = max((QFontMetricsF(fitted).horizontalAdvance(seg) for seg in pieces), default=0.0)
    if widest <= width - SLACK_PX:
        return fitted
    fittable = " ".join(pieces)
    # text width grows about linearly with the pixel size: start there and step down to be sure
    px = max(floor_px, int(fitted.pixelSize() * (width - SLACK_PX) / widest))
    fitted.setPixelSize(px)
    while px > floor_px and not fits_words(fitted, fittable, width):
        px -= 1
        fitted.setPixelSize(px)
    return fitted


def break_long_words(font: QFont, text: str, width: float) -> str:
    """``text`` with zero-width spaces inside every word still wider than ``width``, so the label can
    wrap it instead of cutting it off at its edge (a broken word is still better than a lost one)."""
    if width <= 2 * SLACK_PX or fits_words(font, text, width):
        return text
    metrics = QFontMetricsF(font)
    limit = width - SLACK_PX

    def broken(word: str) -> str:
        if metrics.horizontalAdvance(word) <= limit:
            return word
        pieces, start = [], 0
        for end in range(1, len(word) + 1):
            if end - start > 1 and metrics.horizontalAdvance(word[start:end]) > limit:
                pieces.append(word[start : end - 1])
                start = end - 1
        pieces.append(word[start:])
        return ZWSP.join(pieces)

    return " ".join(broken(word) for word in text.split(" "))


def needed_height(label: QLabel, width: int) -> int:
    """Height ``label`` needs at ``width`` with its font and text (0 for a hidden or empty label)."""
    if label.isHidden() or not label.text():
        return 0
    return label.heightForWidth(width) if label.wordWrap() else label.sizeHint().height()


def cut_to_height(label: QLabel, text: str, width: int, height: int) -> str:
    """Set on ``label`` the longest beginning of ``text``, cut after a word and ended with "…", that the
    label shows within ``width`` × ``height`` (all of it if it fits); returns what was set ("" when not
    even one word fits)."""
    label.setText(text)
    if label.heightForWidth(width) <= height:
        return label.text()
    words = text.split(" ")
    lo, hi = 0, len(words) - 1  # the most words that fit, with the ellipsis after them
    while lo < hi:
        mid = (lo + hi + 1) // 2
        label.setText(" ".join(words[:mid]).rstrip(" ,;:.–—-") + ELLIPSIS)
        if label.heightForWidth(width) <= height:
            lo = mid
        else:
            hi = mid - 1
    label.setText(" ".join(words[:lo]).rstrip(" ,;:.–—-") + ELLIPSIS if lo else "")
    return label.text()


__all__ = [
    "ELLIPSIS",
    "MIN_PX",
    "break_long_words",
    "cap_ratio",
    "cut_to_height",
    "fits_words",
    "font_px",
    "needed_height",
    "reading_px",
    "role_font",
    "role_min_px",
    "shrink_to_words",
    "x_ratio",
]
