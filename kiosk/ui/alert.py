"""Warnings on screen: a full takeover for severe/extreme alerts, a banner for moderate ones, for a
storm surge at a gauge and, for a while, the all-clear of a warning that ended early. Texts are in the
language the widget is given (the passer-by's during a session), from the alert's block in that language.

Colour is never the only cue: a warning sign, the word for the severity, the source and the times
are always shown with it (WCAG 1.4.1). Every text here comes from a feed or an editor: it is shown as
plain text (``ui.text.PlainLabel``), cut to a length a warning can have, and a label never widens the
overlay, so a hostile or broken headline can neither draw markup nor push the severity off the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk import i18n
from kiosk.data.emergency import ActiveAlert
from kiosk.data.present_words import t
from kiosk.i18n.tagged import BEGIN, END, untagged
from kiosk.ui.fit import (
    MIN_PX,
    break_long_words,
    cut_to_height,
    font_px,
    needed_height,
    reading_px,
    shrink_to_words,
)
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import PlainLabel, clean
from kiosk.ui.theme import Look

# CAP: a headline is short (< 160 characters), an instruction a few sentences. Longer text from a feed is
# cut (with "…") so the source and the times below it stay on the screen.
HEADLINE_CHARS = 200
INSTRUCTION_CHARS = 600


def word(key: str, language: str, **fmt: object) -> str:
    """The warning word ``alert.<key>`` in ``language`` (kiosk/i18n)."""
    return i18n.text(f"alert.{key}", language, **fmt)


def clip(text: str, limit: int) -> str:
    """``text`` of at most ``limit`` seen characters, cut at a space where one is near the end; a
    language tag (``kiosk.i18n.tagged``: invisible, for the voice) is closed again after the cut."""
    if len(untagged(text)) <= limit:
        return text
    limit += len(text) - len(untagged(text))  # the tags' characters are not seen
    cut = text.rfind(" ", limit - 40, limit)
    head = text[: cut if cut > 0 else limit - 1].rstrip()
    if head.rfind(BEGIN) > head.rfind(END):
        head += END
    return head + "…"


def _plain_label(parent: QWidget, font_factor: float, bold: bool, look: Look, color: str) -> PlainLabel:
    lab = PlainLabel("", parent)
    lab.setFont(look.font(font_factor, bold))
    lab.setStyleSheet(f"color: {color}; background: transparent;")
    # a long word must not widen the overlay beyond the window: the label takes the width it is given
    lab.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return lab


class WarningSign(QWidget):
    """A warning triangle with an exclamation mark."""

    def __init__(self, fill: str, mark: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fill, self.mark = QColor(fill), QColor(mark)

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        x0, y0 = (self.width() - side) / 2, (self.height() - side) / 2
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.fill)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x0 + side / 2, y0),
                        QPointF(x0 + side, y0 + side * 0.9),
                        QPointF(x0, y0 + side * 0.9),
                    ]
                )
            )
            painter.setBrush(self.mark)
            painter.drawRect(
                round(x0 + side * 0.46), round(y0 + side * 0.3), round(side * 0.08), round(side * 0.33)
            )
            painter.drawEllipse(QPointF(x0 + side / 2, y0 + side * 0.74), side * 0.05, side * 0.05)


# The overlay's texts as shares of the headline's size: the severity word and the headline are the biggest
# things on it, then what to do, then the fine print (source, times, further warnings).
SHARE = {"severity": 0.8, "headline": 1.0, "instruction": 0.6, "meta": 0.42, "more": 0.42}
PRIMARY = ("severity", "headline")
# The headline's size before fitting, as a share of the window's short side (92 px on 1920 × 1080, 31 px
# on 640 × 360): sized from the window, not from the layout's reference canvas, which may be anything.
HEADLINE_SHARE = 0.085
SECONDARY_SHARE = 0.025  # the smallest the fine print gets, as a share of the short side
SIGN_SHARE = 1.5  # side of the warning sign, in severity font sizes


class AlertOverlay(QWidget):
    """Covers every zone while a severe or extreme warning is in force.

    Sign and severity word on one row, then headline, instruction, and source and times at the foot.
    Every size comes from the window (and from the viewing distance, if the look knows it): the
    biggest sizes at which everything fits are found by measuring (:meth:`fit`, again on every
    resize), a label whose longest word does not fit its width gets a smaller font, and text is cut
    with "…" only when it cannot fit at the smallest readable sizes.
    """

    def __init__(self, look: Look, language: str, tz: ZoneInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.look, self.language, self.tz = look, language, tz
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), look.color("alert"))
        self.setPalette(pal)
        self.box = QVBoxLayout(self)
        # the overlay is exactly the window, whatever its layout would like: fit() makes the texts fit
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.top = QHBoxLayout()
        self.box.addLayout(self.top)
        self.sign = WarningSign(look.palette.alert_text, look.palette.alert, self)
        self.severity = self._label(True)
        self.headline = self._label(True)
        self.instruction = self._label(False)
        self.meta = self._label(False)
        self.more = self._label(True)
        self.top.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignVCenter)
        self.top.addWidget(self.severity, 1, Qt.AlignmentFlag.AlignVCenter)
        for lab in (self.headline, self.instruction):
            self.box.addWidget(lab)
        self.box.addStretch(1)
        self.box.addWidget(self.meta)
        self.box.addWidget(self.more)
        self.roles = {
            "severity": self.severity,
            "headline": self.headline,
            "instruction": self.instruction,
            "meta": self.meta,
            "more": self.more,
        }
        self.full: dict[str, str] = dict.fromkeys(self.roles, "")  # the texts before fitting
        self.floors = (float(MIN_PX), float(MIN_PX))  # smallest primary and secondary sizes (fit())
        self.alert: ActiveAlert | None = None
        self.hide()

    def _label(self, bold: bool) -> PlainLabel:
        lab = _plain_label(self, 1.0, bold, self.look, self.look.palette.alert_text)
        lab.setWordWrap(True)
        return lab

    def show_alerts(self, alerts: Sequence[ActiveAlert]) -> None:
        worst = next((a for a in alerts if a.takeover), None)
        self.alert = worst
        if worst is None:
            self.hide()
            return
        lang = self.language
        times = []
        if worst.sent:
            times.append(f"{word('since', lang)} {worst.sent.astimezone(self.tz):%d.%m.\u00a0%H:%M}")
        if worst.expires:
            times.append(f"{word('until', lang)} {worst.expires.astimezone(self.tz):%d.%m.\u00a0%H:%M}")
        sender = worst.sender or worst.provider
        meta = f"{word('source', lang)}: {sender} ({worst.provider}) · " + " · ".join(times)
        others = sum(1 for a in alerts if a is not worst and a.kind != "all-clear")  # an end is no warning
        self.full = {
            "severity": t(worst.severity, lang).upper(),
            "headline": clip(worst.text("headline", lang), HEADLINE_CHARS),
            "instruction": clip(worst.text("instruction", lang), INSTRUCTION_CHARS),
            "meta": clip(meta, HEADLINE_CHARS),
            "more": f"+ {others} {word('more', lang, n=others)}" if others else "",
        }
        # spoken whole, even where the screen has to cut it
        self.setAccessibleName(
            ". ".join(clean(self.full[k]) for k in ("severity", "headline", "instruction", "meta"))
        )
        host = self.parentWidget()
        resized = host is not None and self.size() != host.size()
        if host is not None:
            # always set: a widget never given a geometry is shrunk to its size hint when first shown
            self.setGeometry(host.rect())
        if not resized:  # else resizeEvent fits (at once if shown, else when show() below runs)
            self.fit()
        self.show()
        self.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit()
        super().resizeEvent(event)

    # --- fitting ------------------------------------------------------------------------------------
    def fit(self) -> None:
        """Choose the sizes: the biggest headline size (from the window, the viewing distance and the
        text scale) at which every text fits, found by bisection; at the smallest readable sizes the
        instruction, then the headline, then the source line is cut."""
        if self.alert is None or self.width() <= 0 or self.height() <= 0:
            return
        short = min(self.width(), self.height())
        margin, gap = max(8, round(short * 0.05)), max(4, round(short * 0.02))
        self.box.setContentsMargins(margin, margin, margin, margin)
        self.box.setSpacing(gap)
        self.top.setSpacing(gap)
        primary, secondary = reading_px(self.look, font_px(self.look, 100, bold=True))
        # the smallest sizes: readable from where people stand (DIN 4844 for the fine print), and a
        # share of the window so that a big screen never shows tiny print
        floor2 = max(MIN_PX + 2, short * SECONDARY_SHARE, secondary)
        self.floors = (floor2 * 1.3, floor2)
        best = max(short * HEADLINE_SHARE * self.look.text_scale, primary, self.floors[0])
        room = self.height()
        if self._apply(best) > room:
            lo, hi = self.floors[0], best
            if self._apply(lo) > room:
                self._cut(room)
            else:
                while hi - lo > 1:  # the needed height grows with the size: bisect for the biggest fit
                    mid = (lo + hi) / 2
                    lo, hi = (mid, hi) if self._apply(mid) <= room else (lo, mid)
                self._apply(lo)
        # place the labels now, not a turn of the event loop later: no frame shows the old geometry
        self.box.activate()

    def _apply(self, headline_px: float) -> int:
        """Set every label's font (from ``headline_px``, shrunk where a word does not fit) and text;
        returns the height the overlay needs for them."""
        content = self.width() - 2 * self.box.contentsMargins().left()
        floor1, floor2 = self.floors
        shown: dict[str, int] = {}
        for role, label in self.roles.items():
            floor = floor1 if role in PRIMARY else floor2
            px = max(floor, headline_px * SHARE[role])
            # the order of sizes holds when a long word made a bigger text smaller
            if role == "instruction":
                px = min(px, shown["severity"], shown["headline"])
            elif role in ("meta", "more"):
                px = min(px, shown["instruction"])
            font = font_px(self.look, px, bold=role in (*PRIMARY, "more"))
            width = content
            if role == "severity":
                side = round(font.pixelSize() * SIGN_SHARE)
                self.sign.setFixedSize(side, side)
                width = content - side - self.top.spacing()
            font = shrink_to_words(font, self.full[role], width, min(font.pixelSize(), round(floor)))
            label.setFont(font)
            label.setText(break_long_words(font, self.full[role], width))
            label.setVisible(bool(self.full[role]))
            shown[role] = font.pixelSize()
        return self._needed()

    def _needed(self) -> int:
        for layout in (self.top, self.box):
            layout.invalidate()
        return self.box.totalHeightForWidth(self.width())

    def _cut(self, room: int) -> None:
        # the last resort: what to do may be cut before what it is about, the source line last
        for label in (self.instruction, self.headline, self.meta):
            total = self._needed()
            if total <= room:
                return
            width = self.width() - 2 * self.box.contentsMargins().left()
            allowed = needed_height(label, width) - (total - room)
            if allowed <= 0 or not cut_to_height(label, label.text(), width, allowed):
                label.setText("")
                label.hide()
        self._needed()


class AlertBanner(QWidget):
    """A strip along the top for moderate warnings; the content keeps playing below it.

    The text wraps and the strip grows to hold it (up to a quarter of the window; beyond that the
    headline is cut with "…"), with a smaller font where a word would not fit the width.
    """

    MAX_SHARE = 0.25  # of the window height: the content below stays the larger part

    def __init__(self, look: Look, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.look, self.language = look, language
        self.setAutoFillBackground(True)
        self.box = QVBoxLayout(self)
        self.text = _plain_label(self, 1.0, True, look, look.palette.warning_text)
        self.text.setWordWrap(True)
        self.box.addWidget(self.text)
        self.full = ""
        self.calm = False  # an all-clear: the accent colours, not the warning ones
        self._colour(calm=False)
        self.hide()

    def _colour(self, calm: bool) -> None:
        self.calm = calm
        background, text = ("accent", "accent_text") if calm else ("warning", "warning_text")
        pal = self.palette()
        pal.setColor(self.backgroundRole(), self.look.color(background))
        self.setPalette(pal)
        self.text.setStyleSheet(f"color: {getattr(self.look.palette, text)}; background: transparent;")

    def lines(self, alerts: Sequence[ActiveAlert]) -> list[str]:
        """What the strip says: the worst moderate warning and the highest storm surge, one line each;
        only when neither is there, the newest all-clear."""
        lang = self.language
        warning = next((a for a in alerts if a.kind == "warning" and not a.takeover), None)
        surge = next((a for a in alerts if a.kind == "surge"), None)
        lines = []
        if warning is not None:
            headline = clip(warning.text("headline", lang), HEADLINE_CHARS)
            lines.append(f"⚠ {t(warning.severity, lang)}: {headline}")
        if surge is not None:
            lines.append(f"⚠ {clip(surge.text('headline', lang), HEADLINE_CHARS)}")
        cleared = next((a for a in alerts if a.kind == "all-clear"), None)
        if not lines and cleared is not None:
            ended = clip(cleared.text("headline", lang), HEADLINE_CHARS)
            lines.append(f"✓ {word('all_clear', lang)}: {ended}")
        return lines

    def show_alerts(self, alerts: Sequence[ActiveAlert]) -> None:
        lines = self.lines(alerts)
        if not lines or any(a.takeover for a in alerts):
            self.hide()
            return
        self._colour(calm=all(a.kind == "all-clear" for a in alerts))
        self.full = "\n".join(lines)
        self.text.setText(self.full)
        self.setAccessibleName(self.text.text())
        host = self.parentWidget()
        if host is not None:
            self.place(host.rect())
        self.show()
        self.raise_()

    pushes_down = True  # during a session the pages start below the banner instead of hiding it

    def place(self, window: QRect) -> None:
        side = max(8, round(24 * self.look.scale))
        pad = max(4, round(8 * self.look.scale))
        self.box.setContentsMargins(side, pad, side, pad)
        width = window.width() - 2 * side
        font = shrink_to_words(self.look.font(1.0, bold=True), self.full, width, MIN_PX + 2)
        self.text.setFont(font)
        text = "\n".join(break_long_words(font, line, width) for line in self.full.split("\n"))
        cut_to_height(self.text, text, width, round(window.height() * self.MAX_SHARE) - 2 * pad)
        height = max(round(window.height() * 0.07), needed_height(self.text, width) + 2 * pad)
        self.setGeometry(0, 0, window.width(), height)
