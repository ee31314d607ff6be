"""Composition of one device: content, window, zones, first slides and their assets."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.device import Device, ZoneAssignment
from kiosk.config.models.slides import ImageSlide, QrSlide, SlideBase
from kiosk.media.qrcode import QrMatrix
from kiosk.runtime.assets import AssetLoader
from kiosk.ui.main_window import MainWindow, zone_rect
from kiosk.ui.slides import ImageSlideWidget, QrSlideWidget, SlideWidget, make_slide_widget
from kiosk.ui.theme import look_for

log = logging.getLogger(__name__)


def first_slide(content: ContentSet, assignment: ZoneAssignment) -> SlideBase | None:
    """The first playable slide of a zone: its playlists in order, then its default."""
    names = [*assignment.playlists, *([assignment.default] if assignment.default else [])]
    for name in names:
        playlist = content.playlists.get(name)
        if playlist is None:
            continue
        for item in playlist.model.items:
            slide = content.slides.get(item.slide)
            if slide is not None:
                return slide.model
    return None


class Shell(QObject):
    """Builds the window for a device and fills every zone."""

    def __init__(
        self, content: ContentSet, device: Entry[Device], size: tuple[int, int], kiosk_mode: bool
    ) -> None:
        super().__init__()
        self.content = content
        self.device = device.model
        layout_entry = content.layouts[self.device.layout]
        self.layout = layout_entry.model
        theme = content.themes.get(self.device.theme)
        ref = self.layout.reference_size
        self.size = size
        look = look_for(theme.model if theme else None, min(size[0] / ref.width, size[1] / ref.height))
        self.look = look
        self.window = MainWindow(self.device.name, self.layout, look, kiosk_mode)
        self.window.resize(*size)
        self.assets = AssetLoader(parent=self)
        self.assets.image_ready.connect(self._image_ready)
        self.assets.qr_ready.connect(self._qr_ready)
        self.pending: dict[str, SlideWidget] = {}
        self.language = self.device.default_language

    def start(self) -> None:
        for index, zone in enumerate(self.layout.zones):
            assignment = self.device.zones.get(zone.id)
            slide = first_slide(self.content, assignment) if assignment else None
            if slide is None:
                log.warning("zone %s has nothing to play: standby screen", zone.id)
                continue
            widget = make_slide_widget(slide, self.look, self.language, self.device.reduce_motion)
            self.window.zones[zone.id].show_widget(widget)
            rect = zone_rect(self.layout, index, *self.size)
            key = f"{zone.id}"
            if isinstance(slide, ImageSlide):
                self.pending[key] = widget
                path = self.content.content_dir / slide.image
                self.assets.request_image(key, path, (rect.width(), rect.height()), slide.fit)
            elif isinstance(slide, QrSlide):
                self.pending[key] = widget
                self.assets.request_qr(key, slide.url)
            log.info("zone %s shows %s slide", zone.id, type(slide).__name__)

    def _image_ready(self, key: str, image: QImage | None) -> None:
        widget = self.pending.pop(key, None)
        if isinstance(widget, ImageSlideWidget):
            widget.set_image(image)

    def _qr_ready(self, key: str, matrix: QrMatrix) -> None:
        widget = self.pending.pop(key, None)
        if isinstance(widget, QrSlideWidget):
            widget.set_matrix(matrix)

    def stop(self) -> None:
        self.assets.shutdown()
