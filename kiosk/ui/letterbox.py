"""A full-screen frame that shows the kiosk window at its own aspect, with bars in the theme background.

A portrait stele's layout on a landscape screen was stretched (circles became ellipses, text squashed)
and its caption ended up behind the touch bar. Inside this frame the window keeps the aspect of the
device file's screen, scaled uniformly and centred; every zone, bar and overlay lives in the window, so
all of them fit it as on the right screen. Touch outside the window (on a bar) reaches the frame only.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QWidget


def fitted_rect(outer: QRect, aspect: tuple[int, int]) -> QRect:
    """The largest rectangle of ``aspect`` centred in ``outer``."""
    scale = min(outer.width() / aspect[0], outer.height() / aspect[1])
    width = min(outer.width(), round(aspect[0] * scale))
    height = min(outer.height(), round(aspect[1] * scale))
    return QRect(
        outer.left() + (outer.width() - width) // 2,
        outer.top() + (outer.height() - height) // 2,
        width,
        height,
    )


class Letterbox(QWidget):
    """Holds ``window`` (made a child) at ``aspect``, centred; the rest is painted in ``background``."""

    def __init__(self, window: QWidget, aspect: tuple[int, int], background: str) -> None:
        super().__init__()
        self.setWindowTitle(window.windowTitle())
        self.aspect = aspect
        self.inner = window
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(background))
        self.setPalette(pal)
        window.setParent(self)  # a child now: its window flags are reset, it takes the frame's screen

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.inner.setGeometry(fitted_rect(self.rect(), self.aspect))
        super().resizeEvent(event)
