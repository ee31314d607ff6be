"""Prepare pictures and QR codes in worker threads; results come back to the GUI thread as signals."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.media.cache import ImageCache
from kiosk.media.images import Fit, ImageError
from kiosk.media.qrcode import qr_matrix
from kiosk.runtime.workers import Workers

log = logging.getLogger(__name__)


class AssetLoader(QObject):
    """Decodes and scales pictures off the GUI thread. ``image_ready(key, QImage | None)``,
    ``qr_ready(key, QrMatrix | None)``: None when it cannot be made (the widget shows its text instead)."""

    image_ready = Signal(str, object)
    qr_ready = Signal(str, object)

    def __init__(
        self, workers: int = 2, parent: QObject | None = None, cache: ImageCache | None = None
    ) -> None:
        super().__init__(parent)
        self.workers = Workers("assets", threads=workers, parent=self)
        self.cache = cache or ImageCache()

    def request_image(self, key: str, path: Path, box: tuple[int, int], fit: Fit) -> None:
        self.workers.submit(
            f"picture {path.name}",
            lambda: self._image(path, box, fit),
            lambda image: self.image_ready.emit(key, image),
            lambda _error: self.image_ready.emit(key, None),  # a decoder crash: the text alternative
        )

    def request_qr(self, key: str, data: str) -> None:
        self.workers.submit(
            "QR code",
            lambda: qr_matrix(data),
            lambda matrix: self.qr_ready.emit(key, matrix),
            lambda _error: self.qr_ready.emit(key, None),
        )

    def _image(self, path: Path, box: tuple[int, int], fit: Fit) -> QImage | None:
        try:
            prepared = self.cache.get(path, box, fit)
        except ImageError as exc:
            log.error("picture cannot be shown, showing its text instead: %s", exc)
            return None
        return QImage(
            prepared.rgba,
            prepared.width,
            prepared.height,
            prepared.width * 4,
            QImage.Format.Format_RGBA8888,
        ).copy()  # copy: own the pixels past this frame

    def shutdown(self) -> None:
        self.workers.shutdown(wait=True)
