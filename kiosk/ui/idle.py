"""A notice above a session: context help, or the idle warning with its countdown and 'more time'.

It covers the whole window with a dimmed layer so the passer-by sees that something needs an answer,
and puts the message and its buttons in a card at the bottom, where the controls of every page are
(same place on every screen, reachable from a wheelchair).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.pages.button import TouchButton
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look


class Notice(QWidget):
    """Message plus buttons; ``items()`` lists the message and the buttons for keypad and speech."""

    def __init__(
        self,
        look: Look,
        target_px: int,
        text: str,
        buttons: list[tuple[str, Callable[[], None]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.look = look
        outer = QVBoxLayout(self)  # the card at the bottom, where every page has its controls
        self.card = QWidget(self)
        self.card.setAutoFillBackground(True)
        pal = self.card.palette()
        pal.setColor(self.card.backgroundRole(), QColor(look.palette.surface))
        self.card.setPalette(pal)
        box = QVBoxLayout(self.card)
        margin = max(16, round(40 * look.scale))
        box.setContentsMargins(margin, margin, margin, margin)
        box.setSpacing(margin // 2)
        self.message = PlainLabel(text, self.card)
        self.message.setWordWrap(True)
        self.message.setFont(look.font(1.2, bold=True))
        self.message.setStyleSheet(f"color: {look.palette.text}; background: transparent;")
        self.message.setAccessibleName(self.message.text())
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(margin // 2)
        self.buttons: list[TouchButton] = []
        for label, action in buttons:
            button = TouchButton(label, look, target_px, role="bar", factor=1.0, parent=self.card)
            button.clicked.connect(action)
            row.addWidget(button)
            self.buttons.append(button)
        box.addLayout(row)
        outer.addStretch(1)
        outer.addWidget(self.card)
        outer.setContentsMargins(margin // 2, margin, margin // 2, 3 * margin)

    def set_text(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(self.message.text())

    def items(self) -> list[QWidget]:
        return [self.message, *self.buttons]

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            dim = QColor(self.look.palette.background)
            dim.setAlpha(200)  # the page stays faintly visible: the passer-by knows where they are
            painter.fillRect(self.rect(), dim)
            painter.setPen(QColor(self.look.palette.accent))
            edge = self.card.geometry().adjusted(-3, -3, 3, 3)
            for i in range(3):  # the card's boundary, ≥ 3:1 against the dimmed page
                painter.drawRect(edge.adjusted(i, i, -i, -i))

    def mousePressEvent(self, event: object) -> None:
        pass  # the dimmed layer takes touches so nothing below is hit by accident


__all__ = ["Notice"]
