"""Composed text slides: text over a picture with a scrim computed from the picture's pixels, text beside
a picture, or text on a gradient of two colours; in high contrast the text stands on the plain
background (``text_ground``). The picture and its scrim are prepared off the GUI thread
(``runtime.assets``), again when the zone changes its size; this widget lays out and paints."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.config.models.slides import BackgroundPicture, TextSlide, text_ground
from kiosk.media.scrim import RGB, Scrim, parse_hex, text_on
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.slides.basic import TextSlideWidget

PICTURE_SHARE = 0.4  # picture-beside-text: the picture's share of the zone's width (or height, upright)
LIGHT_TEXT = "#ffffff"  # over a dark scrim; over a light one the theme's text colour
# a drag of the window or a bar sliding in passes many sizes: the picture is prepared again once, for
# the size the zone keeps (a full-HD cover takes a worker ~100 ms; the old one is shown scaled meanwhile)
REPREPARE_MS = 250


@dataclass(frozen=True)
class Plan:
    """Where things go in a zone: the picture's area, and (text over picture) the box the scrim must
    make legible, in the picture's own pixels."""

    picture: QRect
    text_box: QRect | None


class ComposedTextWidget(TextSlideWidget):
    """A text slide with a background picture or gradient; ready once its picture is there.

    ``picture_wanted(Plan)``: the zone's size changed, the picture (and its scrim) should be prepared
    for this plan; ``set_backdrop`` takes it, and until then the old picture is drawn scaled."""

    picture_wanted = Signal(object)

    def __init__(self, slide: TextSlide, ctx: SlideContext, parent: QWidget | None = None) -> None:
        self.composed = slide
        self.picture: QImage | None = None
        self.picture_rect = QRect()
        self.scrim: Scrim | None = None
        self.scrim_rect = QRect()  # where the scrim is at full strength: the text box
        self.asked: Plan | None = None  # the plan the picture was last prepared (or is being) for
        self.lost = False  # the first picture could not be made: the slide stays plain text
        self.beside = slide.layout == "picture-beside-text"
        palette = ctx.look.palette
        self.ground = text_ground(slide, palette, ctx.look.high_contrast)
        super().__init__(slide, ctx, parent)
        self.reprepare = QTimer(self)
        self.reprepare.setSingleShot(True)
        self.reprepare.setInterval(REPREPARE_MS)
        self.reprepare.timeout.connect(self._ask_again)
        if self.ground.kind != "picture":  # a gradient's or a plain ground's best text colour
            self.text_colour, _ = text_on(self.ground.colours, self.ground.texts)
            self.set_text_colour(self.text_colour)

    @property
    def wants_picture(self) -> bool:
        """A picture is drawn: beside the text, or under it (not in high contrast: ``text_ground``)."""
        return isinstance(self.composed.background, BackgroundPicture) and (
            self.beside or self.ground.kind == "picture"
        )

    def built(self) -> None:
        if not self.wants_picture:
            self.mark_ready()  # a gradient or a plain ground needs nothing more

    def set_text_colour(self, colour: str) -> None:
        for lab in (self.heading, self.body):
            if lab is not None:
                lab.setStyleSheet(f"color: {colour}; background: transparent;")

    def picture_area(self, width: int, height: int) -> QRect:
        """The whole zone, or 40 % of it beside (in a tall zone: above or below) the text."""
        if not self.beside:
            return QRect(0, 0, width, height)
        first = self.composed.picture_side == "left"
        if width >= height:
            part = round(width * PICTURE_SHARE)
            return QRect(0 if first else width - part, 0, part, height)
        part = round(height * PICTURE_SHARE)
        return QRect(0, 0 if first else height - part, width, part)

    def arrange(self, width: int, height: int) -> QRect:
        """Margins leave the picture's area free (beside), then the type is fitted; returns the text box."""
        margin = round(48 * self.look.scale)
        left = top = right = bottom = margin
        area = self.picture_area(width, height)
        if self.beside and width >= height:
            if area.x() == 0:
                left += area.width()
            else:
                right += area.width()
        elif self.beside:
            if area.y() == 0:
                top += area.height()
            else:
                bottom += area.height()
        self.box.setContentsMargins(left, top, right, bottom)
        self.picture_rect = area
        box = self.fit(width, height)
        # the scrim covers the text with room for the glyphs' ascenders and the spacing around them
        pad = self.box.spacing()
        self.scrim_rect = QRect(0, box.top() - pad, width, box.height() + 2 * pad).intersected(
            QRect(0, 0, width, height)
        )
        return box

    def plan(self, size: tuple[int, int]) -> Plan:
        """Lay out for a zone of ``size`` before the widget is shown, so the picture can be prepared for
        exactly its area and the scrim for exactly the text box; the caller prepares it."""
        self.arrange(*size)
        self.asked = self.current_plan()
        return self.asked

    def current_plan(self) -> Plan:
        return Plan(QRect(self.picture_rect), None if self.beside else QRect(self.scrim_rect))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # laid out for the new size at once; the picture follows
        if self.asked is not None and not self.lost:
            self.reprepare.start()  # restarted by every size of a drag: fires once it stands still

    def _ask_again(self) -> None:
        plan = self.current_plan()
        if plan != self.asked and not plan.picture.isEmpty():
            self.asked = plan
            self.picture_wanted.emit(plan)

    def light_dark(self) -> tuple[RGB, RGB]:
        return parse_hex(LIGHT_TEXT), parse_hex(self.look.palette.text)

    def set_backdrop(self, picture: QImage | None, scrim: Scrim | None, plan: Plan | None = None) -> None:
        """The picture prepared for ``plan`` (and, over it, the computed scrim); ``None``: it cannot be
        shown, and the slide stays a plain text slide in the theme's colours (logged by the loader), or
        keeps the picture it has. One made for a size the zone has left meanwhile is not taken when
        there is a picture already: the one for the new size is on its way."""
        if picture is None or picture.isNull():
            self.lost = self.picture is None
        elif self.picture is None or plan is None or plan == self.asked:
            self.picture = picture
            self.scrim = scrim
            if scrim is not None:
                self.set_text_colour("#{:02x}{:02x}{:02x}".format(*scrim.text))
        self.update()
        self.mark_ready()

    def paint_picture(self, painter: QPainter, picture: QImage) -> None:
        """The picture in its area; one prepared for another size (the zone changed, the new one is
        being prepared) scaled to cover it, cut in the middle: never a blank area meanwhile."""
        area = self.picture_rect
        if picture.size() == area.size():
            painter.drawImage(area.topLeft(), picture)
            return
        scale = max(area.width() / picture.width(), area.height() / picture.height())
        width, height = area.width() / scale, area.height() / scale
        source = QRectF((picture.width() - width) / 2, (picture.height() - height) / 2, width, height)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(area), picture, source)

    def paint_gradient(self, painter: QPainter) -> None:
        top, bottom = self.ground.colours
        fill = QLinearGradient(QPointF(0, 0), QPointF(0, self.height()))
        fill.setColorAt(0.0, QColor(top))
        fill.setColorAt(1.0, QColor(bottom))
        painter.fillRect(self.rect(), fill)

    def paint_scrim(self, painter: QPainter, scrim: Scrim) -> None:
        """Full strength over the text box, fading to nothing above and below it: the picture stays
        a picture where there is no text."""
        box = self.scrim_rect
        fade = max(1, round(box.height() * 0.35))
        clear = QColor(*scrim.color, 0)
        solid = QColor(*scrim.color, min(255, math.ceil(scrim.alpha * 255)))  # never below what was computed
        ramp = QLinearGradient(QPointF(0, box.top() - fade), QPointF(0, box.bottom() + 1 + fade))
        span = box.height() + 2 * fade
        ramp.setColorAt(0.0, clear)
        ramp.setColorAt(fade / span, solid)
        ramp.setColorAt(1 - fade / span, solid)
        ramp.setColorAt(1.0, clear)
        painter.fillRect(QRect(0, box.top() - fade, self.width(), span), ramp)

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            if self.ground.kind == "gradient":
                self.paint_gradient(painter)
            if self.picture is not None:
                self.paint_picture(painter, self.picture)
                if self.scrim is not None and self.scrim.alpha > 0:
                    self.paint_scrim(painter, self.scrim)


__all__ = ["ComposedTextWidget", "Plan"]
