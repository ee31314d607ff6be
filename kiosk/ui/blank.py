"""The privacy blank: an opaque black layer over everything a session shows, while it is read aloud."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.painting import painting, safe_paint


class BlankScreen(QWidget):
    """Black, with nothing readable on it. Touches pass through (the input filter reads what is under the
    finger from the session's own items, so explore-by-touch works on a dark screen as on a lit one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacy-blank")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def place(self, window: QRect) -> None:
        self.setGeometry(window)  # the whole window, warning banner strip included

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.fillRect(self.rect(), QColor("#000000"))
