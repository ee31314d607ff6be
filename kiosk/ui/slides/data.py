"""Data widgets: a heading, rows and an "as of" line; big type on hall displays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.config.models.slides import DataSlide
from kiosk.data.samples import SampleTable
from kiosk.ui.slides.base import SlideContext, SlideWidget


class DataSlideWidget(SlideWidget):
    """Rows of a data table. Until live connectors exist it shows bundled sample rows, marked as such."""

    def __init__(
        self,
        slide: DataSlide,
        ctx: SlideContext,
        table: SampleTable,
        as_of: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(slide, ctx, parent)
        box = QVBoxLayout(self)
        margin = round(40 * self.look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        box.setSpacing(round(16 * self.look.scale))
        heading = self.tr_text(slide.heading) or table.heading.get(self.language, table.heading["de"])
        box.addWidget(self.label(heading, 1.5, bold=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(round(32 * self.look.scale))
        for r, row in enumerate(table.rows[: slide.max_items]):
            for c, cell in enumerate(row):
                lab = self.label(cell, 1.1, bold=c == 0)
                lab.setWordWrap(False)
                grid.addWidget(lab, r, c, Qt.AlignmentFlag.AlignLeft)
        box.addLayout(grid)
        box.addStretch(1)
        box.addWidget(self.label(as_of, 0.7, color="muted_text"))
        self.setAccessibleName(
            f"{heading}. " + ". ".join(", ".join(row) for row in table.rows[: slide.max_items])
        )
        self.mark_ready()
