"""The one button of the touch pages: big, framed, fires on release, text that wraps and never shrinks."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from kiosk.navigation.strings import plain
from kiosk.ui.pages.contrast_icon import icon_mask, tinted
from kiosk.ui.pages.glyphs import draw_glyph
from kiosk.ui.pages.measure import text_height, wrap_option
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import clean
from kiosk.ui.theme import Look

Role = Literal["tile", "row", "bar", "panel"]
# text size per role, as a factor of the theme's body size
ROLE_FACTOR: dict[Role, float] = {"tile": 1.15, "row": 1.1, "bar": 0.8, "panel": 1.0}


class TouchButton(QAbstractButton):
    """A touch target of at least ``target_px`` × ``target_px``.

    QAbstractButton semantics: ``clicked`` fires on release inside, sliding off before release cancels
    (WCAG 2.5.2). Painted as a surface with a 3:1 accent border (WCAG 1.4.11), pressed in the accent
    colour. The label wraps at words and the button grows in height; text is never elided or shrunk.

    Roles: ``tile`` (icon above centred title), ``row`` (icon left, title and subtitle, chevron),
    ``bar`` (symbol above a short label), ``panel`` (label left, on/off switch right if ``switch``).

    ``accessibleName()`` is the spoken text and always contains the visible label. Label and subtitle
    (page titles from editors) are painted with ``QPainter.drawText``, which never reads markup.
    ``speech_language`` (also the Qt property "speech_language") names the language in which the
    name must be spoken when it differs from the page's (the language buttons).
    """

    def __init__(
        self,
        text: str,
        look: Look,
        target_px: int,
        *,
        role: Role = "row",
        spoken: str | None = None,
        subtitle: str = "",
        icon: QImage | None = None,
        glyph: str | None = None,
        switch: bool | None = None,
        factor: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.look = look
        self.target_px = target_px
        self.role: Role = role
        self.subtitle = clean(subtitle)
        self.icon_image = icon if icon is not None and not icon.isNull() else None
        self.glyph = glyph
        self.switch = switch
        self.speech_language: str | None = None
        self.selected: bool | None = None  # a choice among several (language): None = not a choice
        self.extra_height = 0  # room a tile is given beyond what it needs (the page fills its body)
        self._hc_cache: tuple[tuple[int, str, int], QImage] | None = None
        self.setText(clean(text))
        self.setFont(look.font(factor if factor is not None else ROLE_FACTOR[role], bold=True))
        self.sub_font = look.font(0.85)
        self.setAccessibleName(plain(clean(spoken if spoken is not None else text)))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keypad focus is the session's overlay, not Qt's
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(target_px, target_px)

    # --- public -------------------------------------------------------------------------------------
    def set_speech_language(self, code: str | None) -> None:
        self.speech_language = code
        self.setProperty("speech_language", code)

    def set_look(self, look: Look, factor: float | None = None) -> None:
        """Paint in another look (high contrast, large text) from now on."""
        self.look = look
        self.setFont(look.font(factor if factor is not None else ROLE_FACTOR[self.role], bold=True))
        self.sub_font = look.font(0.85)
        self.updateGeometry()
        self.update()

    def set_label(
        self, text: str, spoken: str | None = None, switch: bool | None = None, selected: bool | None = None
    ) -> None:
        """Change text, spoken name and state together (toggles: "Große Schrift: an")."""
        self.setText(clean(text))
        self.setAccessibleName(plain(clean(spoken if spoken is not None else text)))
        if switch is not None:
            self.switch = switch
        if selected is not None:
            self.selected = selected
        self.updateGeometry()
        self.update()

    def text_width(self) -> float:
        """Width available to the label at the current size (tests check that every word fits)."""
        return self._text_rect(QRectF(self.rect())).width()

    # --- geometry -----------------------------------------------------------------------------------
    @property
    def pad(self) -> float:
        return max(10.0, 20 * self.look.scale)

    @property
    def gap(self) -> float:
        return max(6.0, 14 * self.look.scale)

    def icon_side(self) -> float:
        if self.role == "tile":
            return 150 * self.look.scale
        if self.role == "row":
            return 96 * self.look.scale if self.icon_image is not None else 0.0
        if self.role == "bar":
            return max(24.0, self.fontMetrics().height() * 1.1)
        return self.fontMetrics().height() if self.glyph else 0.0

    def _has_picture(self) -> bool:
        return self.icon_image is not None or bool(self.glyph)

    def _trail(self) -> float:
        """Width kept free at the right for the chevron (rows) or the switch (panel)."""
        if self.role == "row":
            return self.fontMetrics().height() * 0.9
        if self.role == "panel" and self.switch is not None:
            return self.fontMetrics().height() * 2.2
        if self.role == "panel" and self.selected is not None:
            return self.fontMetrics().height()
        return 0.0

    def _text_rect(self, r: QRectF) -> QRectF:
        inner = r.adjusted(self.pad, self.pad, -self.pad, -self.pad)
        if self.role in ("tile", "bar"):
            top = self.icon_side() + self.gap if self._has_picture() else 0.0
            return inner.adjusted(0, top, 0, 0)
        left = self.icon_side() + self.gap if self._has_picture() and self.icon_side() > 0 else 0.0
        trail = self._trail()
        return inner.adjusted(left, 0, -(trail + self.gap if trail else 0.0), 0)

    def _label_heights(
        self, width: float, text: str | None = None, font: QFont | None = None
    ) -> tuple[float, float]:
        title = text_height(font or self.font(), self.text() if text is None else text, width)
        sub = text_height(self.sub_font, self.subtitle, width) if self.subtitle else 0.0
        return title, sub

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.height_for(width) + self.extra_height

    def height_for(self, width: int, text: str | None = None, font: QFont | None = None) -> int:
        """The height this button needs at ``width`` for ``text`` in ``font`` (default: its own): the bar
        sizes its fixed slots from every label a slot can show, in every language."""
        text_w = self._text_rect(QRectF(0, 0, width, 10_000)).width()
        title, sub = self._label_heights(text_w, text, font)
        block = title + (self.gap * 0.5 + sub if sub else 0.0)
        if self.role in ("tile", "bar"):
            content = (self.icon_side() + self.gap if self._has_picture() else 0.0) + block
        else:
            content = max(block, self.icon_side() if self._has_picture() else 0.0)
        return max(self.target_px, round(content + 2 * self.pad + 0.5))

    def text_width_for(self, width: float) -> float:
        """Width available to the label in a button ``width`` wide."""
        return self._text_rect(QRectF(0, 0, width, 10_000)).width()

    def sizeHint(self) -> QSize:
        width = max(self.target_px, round(self.fontMetrics().horizontalAdvance(plain(self.text())) * 0.6))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.target_px, self.target_px)

    # --- painting -----------------------------------------------------------------------------------
    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        look = self.look
        pressed = self.isDown()
        enabled = self.isEnabled()
        fill = look.color("accent") if pressed else look.color("surface")
        ink = look.color("accent_text") if pressed else look.color("text")
        border = max(2.0, 3 * look.scale) * (2.5 if self.selected else 1.0)
        pen = QPen(look.color("accent"), border)
        if not enabled:
            # unavailable (Back on the home page, Pause with nothing spoken): no surface, a dashed frame
            # and ink in the muted colour; muted text on the background is >= 4.5:1 by the theme check,
            # so the frame still meets the 3:1 of WCAG 1.4.11 but reads clearly as "not now"
            fill = look.color("background")
            ink = look.color("muted_text")
            pen = QPen(ink, border)
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([3.0, 2.0])
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            frame = QRectF(self.rect()).adjusted(border / 2, border / 2, -border / 2, -border / 2)
            radius = 14 * look.scale
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawRoundedRect(frame, radius, radius)
            self._paint_content(painter, QRectF(self.rect()), ink, pressed)

    def _paint_content(self, painter: QPainter, r: QRectF, ink: QColor, pressed: bool) -> None:
        text_rect = self._text_rect(r)
        title_h, sub_h = self._label_heights(text_rect.width())
        block_h = title_h + (self.gap * 0.5 + sub_h if sub_h else 0.0)
        inner = r.adjusted(self.pad, self.pad, -self.pad, -self.pad)
        side = self.icon_side()
        if self.role == "tile" and self._has_picture():
            # a tile given more room than it needs (the page fills its body): the picture grows with it
            side = min(side * 1.4, max(side, (inner.height() - block_h - self.gap) * 0.7))
        if self.role in ("tile", "bar"):
            # picture and text as one block, centred vertically
            total = (side + self.gap if self._has_picture() else 0.0) + block_h
            top = inner.top() + max(0.0, (inner.height() - total) / 2)
            if self._has_picture():
                self._paint_picture(painter, QRectF(inner.center().x() - side / 2, top, side, side), ink)
                top += side + self.gap
            align = Qt.AlignmentFlag.AlignHCenter
            text_rect = QRectF(text_rect.left(), top, text_rect.width(), block_h)
        else:
            if self._has_picture() and side > 0:
                self._paint_picture(
                    painter, QRectF(inner.left(), inner.center().y() - side / 2, side, side), ink
                )
            top = inner.top() + max(0.0, (inner.height() - block_h) / 2)
            align = Qt.AlignmentFlag.AlignLeft
            text_rect = QRectF(text_rect.left(), top, text_rect.width(), block_h)
            self._paint_trail(painter, inner, ink, pressed)
        painter.setPen(ink)
        painter.setFont(self.font())
        painter.drawText(
            QRectF(text_rect.left(), text_rect.top(), text_rect.width(), title_h),
            self.text(),
            wrap_option(align),
        )
        if self.subtitle:
            painter.setFont(self.sub_font)
            painter.setPen(ink if pressed else self.look.color("muted_text"))
            sub_rect = QRectF(
                text_rect.left(), text_rect.top() + title_h + self.gap * 0.5, text_rect.width(), sub_h
            )
            painter.drawText(sub_rect, self.subtitle, wrap_option(align))

    def _paint_picture(self, painter: QPainter, box: QRectF, ink: QColor) -> None:
        if self.icon_image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            image = self._hc_icon(ink) if self.look.high_contrast else self.icon_image
            scale = min(box.width() / image.width(), box.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(box.center().x() - w / 2, box.center().y() - h / 2, w, h), image)
        elif self.glyph:
            draw_glyph(painter, self.glyph, box, ink)

    def _hc_icon(self, ink: QColor) -> QImage:
        """The icon as a pictogram in ``ink`` (high contrast), made once per picture and ink."""
        assert self.icon_image is not None
        key = (self.icon_image.cacheKey(), self.look.palette.surface, ink.rgba())
        if self._hc_cache is None or self._hc_cache[0] != key:
            mask = icon_mask(self.icon_image, self.look.color("surface"))
            self._hc_cache = (key, tinted(mask, ink))
        return self._hc_cache[1]

    def _paint_trail(self, painter: QPainter, inner: QRectF, ink: QColor, pressed: bool) -> None:
        trail = self._trail()
        if not trail:
            return
        if self.role == "row" or self.selected is not None:
            side = trail
            glyph = "chevron" if self.role == "row" else "check" if self.selected else ""
            draw_glyph(
                painter, glyph, QRectF(inner.right() - side, inner.center().y() - side / 2, side, side), ink
            )
            return
        # on/off switch: position of the knob and a filled track say the state; the label says it too
        h = self.fontMetrics().height() * 1.1
        track = QRectF(inner.right() - trail, inner.center().y() - h / 2, trail, h)
        accent = self.look.color("accent_text" if pressed else "accent")
        painter.setPen(QPen(accent, max(2.0, 3 * self.look.scale)))
        painter.setBrush(accent if self.switch else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(track, h / 2, h / 2)
        knob = h * 0.7
        x = track.right() - h / 2 - knob / 2 if self.switch else track.left() + h / 2 - knob / 2
        knob_color = self.look.color("accent" if pressed else "surface") if self.switch else accent
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(knob_color)
        painter.drawEllipse(QRectF(x, track.center().y() - knob / 2, knob, knob))


__all__ = ["ROLE_FACTOR", "Role", "TouchButton"]
