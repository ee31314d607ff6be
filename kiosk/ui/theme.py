"""Qt colours and fonts from a theme palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QImage

from kiosk.config.models.theme import Palette, Theme


@dataclass(frozen=True)
class BrandLook:
    """The brand frame: the mark (its shape from the picture's alpha; drawn in the accent's text
    colour) and the city's name in one or two lines."""

    mark: QImage | None
    wordmark: str
    tagline: str = ""


@dataclass(frozen=True)
class Look:
    """What widgets need to paint: the palette, the font family and the scale to the real screen.

    ``text_scale`` enlarges every font (large-text mode) without changing the geometry scale.
    ``viewing_distance_m`` and ``pixel_pitch_mm`` (one window pixel on the glass) say where the readers
    stand, when the device file says so: text that must be read from there is sized from them
    (``kiosk.ui.fit.role_font``), times ``low_vision``.
    """

    palette: Palette
    font_family: str
    base_px: float
    scale: float
    text_scale: float = 1.0
    viewing_distance_m: float | None = None
    pixel_pitch_mm: float | None = None
    low_vision: float = 1.0
    high_contrast: bool = False
    brand: BrandLook | None = None  # the theme's header band, when it asks for one

    def color(self, name: str) -> QColor:
        return QColor(getattr(self.palette, name))

    def font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font_family)
        font.setPixelSize(max(8, round(self.base_px * self.scale * self.text_scale * factor)))
        font.setBold(bold)
        return font


# Used when the theme file is broken: the device keeps a readable, contrast-checked look.
FALLBACK = Palette(
    background="#003d7c",
    surface="#0b4f96",
    text="#ffffff",
    muted_text="#dde7f3",
    accent="#ffffff",
    accent_text="#003d7c",
    focus="#ffd400",
    warning="#ffd400",
    warning_text="#000000",
    alert="#b00020",
    alert_text="#ffffff",
)
FALLBACK_HIGH_CONTRAST = Palette(
    background="#000000",
    surface="#1a1a1a",
    text="#ffffff",
    muted_text="#e0e0e0",
    accent="#ffff00",
    accent_text="#000000",
    focus="#ffff00",
    warning="#ffffff",
    warning_text="#000000",
    alert="#ffff00",
    alert_text="#000000",
)


def look_for(theme: Theme | None, scale: float, high_contrast: bool = False) -> Look:
    """The look of a theme; without a theme (broken content) a safe built-in palette is used."""
    if theme is None:
        palette = FALLBACK_HIGH_CONTRAST if high_contrast else FALLBACK
        return Look(palette, "DejaVu Sans", 34, scale, high_contrast=high_contrast)
    palette = theme.high_contrast if high_contrast else theme.normal
    return Look(palette, theme.font_family, theme.base_text_px, scale, high_contrast=high_contrast)
