"""The parts of a data board: its screens and canvas, cell labels, badge and state colours, fill bars.

Colours: a line badge takes the feed's route colour only with a text colour that reaches 4.5:1 on it
(WCAG 1.4.3) and an outline where its fill is too close to the background (1.4.11); states in words
("fällt aus", "fast voll") sit on the theme's warning and alert fills, whose contrast the theme
validation checks. The colour repeats the word, it never replaces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.config.contrast import contrast_ratio
from kiosk.data.present_board import Board, Cell, Column, Row
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look

HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")


@dataclass
class Screen:
    """One screen of a board: its widgets and the bands painted behind them."""

    widgets: list[QWidget] = field(default_factory=list)
    bands: list[tuple[QRect, str]] = field(default_factory=list)  # (rect, "now" | "next" | "rule" | "head")


class BoardCanvas(QWidget):
    """Holds a board's widgets; paints the row bands (now, next) and rules of the shown screen."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.bands: list[tuple[QRect, str]] = []
        self.stripe = 4  # the accent stripe of the next row (set by the board's layout from its font)

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.look.palette
        with painting(self) as painter:
            for rect, kind in self.bands:
                if kind == "now":
                    painter.fillRect(rect, QColor(pal.accent))
                elif kind == "next":
                    painter.fillRect(rect, QColor(pal.surface))
                    stripe = QRect(rect.left(), rect.top(), self.stripe, rect.height())
                    painter.fillRect(stripe, QColor(pal.accent))  # accent vs background ≥ 3:1 (theme check)
                elif kind == "head":
                    painter.fillRect(rect, QColor(pal.text))
                else:
                    painter.fillRect(rect, QColor(pal.surface))


def badge_colors(cell: Cell, look: Look) -> tuple[str, str, bool]:
    """(fill, text, outlined) of a line badge: the feed's route colour with whichever text colour has the
    better contrast (the feed's own when it reaches 4.5:1), else the theme's accent pair; outlined when
    the fill is too close to the background to see its edge (WCAG 1.4.11, 3:1)."""
    pal = look.palette
    fill, text = pal.accent, pal.accent_text
    if HEX.match(cell.color):
        fill = "#" + cell.color.lstrip("#").lower()
        own = "#" + cell.text_color.lstrip("#").lower() if HEX.match(cell.text_color) else ""
        if own and contrast_ratio(own, fill) >= 4.5:
            text = own
        else:
            text = max(("#ffffff", "#000000"), key=lambda c: contrast_ratio(c, fill))
    return fill, text, contrast_ratio(fill, pal.background) < 3.0


def tone_colors(tone: str, look: Look, ink: str) -> tuple[str, str]:
    """(text, background) of a state in words: warnings and alerts on their contrast-checked fills."""
    pal = look.palette
    if tone == "warning":
        return pal.warning_text, pal.warning
    if tone == "alert":
        return pal.alert_text, pal.alert
    if tone == "muted":
        return pal.muted_text, ""
    return ink, ""


def cell_label(text: str, font: QFont, color: str, back: str, parent: QWidget, pad: int) -> QLabel:
    lab = PlainLabel(text, parent)
    lab.setWordWrap(True)
    lab.setFont(font)
    if back:
        lab.setContentsMargins(pad, 0, pad, 0)
        lab.setStyleSheet(f"color: {color}; background: {back}; border-radius: {pad}px;")
    else:
        lab.setStyleSheet(f"color: {color}; background: transparent;")
    return lab


def words_width(font: QFont, text: str) -> float:
    metrics = QFontMetricsF(font)
    return max((metrics.horizontalAdvance(w) for w in text.split()), default=0.0)


def text_width(font: QFont, text: str) -> float:
    return max((QFontMetricsF(font).horizontalAdvance(line) for line in text.split("\n")), default=0.0)


def discard(widgets: list[QWidget]) -> None:
    for w in widgets:
        w.hide()  # before the event loop deletes it: a first show() of the slide must not show it
        w.deleteLater()


class FillBar(QWidget):
    """The free spaces of a car park: the count in words ("87 von 520") over a bar of that share."""

    def __init__(self, cell: Cell, font: QFont, look: Look, ink: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.cell, self.look = cell, look
        self.count = cell_label(cell.text, font, ink, "", self, 0)
        self.bar_h = max(6, round(font.pixelSize() * 0.4)) if cell.fill is not None else 0
        self.gap = max(2, round(font.pixelSize() * 0.15)) if cell.fill is not None else 0

    def height_for(self, width: int) -> int:
        return self.count.heightForWidth(width) + self.gap + self.bar_h

    def bar_rect(self) -> QRect:
        return QRect(0, self.height() - self.bar_h, self.width(), self.bar_h)

    def resizeEvent(self, event: object) -> None:
        self.count.setGeometry(0, 0, self.width(), self.count.heightForWidth(self.width()))

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.cell.fill is None:
            return
        pal = self.look.palette
        track = self.bar_rect()
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillRect(track, QColor(pal.surface))
            painter.setPen(QColor(pal.muted_text))  # the track's edge: the empty share is seen too
            painter.drawRect(track.adjusted(0, 0, -1, -1))
            filled = QRect(track.left(), track.top(), round(track.width() * self.cell.fill), track.height())
            painter.fillRect(filled, QColor(pal.accent))


def paragraph_board(board: Board) -> Board:
    """``board`` as one paragraph per record ("16:00–17:45 · Judo · jetzt"), its line badge kept beside
    it: where no column grid fits (7 m in 1280 px), a paragraph wraps densest and keeps every word."""
    badges = [i for i, c in enumerate(board.columns) if c.kind == "badge"]
    grow = next((i for i, c in enumerate(board.columns) if c.grows), 0)
    columns = (*(board.columns[i] for i in badges), Column("record", "", grows=True))
    rows = []
    for row in board.rows:
        cells = [c for i, c in enumerate(row.cells) if i not in badges and c.text]
        # a state in the alert tone ("Abgesagt", "fällt aus") leads, unstruck: a paragraph may
        # continue on the next screen, the reason it is struck must not
        lead = [c for c in cells if c.tone == "alert"]
        text = " · ".join(c.text for c in (*lead, *(c for c in cells if c not in lead)))
        struck = row.cells[grow].struck and not lead
        rows.append(Row((*(row.cells[i] for i in badges), Cell(text, struck=struck)), row.mark))
    return Board(columns, tuple(rows), empty=board.empty, pictogram=board.pictogram)


__all__ = [
    "BoardCanvas",
    "FillBar",
    "Screen",
    "badge_colors",
    "cell_label",
    "discard",
    "paragraph_board",
    "text_width",
    "tone_colors",
    "words_width",
]
