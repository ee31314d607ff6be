"""The brand frame: the header band of a signage screen in the accent colour, with the city's mark and
name beside the clock (or above it in a narrow column). Theme key ``brand``; the mark is the runtime's
(``Look.brand``), painted in the accent's text colour so it suits any theme and the contrast the theme
check proved for accent_text on accent holds for it too."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config.models.slides import ClockSlide
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.slides.basic import ClockSlideWidget
from kiosk.ui.theme import BrandLook

WIDE = 2.2  # a zone this many times wider than high puts the brand beside the clock, else above it


def tinted(mark: QImage, colour: QColor) -> QImage:
    """The mark's shape (its alpha) filled with ``colour``."""
    out = mark.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    with QPainter(out) as painter:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(out.rect(), colour)
    return out


class MarkWidget(QWidget):
    """The mark, square, as large as its box allows."""

    def __init__(self, mark: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark = mark

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        target = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.mark)


class BrandFrame(SlideWidget):
    """A clock slide inside the city's header band: in a wide zone (a header) mark and name on the left
    half, the clock on the right; in a column (a sidebar) the mark and name above the clock, centred."""

    def __init__(
        self,
        slide: ClockSlide,
        ctx: SlideContext,
        brand: BrandLook,
        size: tuple[int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(slide, ctx, parent)
        self.wide = size[0] >= WIDE * size[1]
        on_accent = self.look.palette.accent_text
        pal = self.palette()
        pal.setColor(self.backgroundRole(), self.look.color("accent"))
        self.setPalette(pal)
        self.clock = ClockSlideWidget(slide, ctx, self)
        self.clock.setAutoFillBackground(False)
        for lab in self.clock.findChildren(QLabel):
            lab.setStyleSheet(f"color: {on_accent}; background: transparent;")
        self.mark = MarkWidget(tinted(brand.mark, QColor(on_accent)), self) if brand.mark else None
        self.names: list[QLabel] = []
        align = Qt.AlignmentFlag.AlignLeft if self.wide else Qt.AlignmentFlag.AlignHCenter
        for text, factor, bold in ((brand.wordmark, 0.9, True), (brand.tagline, 0.8, False)):
            if text:
                lab = self.label(text, factor, bold=bold, role="note")
                lab.setStyleSheet(f"color: {on_accent}; background: transparent;")
                lab.setAlignment(align)
                self.names.append(lab)
        self.outer = QHBoxLayout(self) if self.wide else QVBoxLayout(self)
        brand_box = QHBoxLayout() if self.wide else QVBoxLayout()
        words = QVBoxLayout()
        words.addStretch(1)
        for lab in self.names:
            words.addWidget(lab)
        words.addStretch(1)
        if self.mark is not None:
            brand_box.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignCenter)
        brand_box.addLayout(words, 1)
        self.brand_box = brand_box
        margin = round(24 * self.look.scale)
        # a column gives the clock its full width (it is sized for it); the name keeps a margin
        side_margin = margin if self.wide else 0
        self.outer.setContentsMargins(side_margin, margin // 2, side_margin, margin // 2)
        if not self.wide:
            brand_box.setContentsMargins(margin, 0, margin, 0)
        brand_box.setSpacing(margin)
        if self.mark is not None:  # as tall as the name block, at most the header or a sixth of a column
            names = sum(lab.sizeHint().height() for lab in self.names) or round(48 * self.look.scale)
            side = min(round(names * 1.2), size[1] - margin if self.wide else size[1] // 6)
            self.mark.setFixedSize(max(1, side), max(1, side))
        # a header: three fifths for the name, two for the date; a column: the clock takes the rest
        self.outer.addLayout(brand_box, 3 if self.wide else 0)
        self.outer.addWidget(self.clock, 2 if self.wide else 1)
        self.setAccessibleName(" ".join([brand.wordmark, brand.tagline]).strip())
        self.mark_ready()

    def start(self) -> None:
        self.clock.start()

    def stop(self) -> None:
        self.clock.stop()
