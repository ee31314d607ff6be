"""Data widgets: heading, rows, and an "as of" line; a clear unavailable state; big type on halls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config.models.slides import DataSlide
from kiosk.data.present import Table
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
        boost = ctx.distance_boost
        self.boost = boost
        self.heading = self.label("", 1.5 * boost, bold=True)
        self.box.addWidget(self.heading)
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(round(32 * self.look.scale))
        self.box.addWidget(self.grid_host)
        self.box.addStretch(1)
        self.note = self.label("", 0.7 * max(1.0, boost * 0.7), color="muted_text")
        self.box.addWidget(self.note)
        self.table: Table | None = None
        self.set_table(table)
        self.mark_ready()

    def set_table(self, table: Table) -> None:
        if table == self.table:
            return
        self.table = table
        self.heading.setText(table.heading)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        emphasis = "warning_text" if table.emphasis else "text"
        columns = max((len(row) for row in table.rows), default=1)
        for r, row in enumerate(table.rows):
            if len(row) == 1:  # a message row ("no bookings today") spans the whole table
                message = self.label(row[0], 1.1 * self.boost, color=emphasis)
                message.setParent(self.grid_host)
                self.grid.addWidget(message, r, 0, 1, columns)
                continue
            for c, cell in enumerate(row):
                lab: QLabel = self.label(cell, 1.1 * self.boost, bold=c == 0, color=emphasis)
                lab.setParent(self.grid_host)
                lab.setWordWrap(c == len(row) - 1)
                self.grid.addWidget(lab, r, c, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if table.emphasis:  # a storm surge is shown in the warning colours, not only by words
            pal = self.palette()
            pal.setColor(self.backgroundRole(), QColor(self.look.palette.warning))
            self.setPalette(pal)
            for lab in (self.heading, self.note):
                lab.setStyleSheet(f"color: {self.look.palette.warning_text}; background: transparent;")
        self.note.setText(table.note)
        rows = ". ".join(table.spoken_rows())  # each row a sentence with its column words
        self.setAccessibleName(f"{table.heading}. {rows}. {table.note}".strip())
