"""Data widgets: heading, the board (columns with heads, or big figures), and the "Stand" line at the
bottom of the zone; a designed empty state; type sized from the viewing distance.

A table with a board (``Table.board``: departures, parking, hall bookings, events, reports, weather,
water level) is drawn by :mod:`kiosk.ui.slides.board` / :mod:`~kiosk.ui.slides.board_figures`; the
others (warnings, the near-the-device lists) as one wrapped line per record. Either way what does not
fit the zone at the size the viewing distance needs is paged through within the slide's time, never
made smaller below that size (``kiosk.navigation.legibility``), and a record taller than a screen is
split after a word and continued on the next screen, never cut at the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.config.models.slides import DataSlide
from kiosk.data.present import Table
from kiosk.data.present_board import Board
from kiosk.ui.fit import needed_height
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.slides.board import TableBoard
from kiosk.ui.slides.board_cells import BoardCanvas, Screen, discard
from kiosk.ui.slides.board_figures import FigureBoard, empty_state
from kiosk.ui.slides.board_fill import record_card


class DataSlideWidget(SlideWidget):
    """Shows a presented ``Table``; ``set_table`` replaces it when the source updates."""

    def __init__(
        self, slide: DataSlide, ctx: SlideContext, table: Table, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, ctx, parent)
        self.margin = round(40 * self.look.scale)
        self.spacing = round(16 * self.look.scale)
        self.heading = self.label("", 1.5, bold=True, role="heading")
        self.grid_host = BoardCanvas(self.look, self)
        self.note = self.label("", 0.7, color="muted_text", role="note")
        self.table: Table | None = None
        self.rows: list[QLabel] = []  # the record lines (tables without a board)
        self.screens: list[Screen] = [Screen()]
        self.pages: list[list[QWidget]] = [[]]
        self.page = 0
        # rows that do not fit the zone at the size the viewing distance needs are paged through within
        # the slide's time, never made smaller (``kiosk.navigation.legibility``)
        self.pager = QTimer(self)
        self.pager.timeout.connect(self._next_page)
        self.set_table(table)
        self.mark_ready()

    @property
    def ink(self) -> str:
        return (
            self.look.palette.warning_text if self.table and self.table.emphasis else self.look.palette.text
        )

    def _place(self) -> tuple[int, int]:
        """Heading at the top, the "Stand" line at the bottom of the zone, the board between them."""
        m, gap = self.margin, self.spacing
        width = max(1, self.width() - 2 * m)
        head_h = needed_height(self.heading, width)
        note_h = needed_height(self.note, width)
        self.heading.setGeometry(m, m, width, head_h)
        self.note.setGeometry(m, self.height() - m - note_h, width, note_h)
        top = m + head_h + (gap if head_h else 0)
        room = max(1, self.height() - m - note_h - (gap if note_h else 0) - top)
        self.grid_host.setGeometry(m, top, width, room)
        return width, room

    def paginate(self) -> None:
        """Lay the board (or the record lines) out and split it into screens that fit the zone."""
        width, room = self._place()
        for screen in self.screens:
            for w in screen.widgets:
                w.hide()
                w.deleteLater()
        self.rows = []
        table = self.table
        board = table.board if table else None
        if table is None or (board is not None and (width < 50 or room < 50)):
            self.screens = [Screen()]  # no zone size yet: laid out when the zone gives it one
        elif board is not None and not board.rows and not board.figures:
            self.screens = [
                empty_state(board, self.look, self.text_font, self.ink, self.grid_host, width, room)
            ]
        elif board is not None and board.figures:
            self.screens = FigureBoard(board, self.look, self.text_font, self.ink).layout(
                self.grid_host, width, room
            )
        elif board is not None and board.columns:
            self.screens = self._board(board, width, room)
        else:
            self.screens = self._lines(table, width, room)
        self.pages = [screen.widgets for screen in self.screens]
        self.page = 0
        self._show_page()
        self._time_pages()

    def show_for(self, seconds: float) -> None:
        super().show_for(seconds)
        self._time_pages()

    def _time_pages(self) -> None:
        """Every page in the time the showing has: a playlist that shortens the slide must not leave
        its last records unseen (at least 3 s a page: ``validate --render`` warns where that is more)."""
        if self.showing_s is not None:
            duration = self.showing_s
        else:
            duration = self.slide.duration.total_seconds() if self.slide.duration else 10.0
        self.pager.setInterval(max(3000, round(duration * 1000 / max(1, len(self.pages)))))

    def _board(self, board: Board, width: int, room: int) -> list[Screen]:
        """A board with columns; one record as a card (its heads beside its cells) where that fits one
        screen: a lone row under column heads would leave the zone white. Rows are set larger to fill
        the zone, never larger than the heading."""
        most = self.heading.font().pixelSize()
        card = record_card(board)
        if card is not None:
            laid = TableBoard(card, self.look, self.text_font, self.ink, most_px=most, heads=False)
            screens = laid.layout(self.grid_host, width, room)
            plan = laid.last_plan
            if len(screens) == 1 and plan is not None and not plan.flow and not plan.stacked:
                return screens
            discard([w for screen in screens for w in screen.widgets])
        return TableBoard(board, self.look, self.text_font, self.ink, most_px=most).layout(
            self.grid_host, width, room
        )

    def _line(self, text: str) -> QLabel:
        lab = self.label(
            text, 1.1, color="warning_text" if self.table and self.table.emphasis else "text", role="rows"
        )
        lab.setParent(self.grid_host)
        return lab

    def _lines(self, table: Table, width: int, room: int) -> list[Screen]:
        """One wrapped line per record ("5 · Südblick · 14:30"); a record taller than a screen is split
        after the last word that fits and continued on the next screen."""
        gap = round(12 * self.look.scale)
        sized = width > 50 and room > 50  # not before the zone has given the slide its size
        screens, screen, y = [], Screen(), 0
        for row in table.rows:
            words = " · ".join(cell for cell in row if cell).split(" ")
            while words:
                lab = self._line(" ".join(words))
                fit = len(words)
                if sized and lab.heightForWidth(width) > room:  # longer than a screen: split it
                    low, high = 1, len(words) - 1  # the most words that fit, found by halving
                    while low < high:
                        mid = (low + high + 1) // 2
                        lab.setText(" ".join(words[:mid]))
                        low, high = (mid, high) if lab.heightForWidth(width) <= room else (low, mid - 1)
                    fit = low
                    lab.setText(" ".join(words[:fit]))
                words = words[fit:]
                h = lab.heightForWidth(width)
                if sized and y and y + h > room:
                    screens.append(screen)
                    screen, y = Screen(), 0
                lab.setGeometry(0, y, width, h)
                screen.widgets.append(lab)
                self.rows.append(lab)
                y += h + gap
        screens.append(screen)
        return screens

    def _show_page(self) -> None:
        current = self.screens[self.page % len(self.screens)]
        for screen in self.screens:
            for w in screen.widgets:
                w.setVisible(screen is current)
        self.grid_host.bands = current.bands
        self.grid_host.update()

    def _next_page(self) -> None:
        self.page = (self.page + 1) % len(self.pages)
        self._show_page()

    def start(self) -> None:
        self.page = 0
        self._show_page()
        if len(self.pages) > 1:
            self.pager.start()

    def stop(self) -> None:
        self.pager.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.paginate()
        super().resizeEvent(event)

    def set_table(self, table: Table) -> None:
        if table == self.table:
            return
        self.table = table
        self.heading.setText(table.heading)
        if table.emphasis:  # a storm surge is shown in the warning colours, not only by words
            pal = self.palette()
            pal.setColor(self.backgroundRole(), QColor(self.look.palette.warning))
            self.setPalette(pal)
            for lab in (self.heading, self.note):
                lab.setStyleSheet(f"color: {self.look.palette.warning_text}; background: transparent;")
        self.note.setText(table.note)
        self.paginate()
        rows = ". ".join(table.spoken_rows())  # each row a sentence with its column words
        self.setAccessibleName(f"{table.heading}. {rows}. {table.note}".strip())
