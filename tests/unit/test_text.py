"""Editor Markdown as the screen shows it."""

from __future__ import annotations

from kiosk.ui.text import clean, markdown_plain, safe_markdown


def test_raw_html_is_not_rendered() -> None:
    assert "<img" not in safe_markdown('Hallo <img src="file:///etc/passwd">')


def test_single_line_breaks_are_kept() -> None:
    text = "Das ist der Pegel.\nDer Pegel misst das Wasser.\n\nNeuer Absatz."
    assert safe_markdown(text) == "Das ist der Pegel.  \nDer Pegel misst das Wasser.\n\nNeuer Absatz."


def test_lists_stay_lists() -> None:
    assert (
        safe_markdown("Bitte:\n- Abstand halten\n- Ruhe bewahren")
        == "Bitte:\n- Abstand halten\n- Ruhe bewahren"
    )


def test_picture_syntax_is_text_not_a_file_read(qapp: object) -> None:  # a QTextDocument needs fonts
    # ![alt](file:…) and the reference form would make Qt's Markdown reader draw a local file
    assert "![" not in safe_markdown("![Logo](file:///etc/hostname) und ![x][r]\n\n[r]: /etc/hostname")
    assert markdown_plain("Vorher ![Logo](file:///etc/hostname) nachher") == (
        "Vorher ![Logo](file:///etc/hostname) nachher"
    )


def test_markdown_still_renders_emphasis_and_shows_escaped_markup_as_characters(qapp: object) -> None:
    assert (
        markdown_plain("**Achtung:** <b>fett</b> &amp; &lt;i&gt;") == "Achtung: <b>fett</b> &amp; &lt;i&gt;"
    )


def test_clean_drops_controls_and_bidi_overrides_but_keeps_break_hints() -> None:
    assert clean("Null\x00Byte\x07\x1b[31m") == "NullByte[31m"
    assert clean("\u202egnunrawtnE\u202c") == "gnunrawtnE"  # drawn as "Entwarnung" with the override
    assert clean("a\u2067b\u2069c") == "abc"
    assert clean("Barriere\u00adfreiheit Stadt·\u200bhafen\tTab\r\nZeile") == (
        "Barriere\u00adfreiheit Stadt·\u200bhafen\tTab\nZeile"
    )


def test_bold_with_an_ampersand_stays_bold_to_its_end() -> None:
    """ "**Bus & Bahn**" on a slide: Qt's Markdown reader ended the bold at an escaped "&amp;"."""
    from PySide6.QtGui import QFont, QTextDocument

    doc = QTextDocument()
    doc.setMarkdown(safe_markdown("unter **Mobilität → Bus & Bahn**."))
    assert doc.toPlainText() == "unter Mobilität → Bus & Bahn."
    weights = {}
    block = doc.begin()
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        for ch in fragment.text():
            weights.setdefault(ch, set()).add(fragment.charFormat().fontWeight() >= QFont.Weight.Bold)
        it += 1
    assert weights["&"] == {True} and weights["h"] == {True}  # the B-a-h-n after it too
    assert weights["u"] == {False, True}  # "unter" plain, "Bus" bold


def test_no_character_reference_brings_back_what_clean_removes() -> None:
    for sneaky in ("&#x202e;gnunrawtnE", "&#8238;x", "&lt;img src=x&gt;", "&amp;lt;b&amp;gt;"):
        assert markdown_plain(sneaky) == sneaky  # shown as typed: no reference is resolved
    assert "<" not in safe_markdown("<b>fett</b>")
