"""Prepare pictures and QR codes in worker threads; results come back to the GUI thread as signals."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.media.cache import ImageCache
from kiosk.media.images import Fit, ImageError
from kiosk.media.qrcode import qr_matrix

log = logging.getLogger(__name__)


class AssetLoader(QObject):
    """Decodes and scales pictures off the GUI thread. ``image_ready(key, QImage | None)``."""

    image_ready = Signal(str, object)
    qr_ready = Signal(str, object)

    def __init__(
        self, workers: int = 2, parent: QObject | None = None, cache: ImageCache | None = None
    ) -> None:
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="assets")
        self.cache = cache or ImageCache()

    def request_image(self, key: str, path: Path, box: tuple[int, int], fit: Fit) -> Future[None]:
        return self.pool.submit(self._image, key, path, box, fit)

    def request_qr(self, key: str, data: str) -> Future[None]:
        return self.pool.submit(self._qr, key, data)

    def _image(self, key: str, path: Path, box: tuple[int, int], fit: Fit) -> None:
        try:
            prepared = self.cache.get(path, box, fit)
            image = QImage(
                prepared.rgba,
                prepared.width,
                prepared.height,
                prepared.width * 4,
                QImage.Format.Format_RGBA8888,
            ).copy()  # copy: own the pixels past this frame
        except ImageError as exc:
            log.error("picture cannot be shown, showing its text instead: %s", exc)
            image = None
        self.image_ready.emit(key, image)

    def _qr(self, key: str, data: str) -> None:
        self.qr_ready.emit(key, qr_matrix(data))

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
