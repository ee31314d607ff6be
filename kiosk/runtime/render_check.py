"""``kiosk validate --render``: lay out every slide of a pack in every zone that plays it, in every
language of the device, and report text that is clipped, overlapping, broken inside a word or cut
with "…" — with file, slide, zone and language, as an editor needs it.

The measures are Qt's own on the laid-out labels (``heightForWidth``, ``QFontMetricsF`` of the label's
font), with the type sized from the device's viewing distance as on the device: what does not fit at
that size is reported (with the distance), never made smaller. Rows of a data slide that page through
are checked page by page. Web and video slides are skipped (their text is not ours to lay out).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.config.loader import ContentSet, load_content
from kiosk.config.models.slides import SlideBase, TickerSlide, VideoSlide, WebSlide
from kiosk.navigation.strings import ZWSP
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.base import SlideWidget
from kiosk.ui.slides.data import DataSlideWidget

ELLIPSIS = "…"
BREAKS = re.compile(f"[ \t\n{ZWSP}\u00ad]+")
SKIPPED = (WebSlide, VideoSlide, TickerSlide)  # a ticker scrolls: its one line is never wrapped


@dataclass(frozen=True)
class Clipped:
    """One piece of text that does not fit where a device shows it."""

    file: str
    slide: str
    device: str
    zone: str
    language: str
    what: str
    distance_m: float = 0.0  # the device's viewing distance the type was sized for

    def format(self) -> str:
        where = f"{self.file}: slide {self.slide} in {self.device}/{self.zone} [{self.language}]"
        return f"{where}: {self.what} (type for {self.distance_m:g} m: shorten or split the text)"


def label_problems(label: QLabel, window: QWidget) -> list[str]:
    """What is wrong with one visible label: a word wider than its box, more height needed than it has,
    a word broken by us (zero-width space), an ellipsis, or a box outside the window."""
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText:  # rows with a bold lead, Markdown: what is drawn
        doc = QTextDocument()
        doc.setHtml(text) if label.textFormat() == Qt.TextFormat.RichText else doc.setMarkdown(text)
        text = doc.toPlainText()
    name = repr(text[:40])
    box = label.contentsRect()
    metrics = QFontMetricsF(label.font())
    out = []
    widest = max(BREAKS.split(text), key=metrics.horizontalAdvance, default="")
    if metrics.horizontalAdvance(widest) > box.width() + 0.5:
        out.append(f"{name}: the word {widest!r} is wider than its box ({box.width()} px): cut or broken")
    if label.wordWrap() and label.heightForWidth(label.width()) > label.height():
        out.append(f"{name}: needs {label.heightForWidth(label.width())} px of height, has {label.height()}")
    if ZWSP in text:
        out.append(f"{name}: broken inside a word")
    if text.rstrip().endswith(ELLIPSIS):
        out.append(f"{name}: cut with '…'")
    where = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
    if not window.rect().contains(where):
        out.append(f"{name}: outside the screen")
    return out


def overlaps(labels: list[QLabel], window: QWidget) -> list[str]:
    """Pairs of visible labels whose boxes overlap."""
    rects = [(lab, QRect(lab.mapTo(window, QPoint(0, 0)), lab.size())) for lab in labels]
    out = []
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if ra.intersects(rb) and ra.intersected(rb).height() > 1:
                out.append(f"{a.text()[:30]!r} overlaps {b.text()[:30]!r}")
    return out


def _screen_problems(widget: SlideWidget, window: QWidget) -> list[str]:
    labels = [lab for lab in widget.findChildren(QLabel) if lab.isVisible() and lab.text()]
    problems = [p for lab in labels for p in label_problems(lab, window)]
    return problems + overlaps(labels, window)


def _problems(widget: SlideWidget, window: QWidget) -> list[str]:
    """Problems on every screen of the slide (the pages of a data slide one by one)."""
    QApplication.processEvents()
    if not isinstance(widget, DataSlideWidget) or len(widget.pages) <= 1:
        return _screen_problems(widget, window)
    out = []
    for page in range(len(widget.pages)):
        widget.page = page
        widget._show_page()
        QApplication.processEvents()
        out += [f"screen {page + 1}/{len(widget.pages)}: {p}" for p in _screen_problems(widget, window)]
    return out


def _slides(content: ContentSet, playlists: list[str]) -> Iterator[tuple[str, SlideBase]]:
    seen: set[str] = set()
    for playlist in playlists:
        entry = content.playlists.get(playlist)
        for item in entry.model.items if entry else []:
            slide = content.slides.get(item.slide)
            if slide is not None and item.slide not in seen:
                seen.add(item.slide)
                yield item.slide, slide.model


def check_device(content: ContentSet, device: str, at: datetime | None = None) -> list[Clipped]:
    """Every slide of ``device`` in its zones and languages, laid out at the device's screen size."""
    from kiosk.runtime.shell import Shell  # Qt composition: only when a render check runs

    model = content.devices[device].model
    distance = model.screen.viewing_distance_m
    shell = Shell(
        content,
        device,
        (model.screen.width, model.screen.height),
        kiosk_mode=False,
        clock=FixedClock(at or datetime.now(UTC)),
        schedule_at=lambda deadline, delay: None,
        web=False,
        animate=False,
        live=False,
        speech=False,
        records=False,
    )
    shell.hub.start()  # last good data or the bundled snapshot (live=False: nothing is fetched)
    window = shell.window
    window.show()
    found: list[Clipped] = []
    try:
        for zone_id, assignment in model.zones.items():
            zone = window.zones.get(zone_id)
            if zone is None:
                continue
            names = [*assignment.playlists, *([assignment.default] if assignment.default else [])]
            for slide_id, slide in _slides(content, names):
                if isinstance(slide, SKIPPED):
                    continue
                for language in model.languages:
                    shell.factory.replace_context(replace(shell.ctx, language=language))
                    widget = shell.factory.make(slide, (zone.width(), zone.height()))
                    zone.present(widget, "cut")
                    for what in _problems(widget, window):
                        file = content.slides[slide_id].file
                        found.append(
                            Clipped(file, slide_id, device, zone_id, language, what, distance)
                        )
                zone.show_standby()
    finally:
        for zone in window.zones.values():
            zone.clear()
        window.close()
        window.deleteLater()
        shell.factory.shutdown()
        shell.deleteLater()
    return found


def render_check(root: Path) -> list[Clipped]:
    """The render check of every device of the pack below ``root`` (files with errors left out)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a check, not a screen
    from kiosk.runtime.app import qt_app

    content = load_content(root).content
    qt_app([], False)
    return [clip for device in sorted(content.devices) for clip in check_device(content, device)]


def report(root: Path) -> int:
    """Print the render check (``kiosk validate --render``); 1 when any text does not fit."""
    clipped = render_check(root)
    for clip in clipped:
        print(clip.format())
    print(f"render check: {len(clipped)} text(s) that do not fit in {root}")
    return 1 if clipped else 0


__all__ = ["Clipped", "check_device", "label_problems", "overlaps", "render_check", "report"]
