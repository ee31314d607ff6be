"""Prepare pictures and QR codes in worker threads; results come back to the GUI thread as signals."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.media.cache import ImageCache
from kiosk.media.images import Fit, Framing, ImageError, PreparedImage
from kiosk.media.qrcode import qr_matrix
from kiosk.media.scrim import RGB, Scrim, best_scrim, fixed_scrim, picture_extremes
from kiosk.runtime.workers import Workers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextOver:
    """Text to be drawn over a picture: its box in the picture's pixels, the light and the dark text
    colour to choose from, and the contrast it must reach (WCAG 1.4.3)."""

    box: tuple[int, int, int, int]
    light: RGB
    dark: RGB
    target: float = 4.5
    floor: float = 0.6  # a calm ground under the letters, not only contrast (``media.scrim``)
    fixed: float | None = None  # the editor's own strength (``background.scrim``); None: computed


class AssetLoader(QObject):
    """Decodes and scales pictures off the GUI thread. ``image_ready(key, QImage | None)``,
    ``qr_ready(key, QrMatrix | None)``: None when it cannot be made (the widget shows its text instead)."""

    image_ready = Signal(str, object)
    backdrop_ready = Signal(str, object, object)  # key, QImage | None, Scrim | None
    qr_ready = Signal(str, object)

    def __init__(
        self, workers: int = 2, parent: QObject | None = None, cache: ImageCache | None = None
    ) -> None:
        super().__init__(parent)
        self.workers = Workers("assets", threads=workers, parent=self)
        self.cache = cache or ImageCache()

    def request_image(
        self, key: str, path: Path, box: tuple[int, int], fit: Fit, framing: Framing | None = None
    ) -> None:
        self.workers.submit(
            f"picture {path.name}",
            lambda: self._image(path, box, fit, framing),
            lambda image: self.image_ready.emit(key, image),
            lambda _error: self.image_ready.emit(key, None),  # a decoder crash: the text alternative
        )

    def request_backdrop(
        self, key: str, path: Path, box: tuple[int, int], framing: Framing, text: TextOver | None
    ) -> None:
        """A picture cut to cover ``box``; with ``text``, also the scrim that makes it legible there."""
        self.workers.submit(
            f"background {path.name}",
            lambda: self._backdrop(path, box, framing, text),
            lambda made: self.backdrop_ready.emit(key, made[0], made[1]),
            lambda _error: self.backdrop_ready.emit(key, None, None),
        )

    def _backdrop(
        self, path: Path, box: tuple[int, int], framing: Framing, text: TextOver | None
    ) -> tuple[QImage | None, Scrim | None]:
        try:
            prepared = self.cache.get(path, box, "cover", framing)
        except ImageError as exc:
            log.error("background picture cannot be shown, the slide keeps its plain colours: %s", exc)
            return None, None
        scrim = None
        if text is not None:
            img = Image.frombytes("RGBA", (prepared.width, prepared.height), prepared.rgba)
            pixels = picture_extremes(img, text.box)
            if text.fixed is not None:
                scrim = fixed_scrim(pixels, text.light, text.dark, text.fixed)
            else:
                scrim = best_scrim(pixels, text.light, text.dark, text.target, text.floor)
        return self._qimage(prepared), scrim

    def request_qr(self, key: str, data: str) -> None:
        self.workers.submit(
            "QR code",
            lambda: qr_matrix(data),
            lambda matrix: self.qr_ready.emit(key, matrix),
            lambda _error: self.qr_ready.emit(key, None),
        )

    def _image(
        self, path: Path, box: tuple[int, int], fit: Fit, framing: Framing | None = None
    ) -> QImage | None:
        try:
            prepared = self.cache.get(path, box, fit, framing)
        except ImageError as exc:
            log.error("picture cannot be shown, showing its text instead: %s", exc)
            return None
        return self._qimage(prepared)

    @staticmethod
    def _qimage(prepared: PreparedImage) -> QImage:
        return QImage(
            prepared.rgba,
            prepared.width,
            prepared.height,
            prepared.width * 4,
            QImage.Format.Format_RGBA8888,
        ).copy()  # copy: own the pixels past this frame

    def shutdown(self) -> None:
        self.workers.shutdown(wait=True)
