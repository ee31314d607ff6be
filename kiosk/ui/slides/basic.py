"""Text, clock, ticker and the notice shown in place of content that cannot be shown."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, QRect, QRectF, Qt, QTime, QTimer
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.config.models.base import Text
from kiosk.config.models.slides import ClockSlide, SlideBase, TextSlide, TickerSlide
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.slides.base import QT_LOCALES, SIZE_FACTOR, SlideContext, SlideWidget
from kiosk.ui.text import clean


class TextSlideWidget(SlideWidget):
    """Heading and body; the type shrinks until everything fits, but never below the size its role needs
    at the device's viewing distance (text that does not fit then is reported by ``kiosk validate
    --render``, not made unreadable)."""

    MIN_SHRINK = 0.35

    def __init__(self, slide: TextSlide, ctx: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, ctx, parent)
        self.factor = SIZE_FACTOR[slide.size]
        box = self.box = QVBoxLayout(self)
        margin = round(48 * self.look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        box.setSpacing(round(24 * self.look.scale))
        align = Qt.AlignmentFlag.AlignHCenter if slide.align == "center" else Qt.AlignmentFlag.AlignLeft
        box.addStretch(1)
        self.heading: QLabel | None = None
        if slide.heading is not None:
            self.heading = self.label(
                self.tr_text(slide.heading), self.factor * 1.5, bold=True, role="heading"
            )
            self.heading.setAlignment(align)
            box.addWidget(self.heading)
        self.body = self.label(self.tr_text(slide.body), self.factor, markdown=True)
        self.body.setAlignment(align)
        box.addWidget(self.body)
        box.addStretch(2)
        self.built()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.arrange(self.width(), self.height())
        super().resizeEvent(event)

    def arrange(self, width: int, height: int) -> QRect:
        """Lay out for a zone of this size; returns the text block's box (composed slides first make
        room for their picture)."""
        return self.fit(width, height)

    def built(self) -> None:
        """Everything the slide shows is there (a composed slide waits for its picture instead)."""
        self.mark_ready()

    def fit(self, zone_width: int, zone_height: int) -> QRect:
        """Largest type (up to the declared size) at which heading and body fit a zone of that size;
        returns where the text block will stand (the layout puts a third of the free height above it)."""
        margins = self.box.contentsMargins()
        width = zone_width - margins.left() - margins.right()
        height = zone_height - margins.top() - margins.bottom()
        if width <= 0 or height <= 0:
            return QRect()
        shrink = 1.0
        while True:
            if self.heading is not None:
                self.heading.setFont(self.text_font("heading", self.factor * 1.5 * shrink, bold=True))
            self.body.setFont(self.text_font("body", self.factor * shrink))
            needed = self.body.heightForWidth(width)
            if self.heading is not None:
                needed += self.heading.heightForWidth(width) + self.box.spacing()
            if needed <= height or shrink <= self.MIN_SHRINK:
                top = margins.top() + max(0, height - needed) // 3
                return QRect(margins.left(), top, width, min(needed, height))
            shrink *= 0.9


class NoticeSlideWidget(SlideWidget):
    """Title and text alternative of a slide that cannot be shown (or is not rendered yet): never black."""

    def __init__(
        self, slide: SlideBase, ctx: SlideContext, parent: QWidget | None = None, note: str = ""
    ) -> None:
        super().__init__(slide, ctx, parent)
        box = QVBoxLayout(self)
        margin = round(48 * self.look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        box.addStretch(1)
        title = self.tr_text(slide.title) or self.tr_text(getattr(slide, "heading", None))
        if title:
            box.addWidget(self.label(title, 1.5, bold=True, role="heading"))
        alt = getattr(slide, "alt", None)
        if isinstance(alt, Text):
            box.addWidget(self.label(self.tr_text(alt), 1.0))
        if note:
            box.addWidget(self.label(note, 0.8, color="muted_text", role="note"))
        box.addStretch(2)
        self.mark_ready()


class ClockSlideWidget(SlideWidget):
    """Time and date in the shown language, sized from its zone (header and sidebar zones are small)."""

    def __init__(self, slide: ClockSlide, ctx: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, ctx, parent)
        self.clock = slide
        self.qlocale = QLocale(QT_LOCALES.get(self.language, "de_DE"))
        box = QVBoxLayout(self)
        box.addStretch(1)
        self.time_label = self.label("", 2.4, bold=True, role="clock")
        self.date_label = self.label("", 1.0, color="muted_text", role="note")
        label = self.tr_text(slide.label) if slide.label else None
        self.extra = self.label(label, 0.9, color="muted_text", role="note") if label is not None else None
        for lab in (self.time_label, self.date_label, self.extra):
            if lab is not None:
                lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
                box.addWidget(lab)
        self.time_label.setVisible(slide.show in ("time", "datetime"))
        self.date_label.setVisible(slide.show in ("date", "datetime"))
        box.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000 if slide.seconds else 10_000)
        self.tick()
        self.mark_ready()

    def resizeEvent(self, event: QResizeEvent) -> None:
        lines = 1 + int(self.clock.show == "datetime") + int(self.extra is not None)
        base = self.look.base_px * self.look.scale
        big = min(base * 2.4, self.height() / (1.6 + 0.5 * lines), self.width() / 4)
        small = min(base, big * 0.42)
        # from the zone, but never below what the role needs at the viewing distance
        for lab, size, role in (
            (self.time_label, big, "clock"),
            (self.date_label, small, "note"),
            (self.extra, small, "note"),
        ):
            if lab is not None:
                font = lab.font()
                floor = self.text_font(role, 0.01, bold=lab is self.time_label).pixelSize()  # type: ignore[arg-type]
                font.setPixelSize(max(8, floor, round(size)))
                lab.setFont(font)
        super().resizeEvent(event)

    def tick(self) -> None:
        now = self.ctx.now()  # already in the device time zone
        moment = QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute, now.second))
        self.time_label.setText(
            self.qlocale.toString(moment.time(), "HH:mm:ss" if self.clock.seconds else "HH:mm")
        )
        self.date_label.setText(self.qlocale.toString(moment.date(), QLocale.FormatType.LongFormat))
        shown = [lab.text() for lab in (self.time_label, self.date_label) if not lab.isHidden()]
        self.setAccessibleName(" ".join(shown))

    def stop(self) -> None:
        self.timer.stop()


class TickerSlideWidget(SlideWidget):
    """A line of messages scrolling from right to left; pauses on request (WCAG 2.2.2)."""

    moves_by_itself = True  # a still picture of it would freeze during a crossfade

    FRAME_MS = 33

    def __init__(
        self,
        slide: TickerSlide,
        ctx: SlideContext,
        parent: QWidget | None = None,
        extra_items: tuple[str, ...] = (),
    ) -> None:
        super().__init__(slide, ctx, parent)
        if slide.background is None:  # a ticker is a band in the accent colour unless told otherwise
            pal = self.palette()
            pal.setColor(self.backgroundRole(), self.look.color("accent"))
            self.setPalette(pal)
        # painted with QPainter.drawText, which never reads markup: feed headlines show as they are
        self.text = clean("   •   ".join([*(self.tr_text(item) for item in slide.items), *extra_items]))
        self.setAccessibleName(self.text)
        self.pos_x = float(round(24 * self.look.scale))  # readable at once, then scroll left and re-enter
        self.speed = slide.speed * self.look.scale * self.FRAME_MS / 1000
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._step)
        self.mark_ready()

    def start(self) -> None:
        if not self.ctx.reduce_motion:
            self.timer.start(self.FRAME_MS)

    def stop(self) -> None:
        self.timer.stop()

    def set_paused(self, paused: bool) -> None:
        if paused:
            self.timer.stop()
        else:
            self.start()

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
            rect = QRectF(self.pos_x, 0, width + 10, self.height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, self.text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        font = self.look.font(1.0, bold=True)
        floor = self.text_font("ticker", 0.01, bold=True).pixelSize()  # the reading distance decides
        font.setPixelSize(max(8, floor, min(font.pixelSize(), round(self.height() * 0.5))))
        self.setFont(font)
        super().resizeEvent(event)
