"""Inline language marks (``[Hanse Sail]{en}``) are invisible on screen, pixel for pixel, and the same
label's text (its accessible name) still tells the voice which passage is English."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.config.models.base import Text
from kiosk.speech.plan import Span, spans
from kiosk.ui.text import PlainLabel, markdown_plain, set_markdown

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


def test_a_fallback_texts_tag_is_not_drawn_not_even_before_markdown_blocks(qtbot) -> None:
    # a French session shows the English text, tagged English for the voice: the same pixels, lists
    # and headings included (a tag character before "- " would make the list plain letters)
    for english in ("- Mon closed\n- Tue open", "# Opening hours\n\nDaily **9 to 5**.", "1. Ticket\n2. Ride"):
        shown = Text(de="Text", en=english).get("fr")
        assert shown != english
        marked, plain = QLabel(), QLabel()
        for label in (marked, plain):
            qtbot.addWidget(label)
        set_markdown(marked, shown)
        set_markdown(plain, english)
        assert picture(marked) == picture(plain), english
        # what the label says (its accessible name, as ReadLabel takes it) is still English for the voice
        assert {span.language for span in spans(markdown_plain(shown), "fr")} == {"en"}, english
