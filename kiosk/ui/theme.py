"""Qt colours and fonts from a theme palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont

from kiosk.config.models.theme import Palette, Theme


@dataclass(frozen=True)
class Look:
    """What widgets need to paint: the palette, the font family and the scale to the real screen.

    ``text_scale`` enlarges every font (large-text mode) without changing the geometry scale.
    """

    palette: Palette
    font_family: str
    base_px: float
    scale: float
    text_scale: float = 1.0

    def color(self, name: str) -> QColor:
        return QColor(getattr(self.palette, name))

    def font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font_family)
        font.setPixelSize(max(8, round(self.base_px * self.scale * self.text_scale * factor)))
        font.setBold(bold)
        return font


def look_for(theme: Theme | None, scale: float, high_contrast: bool = False) -> Look:
    """The look of a theme; without a theme (broken content) a safe built-in palette is used."""
    if theme is None:
        palette = Palette(
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
        return Look(palette, "DejaVu Sans", 34, scale)
    palette = theme.high_contrast if high_contrast else theme.normal
    return Look(palette, theme.font_family, theme.base_text_px, scale)
