"""The fixed bottom bar and the header band shared by page screens and the accessibility panel."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk import i18n
from kiosk.navigation.strings import ui_text
from kiosk.ui.pages.blocks import ReadLabel
from kiosk.ui.pages.button import ROLE_FACTOR, TouchButton
from kiosk.ui.pages.env import PageEnv
from kiosk.ui.pages.measure import widest_segment
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.theme import Look

# also the names of their symbols in glyphs.py
BAR_KEYS = ("back", "home", "help", "repeat", "pause", "access")
BAR_COLUMNS = (6, 3, 2)  # the grids the bar may take: one row, two rows, three rows


class Band(QWidget):
    """The header band in the accent colour (text on it in accent_text, 4.5/7:1 by the theme check)."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.fillRect(self.rect(), self.look.color("accent"))


def choose_columns(buttons: list[TouchButton], width: int, gap: int, options: tuple[int, ...]) -> int:
    """The most columns (from ``options``) at which every word of every label fits its button."""
    for columns in options:
        cell = (width - (columns - 1) * gap) / columns
        if all(widest_segment(b.font(), b.text()) <= cell - 2 * b.pad - 2 for b in buttons):
            return columns
    return options[-1]


def bar_labels(key: str, language: str) -> list[str]:
    """Every label the slot of ``key`` can show, in every language the kiosk knows (and the device's):
    the slots are sized for all of them, so no button moves when the language changes."""
    keys = ("pause", "resume") if key == "pause" else (key,)
    languages = dict.fromkeys((*i18n.codes(), language))
    return list(dict.fromkeys(ui_text(k, code) for k in keys for code in languages))


class BottomBar(QWidget):
    """Back, Home, Help, Repeat, Pause, Access: always in this order and in the same slots (WCAG 3.2.6).

    The grid (one row of six, or two or three rows) is chosen from the window width and the labels of
    *every* language at the normal text size, so a change of language or text size never moves a
    button; the slots are as tall as the tallest label of any language needs. A label too wide for its
    slot (large text) gets a smaller font, never below ``env.label_floor_px`` (0.7° at the viewing
    distance); words are never broken. Each row is as tall as its tallest label in any language.
    """

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), env.look.color("background"))
        self.setPalette(pal)
        self.buttons: dict[str, TouchButton] = {}
        for key in BAR_KEYS:
            button = TouchButton(env.text(key), env.look, env.target_px, role="bar", glyph=key, parent=self)
            button.setObjectName(f"bar-{key}")
            self.buttons[key] = button
        margin = round(16 * env.look.scale)
        gap = round(12 * env.look.scale)
        grid = QGridLayout(self)
        grid.setContentsMargins(margin, margin, margin, margin)
        grid.setSpacing(gap)
        width = env.size[0] - 2 * margin
        # the grid at the normal text size, whatever this session's: large text keeps the same slots
        normal = replace(env.look, text_scale=1.0)
        probe = TouchButton("", normal, env.target_px, role="bar", glyph="help")
        self.columns = BAR_COLUMNS[-1]
        for columns in BAR_COLUMNS:
            cell = (width - (columns - 1) * gap) / columns
            room = probe.text_width_for(cell) - 2
            font = normal.font(ROLE_FACTOR["bar"], bold=True)
            if all(widest_segment(font, t) <= room for k in BAR_KEYS for t in bar_labels(k, env.language)):
                self.columns = columns
                break
        probe.deleteLater()
        self.cell = int((width - (self.columns - 1) * gap) / self.columns)
        # each row as tall as the tallest label of any language in it: no slot moves with the language,
        # and a row of one-line labels does not take the height of "Barriere-freiheit" on two (one
        # height for all rows made the bar too tall for the page above it on a 540 × 960 terminal)
        self.row_heights = [0] * -(-len(BAR_KEYS) // self.columns)
        for i, (key, button) in enumerate(self.buttons.items()):
            row = i // self.columns
            for text in bar_labels(key, env.language):
                height = button.height_for(self.cell, text, self._font(text))
                self.row_heights[row] = max(self.row_heights[row], height)
        for i, button in enumerate(self.buttons.values()):
            button.setFont(self._font(button.text()))
            button.setFixedHeight(self.row_heights[i // self.columns])
            grid.addWidget(button, i // self.columns, i % self.columns)
        for c in range(self.columns):
            grid.setColumnStretch(c, 1)

    def _font(self, text: str) -> QFont:
        """The bar font, or a smaller one (not below the floor) in which every word fits the slot."""
        room = self.buttons["help"].text_width_for(self.cell) - 2
        font = self.env.look.font(ROLE_FACTOR["bar"], bold=True)
        while font.pixelSize() > self.env.label_floor_px and widest_segment(font, text) > room:
            font.setPixelSize(font.pixelSize() - 1)
        return font

    def set_label(self, key: str, text: str, spoken: str | None = None) -> None:
        """A new label in the same slot (Pause ↔ Weiter, "nicht verfügbar"), its font fitted to the slot."""
        button = self.buttons[key]
        button.setFont(self._font(text))
        button.set_label(text, spoken)


__all__ = ["BAR_COLUMNS", "BAR_KEYS", "Band", "BottomBar", "bar_labels", "choose_columns"]


@dataclass
class Frame:
    """The parts every full-window screen (page, panel) shares."""

    outer: QVBoxLayout
    header: Band
    title: QWidget
    scroll_area: QScrollArea
    body: QWidget
    body_box: QVBoxLayout


def build_frame(screen: QWidget, env: PageEnv, title: str) -> Frame:
    """Background, the title band, and a scroll area whose body scrolls by buttons and keypad focus only
    (no scroll bars to drag: WCAG 2.5.7)."""
    look = env.look
    screen.setAutoFillBackground(True)
    pal = screen.palette()
    pal.setColor(screen.backgroundRole(), look.color("background"))
    screen.setPalette(pal)
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    header = Band(look, screen)
    head = QVBoxLayout(header)
    head.setContentsMargins(env.margin, round(env.margin * 0.8), env.margin, round(env.margin * 0.8))
    label = ReadLabel(title, look, 1.6, bold=True, color="accent_text", parent=header)
    head.addWidget(label)
    outer.addWidget(header)
    scroll_area = QScrollArea(screen)
    scroll_area.setWidgetResizable(True)
    scroll_area.setFrameShape(QFrame.Shape.NoFrame)
    scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    body.setAutoFillBackground(True)
    body.setPalette(pal)
    body_box = QVBoxLayout(body)
    body_box.setContentsMargins(env.margin, env.margin, env.margin, env.margin)
    body_box.setSpacing(env.spacing)
    return Frame(outer, header, label, scroll_area, body, body_box)


class ScrollButtons(QWidget):
    """ "Nach oben / Nach unten" under a scroll area, shown only while its content overflows: scrolling
    never needs a drag (WCAG 2.5.7) and both are ordinary touch targets for the keypad and speech."""

    def __init__(self, area: QScrollArea, env: PageEnv, parent: QWidget) -> None:
        super().__init__(parent)
        self.area = area
        row = QHBoxLayout(self)
        row.setContentsMargins(env.margin, round(8 * env.look.scale), env.margin, 0)
        row.setSpacing(env.spacing)
        self.up = TouchButton(
            env.text("scroll_up"), env.look, env.target_px, role="panel", glyph="up", factor=0.8, parent=self
        )
        self.down = TouchButton(
            env.text("scroll_down"),
            env.look,
            env.target_px,
            role="panel",
            glyph="down",
            factor=0.8,
            parent=self,
        )
        self.up.setObjectName("scroll-up")
        self.down.setObjectName("scroll-down")
        row.addWidget(self.up)
        row.addWidget(self.down)
        self.up.clicked.connect(lambda: self.scroll_by(-1))
        self.down.clicked.connect(lambda: self.scroll_by(1))
        self.hide()
        area.verticalScrollBar().rangeChanged.connect(self._range_changed)

    def items(self) -> list[QWidget]:
        return [self.up, self.down] if not self.isHidden() else []

    def scroll_by(self, pages: int) -> None:
        bar = self.area.verticalScrollBar()
        bar.setValue(bar.value() + pages * round(self.area.viewport().height() * 0.8))

    def _range_changed(self, minimum: int, maximum: int) -> None:
        self.setVisible(maximum > minimum)
