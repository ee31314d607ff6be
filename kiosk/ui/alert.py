"""Warnings on screen: a full takeover for severe/extreme alerts, a banner for moderate ones.

Colour is never the only cue: a warning sign, the word for the severity, the source and the times
are always shown with it (WCAG 1.4.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.data.emergency import ActiveAlert
from kiosk.data.present import t
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.theme import Look

WORDS = {
    "source": {"de": "Quelle", "en": "Source", "ls": "Von"},
    "since": {"de": "seit", "en": "since", "ls": "seit"},
    "until": {"de": "bis", "en": "until", "ls": "bis"},
    "more": {"de": "weitere Warnungen", "en": "more warnings", "ls": "weitere Warnungen"},
    "one_more": {"de": "weitere Warnung", "en": "more warning", "ls": "weitere Warnung"},
}


def word(key: str, language: str) -> str:
    return WORDS[key].get(language) or WORDS[key]["de"]


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

    def _label(self, factor: float, bold: bool) -> QLabel:
        lab = QLabel(self)
        lab.setWordWrap(True)
        lab.setFont(self.look.font(factor, bold))
        lab.setStyleSheet(f"color: {self.look.palette.alert_text}; background: transparent;")
        return lab

    def show_alerts(self, alerts: Sequence[ActiveAlert]) -> None:
        worst = next((a for a in alerts if a.takeover), None)
        self.alert = worst
        if worst is None:
            self.hide()
            return
        lang = self.language
        self.severity.setText(t(worst.severity, lang).upper())
        self.headline.setText(worst.text("headline", lang))
        self.instruction.setText(worst.text("instruction", lang))
        times = []
        if worst.sent:
            times.append(f"{word('since', lang)} {worst.sent.astimezone(self.tz):%d.%m. %H:%M}")
        if worst.expires:
            times.append(f"{word('until', lang)} {worst.expires.astimezone(self.tz):%d.%m. %H:%M}")
        sender = worst.sender or worst.provider
        self.meta.setText(f"{word('source', lang)}: {sender} ({worst.provider}) · " + " · ".join(times))
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
        self.text = QLabel(self)
        self.text.setFont(look.font(1.0, bold=True))
        self.text.setStyleSheet(f"color: {look.palette.warning_text}; background: transparent;")
        box.addWidget(self.text)
        self.hide()

    def show_alerts(self, alerts: Sequence[ActiveAlert]) -> None:
        moderate = [a for a in alerts if not a.takeover]
        if not moderate or any(a.takeover for a in alerts):
            self.hide()
            return
        first = moderate[0]
        self.text.setText(f"⚠ {t(first.severity, self.language)}: {first.text('headline', self.language)}")
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
