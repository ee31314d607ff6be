"""Fonts for signage text roles: the look's design size, never below what the role needs at the place.

The arithmetic (DIN 1450 visual angles, the EN 301 549 and DIN 4844 floors) is pure and lives in
:mod:`kiosk.navigation.legibility`; here the font's own cap and x-height ratios are measured with Qt.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFont, QFontMetricsF

from kiosk.navigation.legibility import Place, Role, minimum
from kiosk.ui.theme import Look


def cap_ratio(font: QFont) -> float:
    """Cap height of ``font`` as a share of its pixel size (0.73 for DejaVu Sans)."""
    probe = QFont(font)
    probe.setPixelSize(100)
    return max(0.5, QFontMetricsF(probe).capHeight() / 100)


def x_ratio(font: QFont) -> float:
    """x-height of ``font`` as a share of its pixel size (0.55 for DejaVu Sans)."""
    probe = QFont(font)
    probe.setPixelSize(100)
    return max(0.3, QFontMetricsF(probe).xHeight() / 100)


def role_min_px(look: Look, role: Role, font: QFont) -> float:
    """Smallest pixel size of ``font`` for text of ``role`` where the look's readers stand (0 when the
    look does not know the place): DIN 1450 per text type, see :mod:`kiosk.navigation.legibility`."""
    if not look.viewing_distance_m or not look.pixel_pitch_mm:
        return 0.0
    place = Place(look.viewing_distance_m, look.pixel_pitch_mm, look.low_vision)
    cap, x = cap_ratio(font), x_ratio(font)
    return minimum(role, place, x / cap).font_px(cap, x)


def role_font(look: Look, role: Role, factor: float = 1.0, bold: bool = False) -> QFont:
    """The look's font at ``factor`` (times large text), never smaller than ``role`` needs at the place."""
    font = look.font(factor, bold)
    need = math.ceil(role_min_px(look, role, font) * look.text_scale)
    if need > font.pixelSize():
        font.setPixelSize(need)
    return font


__all__ = ["cap_ratio", "role_font", "role_min_px", "x_ratio"]
