"""Read-only parts of a page: text, pictures, QR codes and contact cards (content handed in, no I/O)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.data.present import Table
from kiosk.media.qrcode import QrMatrix
from kiosk.navigation.strings import plain
from kiosk.ui.painting import paint_qr, painting, safe_paint
from kiosk.ui.text import PlainLabel, markdown_plain, set_bold_lead, set_markdown
from kiosk.ui.theme import Look


class ReadLabel(PlainLabel):
    """A static text that is an item of the page: read by the keypad and by explore-by-touch.

    Plain text, or with ``markdown`` escaped editor Markdown (``ui.text.set_markdown``). Its accessible
    name is the plain text it shows (Markdown rendered, never read out as symbols).
    """

    def __init__(
        self,
        text: str,
        look: Look,
        factor: float = 1.0,
        *,
        bold: bool = False,
        color: str = "text",
        markdown: bool = False,
        spoken: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", parent)
        self.setWordWrap(True)
        self.setFont(look.font(factor, bold))
        self.setStyleSheet(f"color: {getattr(look.palette, color)}; background: transparent;")
        if markdown:
            set_markdown(self, text)
            name = markdown_plain(text)
        else:
            self.setText(text)
            name = self.text()
        self.setAccessibleName(plain(" ".join((spoken if spoken is not None else name).split())))


# The bands beside a picture whose height is capped: a wash of the picture itself, made this much
# smaller and smoothly back up (nothing in it reads as a detail), then darkened so the picture stands out
WASH_SHRINK = 32
WASH_UP = 4  # scaled back up to 4/32 of the picture once: the paint only stretches a soft image
WASH_DARKEN = 0.45  # black over the wash (the slides' band fill keeps 55 % of the brightness too)


def band_wash(image: QImage) -> QImage:
    """A blurred, darkened copy of ``image`` for the bands beside it (Qt only: made on the GUI thread
    once per picture, so it is cheap: two smooth scalings and one fill)."""
    small = image.scaled(
        max(1, image.width() // WASH_SHRINK),
        max(1, image.height() // WASH_SHRINK),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    wash = small.scaled(
        max(1, small.width() * WASH_UP),
        max(1, small.height() * WASH_UP),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    ).convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(wash)
    painter.fillRect(wash.rect(), QColor(0, 0, 0, round(255 * WASH_DARKEN)))
    painter.end()
    return wash


class ImageView(QWidget):
    """A picture prepared by the runtime, scaled to the width; without one, its text alternative.

    When its height is capped (``max_height``) the picture is narrower than the view: the bands beside
    it show a blurred, darkened wash of the picture (never the bare page, a letterbox on white); in high
    contrast they are the plain background, no wash (nothing soft behind the content there)."""

    def __init__(
        self,
        image: QImage | None,
        alt: str,
        spoken: str,
        look: Look,
        max_height: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.look = look
        self.max_height = max_height
        self.image: QImage | None = None
        self.wash: QImage | None = None  # the bands' fill, made once per picture (set_image)
        self.setAccessibleName(spoken)
        # shown only while there is no picture: the alternative text stands in for it. No layout: a
        # layout's height-for-width would replace this widget's own (the picture's aspect ratio).
        self.alt_label = ReadLabel(alt, look, 1.0, color="text", parent=self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_image(image)

    def set_image(self, image: QImage | None) -> None:
        self.image = image if image is not None and not image.isNull() else None
        self.wash = band_wash(self.image) if self.image is not None and not self.look.high_contrast else None
        self.alt_label.setVisible(self.image is None)
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self.image is None:
            return self.alt_label.heightForWidth(width)
        return min(self.max_height, round(width * self.image.height() / max(1, self.image.width())))

    def sizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(400))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.alt_label.setGeometry(0, 0, self.width(), self.alt_label.heightForWidth(self.width()))
        super().resizeEvent(event)

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image is None:
            return
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            image = self.image
            scale = min(self.width() / image.width(), self.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
            if target.width() < self.width() - 1 or target.height() < self.height() - 1:
                self._paint_bands(painter)
            painter.drawImage(target, image)

    def _paint_bands(self, painter: QPainter) -> None:
        """The whole view under the picture: the wash cut to the view's shape (cover), or in high
        contrast the plain background."""
        if self.wash is None:
            painter.fillRect(self.rect(), QColor(self.look.palette.background))
            return
        wash = self.wash
        scale = max(self.width() / wash.width(), self.height() / wash.height())
        sw, sh = self.width() / scale, self.height() / scale
        source = QRectF((wash.width() - sw) / 2, (wash.height() - sh) / 2, sw, sh)
        painter.drawImage(QRectF(self.rect()), wash, source)


class QrView(QWidget):
    """A QR code (matrix from the runtime) drawn module by module, with its caption beside it."""

    def __init__(
        self,
        matrix: QrMatrix | None,
        caption: str,
        spoken: str,
        look: Look,
        side: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.look = look
        self.matrix = matrix
        self.side = side
        self.setAccessibleName(spoken)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(round(28 * look.scale))
        self.code = QWidget(self)
        self.code.setFixedSize(side, side)
        row.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        self.caption = ReadLabel(caption, look, 1.0, parent=self)
        row.addWidget(self.caption, 1)

    def set_matrix(self, matrix: QrMatrix | None) -> None:
        self.matrix = matrix
        self.update()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        rect = QRectF(self.code.geometry())
        with painting(self) as painter:
            paint_qr(painter, rect, self.matrix)


class Card(QWidget):
    """A framed group (contact card, data widget host): surface with a 3:1 accent border."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.box = QVBoxLayout(self)
        pad = round(28 * look.scale)
        self.box.setContentsMargins(pad, pad, pad, pad)
        self.box.setSpacing(round(12 * look.scale))

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        border = max(2.0, 2 * self.look.scale)
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.look.color("accent"), border))
            painter.setBrush(self.look.color("surface"))
            radius = 14 * self.look.scale
            painter.drawRoundedRect(
                QRectF(self.rect()).adjusted(border, border, -border, -border), radius, radius
            )


class DataBlockView(Card):
    """A live-data block on a page: heading, one wrapped line per record, and the "as of" line.

    Unlike the signage data widget (a grid of columns sized for a wide zone), every record is one
    line that reflows, so the block fits any width and large text (WCAG 1.4.10) without scrolling
    sideways. ``set_table`` replaces the content when the source updates.
    """

    def __init__(self, table: Table, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.table: Table | None = None
        self.heading = ReadLabel("", look, 1.3, bold=True, parent=self)
        self.box.addWidget(self.heading)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(round(10 * look.scale))
        self.box.addLayout(self.rows_box)
        self.note = ReadLabel("", look, 0.8, color="muted_text", parent=self)
        self.box.addWidget(self.note)
        self.set_table(table)

    def set_table(self, table: Table) -> None:
        if table == self.table:
            return
        self.table = table
        while self.rows_box.count():
            item = self.rows_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        ink = "warning_text" if table.emphasis else "text"
        self.heading.setText(table.heading)
        lines = []
        for row, said in zip(table.rows, table.spoken_rows(), strict=True):
            cells = [cell for cell in row if cell]
            if not cells:
                continue
            label = QLabel(self)
            label.setWordWrap(True)
            label.setFont(self.look.font(1.0))
            label.setStyleSheet(f"color: {getattr(self.look.palette, ink)}; background: transparent;")
            set_bold_lead(label, cells)  # rich text on purpose: our <b>, every feed cell escaped
            self.rows_box.addWidget(label)
            label.show()  # added to a shown card later (data update): not shown by itself
            lines.append(said)  # with its column words: "Linie 5 nach Südblick, 14:30, fällt aus"
        self.note.setText(table.note)
        self.note.setVisible(bool(table.note))
        self.emphasis = table.emphasis
        for lab in (self.heading, self.note):
            color = "warning_text" if table.emphasis else ("text" if lab is self.heading else "muted_text")
            lab.setStyleSheet(f"color: {getattr(self.look.palette, color)}; background: transparent;")
        self.setAccessibleName(". ".join(part for part in (table.heading, *lines, table.note) if part) + ".")
        self.update()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        if not getattr(self, "emphasis", False):
            super().paintEvent(event)
            return
        # a storm surge is shown in the warning colours, not only by words
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.look.color("warning_text"), max(2.0, 2 * self.look.scale)))
            painter.setBrush(self.look.color("warning"))
            radius = 14 * self.look.scale
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), radius, radius)


__all__ = ["Card", "DataBlockView", "ImageView", "QrView", "ReadLabel"]
