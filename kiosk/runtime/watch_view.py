"""What ``kiosk preview --watch`` shows an editor: the picture with its problems beside it (a strip drawn
into the PNG, or a side panel in a window) and a status line, in German or English.

Problems are editor text: always drawn or set as plain text, never interpreted as markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from kiosk import i18n
from kiosk.config.issues import Issue, errors, warnings


def word(key: str, lang: str, **values: object) -> str:
    """The editor's word ``watch.<key>`` of kiosk/i18n (German first: the city's editors write German)."""
    return i18n.text(f"watch.{key}", lang, **values)


def _count(n: int, key: str, lang: str) -> str:
    """``0 Fehler``, ``1 Warnung``, ``2 warnings`` (``key``: errors or warnings)."""
    return word(key, lang, n=n)


def status_line(kind: str, when: datetime, issues: Sequence[Issue], lang: str) -> str:
    """``neu gezeichnet 19:12:03, 0 Fehler, 2 Warnungen`` (``kind``: redrawn, kept or partial)."""
    return word(
        kind,
        lang,
        time=f"{when:%H:%M:%S}",
        errors=_count(len(errors(issues)), "errors", lang),
        warnings=_count(len(warnings(issues)), "warnings", lang),
    )


def problem_lines(issues: Sequence[Issue], lang: str = "de") -> list[str]:
    """One line per problem, errors first: ``file:line: message — hint`` in the editor's language."""
    ordered = sorted(issues, key=lambda i: (i.severity != "error", i.sort_key()))
    return [" — ".join(issue.format(lang).split("\n    ", 1)) for issue in ordered]


STRIP_BG, TEXT, ERROR, WARNING = (
    QColor(32, 32, 36),
    QColor(240, 240, 240),
    QColor(255, 130, 120),
    QColor(250, 210, 90),
)


def with_strip(picture: QImage, status: str, lines: Sequence[str], lang: str) -> QImage:
    """The picture with a strip of the status and problems: beside a portrait picture, below a wide one."""
    portrait = picture.height() > picture.width()
    if portrait:
        strip = QRect(picture.width(), 0, max(480, picture.width() // 2), picture.height())
    else:
        strip = QRect(0, picture.height(), picture.width(), max(270, picture.height() // 3))
    out = QImage(
        max(picture.width(), strip.right() + 1),
        max(picture.height(), strip.bottom() + 1),
        QImage.Format.Format_RGB32,
    )
    out.fill(STRIP_BG)
    painter = QPainter(out)
    painter.drawImage(0, 0, picture)
    font = QFont()
    font.setPixelSize(max(14, min(28, out.height() // 60)))
    painter.setFont(font)
    pad = font.pixelSize()
    area = strip.adjusted(pad, pad, -pad, -pad)
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    y = area.top()
    entries = [(status, TEXT), ("", TEXT)] + (
        [(line, ERROR if ": error: " in line else WARNING) for line in lines] or [(word("none", lang), TEXT)]
    )
    for index, (text, colour) in enumerate(entries):
        if not text:
            y += pad // 2
            continue
        box = painter.boundingRect(QRect(area.left(), y, area.width(), 10_000), int(flags), text)
        if y + box.height() > area.bottom() - 2 * pad and index < len(entries) - 1:
            painter.setPen(TEXT)
            painter.drawText(
                QRect(area.left(), y, area.width(), 3 * pad),
                int(flags),
                word("more", lang, n=len(entries) - index),
            )
            break
        painter.setPen(colour)
        painter.drawText(QRect(area.left(), y, area.width(), box.height()), int(flags), text)
        y += box.height() + pad // 3
    painter.end()
    return out


class WatchWindow(QWidget):
    """The editor's window: the picture (scaled to fit), the problems beside it, the status line below."""

    def __init__(self, title: str, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.setWindowTitle(title)
        self.picture = QImage()
        self.view = QLabel(word("drawing", lang))
        self.view.setTextFormat(Qt.TextFormat.PlainText)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(200, 200)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText(word("problems", lang))
        self.status = QLabel(word("drawing", lang))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QVBoxLayout(self)
        box.addWidget(split, 1)
        box.addWidget(self.status)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else None
        self.resize(min(1280, room.width()) if room else 1280, min(800, room.height()) if room else 800)

    def show_state(self, picture: QImage | None, status: str, lines: Sequence[str]) -> None:
        if picture is not None and not picture.isNull():
            self.picture = picture
        self.status.setText(status)
        self.problems.setPlainText("\n\n".join(lines) if lines else word("none", self.lang))
        self._scale()

    def _scale(self) -> None:
        if self.picture.isNull():
            return
        size = self.view.size()
        self.view.setPixmap(
            QPixmap.fromImage(self.picture).scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._scale()
