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

from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

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
