"""Crossfade and slide between a snapshot of the old content and the live new content.

The new slide is already painted (it was prepared below the old one), so every frame of the
transition shows either the old picture, the new one, or a blend of both: never a blank frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPoint, QVariantAnimation
from PySide6.QtGui import QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.ui.painting import painting, safe_paint

DURATIONS_MS = {"crossfade": 700, "slide": 600}


class SnapshotOverlay(QWidget):
    """Paints a picture of the previous content with an opacity, on top of the new content."""

    def __init__(self, pixmap: QPixmap, parent: QWidget) -> None:
        super().__init__(parent)
        self.pixmap = pixmap
        self.opacity = 1.0
        self.setGeometry(parent.rect())

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.setOpacity(self.opacity)
            painter.drawPixmap(0, 0, self.pixmap)


class Transition:
    """One running transition inside a zone; ``done`` is called exactly once at its end."""

    def __init__(
        self, zone: QWidget, old: QWidget, new: QWidget, kind: str, done: Callable[[], None]
    ) -> None:
        self.zone = zone
        self.new = new
        self.kind = kind
        self.done = done
        self.overlay = SnapshotOverlay(old.grab(), zone)
        self.overlay.show()
        self.overlay.raise_()
        self.animation = QVariantAnimation(zone)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(DURATIONS_MS.get(kind, 600))
        self.animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.animation.valueChanged.connect(self._step)
        self.animation.finished.connect(self._finish)
        self._step(0.0)
        self.animation.start()

    def _step(self, value: object) -> None:
        progress = float(value)  # type: ignore[arg-type]
        width = self.zone.width()
        if self.kind == "slide":
            self.overlay.move(QPoint(-round(width * progress), 0))
            self.new.move(QPoint(width - round(width * progress), 0))
        else:
            self.overlay.opacity = 1.0 - progress
            self.overlay.update()

    def _finish(self) -> None:
        self.new.move(QPoint(0, 0))
        self.overlay.hide()
        self.overlay.deleteLater()
        self.animation.deleteLater()
        self.done()

    def finish_now(self) -> None:
        """Jump to the end (a newer switch arrived, or the zone is being torn down)."""
        if self.animation.state() == QVariantAnimation.State.Running:
            self.animation.stop()
            self._finish()
