"""Shared pieces of the plain-text tests: a hostile corpus, records made by the real connectors from it,
and pixel comparisons of a product label with the same text shown as explicit plain and rich text."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.data.connectors.nina import parse_warning
from kiosk.data.connectors.rss import parse_feed
from kiosk.data.emergency import ActiveAlert, active_alerts
from kiosk.data.records import AlertRecord, NewsRecord
from kiosk.data.state import DataState
from kiosk.ui.text import ESCAPED_HTML, ESCAPED_MARKDOWN, TEXT_SAFETY

NOW = datetime(2025, 10, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
RED = (255, 0, 0)


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str
    markup: bool  # rendered as rich text it would look different from the literal characters


CORPUS = [
    Hostile("img", '<img src="file:///etc/hostname" width=300 height=300>Sturmflut', True),
    Hostile("font", "<font color=#0f0>Entwarnung</font> – alles vorbei", True),
    Hostile("bold", "<b>fett</b> und <i>schräg</i>", True),
    Hostile("entity", "&lt;img src=x&gt; &amp; &#60;b&#62;", True),
    Hostile("link", '<a href="https://example.org/">hier</a> klicken', True),
    Hostile("style", "<style>*{color:#0f0;font-size:90px}</style>Entwarnung", True),
    Hostile("table", "<table><tr><td>Entwarnung</td></tr></table><hr>", True),
    Hostile("long", "Sturmflut an der Küste " * 440, False),  # ≈ 10 000 characters
    Hostile("unbroken", "W" * 10_000, False),
    Hostile("bidi", "\u202egnunrawtnE\u202c \u200bNull\u200dbreite \u2067arabisch\u2069", False),
    Hostile("controls", "Null\x00Byte\x07 und\x1b[31m Escape", False),
]
IDS = [h.name for h in CORPUS]
BY_NAME = {h.name: h for h in CORPUS}
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def nina_records(
    headline: str, instruction: str = "Meiden Sie die Kaikante.", severity: str = "Severe"
) -> list[AlertRecord]:
    """The records the NINA connector makes of a CAP message (as the API sends it) with these texts."""
    cap = {
        "identifier": "mow.DE-MV-HRO-W999-20251018-001",
        "sender": "opendata@bbk.bund.de",
        "sent": (NOW - timedelta(minutes=30)).isoformat(),
        "status": "Actual",
        "msgType": "Alert",
        "scope": "Public",
        "info": [
            {
                "language": "de-DE",
                "category": ["Met"],
                "event": "Sturmflut",
                "severity": severity,
                "urgency": "Immediate",
                "headline": headline,
                "description": "Wasserstand 1,5 m über Normal.",
                "instruction": html.escape(instruction),  # CAP instructions are HTML; escaped as NINA does
                "senderName": "Hansestadt Rostock",
                "expires": (NOW + timedelta(hours=6)).isoformat(),
                "area": [{"areaDesc": "Hansestadt Rostock"}],
            }
        ],
    }
    return parse_warning(json.dumps(cap).encode())


def nina_state(*records: AlertRecord) -> DataState:
    return DataState("nina-rostock", records, NOW, "live", stale_after=timedelta(hours=1))


def nina_alerts(
    headline: str, instruction: str = "Meiden Sie die Kaikante.", severity: str = "Severe"
) -> list[ActiveAlert]:
    """The warnings in force (``data.emergency``) for that NINA message."""
    state = nina_state(*nina_records(headline, instruction, severity))
    return active_alerts([state], [], "stadthafen-stele", NOW)


def feed_titles(text: str) -> list[NewsRecord]:
    """Records of an RSS feed whose item title carries ``text`` (escaped once, as a feed must)."""
    item = f"<item><title>{html.escape(text)}</title><description>{html.escape(text)}</description></item>"
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{item}</channel></rss>'
    return parse_feed(body.encode())


def red_png(folder: Path) -> Path:
    """A big pure-red picture: if any of it reaches the screen, a file was loaded."""
    image = QImage(400, 400, QImage.Format.Format_RGB32)
    image.fill(QColor(*RED))
    path = folder / "red.png"
    assert image.save(str(path))
    return path


def red_pixels(image: QImage, step: int = 3) -> int:
    return sum(
        QColor(image.pixel(x, y)).getRgb()[:3] == RED
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def pixels(label: QLabel, ground: str = "#123456") -> QImage:
    """``label`` alone (no window background) on a known ground."""
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(ground))
    label.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    return image


def rendered_as(label: QLabel, fmt: Qt.TextFormat, text: str | None = None) -> QImage:
    """The pixels of a copy of ``label`` (font, colours, size, wrapping) showing its text (or ``text``)
    as ``fmt``."""
    copy = QLabel()
    copy.setFont(label.font())
    copy.setStyleSheet(label.styleSheet())
    copy.setWordWrap(label.wordWrap())
    copy.setAlignment(label.alignment())
    copy.setContentsMargins(label.contentsMargins())
    copy.setIndent(label.indent())
    copy.setMargin(label.margin())
    copy.setTextFormat(fmt)
    copy.setText(label.text() if text is None else text)
    copy.resize(label.size())
    try:
        return pixels(copy)
    finally:
        copy.deleteLater()


def assert_shown_as_plain(label: QLabel, hostile: Hostile, markup: bool | None = None) -> None:
    """The label is plain text, draws exactly what explicit plain text draws, and (if it shows the
    hostile markup: ``markup``, by default ``hostile.markup``) not what rich text would draw."""
    markup = hostile.markup if markup is None else markup
    assert label.textFormat() == Qt.TextFormat.PlainText, hostile.name
    assert not HIDDEN.search(label.text()), f"{hostile.name}: hidden characters reach the screen"
    shown = pixels(label)
    assert shown == rendered_as(label, Qt.TextFormat.PlainText), hostile.name
    if markup:
        assert shown != rendered_as(label, Qt.TextFormat.RichText), f"{hostile.name}: no visible markup?"


# The labels that are deliberately not plain text, and how their text was made safe (kiosk/ui/text.py):
# escaped editor Markdown (text slides, page text blocks) and the escaped rows of a page data block.
ALLOWED_RICH = {
    Qt.TextFormat.MarkdownText: ESCAPED_MARKDOWN,
    Qt.TextFormat.RichText: ESCAPED_HTML,
}


def label_problems(root: QWidget) -> list[str]:
    """Every QLabel under ``root`` that could render outside text as markup."""
    problems = []
    for label in root.findChildren(QLabel):
        fmt = label.textFormat()
        where = f"{type(label).__name__} under {type(label.parentWidget()).__name__}: {label.text()[:50]!r}"
        if fmt == Qt.TextFormat.PlainText:
            continue
        if fmt not in ALLOWED_RICH or ALLOWED_RICH[fmt] != label.property(TEXT_SAFETY):
            problems.append(f"{fmt.name} without an escaping helper: {where}")
        elif fmt == Qt.TextFormat.MarkdownText and "<" in label.text():
            problems.append(f"raw '<' reaches the Markdown reader: {where}")
        elif fmt == Qt.TextFormat.RichText and "<" in re.sub(r"</?b>", "", label.text()):
            problems.append(f"markup other than our <b>: {where}")
    return problems
