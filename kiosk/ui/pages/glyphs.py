"""Small line symbols for buttons, drawn as paths: sharp at any size and independent of font coverage
(DejaVu Sans has no house or pause sign). Symbols only repeat a button's text, never replace it."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

GLYPHS = (
    "back",
    "home",
    "help",
    "repeat",
    "pause",
    "play",
    "access",
    "up",
    "down",
    "chevron",
    "plus",
    "minus",
    "close",
    "language",
    "check",
)


def draw_glyph(painter: QPainter, name: str, rect: QRectF, color: QColor) -> None:
    """Draw symbol ``name`` centred in the square part of ``rect``; unknown names draw nothing."""
    side = min(rect.width(), rect.height())
    if side <= 0:
        return
    box = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    pen = QPen(color, max(2.0, side / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    path = _path(name, box)
    if name in ("pause", "play", "up", "down"):
        painter.setBrush(color)  # solid shapes read better from a distance
    if name == "help":
        font = painter.font()
        font.setPixelSize(max(8, round(side * 0.95)))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")
    elif name == "access":
        painter.setBrush(color)
        painter.drawEllipse(QPointF(box.center().x(), box.top() + side * 0.14), side * 0.11, side * 0.11)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if path is not None:
            painter.drawPath(path)
    elif path is not None:
        painter.drawPath(path)
    painter.restore()


def _path(name: str, b: QRectF) -> QPainterPath | None:
    x, y, s = b.x(), b.y(), b.width()

    def p(fx: float, fy: float) -> QPointF:
        return QPointF(x + fx * s, y + fy * s)

    path = QPainterPath()
    if name == "back":
        path.moveTo(p(0.85, 0.5))
        path.lineTo(p(0.15, 0.5))
        path.moveTo(p(0.45, 0.2))
        path.lineTo(p(0.15, 0.5))
        path.lineTo(p(0.45, 0.8))
    elif name == "home":
        path.moveTo(p(0.1, 0.5))
        path.lineTo(p(0.5, 0.12))
        path.lineTo(p(0.9, 0.5))
        path.moveTo(p(0.22, 0.4))
        path.lineTo(p(0.22, 0.88))
        path.lineTo(p(0.78, 0.88))
        path.lineTo(p(0.78, 0.4))
        path.moveTo(p(0.42, 0.88))
        path.lineTo(p(0.42, 0.64))
        path.lineTo(p(0.58, 0.64))
        path.lineTo(p(0.58, 0.88))
    elif name == "repeat":
        path.arcMoveTo(QRectF(p(0.15, 0.15), p(0.85, 0.85)), 110)
        path.arcTo(QRectF(p(0.15, 0.15), p(0.85, 0.85)), 110, 290)
        end = path.currentPosition()
        a = math.radians(40)
        path.moveTo(end)
        path.lineTo(end + QPointF(-0.22 * s * math.cos(a), -0.02 * s))
        path.moveTo(end)
        path.lineTo(end + QPointF(0.02 * s, -0.22 * s))
    elif name == "pause":
        path.addRect(QRectF(p(0.22, 0.15), p(0.4, 0.85)))
        path.addRect(QRectF(p(0.6, 0.15), p(0.78, 0.85)))
    elif name == "play":
        path.moveTo(p(0.25, 0.12))
        path.lineTo(p(0.85, 0.5))
        path.lineTo(p(0.25, 0.88))
        path.closeSubpath()
    elif name == "access":
        path.moveTo(p(0.15, 0.38))
        path.lineTo(p(0.85, 0.38))
        path.moveTo(p(0.5, 0.38))
        path.lineTo(p(0.5, 0.62))
        path.lineTo(p(0.3, 0.92))
        path.moveTo(p(0.5, 0.62))
        path.lineTo(p(0.7, 0.92))
    elif name == "up":
        path.moveTo(p(0.5, 0.2))
        path.lineTo(p(0.88, 0.78))
        path.lineTo(p(0.12, 0.78))
        path.closeSubpath()
    elif name == "down":
        path.moveTo(p(0.5, 0.8))
        path.lineTo(p(0.88, 0.22))
        path.lineTo(p(0.12, 0.22))
        path.closeSubpath()
    elif name == "chevron":
        path.moveTo(p(0.35, 0.15))
        path.lineTo(p(0.7, 0.5))
        path.lineTo(p(0.35, 0.85))
    elif name in ("plus", "minus"):
        path.moveTo(p(0.15, 0.5))
        path.lineTo(p(0.85, 0.5))
        if name == "plus":
            path.moveTo(p(0.5, 0.15))
            path.lineTo(p(0.5, 0.85))
    elif name == "close":
        path.moveTo(p(0.2, 0.2))
        path.lineTo(p(0.8, 0.8))
        path.moveTo(p(0.8, 0.2))
        path.lineTo(p(0.2, 0.8))
    elif name == "check":
        path.moveTo(p(0.12, 0.52))
        path.lineTo(p(0.4, 0.8))
        path.lineTo(p(0.9, 0.2))
    elif name == "language":
        path.addEllipse(b.adjusted(s * 0.1, s * 0.1, -s * 0.1, -s * 0.1))
        path.addEllipse(QRectF(p(0.33, 0.1), p(0.67, 0.9)))
        path.moveTo(p(0.1, 0.5))
        path.lineTo(p(0.9, 0.5))
    else:
        return None
    return path


__all__ = ["GLYPHS", "draw_glyph"]
