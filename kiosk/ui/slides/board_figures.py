"""Big figures (weather, water level) and the designed empty state of a board.

A figure: its station, then the number that matters as the biggest thing on the screen (DIN 1450
signalling text, never below the 0.7° floor), beside or above its pictogram with the condition or trend
in words, then the facts (wind, gusts, precipitation; mean water and the surge threshold) as label and
value, side by side where they fit and stacked where they do not. Items that do not fit the height go
to the next screen. The empty state: a pictogram and one sentence, centred.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.data.present_board import Board, Figure
from kiosk.ui.slides.board import FontFor
from kiosk.ui.slides.board_cells import Screen, cell_label, discard, tone_colors
from kiosk.ui.slides.pictograms import Pictogram
from kiosk.ui.theme import Look

# the big number's design factor; it steps down to fit the width, never below the role's floor
# the words and facts beside the number, set larger while all of it fits one screen
FILL_SCALES = (1.8, 1.5, 1.25, 1.0)
VALUE_FACTORS = (5.0, 4.4, 3.8, 3.2, 2.8, 2.4, 2.0, 1.7, 1.4, 1.2, 1.0)


def _widest(font: QFont, text: str) -> float:
    metrics = QFontMetricsF(font)
    return max((metrics.horizontalAdvance(w) for w in text.split()), default=0.0)


class FigureBoard:
    """Lays a board's figures out in ``host``, screen by screen."""

    def __init__(self, board: Board, look: Look, font_for: FontFor, ink: str) -> None:
        self.board, self.look, self.font_for, self.ink = board, look, font_for, ink
        self.scale = 1.0

    def _value_font(self, text: str, width: int) -> QFont:
        font = self.font_for("numbers", VALUE_FACTORS[0], True)
        for factor in VALUE_FACTORS:
            font = self.font_for("numbers", factor, True)
            if QFontMetricsF(font).horizontalAdvance(text) <= width:
                return font
        return font  # at the floor: the value wraps between number and unit ("11,4" / "°C")

    def _items(self, figure: Figure, host: QWidget, width: int) -> list[tuple[list[QWidget], int]]:
        """The figure as blocks of (widgets at y = 0, height)."""
        pal = self.look.palette
        rows_font = self._rows(1.0, False)
        px = rows_font.pixelSize()
        gap = max(6, round(px * 0.5))
        items: list[tuple[list[QWidget], int]] = []
        if figure.title:
            # the station is fine print ("Rostock-Warnemünde" is one word too wide for rows at 7 m)
            title = cell_label(figure.title, self.font_for("note", 1.0, True), self.ink, "", host, 0)
            title.setGeometry(0, 0, width, title.heightForWidth(width))
            items.append(([title], title.height() + gap))
        # the hero: pictogram and value side by side when both fit, the pictogram above otherwise
        side = round(self.font_for("numbers", VALUE_FACTORS[0], True).pixelSize() * 1.1)
        beside = width - side - gap
        value_font = self._value_font(figure.value, beside if figure.pictogram else width)
        if figure.pictogram and QFontMetricsF(value_font).horizontalAdvance(figure.value) > beside:
            value_font = self._value_font(figure.value, width)
            stacked = True
        else:
            stacked = False
        side = min(side, width) if figure.pictogram else 0
        hero: list[QWidget] = []
        x = 0 if stacked or not side else side + gap
        if side:
            picto = Pictogram(figure.pictogram, self.ink, pal.surface, host)
            picto.setGeometry(0, 0, side, side)
            hero.append(picto)
            if stacked:  # above the value, an item of its own (a screen may end below it)
                items.append((hero, side + gap))
                hero = []
        value = cell_label(figure.value, value_font, self.ink, "", host, 0)
        value.setObjectName("figure-value")
        value.setGeometry(x, 0, width - x, value.heightForWidth(width - x))
        hero.append(value)
        bottom = value.height()
        if figure.caption:
            caption = cell_label(figure.caption, self._rows(1.2, True), self.ink, "", host, 0)
            caption.setGeometry(x, bottom, width - x, caption.heightForWidth(width - x))
            if stacked:
                items.append((hero, bottom))
                caption.move(x, 0)
                hero, bottom = [], 0
            hero.append(caption)
            bottom += caption.height()
        items.append((hero, max(bottom, 0 if stacked else side) + gap))
        # the facts: label and value in two columns where they fit, stacked where not
        label_w = max((QFontMetricsF(rows_font).horizontalAdvance(k) for k, _ in figure.facts), default=0)
        value_w = max((QFontMetricsF(rows_font).horizontalAdvance(v) for _, v in figure.facts), default=0)
        two = label_w + gap + value_w <= width
        left = round(label_w + gap) if two else 0
        for name, amount in figure.facts:
            tone = figure.tone if not amount else ""
            color, back = tone_colors(tone, self.look, self.ink)
            made: list[QWidget] = []
            if not amount:  # a line of its own: the state ("Sturmflut (+1,1 m)", "keine Sturmflut")
                lab = cell_label(name, self._rows(1.0, True), color, back, host, gap // 2)
                lab.setGeometry(0, 0, width, lab.heightForWidth(width))
                items.append(([lab], lab.height() + gap // 2))
                continue
            key_ink = self.ink if figure.tone else pal.muted_text  # on the surge's warning fill: its ink
            key = cell_label(name, rows_font, key_ink, "", host, 0)
            key.setGeometry(0, 0, left if two else width, key.heightForWidth(left if two else width))
            val = cell_label(amount, self._rows(1.0, True), self.ink, "", host, 0)
            vx, vy = (left, 0) if two else (0, key.height())
            val.setGeometry(vx, vy, width - vx, val.heightForWidth(width - vx))
            made += [key, val]
            items.append((made, max(key.height(), vy + val.height()) + gap // 2))
        return items

    def _rows(self, factor: float, bold: bool) -> QFont:
        return self.font_for("rows", factor * self.scale, bold)

    def layout(self, host: QWidget, width: int, height: int) -> list[Screen]:
        """The figures screen by screen; words and facts set larger while everything still fits one
        screen (the zone filled, the number still the biggest thing on it)."""
        for scale in FILL_SCALES:
            self.scale = scale
            screens = self._layout(host, width, height)
            if len(screens) == 1 or scale == FILL_SCALES[-1]:
                return screens
            discard([w for screen in screens for w in screen.widgets])
        return []

    def _layout(self, host: QWidget, width: int, height: int) -> list[Screen]:
        screens, screen, y = [], Screen(), 0
        for figure in self.board.figures:
            for made, h in self._items(figure, host, width):
                if y + h > height and y > 0:
                    screens.append(screen)
                    screen, y = Screen(), 0
                for w in made:
                    w.move(w.x(), w.y() + y)
                    screen.widgets.append(w)
                y += h
            y += max(8, round(self._rows(1.0, False).pixelSize()))  # between gauges
        screens.append(screen)
        return screens


def empty_state(
    board: Board, look: Look, font_for: FontFor, ink: str, host: QWidget, width: int, height: int
) -> Screen:
    """A pictogram and the sentence, centred in the board's area."""
    font = font_for("rows", 1.3, False)
    label: QLabel = cell_label(board.empty, font, ink, "", host, 0)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    label.setObjectName("empty-state")
    text_h = label.heightForWidth(width)
    side = max(0, min(round(font.pixelSize() * 3), height - text_h - font.pixelSize(), width))
    total = side + (font.pixelSize() // 2 if side else 0) + text_h
    top = max(0, (height - total) // 2)
    widgets: list[QWidget] = []
    if side and board.pictogram:
        picto = Pictogram(board.pictogram, ink, look.palette.surface, host)
        picto.setGeometry((width - side) // 2, top, side, side)
        widgets.append(picto)
        top += side + font.pixelSize() // 2
    label.setGeometry(QRect(0, top, width, text_h))
    widgets.append(label)
    return Screen(widgets)


__all__ = ["FigureBoard", "empty_state"]
