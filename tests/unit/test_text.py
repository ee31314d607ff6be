"""Editor Markdown as the screen shows it."""

from __future__ import annotations

from kiosk.ui.text import safe_markdown


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
