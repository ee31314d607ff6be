"""One widget per slide type. Each receives its slide model and prepared assets; none does I/O."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.config.models.base import Text
from kiosk.config.models.slides import (
    ClockSlide,
    DataSlide,
    ImageSlide,
    QrSlide,
    SlideBase,
    TextSlide,
    TickerSlide,
    VideoSlide,
    WebSlide,
)
from kiosk.media.qrcode import QrMatrix
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import safe_markdown
from kiosk.ui.theme import Look

SIZE_FACTOR = {"normal": 1.0, "large": 1.35, "huge": 2.2}
QT_LOCALES = {
    "de": "de_DE",
    "ls": "de_DE",
    "en": "en_GB",
    "da": "da_DK",
    "sv": "sv_SE",
    "pl": "pl_PL",
    "uk": "uk_UA",
    "fr": "fr_FR",
    "es": "es_ES",
    "tr": "tr_TR",
}


class SlideWidget(QWidget):
    """Base: background colour and the language of the texts."""

    def __init__(self, slide: SlideBase, look: Look, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.look = look
        self.language = language
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(slide.background or look.palette.background))
        pal.setColor(self.foregroundRole(), look.color("text"))
        self.setPalette(pal)

    def tr_text(self, text: Text | None) -> str:
        return text.get(self.language) if text is not None else ""

    def label(
        self, text: str, factor: float, bold: bool = False, markdown: bool = False, color: str = "text"
    ) -> QLabel:
        lab = QLabel(self)
        lab.setWordWrap(True)
        lab.setFont(self.look.font(factor, bold))
        lab.setStyleSheet(f"color: {getattr(self.look.palette, color)}; background: transparent;")
        if markdown:
            lab.setTextFormat(Qt.TextFormat.MarkdownText)
            lab.setText(safe_markdown(text))
        else:
            lab.setTextFormat(Qt.TextFormat.PlainText)
            lab.setText(text)
        lab.setAccessibleName(text)
        return lab


class TextSlideWidget(SlideWidget):
    """Heading and body; the type shrinks until everything fits (text is never cut off)."""

    MIN_SHRINK = 0.35

    def __init__(self, slide: TextSlide, look: Look, language: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, look, language, parent)
        self.factor = SIZE_FACTOR[slide.size]
        box = self.box = QVBoxLayout(self)
        margin = round(48 * look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        box.setSpacing(round(24 * look.scale))
        align = Qt.AlignmentFlag.AlignHCenter if slide.align == "center" else Qt.AlignmentFlag.AlignLeft
        box.addStretch(1)
        self.heading: QLabel | None = None
        if slide.heading is not None:
            self.heading = self.label(self.tr_text(slide.heading), self.factor * 1.5, bold=True)
            self.heading.setAlignment(align)
            box.addWidget(self.heading)
        self.body = self.label(self.tr_text(slide.body), self.factor, markdown=True)
        self.body.setAlignment(align)
        box.addWidget(self.body)
        box.addStretch(2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit()
        super().resizeEvent(event)

    def fit(self) -> None:
        """Largest type (up to the declared size) at which heading and body fit the zone."""
        margins = self.box.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        height = self.height() - margins.top() - margins.bottom()
        if width <= 0 or height <= 0:
            return
        shrink = 1.0
        while True:
            if self.heading is not None:
                self.heading.setFont(self.look.font(self.factor * 1.5 * shrink, bold=True))
            self.body.setFont(self.look.font(self.factor * shrink))
            needed = self.body.heightForWidth(width)
            if self.heading is not None:
                needed += self.heading.heightForWidth(width) + self.box.spacing()
            if needed <= height or shrink <= self.MIN_SHRINK:
                return
            shrink *= 0.9


class ImageSlideWidget(SlideWidget):
    """Paints a picture prepared off the GUI thread; shows its alt text if it cannot be loaded."""

    def __init__(self, slide: ImageSlide, look: Look, language: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, look, language, parent)
        self.image: QImage | None = None
        self.failed = False
        self.alt = self.tr_text(slide.alt)
        self.caption = self.tr_text(slide.caption)
        self.setAccessibleName(self.alt)

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.failed = image is None
        self.update()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            if self.image is not None:
                x = (self.width() - self.image.width()) // 2
                y = (self.height() - self.image.height()) // 2
                painter.drawImage(x, y, self.image)
            elif self.failed:
                painter.setPen(self.look.color("text"))
                painter.setFont(self.look.font(1.2))
                painter.drawText(
                    self.rect().adjusted(40, 40, -40, -40),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self.alt,
                )
            if self.caption:
                band = round(self.look.base_px * self.look.scale * 2.2)
                rect = self.rect().adjusted(0, self.height() - band, 0, 0)
                painter.fillRect(rect, QColor(0, 0, 0, 170))
                painter.setPen(QColor("#ffffff"))
                painter.setFont(self.look.font(1.0, bold=True))
                painter.drawText(
                    rect.adjusted(round(24 * self.look.scale), 0, 0, 0),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    self.caption,
                )


class ClockSlideWidget(SlideWidget):
    def __init__(self, slide: ClockSlide, look: Look, language: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, look, language, parent)
        self.qlocale = QLocale(QT_LOCALES.get(language, "de_DE"))
        self.shows_date = slide.show in ("date", "datetime")
        self.has_label = slide.label is not None
        box = QVBoxLayout(self)
        box.addStretch(1)
        self.time_label = self.label("", 2.4, bold=True)
        self.date_label = self.label("", 1.0, color="muted_text")
        for lab in (self.time_label, self.date_label):
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(lab)
        if slide.label is not None:
            extra = self.label(self.tr_text(slide.label), 0.9, color="muted_text")
            extra.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(extra)
        box.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000 if slide.seconds else 15_000)
        self.tick()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a clock lives in small header and sidebar zones too: size it from the zone, not only the theme
        lines = 1 + int(self.shows_date) + int(self.has_label)
        big = min(
            self.look.base_px * self.look.scale * 2.4, self.height() / (1.6 + 0.5 * lines), self.width() / 4
        )
        small = min(self.look.base_px * self.look.scale, big * 0.42)
        font = self.time_label.font()
        font.setPixelSize(max(8, round(big)))
        self.time_label.setFont(font)
        for lab in self.findChildren(QLabel):
            if lab is not self.time_label:
                small_font = lab.font()
                small_font.setPixelSize(max(8, round(small)))
                lab.setFont(small_font)
        super().resizeEvent(event)

    def tick(self) -> None:
        now = QDateTime.currentDateTime()
        slide = self.slide
        assert isinstance(slide, ClockSlide)
        time_format = "HH:mm:ss" if slide.seconds else "HH:mm"
        self.time_label.setVisible(slide.show in ("time", "datetime"))
        self.date_label.setVisible(slide.show in ("date", "datetime"))
        self.time_label.setText(self.qlocale.toString(now.time(), time_format))
        self.date_label.setText(self.qlocale.toString(now.date(), QLocale.FormatType.LongFormat))
        self.setAccessibleName(f"{self.time_label.text()} {self.date_label.text()}".strip())


class QrSlideWidget(SlideWidget):
    """A QR code drawn module by module (sharp at any size), with heading and caption."""

    def __init__(self, slide: QrSlide, look: Look, language: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, look, language, parent)
        self.matrix: QrMatrix | None = None
        box = QVBoxLayout(self)
        margin = round(40 * look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        if slide.heading is not None:
            heading = self.label(self.tr_text(slide.heading), 1.4, bold=True)
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(heading)
        self.code_area = QWidget(self)
        box.addWidget(self.code_area, 1)
        caption = self.label(self.tr_text(slide.caption), 1.0)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(caption)
        self.setAccessibleName(f"QR-Code: {self.tr_text(slide.caption)}")

    def set_matrix(self, matrix: QrMatrix) -> None:
        self.matrix = matrix
        self.update()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.matrix is None:
            return
        area = self.code_area.geometry()
        side = min(area.width(), area.height())
        module = side / self.matrix.size
        left = area.x() + (area.width() - side) / 2
        top = area.y() + (area.height() - side) / 2
        with painting(self) as painter:
            painter.fillRect(
                QRectF(left, top, side, side), QColor("#ffffff")
            )  # codes need a light quiet zone
            for r, row in enumerate(self.matrix.dark):
                for c, dark in enumerate(row):
                    if dark:
                        cell = QRectF(left + c * module, top + r * module, module + 0.5, module + 0.5)
                        painter.fillRect(cell, QColor("#000000"))


class TickerSlideWidget(SlideWidget):
    """A line of messages scrolling from right to left; pauses on request (WCAG 2.2.2)."""

    FRAME_MS = 33

    def __init__(
        self,
        slide: TickerSlide,
        look: Look,
        language: str,
        parent: QWidget | None = None,
        reduce_motion: bool = False,
    ) -> None:
        super().__init__(slide, look, language, parent)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(slide.background or look.palette.accent))
        self.setPalette(pal)
        self.text = "   •   ".join(self.tr_text(item) for item in slide.items)
        self.setAccessibleName(self.text)
        self.pos_x = float(round(24 * look.scale))  # start readable at once, then scroll left, re-enter
        self.speed = slide.speed * look.scale * self.FRAME_MS / 1000
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._step)
        if not reduce_motion:
            self.timer.start(self.FRAME_MS)

    def set_paused(self, paused: bool) -> None:
        if paused:
            self.timer.stop()
        else:
            self.timer.start(self.FRAME_MS)

    def _step(self) -> None:
        self.pos_x -= self.speed
        if self.pos_x < -self.fontMetrics().horizontalAdvance(self.text):
            self.pos_x = float(self.width())
        self.update()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.setFont(self.font())
            painter.setPen(self.look.color("accent_text"))
            width = painter.fontMetrics().horizontalAdvance(self.text)
            painter.drawText(
                QRectF(self.pos_x, 0, width + 10, self.height()), Qt.AlignmentFlag.AlignVCenter, self.text
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        font = self.look.font(1.0, bold=True)
        font.setPixelSize(max(8, min(font.pixelSize(), round(self.height() * 0.5))))
        self.setFont(font)
        super().resizeEvent(event)


class NoticeSlideWidget(SlideWidget):
    """Web, video and data slides until their renderers arrive: title and text alternative, never black."""

    def __init__(self, slide: SlideBase, look: Look, language: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, look, language, parent)
        box = QVBoxLayout(self)
        margin = round(48 * look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        box.addStretch(1)
        title = self.tr_text(slide.title) or self.tr_text(getattr(slide, "heading", None))
        if title:
            box.addWidget(self.label(title, 1.5, bold=True))
        alt = getattr(slide, "alt", None)
        if isinstance(alt, Text):
            box.addWidget(self.label(self.tr_text(alt), 1.0))
        box.addStretch(2)


def make_slide_widget(
    slide: SlideBase, look: Look, language: str, reduce_motion: bool = False
) -> SlideWidget:
    """The widget for ``slide``; assets (pictures, QR matrices) are handed in later by the runtime."""
    if isinstance(slide, TextSlide):
        return TextSlideWidget(slide, look, language)
    if isinstance(slide, ImageSlide):
        return ImageSlideWidget(slide, look, language)
    if isinstance(slide, ClockSlide):
        return ClockSlideWidget(slide, look, language)
    if isinstance(slide, QrSlide):
        return QrSlideWidget(slide, look, language)
    if isinstance(slide, TickerSlide):
        return TickerSlideWidget(slide, look, language, reduce_motion=reduce_motion)
    if isinstance(slide, WebSlide | VideoSlide | DataSlide):
        return NoticeSlideWidget(slide, look, language)
    return NoticeSlideWidget(slide, look, language)
