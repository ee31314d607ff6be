"""Warnings on screen: a full takeover for severe/extreme alerts, a banner for moderate ones.

Colour is never the only cue: a warning sign, the word for the severity, the source and the times
are always shown with it (WCAG 1.4.1). Every text here comes from a feed or an editor: it is shown as
plain text (``ui.text.PlainLabel``), cut to a length a warning can have, and a label never widens the
overlay, so a hostile or broken headline can neither draw markup nor push the severity off the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.data.emergency import ActiveAlert
from kiosk.data.present import t
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look

WORDS = {
    "source": {"de": "Quelle", "en": "Source", "ls": "Von"},
    "since": {"de": "seit", "en": "since", "ls": "seit"},
    "until": {"de": "bis", "en": "until", "ls": "bis"},
    "more": {"de": "weitere Warnungen", "en": "more warnings", "ls": "weitere Warnungen"},
    "one_more": {"de": "weitere Warnung", "en": "more warning", "ls": "weitere Warnung"},
}


# CAP: a headline is short (< 160 characters), an instruction a few sentences. Longer text from a feed is
# cut (with "…") so the source and the times below it stay on the screen.
HEADLINE_CHARS = 200
INSTRUCTION_CHARS = 600


def word(key: str, language: str) -> str:
    return WORDS[key].get(language) or WORDS[key]["de"]


def clip(text: str, limit: int) -> str:
    """``text`` of at most ``limit`` characters, cut at a space where one is near the end."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit - 40, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip() + "…"


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


class AlertOverlay(QWidget):
    """Covers every zone while a severe or extreme warning is in force."""

    def __init__(self, look: Look, language: str, tz: ZoneInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.look, self.language, self.tz = look, language, tz
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), look.color("alert"))
        self.setPalette(pal)
        box = QVBoxLayout(self)
        margin = round(60 * look.scale)
        box.setContentsMargins(margin, margin, margin, margin)
        box.setSpacing(round(24 * look.scale))
        self.sign = WarningSign(look.palette.alert_text, look.palette.alert, self)
        self.sign.setFixedHeight(round(220 * look.scale))
        box.addWidget(self.sign)
        self.severity = self._label(1.3, True)
        self.headline = self._label(2.2, True)
        self.instruction = self._label(1.3, False)
        self.meta = self._label(0.9, False)
        self.more = self._label(0.9, True)
        for lab in (self.severity, self.headline, self.instruction):
            box.addWidget(lab)
        box.addStretch(1)
        box.addWidget(self.meta)
        box.addWidget(self.more)
        self.alert: ActiveAlert | None = None
        self.hide()

    def _label(self, factor: float, bold: bool) -> PlainLabel:
        lab = _plain_label(self, factor, bold, self.look, self.look.palette.alert_text)
        lab.setWordWrap(True)
        return lab

    def show_alerts(self, alerts: Sequence[ActiveAlert]) -> None:
        worst = next((a for a in alerts if a.takeover), None)
        self.alert = worst
        if worst is None:
            self.hide()
            return
        lang = self.language
        self.severity.setText(t(worst.severity, lang).upper())
        self.headline.setText(clip(worst.text("headline", lang), HEADLINE_CHARS))
        self.instruction.setText(clip(worst.text("instruction", lang), INSTRUCTION_CHARS))
        times = []
        if worst.sent:
            times.append(f"{word('since', lang)} {worst.sent.astimezone(self.tz):%d.%m. %H:%M}")
        if worst.expires:
            times.append(f"{word('until', lang)} {worst.expires.astimezone(self.tz):%d.%m. %H:%M}")
        sender = worst.sender or worst.provider
        meta = f"{word('source', lang)}: {sender} ({worst.provider}) · " + " · ".join(times)
        self.meta.setText(clip(meta, HEADLINE_CHARS))
        others = sum(1 for a in alerts if a is not worst)
        self.more.setText(f"+ {others} {word('one_more' if others == 1 else 'more', lang)}" if others else "")
        self.setAccessibleName(
            ". ".join(x.text() for x in (self.severity, self.headline, self.instruction, self.meta))
        )
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())
        self.show()
        self.raise_()


class AlertBanner(QWidget):
    """A strip along the top for moderate warnings; the content keeps playing below it."""

    def __init__(self, look: Look, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.look, self.language = look, language
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), look.color("warning"))
        self.setPalette(pal)
        box = QVBoxLayout(self)
        box.setContentsMargins(round(24 * look.scale), 0, round(24 * look.scale), 0)
        self.text = _plain_label(self, 1.0, True, look, look.palette.warning_text)
        box.addWidget(self.text)
        self.hide()

    def show_alerts(self, alerts: Sequence[ActiveAlert]) -> None:
        moderate = [a for a in alerts if not a.takeover]
        if not moderate or any(a.takeover for a in alerts):
            self.hide()
            return
        first = moderate[0]
        headline = clip(first.text("headline", self.language), HEADLINE_CHARS)
        self.text.setText(f"⚠ {t(first.severity, self.language)}: {headline}")
        self.setAccessibleName(self.text.text())
        host = self.parentWidget()
        if host is not None:
            self.place(host.rect())
        self.show()
        self.raise_()

    pushes_down = True  # during a session the pages start below the banner instead of hiding it

    def place(self, window: QRect) -> None:
        height = max(round(window.height() * 0.07), self.text.sizeHint().height() + 16)
        self.setGeometry(0, 0, window.width(), height)
