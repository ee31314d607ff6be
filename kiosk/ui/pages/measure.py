"""Text measurement for wrapped labels, and the large-text factor from the viewing distance."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

from kiosk.navigation.sizes import min_cap_height_px
from kiosk.navigation.strings import SHY, ZWSP
from kiosk.ui.theme import Look

# The smallest font factor any page, panel or page data widget uses (the "as of" line of a data
# widget): large text must make *this* readable at the viewing distance, not just the body text.
MIN_TEXT_FACTOR = 0.7
MAX_TEXT_SCALE = 8.0

# white space and zero-width spaces break lines; no-break spaces ("18.10.\u00a014:00") do not
_BREAKS = re.compile(rf"(?:(?![\u00a0\u2007\u202f])\s|{ZWSP})+")


def wrap_option(align: Qt.AlignmentFlag | None = None) -> QTextOption:
    """Word wrap that breaks inside a word only when a single word is wider than the box: text is
    never cut off or elided, a too-long word wraps instead (tests check that none needs to)."""
    option = QTextOption()
    if align is not None:
        option.setAlignment(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def text_height(font: QFont, text: str, width: float) -> float:
    """Height of ``text`` wrapped to ``width`` with ``font``."""
    if not text or width <= 0:
        return 0.0
    layout = QTextLayout(text, font)
    layout.setTextOption(wrap_option())
    metrics = QFontMetricsF(font)
    height = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += max(line.height(), metrics.lineSpacing())
    layout.endLayout()
    return height


def segments(text: str) -> list[str]:
    """The pieces a wrapped line can never break: words, split further at soft hyphens (with the
    hyphen shown at the break)."""
    out: list[str] = []
    for word in _BREAKS.split(text):
        if not word:
            continue
        parts = word.split(SHY)
        out += [part + "-" for part in parts[:-1]] + [parts[-1]]
    return out


def widest_segment(font: QFont, text: str) -> float:
    """Width of the widest unbreakable piece of ``text``: more than the box width means a word wraps
    in the middle."""
    metrics = QFontMetricsF(font)
    return max((metrics.horizontalAdvance(seg) for seg in segments(text)), default=0.0)


def cap_height_px(font: QFont) -> float:
    return QFontMetricsF(font).capHeight()


def large_text_factor(
    look: Look, viewing_distance_m: float, pixel_pitch_mm: float, minimum: float = 1.0
) -> float:
    """Text scale for large-text mode: at least ``minimum`` (the theme's ``large_text_scale``) and big
    enough that the smallest text on a page has a cap height of 0.7° at the viewing distance
    (EN 301 549 5.1.4), measured with the real font's metrics rather than a rule of thumb."""
    need = min_cap_height_px(viewing_distance_m, pixel_pitch_mm)
    factor = minimum
    base = replace(look, text_scale=1.0)
    while factor < MAX_TEXT_SCALE and cap_height_px(base.font(MIN_TEXT_FACTOR * factor)) < need:
        factor *= 1.05
    return round(min(factor, MAX_TEXT_SCALE), 3)


def floor_px(look: Look, need_cap_px: float, bold: bool = True) -> int:
    """The smallest pixel size of the look's font whose capital "H" is ``need_cap_px`` tall."""
    font = look.font(1.0, bold=bold)
    px = 8
    font.setPixelSize(px)
    while px < 400 and cap_height_px(font) < need_cap_px:
        px += 1
        font.setPixelSize(px)
    return px


def fits_width(font: QFont, text: str, width: float) -> bool:
    return widest_segment(font, text) <= width


__all__ = [
    "MIN_TEXT_FACTOR",
    "cap_height_px",
    "fits_width",
    "floor_px",
    "large_text_factor",
    "segments",
    "text_height",
    "widest_segment",
    "wrap_option",
]
