"""The kiosk window: the layout's zones, scaled from the reference canvas to the real screen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.config.models.layout import Layout
from kiosk.ui.theme import Look
from kiosk.ui.zone import ZoneWidget

# Bands above the zones, bottom to top: the attract hint bar, the page of a session, the accessibility
# panel, notices (help, idle warning), the keypad focus ring, the privacy blank (over the ring too: nothing
# of the session may show through). Emergency overlays go above all of them: they are for everyone.
LAYER_ORDER = ("chrome", "page", "panel", "notice", "ring", "blank")


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
        self.layers: dict[str, list[QWidget]] = {kind: [] for kind in LAYER_ORDER}
        self.zones: dict[str, ZoneWidget] = {
            zone.id: ZoneWidget(zone.id, look, zone.background, self) for zone in layout.zones
        }

    def add_layer(self, widget: QWidget, kind: str) -> None:
        """Put ``widget`` above the zones in the band ``kind`` (see LAYER_ORDER); emergency overlays
        always stay on top of everything a session shows."""
        for widgets in self.layers.values():
            if widget in widgets:
                widgets.remove(widget)
        self.layers[kind] = [w for w in self.layers[kind] if shiboken6.isValid(w)] + [widget]
        widget.setParent(self)
        self.arrange_layers()

    def zone_rects(self) -> dict[str, QRect]:
        """Every zone's rectangle as the layout places it on this window (before any reservation)."""
        size = (self.width(), self.height())
        return {
            zone.id: zone_rect(self.layout_model, i, *size) for i, zone in enumerate(self.layout_model.zones)
        }

    def arrange_zones(self) -> None:
        """Zones where the layout puts them, except that a shown bar that reserves its strip (the attract
        bar) is never laid over a zone: the zone it lies in ends above it."""
        reserved = [
            w.geometry()
            for w in self.layers["chrome"]
            if shiboken6.isValid(w) and not w.isHidden() and getattr(w, "reserves_space", False)
        ]
        for zone_id, rect in self.zone_rects().items():
            for bar in reserved:
                if rect.intersects(bar) and bar.top() > rect.top():
                    rect.setBottom(bar.top() - 1)
            if self.zones[zone_id].geometry() != rect:
                self.zones[zone_id].setGeometry(rect)

    def arrange_layers(self) -> None:
        # a warning banner keeps its strip at the top: a session's screens start below it
        inset = sum(o.height() for o in self.overlays if o.isVisible() and getattr(o, "pushes_down", False))
        area = self.rect().adjusted(0, inset, 0, 0)
        for kind in LAYER_ORDER:
            alive = [w for w in self.layers[kind] if shiboken6.isValid(w)]
            self.layers[kind] = alive
            for widget in alive:
                place = getattr(widget, "place", None)
                if callable(place):
                    place(self.rect())  # bars choose their own strip of the window
                elif kind != "ring":
                    widget.setGeometry(area)
                widget.raise_()
        for overlay in self.overlays:
            place = getattr(overlay, "place", None)
            if callable(place):
                place(self.rect())
            else:
                overlay.setGeometry(self.rect())
            overlay.raise_()
        self.arrange_zones()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.arrange_layers()
        super().resizeEvent(event)
