"""Text from editors and feeds on screen: always plain text.

QLabel's default text format is ``AutoText``: a string that *looks* like HTML is rendered as rich text,
``<img src=file:…>`` (a local file drawn on screen) and ``<font color=…>`` included. A feed headline once
drew a picture and a fake "all clear" over a severe warning that way. So every label that can show text
from outside is a :class:`PlainLabel` (or is made plain by :func:`make_plain`), and the only two places
that hand text to Qt's rich-text engine escape every outside string first:

- :func:`set_markdown` (text slides, page text blocks): editor Markdown with raw HTML and image syntax
  escaped by :func:`safe_markdown`;
- :func:`set_bold_lead` (rows of a page data block): our own ``<b>`` around ``html.escape``-d cells.

Both mark the label with the Qt property :data:`TEXT_SAFETY`, so a test can walk every label of a screen
and accept exactly these two exceptions (``tests/gui/test_plain_text.py``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

TEXT_SAFETY = "text_safety"  # Qt property on a label that is deliberately not plain text
ESCAPED_MARKDOWN = "escaped-markdown"
ESCAPED_HTML = "escaped-html"

# C0/C1 controls (a NUL from a broken feed, escape sequences) are noise on a sign; tab and line feed stay.
# Explicit bidi embeddings, overrides and isolates let a string show other characters than it holds
# ("\u202egnunrawtnE" is drawn as "Entwarnung"): natural bidi order needs none of them.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` without control characters and explicit bidi overrides (see ``_HIDDEN``).

    Soft hyphens and zero-width spaces stay: they are our own line-break hints.
    """
    return _HIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class PlainLabel(QLabel):
    """A QLabel that shows its text as plain text, always (``setText`` also drops hidden characters)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_plain(self)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(clean(text))


def make_plain(label: QLabel) -> QLabel:
    """Plain text and no text interaction (nothing to select or click on a kiosk)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


# an ampersand that would start a character reference ("&#x202e;", "&lt;"): escaped, so no reference can
# bring back a character clean() removes; a lone "&" ("Bus & Bahn") stays as it is, because Qt's Markdown
# reader ends bold or italics at an "&amp;" ("**Bus & Bahn**" came out as bold "Bus" and plain "& Bahn")
_REFERENCE = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def _escape_html(text: str) -> str:
    return _REFERENCE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def safe_markdown(text: str) -> str:
    """Escape raw HTML and picture syntax so that only the Markdown subset of words renders.

    Qt's Markdown reader passes HTML through (``<img src=file:…>`` would read local files), and
    ``![alt](file:///…)`` (also as a reference ``![alt][r]``) draws a local file too: editor text must
    never reach that path. A picture belongs in an image block or slide, where the runtime loads it.
    """
    escaped = clean(_escape_html(text)).replace("![", "!\\[")
    # Editors expect a line break in the file to be one on screen (Leichte Sprache: one sentence per
    # line); Markdown would join the lines, so make single breaks hard breaks. Blank lines stay paragraphs.
    lines = escaped.split("\n")
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        hard = line.strip() and nxt.strip() and not nxt.lstrip().startswith(("- ", "* ", "+ "))
        out.append(line.rstrip() + "  " if hard else line)
    return "\n".join(out)


def markdown_plain(text: str) -> str:
    """What a reader sees of editor Markdown, as plain text (no asterisks spoken)."""
    doc = QTextDocument()
    doc.setMarkdown(safe_markdown(text))
    return doc.toPlainText().strip()


def set_markdown(label: QLabel, text: str) -> None:
    """Show editor Markdown: rich text on purpose, from :func:`safe_markdown` only."""
    label.setTextFormat(Qt.TextFormat.MarkdownText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setProperty(TEXT_SAFETY, ESCAPED_MARKDOWN)
    label.setText(safe_markdown(text))


def set_bold_lead(label: QLabel, cells: Sequence[str]) -> None:
    """One record as a line: the first cell bold, the rest after " · ". Every cell is escaped first."""
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setProperty(TEXT_SAFETY, ESCAPED_HTML)
    first, *rest = [html.escape(clean(cell)) for cell in cells] or [""]
    label.setText(f"<b>{first}</b>" + (f" · {' · '.join(rest)}" if rest else ""))


__all__ = [
    "ESCAPED_HTML",
    "ESCAPED_MARKDOWN",
    "TEXT_SAFETY",
    "PlainLabel",
    "clean",
    "make_plain",
    "markdown_plain",
    "safe_markdown",
    "set_bold_lead",
    "set_markdown",
]
