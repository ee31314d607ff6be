"""A layout zone: shows one slide widget at a time, prepares the next one underneath, and switches
with a transition; standby (city name, clock) when it has nothing to play, black when the screen is off."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.slides.base import SlideWidget
from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look
from kiosk.ui.transition import Transition


class StandbyWidget(QWidget):
    """City name and clock: a zone is never black while the screen is on."""

    def __init__(self, look: Look, parent: QWidget | None = None, closed: bool = False) -> None:
        super().__init__(parent)
        self.closed = closed
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("#000000") if closed else look.color("background"))
        self.setPalette(pal)
        box = QVBoxLayout(self)
        box.addStretch(1)
        self.city = PlainLabel("" if closed else "Hansestadt Rostock", self)
        self.clock = PlainLabel("", self)
        for lab, factor in ((self.city, 1.3), (self.clock, 1.0)):
            lab.setFont(look.font(factor, bold=lab is self.city))
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setStyleSheet(f"color: {look.palette.muted_text}; background: transparent;")
            box.addWidget(lab)
        box.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        if not closed:
            self.timer.start(15_000)
            self._tick()

    def _tick(self) -> None:
        self.clock.setText(QLocale(QLocale.Language.German).toString(QDateTime.currentDateTime(), "HH:mm"))
        self.setAccessibleName(f"{self.city.text()} {self.clock.text()}")

    def start(self) -> None:
        """Standby has nothing to start (same interface as slide widgets)."""

    def stop(self) -> None:
        self.timer.stop()


class ZoneWidget(QWidget):
    """Holds the current content, the one being prepared, and the running transition."""

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
        self.transition: Transition | None = None

    def stage(self, widget: SlideWidget) -> None:
        """Put a slide below the current content so it can load and paint unseen."""
        widget.setParent(self)
        widget.setGeometry(self.rect())
        widget.show()
        widget.stackUnder(self.current)

    def present(self, widget: QWidget, transition: str = "cut") -> None:
        """Make ``widget`` the current content (staged or not) with the given transition."""
        if self.transition is not None:
            self.transition.finish_now()
        if widget.parent() is not self:
            widget.setParent(self)
        widget.setGeometry(self.rect())
        old = self.current
        self.current = widget
        widget.show()
        widget.raise_()
        start = getattr(widget, "start", None)
        if callable(start):
            start()
        if transition in ("crossfade", "slide") and old.isVisible() and self.isVisible():
            self.transition = Transition(self, old, widget, transition, lambda: self._retire(old))
        else:
            self._retire(old)

    def show_standby(self, closed: bool = False) -> None:
        current = self.current
        if isinstance(current, StandbyWidget) and current.closed == closed:
            return
        self.present(StandbyWidget(self.look, self, closed=closed), "cut")

    def clear(self) -> None:
        """Retire everything (shutdown): web pages must go before their browser profile."""
        if self.transition is not None:
            self.transition.finish_now()
        for child in self.findChildren(SlideWidget):
            self._retire(child)

    def discard(self, widget: QWidget) -> None:
        """Drop a staged widget that will not be shown (failed, or the plan changed)."""
        if widget is not self.current:
            self._retire(widget)

    def _retire(self, old: QWidget) -> None:
        self.transition = None
        stop = getattr(old, "stop", None)
        if callable(stop):
            stop()
        old.hide()
        old.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.current.setGeometry(self.rect())
        super().resizeEvent(event)
