"""Checks that text on screen fits: every label's text, measured with the font metrics of its own font,
fits its geometry; no word is wider than the box it is in (so none is broken or cut at an edge); no two
texts overlap; everything is inside the window. Used for the emergency overlay and the attract bar.

The measures are Qt's own (``QFontMetrics.boundingRect`` with word wrap, as ``QLabel`` draws plain
text, and ``heightForWidth``) but the words are split here, independently of the product's helpers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.pages.button import TouchButton

SHY, ZWSP = "\u00ad", "\u200b"
# where a line may break: spaces, tabs, line feeds and zero-width spaces (not no-break spaces)
BREAKS = re.compile(f"[ \t\n{ZWSP}]+")


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside; a soft hyphen splits a word, with a "-"."""
    out: list[str] = []
    for word in BREAKS.split(text):
        parts = word.split(SHY)
        out += [part + "-" for part in parts[:-1]] + [parts[-1]]
    return [w for w in out if w]


def widest_word(widget: QWidget, text: str) -> tuple[float, str]:
    metrics = QFontMetricsF(widget.font())
    return max(((metrics.horizontalAdvance(w), w) for w in words(text)), default=(0.0, ""))


def in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def shown(root: QWidget) -> list[QWidget]:
    """The visible labels with text and the touch buttons under ``root``."""
    found: list[QWidget] = [w for w in root.findChildren(QLabel) if w.isVisible() and w.text()]
    return found + [b for b in root.findChildren(TouchButton) if b.isVisible()]


def label_problems(label: QLabel) -> list[str]:
    name = f"{label.text()[:40]!r}"
    box = label.contentsRect()
    problems = []
    size, word = widest_word(label, label.text())
    if size > box.width():
        problems.append(
            f"{name}: the word {word!r} ({size:.0f} px) is wider than the label ({box.width()} px)"
        )
    # measured from the top as QLabel measures (centred in a tall box, rounding adds a pixel)
    horizontal = label.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    flags = int(horizontal) | int(Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    needed = QFontMetrics(label.font()).boundingRect(QRect(0, 0, box.width(), 100_000), flags, label.text())
    if needed.height() > box.height():
        problems.append(f"{name}: needs {needed.height()} px of height, has {box.height()}")
    if label.heightForWidth(label.width()) > label.height():
        problems.append(f"{name}: heightForWidth {label.heightForWidth(label.width())} > {label.height()}")
    return problems


def button_problems(button: TouchButton) -> list[str]:
    name = f"button {button.text()!r}"
    problems = []
    size, word = widest_word(button, button.text())
    if size > button.text_width():
        problems.append(f"{name}: {word!r} ({size:.0f} px) is broken: text area {button.text_width():.0f} px")
    if button.heightForWidth(button.width()) > button.height():
        problems.append(f"{name}: needs {button.heightForWidth(button.width())} px, has {button.height()}")
    if min(button.width(), button.height()) < button.target_px:
        problems.append(f"{name}: {button.width()} × {button.height()} is below {button.target_px} px")
    return problems


def fit_problems(
    widgets: Sequence[QWidget], window: QWidget, area: QRect | None = None, shot: Path | None = None
) -> list[str]:
    """What does not fit among ``widgets`` (labels, buttons, other boxes) in ``window`` (and inside
    ``area``, window coordinates, if given); with ``shot`` a picture of the window is saved there when
    something is wrong."""
    problems: list[str] = []
    area = area or window.rect()
    rects = [(w, in_window(w, window)) for w in widgets]
    for widget, rect in rects:
        if isinstance(widget, QLabel):
            problems += label_problems(widget)
        elif isinstance(widget, TouchButton):
            problems += button_problems(widget)
        if not area.contains(rect):
            problems.append(f"{type(widget).__name__} {rect.getRect()} is not inside {area.getRect()}")
    for i, (first, a) in enumerate(rects):
        for second, b in rects[i + 1 :]:
            if a.intersects(b):
                problems.append(f"{describe(first)} {a.getRect()} overlaps {describe(second)} {b.getRect()}")
    if problems and shot is not None:
        window.grab().save(str(shot))
        problems.append(f"see {shot}")
    return problems


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, TouchButton)) else ""
    return f"{type(widget).__name__} {text[:30]!r}"


__all__ = ["fit_problems", "in_window", "shown", "widest_word", "words"]
