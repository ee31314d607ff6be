"""``kiosk validate --render``: lay out every slide of a pack in every zone that plays it, in every
language of the device, and report text that is clipped, overlapping, broken inside a word or cut
with "…" — with file, slide, zone and language, as an editor needs it.

The measures are Qt's own on the laid-out labels (``heightForWidth``, ``QFontMetricsF`` of the label's
font), with the type sized from the device's viewing distance as on the device: what does not fit at
that size is reported (with the distance), never made smaller. Rows of a data slide that page through
are checked page by page. On a touch terminal the slides are laid out in the height the attract bar
leaves them (it reserves its strip at the foot of its zone while the loop plays). Web and video slides
are skipped (their text is not ours to lay out).

A slide that needs more screens at the device's type size than its time on air can show (each screen at
least ``legibility.MIN_SCREEN_S``) is a warning, "needs 3 screens at 7 m, has time for 2"; a text slide
never pages, so more than one screen of it is one too many. This needs the laid-out text: the rows of a
data slide come from its feed, and where a line breaks depends on the font's advance widths, so a
character-count estimate at load time would miss or cry wolf — the warning is in ``--render`` only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.config.issues import Issue
from kiosk.config.loader import ContentSet, load_content
from kiosk.config.models.slides import SlideBase, TickerSlide, VideoSlide, WebSlide
from kiosk.i18n.tagged import untagged
from kiosk.navigation.legibility import screens_allowed
from kiosk.navigation.strings import ZWSP
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.base import SlideWidget
from kiosk.ui.slides.basic import TextSlideWidget
from kiosk.ui.slides.data import DataSlideWidget

if TYPE_CHECKING:
    from kiosk.runtime.shell import Shell

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


@dataclass(frozen=True)
class Crowded:
    """A slide that needs more screens at the device's type size than its time on air can show."""

    file: str
    slide: str
    device: str
    zone: str
    language: str
    screens: int
    allowed: int  # screens its time can show; a text slide: 1
    distance_m: float
    pages: bool = True  # False: a text slide, which never pages

    def issue(self) -> Issue:
        where = f"at {self.distance_m:g} m in {self.device}/{self.zone} [{self.language}]"
        if self.pages:
            what = f"has time for {self.allowed}: shorten the text or make the slide longer"
        else:
            what = "a text slide has one: shorten the text or split it over two slides"
        message = f"slide {self.slide} needs {self.screens} screens {where}, {what}"
        return Issue("warning", self.file, None, None, "", message, code="screens")


def screens(widget: SlideWidget) -> int:
    """Screens the slide needs at its type size: a data slide's pages; a text slide's height over its
    room (more than 1: it does not fit, a text slide shows one)."""
    if isinstance(widget, DataSlideWidget):
        return len(widget.pages)
    if isinstance(widget, TextSlideWidget):
        margins = widget.box.contentsMargins()
        width = widget.width() - margins.left() - margins.right()
        room = widget.height() - margins.top() - margins.bottom()
        needed = widget.body.heightForWidth(width)
        if widget.heading is not None:
            needed += widget.heading.heightForWidth(width) + widget.box.spacing()
        return max(1, math.ceil(needed / max(room, 1) - 1e-6))
    return 1


def label_problems(label: QLabel, window: QWidget) -> list[str]:
    """What is wrong with one visible label: a word wider than its box, more height needed than it has,
    a word broken by us (zero-width space), an ellipsis, or a box outside the window."""
    text = untagged(label.text())  # the voice's language tags are not seen (kiosk.i18n.tagged)
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
                out.append(f"{untagged(a.text())[:30]!r} overlaps {untagged(b.text())[:30]!r}")
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


def _slides(content: ContentSet, playlists: list[str]) -> Iterator[tuple[str, SlideBase, float]]:
    """Each slide the playlists play once, with its shortest time on air (a playlist may override it)."""
    shortest: dict[str, float] = {}
    for playlist in playlists:
        entry = content.playlists.get(playlist)
        for item in entry.model.items if entry else []:
            slide = content.slides.get(item.slide)
            if slide is not None:
                seconds = (item.duration or slide.model.duration).total_seconds()
                shortest[item.slide] = min(seconds, shortest.get(item.slide, seconds))
    for slide_id, seconds in shortest.items():  # in playing order (dicts keep the first insertion)
        yield slide_id, content.slides[slide_id].model, seconds


def check_device(content: ContentSet, device: str, at: datetime | None = None) -> list[Clipped]:
    """Every slide of ``device`` in its zones and languages, laid out at the device's screen size."""
    return check_device_screens(content, device, at)[0]


def check_device_screens(
    content: ContentSet, device: str, at: datetime | None = None
) -> tuple[list[Clipped], list[Crowded]]:
    """:func:`check_device`, and the slides that need more screens than their time can show."""
    model = content.devices[device].model
    distance = model.screen.viewing_distance_m
    shell = check_shell(content, device, at)
    window = shell.window
    found: list[Clipped] = []
    crowded: list[Crowded] = []
    try:
        for zone_id, assignment in model.zones.items():
            zone = window.zones.get(zone_id)
            if zone is None:
                continue
            names = [*assignment.playlists, *([assignment.default] if assignment.default else [])]
            for slide_id, slide, seconds in _slides(content, names):
                if isinstance(slide, SKIPPED):
                    continue
                for language in model.languages:
                    shell.factory.replace_context(replace(shell.ctx, language=language))
                    widget = shell.factory.make(slide, (zone.width(), zone.height()))
                    zone.present(widget, "cut")
                    file = content.slides[slide_id].file
                    for what in _problems(widget, window):
                        found.append(Clipped(file, slide_id, device, zone_id, language, what, distance))
                    pages = isinstance(widget, DataSlideWidget)
                    needed = screens(widget)
                    allowed = screens_allowed(seconds) if pages else 1
                    if needed > allowed:
                        where = (file, slide_id, device, zone_id, language)
                        crowded.append(Crowded(*where, needed, allowed, distance, pages))
                zone.show_standby()
    finally:
        close_shell(shell)
    return found, crowded


def check_shell(content: ContentSet, device: str, at: datetime | None = None) -> Shell:
    """A shell of ``device`` at its screen size, shown, with its zones as its loop plays in them: on a
    touch terminal the attract bar is up and reserves its strip (the zone it lies in ends above it,
    ``MainWindow.arrange_zones``), so slides are checked in the height they really get, measured from
    the real bar at this size and in these languages, not from a constant."""
    from kiosk.runtime.shell import Shell  # Qt composition: only when a render check runs

    model = content.devices[device].model
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
    shell.window.show()
    if shell.interaction is not None:  # a session covers the loop: the loop is seen under the bar only
        shell.interaction.attract.show()
        shell.window.arrange_layers()
    return shell


def close_shell(shell: Shell) -> None:
    """Retire what :func:`check_shell` made."""
    window = shell.window
    for zone in window.zones.values():
        zone.clear()
    window.close()
    window.deleteLater()
    shell.factory.shutdown()
    shell.deleteLater()


def render_check(root: Path) -> list[Clipped]:
    """The render check of every device of the pack below ``root`` (files with errors left out)."""
    return render_check_screens(root)[0]


def render_check_screens(root: Path) -> tuple[list[Clipped], list[Crowded]]:
    """:func:`render_check` and the "needs N screens" warnings of every device."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a check, not a screen
    from kiosk.runtime.app import qt_app

    content = load_content(root).content
    qt_app([], False)
    clipped: list[Clipped] = []
    crowded: list[Crowded] = []
    for device in sorted(content.devices):
        cut, full = check_device_screens(content, device)
        clipped += cut
        crowded += full
    return clipped, crowded


def report(root: Path, lang: str = "en", strict: bool = False) -> int:
    """Print the render check (``kiosk validate --render``); 1 when any text does not fit (with
    ``strict`` also when a slide needs more screens than its time), warnings in ``lang``."""
    clipped, crowded = render_check_screens(root)
    for clip in clipped:
        print(clip.format())
    for full in crowded:
        print(full.issue().format(lang))
    short = f"{len(crowded)} slide(s) short of time"
    print(f"render check: {len(clipped)} text(s) that do not fit, {short} in {root}")
    return 1 if clipped or (strict and crowded) else 0


__all__ = [
    "Clipped",
    "Crowded",
    "check_device",
    "check_device_screens",
    "check_shell",
    "close_shell",
    "label_problems",
    "overlaps",
    "render_check",
    "render_check_screens",
    "report",
    "screens",
]
