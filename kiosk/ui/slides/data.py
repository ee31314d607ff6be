"""Data widgets: heading, rows, and an "as of" line; a clear unavailable state; type sized from the
viewing distance."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.config.models.slides import DataSlide
from kiosk.data.present import Table
from kiosk.ui.fit import needed_height
from kiosk.ui.slides.base import SlideContext, SlideWidget


class DataSlideWidget(SlideWidget):
    """Shows a presented ``Table``; ``set_table`` replaces it when the source updates."""

    def __init__(
        self, slide: DataSlide, ctx: SlideContext, table: Table, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, ctx, parent)
        self.box = QVBoxLayout(self)
        margin = round(40 * self.look.scale)
        self.box.setContentsMargins(margin, margin, margin, margin)
        self.box.setSpacing(round(16 * self.look.scale))
        self.heading = self.label("", 1.5, bold=True, role="heading")
        self.box.addWidget(self.heading)
        self.grid_host = QWidget(self)
        self.grid = QVBoxLayout(self.grid_host)  # one full-width line per record
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(round(12 * self.look.scale))
        self.box.addWidget(self.grid_host)
        self.box.addStretch(1)
        self.note = self.label("", 0.7, color="muted_text", role="note")
        self.box.addWidget(self.note)
        self.table: Table | None = None
        self.rows: list[QLabel] = []
        self.pages: list[list[QLabel]] = [[]]
        self.page = 0
        # rows that do not fit the zone at the size the viewing distance needs are paged through within
        # the slide's time, never made smaller (``kiosk.navigation.legibility``)
        self.pager = QTimer(self)
        self.pager.timeout.connect(self._next_page)
        self.set_table(table)
        self.mark_ready()

    def paginate(self) -> None:
        """Split the rows into screens that fit the zone height (at least one row per screen)."""
        margins = self.box.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        spacing = self.box.spacing()
        room = self.height() - margins.top() - margins.bottom() - 2 * spacing
        room -= needed_height(self.heading, width) + needed_height(self.note, width)
        gap = self.grid.spacing()
        self.pages, used = [[]], 0
        for lab in self.rows:
            need = lab.heightForWidth(width) + gap
            if self.pages[-1] and used + need > room:
                self.pages.append([])
                used = 0
            self.pages[-1].append(lab)
            used += need
        self.page = 0
        self._show_page()
        duration = self.slide.duration.total_seconds() if self.slide.duration else 10.0
        self.pager.setInterval(max(3000, round(duration * 1000 / len(self.pages))))

    def _show_page(self) -> None:
        shown = set(map(id, self.pages[self.page % len(self.pages)]))
        for lab in self.rows:
            lab.setVisible(id(lab) in shown)

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
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.rows = []
        emphasis = "warning_text" if table.emphasis else "text"
        for row in table.rows:
            if len(row) == 1:  # a message row ("no bookings today") spans the whole table
                message = self.label(row[0], 1.1, color=emphasis, role="rows")
                message.setParent(self.grid_host)
                self.grid.addWidget(message)
                self.rows.append(message)
                continue
            # one wrapped plain-text line per record: at the size the viewing distance needs, fixed
            # columns would run out of the zone ("16:00–17:4"); a line breaks between words
            lab: QLabel = self.label(" · ".join(row), 1.1, color=emphasis, role="rows")
            lab.setParent(self.grid_host)
            self.grid.addWidget(lab)
            self.rows.append(lab)
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
