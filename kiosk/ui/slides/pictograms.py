"""Simple vector pictograms for data widgets, drawn with QPainter (no image files, any size, any palette).

Weather (sun, partly, cloud, rain, snow, fog, thunder), the water trend (rising, falling, steady) and the
empty states of the lists (departures, parking, hall-bookings, events, …). They are flat shapes in one
ink colour, in the manner of DIN ISO 7001 public information symbols: they repeat what the words next
to them say, never replace it, so a missing or unknown kind simply draws nothing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kiosk.ui.painting import painting, safe_paint


def _sun(p: QPainter, cx: float, cy: float, r: float, ink: QColor) -> None:
    p.setBrush(ink)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QPointF(cx, cy), r, r)
    p.setPen(QPen(ink, max(1.0, r * 0.22), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for i in range(8):
        a = i * math.pi / 4
        p.drawLine(
            QPointF(cx + math.cos(a) * r * 1.45, cy + math.sin(a) * r * 1.45),
            QPointF(cx + math.cos(a) * r * 1.95, cy + math.sin(a) * r * 1.95),
        )


def _cloud(p: QPainter, box: QRectF, ink: QColor, fill: QColor) -> None:
    """A cloud of three circles on a flat base, filled with ``fill`` and outlined in ``ink``."""
    w, h, x, y = box.width(), box.height(), box.x(), box.y()
    path = QPainterPath()
    for shape in (
        QRectF(x + w * 0.05, y + h * 0.40, w * 0.40, h * 0.55),
        QRectF(x + w * 0.25, y + h * 0.05, w * 0.50, h * 0.75),
        QRectF(x + w * 0.55, y + h * 0.30, w * 0.40, h * 0.65),
    ):
        part = QPainterPath()
        part.addEllipse(shape)
        path = path.united(part)
    base = QPainterPath()
    base.addRect(QRectF(x + w * 0.25, y + h * 0.55, w * 0.5, h * 0.40))
    path = path.united(base)
    p.setPen(QPen(ink, max(1.0, w * 0.05)))
    p.setBrush(fill)
    p.drawPath(path)


def _drops(p: QPainter, box: QRectF, ink: QColor, kind: str) -> None:
    w = box.width()
    for i in range(3):
        x = box.x() + w * (0.25 + 0.25 * i)
        y = box.y() + box.height() * (0.1 + 0.25 * (i % 2))
        if kind == "snow":
            p.setPen(QPen(ink, max(1.0, w * 0.04), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            arm = w * 0.08
            for k in range(3):
                a = k * math.pi / 3
                dx, dy = math.cos(a) * arm, math.sin(a) * arm
                p.drawLine(QPointF(x - dx, y + arm - dy), QPointF(x + dx, y + arm + dy))
        else:
            p.setPen(QPen(ink, max(1.0, w * 0.06), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawLine(QPointF(x, y), QPointF(x - w * 0.06, y + box.height() * 0.45))


def _weather(p: QPainter, kind: str, r: QRectF, ink: QColor, fill: QColor) -> None:
    s = r.width()
    if kind == "sun":
        _sun(p, r.center().x(), r.center().y(), s * 0.22, ink)
        return
    upper = QRectF(r.x(), r.y() + s * 0.1, s, s * 0.55)
    if kind == "partly":
        _sun(p, r.x() + s * 0.62, r.y() + s * 0.3, s * 0.14, ink)
        _cloud(p, QRectF(r.x() + s * 0.02, r.y() + s * 0.35, s * 0.75, s * 0.45), ink, fill)
        return
    if kind == "fog":
        _cloud(p, QRectF(r.x() + s * 0.1, r.y() + s * 0.05, s * 0.8, s * 0.45), ink, fill)
        p.setPen(QPen(ink, max(1.0, s * 0.06), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for i, (a, b) in enumerate(((0.1, 0.8), (0.2, 0.9), (0.1, 0.7))):
            y = r.y() + s * (0.62 + 0.13 * i)
            p.drawLine(QPointF(r.x() + s * a, y), QPointF(r.x() + s * b, y))
        return
    _cloud(p, upper, ink, fill)
    lower = QRectF(r.x(), r.y() + s * 0.62, s, s * 0.36)
    if kind in ("rain", "snow"):
        _drops(p, lower, ink, kind)
    elif kind == "thunder":
        bolt = QPolygonF(
            [
                QPointF(r.x() + s * 0.55, r.y() + s * 0.58),
                QPointF(r.x() + s * 0.38, r.y() + s * 0.80),
                QPointF(r.x() + s * 0.50, r.y() + s * 0.80),
                QPointF(r.x() + s * 0.42, r.y() + s * 0.98),
                QPointF(r.x() + s * 0.66, r.y() + s * 0.72),
                QPointF(r.x() + s * 0.53, r.y() + s * 0.72),
            ]
        )
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ink)
        p.drawPolygon(bolt)


def _arrow(p: QPainter, kind: str, r: QRectF, ink: QColor) -> None:
    """A bold arrow: up (rising), down (falling) or right (steady)."""
    s = r.width()
    shaft, head = s * 0.18, s * 0.42
    angle = {"rising": -90.0, "falling": 90.0, "steady": 0.0}[kind]
    p.save()
    p.translate(r.center())
    p.rotate(angle)
    shape = QPolygonF(
        [
            QPointF(-s * 0.4, -shaft / 2),
            QPointF(s * 0.05, -shaft / 2),
            QPointF(s * 0.05, -head / 2 - s * 0.05),
            QPointF(s * 0.42, 0),
            QPointF(s * 0.05, head / 2 + s * 0.05),
            QPointF(s * 0.05, shaft / 2),
            QPointF(-s * 0.4, shaft / 2),
        ]
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawPolygon(shape)
    p.restore()


def _symbol(p: QPainter, kind: str, r: QRectF, ink: QColor, fill: QColor) -> None:
    """The empty states: a rounded square with a letter or a simple shape (bus, P, calendar, i)."""
    s = r.width()
    frame = r.adjusted(s * 0.08, s * 0.08, -s * 0.08, -s * 0.08)
    p.setPen(QPen(ink, max(1.0, s * 0.06)))
    p.setBrush(fill)
    p.drawRoundedRect(frame, s * 0.14, s * 0.14)
    if kind == "departures":  # a bus front: windscreen and two wheels
        body = frame.adjusted(s * 0.16, s * 0.14, -s * 0.16, -s * 0.24)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(body, s * 0.06, s * 0.06)
        p.drawLine(
            QPointF(body.left(), body.top() + body.height() * 0.55),
            QPointF(body.right(), body.top() + body.height() * 0.55),
        )
        p.setBrush(ink)
        for x in (body.left() + s * 0.08, body.right() - s * 0.08):
            p.drawEllipse(QPointF(x, body.bottom() + s * 0.07), s * 0.05, s * 0.05)
        return
    if kind in ("hall-bookings", "events"):  # a calendar sheet
        sheet = frame.adjusted(s * 0.16, s * 0.2, -s * 0.16, -s * 0.14)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(sheet)
        p.drawLine(
            QPointF(sheet.left(), sheet.top() + s * 0.14), QPointF(sheet.right(), sheet.top() + s * 0.14)
        )
        for x in (sheet.left() + s * 0.12, sheet.right() - s * 0.12):
            p.drawLine(QPointF(x, sheet.top() - s * 0.07), QPointF(x, sheet.top() + s * 0.05))
        return
    letter = {"parking": "P"}.get(kind, "i")
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, round(s * 0.55)))
    p.setFont(font)
    p.setPen(ink)
    p.drawText(frame, Qt.AlignmentFlag.AlignCenter, letter)


WEATHER = frozenset({"sun", "partly", "cloud", "rain", "snow", "fog", "thunder"})
TRENDS = frozenset({"rising", "falling", "steady"})


def paint_pictogram(p: QPainter, kind: str, rect: QRectF, ink: QColor, fill: QColor) -> None:
    """Draw ``kind`` into the square centred in ``rect`` (nothing for an unknown or empty kind)."""
    if not kind:
        return
    side = min(rect.width(), rect.height())
    square = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if kind in WEATHER:
        _weather(p, kind, square, ink, fill)
    elif kind in TRENDS:
        _arrow(p, kind, square, ink)
    else:
        _symbol(p, kind, square, ink, fill)


class Pictogram(QWidget):
    """A square widget that draws one pictogram in the given colours."""

    def __init__(self, kind: str, ink: str, fill: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.ink, self.fill = kind, QColor(ink), QColor(fill)
        self.setAccessibleName("")  # decoration: the words beside it say what it shows

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            paint_pictogram(painter, self.kind, QRectF(self.rect()), self.ink, self.fill)


__all__ = ["TRENDS", "WEATHER", "Pictogram", "paint_pictogram"]
