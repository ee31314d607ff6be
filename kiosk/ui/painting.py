"""Painting that cannot take the kiosk down.

An exception escaping a Python ``paintEvent`` leaves the QPainter active; Qt then destroys a paint
device that is still being painted and the process segfaults. Every custom paint goes through here.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.media.qrcode import QrMatrix

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)


@contextmanager
def painting(widget: QWidget) -> Iterator[QPainter]:
    """A QPainter on ``widget`` that is always ended, even when drawing fails."""
    painter = QPainter(widget)
    try:
        yield painter
    finally:
        painter.end()


def safe_paint(method: Callable[[W, QPaintEvent], None]) -> Callable[[W, QPaintEvent], None]:
    """Supervision boundary for one widget's paint: a failure is logged once and the frame skipped."""

    @functools.wraps(method)
    def wrapper(self: W, event: QPaintEvent) -> None:
        try:
            method(self, event)
        except Exception:  # broad on purpose: one bad slide must never end the process
            if not getattr(self, "_paint_failed", False):
                log.exception(
                    "painting %s failed; it stays blank until its content changes", type(self).__name__
                )
                self._paint_failed = True  # type: ignore[attr-defined]

    return wrapper


__all__ = ["painting", "safe_paint"]


def paint_qr(painter: QPainter, rect: QRectF, matrix: QrMatrix | None) -> None:
    """A QR code in ``rect``, module by module, on white: phones need a light quiet zone around the dark
    modules, also in dark and high-contrast themes. Without a matrix (not encoded yet) only the white."""
    painter.fillRect(rect, QColor("#ffffff"))
    if matrix is None:
        return
    module = rect.width() / matrix.size
    dark = QColor("#000000")
    for r, row in enumerate(matrix.dark):
        for c, is_dark in enumerate(row):
            if is_dark:  # a half pixel more on each module, so no hairline gaps show between them
                painter.fillRect(
                    QRectF(rect.x() + c * module, rect.y() + r * module, module + 0.5, module + 0.5), dark
                )
