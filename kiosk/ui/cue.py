"""A short visible cue of what a key did when nothing else on screen changes (issue 15): the end of a
list, a volume step, Repeat. Heard and seen in the same words (EN 301 549 5.1.5, ACCESSIBILITY.md R20);
someone watching a blind friend, or a low-vision user, sees that the press was taken."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look

CUE_MS = 2500


class Cue(PlainLabel):
    """A strip at the top of the window, above the session's screens; it hides itself again."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("session-cue")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.set_look(look)
        self.hide()

    def set_look(self, look: Look) -> None:
        self.look = look
        self.setFont(look.font(1.1, bold=True))
        pad = max(8, round(20 * look.scale))
        self.setStyleSheet(
            f"color: {look.palette.text}; background: {look.palette.surface}; padding: {pad}px;"
            f" border-bottom: {max(2, round(4 * look.scale))}px solid {look.palette.text};"
        )

    def place(self, window: QRect) -> None:
        height = max(self.heightForWidth(window.width()), self.sizeHint().height())
        self.setGeometry(window.x(), window.y(), window.width(), height)

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        parent = self.parentWidget()
        if parent is not None:
            self.place(parent.rect())
        self.show()
        self.raise_()
        self._timer.start(CUE_MS)
