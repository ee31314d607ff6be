"""Pictures, video frames and QR codes: pixels prepared elsewhere, painted here."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.config.models.slides import ImageSlide, QrSlide, VideoSlide
from kiosk.media.qrcode import QrMatrix
from kiosk.media.webvtt import CueTrack
from kiosk.ui.painting import paint_qr, painting, safe_paint
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.text import clean


class ImageSlideWidget(SlideWidget):
    """A picture decoded and scaled off the GUI thread (``set_image``), with an optional caption."""

    def __init__(
        self, slide: ImageSlide | VideoSlide, ctx: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, ctx, parent)
        self.image: QImage | None = None
        self.alt = self.tr_text(slide.alt)
        self.caption = clean(self.tr_text(slide.caption)) if isinstance(slide, ImageSlide) else ""
        self.setAccessibleName(self.alt)

    def set_image(self, image: QImage | None) -> None:
        """Hand in the prepared picture; ``None`` means it cannot be shown."""
        if image is None or image.isNull():
            self.mark_failed("picture cannot be decoded")
            return
        self.image = image
        self.update()
        self.mark_ready()

    def draw_caption(self, painter: QPainter) -> None:
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

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            if self.image is not None:
                x = (self.width() - self.image.width()) // 2
                y = (self.height() - self.image.height()) // 2
                painter.drawImage(x, y, self.image)
            if self.caption:
                self.draw_caption(painter)


CUE_LINES = 3  # a caption is read in the time it is shown: more lines would not be
CUE_SHARE = 0.4  # the lower part of the video; the rest stays visible
CUE_STEP = 0.9  # a long cue is set smaller by this factor at a time ...
CUE_FLOOR = 0.45  # ... down to this share of the theme's text size without large text (then it wraps on)
CUE_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap


class Playback(Protocol):
    """The runtime's video player as the widget sees it."""

    def play(self) -> None: ...
    def stop(self) -> None: ...
    def pause(self) -> None: ...


class VideoSlideWidget(ImageSlideWidget):
    """Video frames from a player owned by the runtime, scaled to fit; ready at the first frame."""

    moves_by_itself = True  # a still picture of it would freeze during a crossfade

    def __init__(
        self, slide: VideoSlide, ctx: SlideContext, playback: Playback, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, ctx, parent)
        if slide.background is None:  # a video of another shape: bands in the theme's accent, never white
            pal = self.palette()
            pal.setColor(self.backgroundRole(), self.look.color("accent"))
            self.setPalette(pal)
        self.playback = playback
        self.frames = 0
        self.cues: CueTrack | None = None
        self.cue_text = ""  # what is drawn now; plain text from the parser

    def set_captions(self, cues: CueTrack | None) -> None:
        """The captions to follow (``None``: the video has none, or its file could not be read)."""
        self.cues = cues
        self.set_position(0)

    def set_position(self, position_ms: int) -> None:
        """The media position moved: show the cue of that moment (repaints only when the text changes)."""
        text = clean(self.cues.text_at(position_ms)) if self.cues is not None else ""
        if text != self.cue_text:
            self.cue_text = text
            self.update()

    def frame_rect(self) -> QRect:
        """Where the video's picture is (centred, scaled to fit); the whole widget before the first frame."""
        if self.image is None:
            return self.rect()
        x = (self.width() - self.image.width()) // 2
        y = (self.height() - self.image.height()) // 2
        return QRect(x, y, self.image.width(), self.image.height())

    def cue_layout(self) -> tuple[QFont, QRect]:
        """The font and text box of the current cue, over the picture (not over the bands of a video
        of another shape): wrapped to 90 % of its width, at most ``CUE_LINES`` lines and within its
        lower ``CUE_SHARE``. The look's size comes first (large text in a session enlarges it); a cue
        too long for it is set smaller, step by step, so a caption is never cut off at an edge or
        pushed up over the picture; one too long even at the floor size takes more lines rather than
        lose words (a WebVTT cue is meant to be two lines of about 40 characters)."""
        pad = self.cue_pad()
        frame = self.frame_rect()
        width = max(1, round(frame.width() * 0.9) - 2 * pad)
        room = max(1, round(frame.height() * CUE_SHARE) - 3 * pad)
        floor = CUE_FLOOR / self.look.text_scale
        factor = 1.0
        while True:
            font = self.look.font(factor, bold=True)
            metrics = QFontMetrics(font)
            box = metrics.boundingRect(QRect(0, 0, width, 100_000), CUE_FLAGS, self.cue_text)
            lines = round(box.height() / metrics.lineSpacing())
            fits = lines <= CUE_LINES and box.height() <= room and box.width() <= width
            if fits or factor * CUE_STEP < floor:
                break
            factor *= CUE_STEP
        box.moveCenter(frame.center())
        box.moveBottom(frame.bottom() - 2 * pad)
        return font, box

    def cue_pad(self) -> int:
        return max(2, round(self.look.base_px * self.look.scale * 0.4))

    def draw_cue(self, painter: QPainter) -> None:
        """The cue centred at the bottom in the theme's text colour on its opaque background, so the
        contrast the theme check proved holds over any video (the session's high-contrast palette
        when it is on)."""
        font, box = self.cue_layout()
        pad = self.cue_pad()
        painter.setFont(font)
        painter.fillRect(box.adjusted(-pad, -pad // 2, pad, pad // 2), self.look.color("background"))
        painter.setPen(self.look.color("text"))
        painter.drawText(box, CUE_FLAGS, self.cue_text)

    def start(self) -> None:
        self.playback.play()

    def stop(self) -> None:
        self.playback.stop()

    def set_paused(self, paused: bool) -> None:
        """Hold still (a session's "stop moving content", or the attract loop held under a session) and
        go on from the same frame; the caption of that moment stays."""
        if paused:
            self.playback.pause()
        else:
            self.playback.play()

    def set_frame(self, frame: QImage) -> None:
        if frame.isNull():
            return
        size = self.size()
        if size.width() > 0 and size.height() > 0:
            frame = frame.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.image = frame
        self.frames += 1
        self.update()
        self.mark_ready()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.cue_text:
            with painting(self) as painter:
                self.draw_cue(painter)


class QrSlideWidget(SlideWidget):
    """A QR code drawn module by module (sharp at any size), with heading and caption."""

    def __init__(self, slide: QrSlide, ctx: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, ctx, parent)
        self.matrix: QrMatrix | None = None
        box = QVBoxLayout(self)
        margin = round(40 * self.look.scale)
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
        self.mark_ready()

    def code_rect(self) -> QRectF:
        area = self.code_area.geometry()
        side = min(area.width(), area.height())
        return QRectF(area.x() + (area.width() - side) / 2, area.y() + (area.height() - side) / 2, side, side)

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.matrix is None:
            return
        with painting(self) as painter:
            paint_qr(painter, self.code_rect(), self.matrix)
