"""Inline language marks (``[Hanse Sail]{en}``) are invisible on screen, pixel for pixel, and the same
label's text (its accessible name) still tells the voice which passage is English."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.config.models.base import Text
from kiosk.speech.plan import Span, spans
from kiosk.ui.text import PlainLabel, set_markdown

MARKED = Text(de="Die [Hanse Sail]{en} ist im **Stadthafen**.", en="The [Hanse Sail]{lang=de} is here.")


def picture(label: QLabel) -> object:
    label.setStyleSheet("font-size: 32px; color: black; background: white;")
    label.resize(700, 60)
    return label.grab().toImage()


def test_marks_are_not_drawn_and_still_name_the_voice(qtbot) -> None:
    for language, bare in (
        ("de", "Die Hanse Sail ist im **Stadthafen**."),
        ("en", "The Hanse Sail is here."),
    ):
        shown = MARKED.get(language)
        assert "[" not in shown and "{" not in shown
        marked, plain = PlainLabel(shown), PlainLabel(bare)
        for label in (marked, plain):
            qtbot.addWidget(label)
        assert picture(marked) == picture(plain), language
        marked.setAccessibleName(marked.text())  # what every widget does: the shown text is spoken
        voices = [span.language for span in spans(marked.accessibleName(), language)]
        assert voices == ([language, "en", language] if language == "de" else ["en", "de", "en"])


def test_marks_in_markdown_are_not_drawn(qtbot) -> None:
    marked, plain = QLabel(), QLabel()
    for label in (marked, plain):
        qtbot.addWidget(label)
    set_markdown(marked, MARKED.get("de"))
    set_markdown(plain, "Die Hanse Sail ist im **Stadthafen**.")
    assert picture(marked) == picture(plain)
    assert spans(MARKED.get("de"), "de")[1] == Span("en", "Hanse Sail")
