"""A layout zone: shows one slide widget at a time, or the standby screen when it has nothing to play."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.theme import Look


class StandbyWidget(QWidget):
    """City name and clock: a zone is never black."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), look.color("background"))
        self.setPalette(pal)
        box = QVBoxLayout(self)
        box.addStretch(1)
        self.city = QLabel("Hansestadt Rostock", self)
        self.clock = QLabel(self)
        for lab, factor in ((self.city, 1.3), (self.clock, 1.0)):
            lab.setFont(look.font(factor, bold=lab is self.city))
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setStyleSheet(f"color: {look.palette.text}; background: transparent;")
            box.addWidget(lab)
        box.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(15_000)
        self._tick()

    def _tick(self) -> None:
        self.clock.setText(QLocale(QLocale.Language.German).toString(QDateTime.currentDateTime(), "HH:mm"))
        self.setAccessibleName(f"{self.city.text()} {self.clock.text()}")


class ZoneWidget(QWidget):
    """Holds the current slide widget and keeps it filling the zone."""

    def __init__(
        self, zone_id: str, look: Look, background: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.zone_id = zone_id
        self.look = look
        self.setObjectName(f"zone-{zone_id}")
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(background or look.palette.background))
        self.setPalette(pal)
        self.current: QWidget = StandbyWidget(look, self)

    def show_widget(self, widget: QWidget) -> None:
        """Replace the current content; the old widget is deleted (no leaks over months of playback)."""
        old = self.current
        widget.setParent(self)
        widget.setGeometry(self.rect())
        widget.show()
        self.current = widget
        old.hide()
        old.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.current.setGeometry(self.rect())
        super().resizeEvent(event)
