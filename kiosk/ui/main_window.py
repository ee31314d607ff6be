"""The kiosk window: the layout's zones, scaled from the reference canvas to the real screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.config.models.layout import Layout
from kiosk.ui.theme import Look
from kiosk.ui.zone import ZoneWidget


def zone_rect(layout: Layout, zone_index: int, width: int, height: int) -> QRect:
    """Geometry of a zone on a ``width`` × ``height`` screen (edges rounded so zones stay adjacent)."""
    zone = layout.zones[zone_index]
    sx = width / layout.reference_size.width
    sy = height / layout.reference_size.height
    left, top = round(zone.x * sx), round(zone.y * sy)
    right, bottom = round((zone.x + zone.width) * sx), round((zone.y + zone.height) * sy)
    return QRect(left, top, right - left, bottom - top)


class MainWindow(QWidget):
    def __init__(self, title: str, layout: Layout, look: Look, kiosk_mode: bool) -> None:
        super().__init__()
        self.setWindowTitle(title)
        self.layout_model = layout
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(layout.background or look.palette.background))
        self.setPalette(pal)
        if kiosk_mode:
            # frameless full screen: passers-by get no window decorations to close or move
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setCursor(Qt.CursorShape.BlankCursor)
        self.overlays: list[QWidget] = []  # full-window layers above the zones (emergency takeover)
        self.zones: dict[str, ZoneWidget] = {
            zone.id: ZoneWidget(zone.id, look, zone.background, self) for zone in layout.zones
        }

    def resizeEvent(self, event: QResizeEvent) -> None:
        for index, zone in enumerate(self.layout_model.zones):
            self.zones[zone.id].setGeometry(zone_rect(self.layout_model, index, self.width(), self.height()))
        for overlay in self.overlays:
            overlay.setGeometry(self.rect())
        super().resizeEvent(event)
