"""The bar over the attract loop: how to start, how to start speech without sight, and the
accessibility panel one tap away (ACCESSIBILITY.md R02, R39)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.navigation.strings import ui_text
from kiosk.ui.pages.button import TouchButton
from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look


class AttractBar(QWidget):
    """Lower strip of the attract screen: 'touch to start' in every offered language, the speech hint,
    and the accessibility button. Only that button takes touches; a touch anywhere else starts a session
    (handled by the input filter)."""

    def __init__(
        self, look: Look, languages: list[str], target_px: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.languages = languages
        self.setAutoFillBackground(True)
        self.box = QHBoxLayout(self)
        self.texts = QVBoxLayout()
        self.start = PlainLabel("", self)
        self.hint = PlainLabel("", self)
        for label in (self.start, self.hint):
            label.setWordWrap(True)
            self.texts.addWidget(label)
        self.box.addLayout(self.texts, 1)
        self.access = TouchButton(
            ui_text("access", languages[0]), look, 44, role="bar", glyph="access", parent=self
        )
        self.box.addWidget(self.access, 0, Qt.AlignmentFlag.AlignVCenter)
        self.set_look(look)

    def set_languages(self, languages: list[str]) -> None:
        """The device offers other languages now (a reload of its file)."""
        self.languages = languages
        self.set_look(self.look)

    def set_look(self, look: Look, target_px: int | None = None) -> None:
        self.look = look
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(look.palette.accent))
        self.setPalette(pal)
        margin = max(12, round(24 * look.scale))
        self.box.setContentsMargins(margin, margin, margin, margin)
        first = self.languages[0]
        # every offered language: a tourist must find "touch to start" before choosing a language
        self.start.setText(
            " · ".join(dict.fromkeys(ui_text("touch_to_start", code) for code in self.languages))
        )
        self.hint.setText(ui_text("speech_hint", first))
        for label, factor, bold in ((self.start, 1.1, True), (self.hint, 0.8, False)):
            label.setFont(look.font(factor, bold=bold))
            label.setStyleSheet(f"color: {look.palette.accent_text}; background: transparent;")
        self.start.setAccessibleName(self.start.text())
        self.hint.setAccessibleName(self.hint.text())

    def place(self, window: QRect) -> None:
        # a real button, not a sliver: about a quarter of the width, never narrower than a touch target
        self.access.setFixedWidth(max(self.access.minimumWidth(), round(window.width() * 0.26)))
        height = max(self.sizeHint().height(), round(window.height() * 0.1))
        # at the foot of the largest zone: slides are usually centred there (letterboxed pictures, text),
        # so the least of the loop is covered, and the bar stays low enough to reach from a wheelchair
        zones = getattr(self.parentWidget(), "zones", {})
        rects = [zone.geometry() for zone in zones.values() if zone.geometry().isValid()]
        main = max(rects, key=lambda r: r.width() * r.height()) if rects else window
        self.setGeometry(QRect(main.left(), main.bottom() + 1 - height, main.width(), height))


__all__ = ["AttractBar"]
