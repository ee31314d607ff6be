"""Inline language marks in editor text: ``[Kröpeliner Tor]{de}`` (pure).

An editor marks a passage for another voice with square brackets and the language code in braces (as
Pandoc's bracketed spans, ``{lang=de}`` works too). The screen must not show the marks, yet the spoken
text is the same string as the shown one (a widget's accessible name contains its label). So when a text
is taken from the content (``Text.get``) each mark becomes Unicode language tag characters (U+E0001, the
code as tag letters U+E0020–U+E007E, U+E007F to end it): default-ignorable characters that Qt draws as
nothing and measures as zero width, and that ``kiosk.speech.plan`` reads back as a span. The encoding
is ``kiosk.i18n.tagged``'s, which also tags words and texts taken from a fallback language.
"""

from __future__ import annotations

import re

from kiosk.i18n.tagged import BEGIN, END, TAG_CHARACTERS, TAGGED, code_of, tag

MARKUP = re.compile(r"\[([^\[\]\n]+)\]\{(?:lang=)?([a-z]{2})\}")


def hide_marks(text: str) -> str:
    """``[Tor]{de}`` → the tagged, invisible form of the same passage (text without marks: unchanged)."""
    if "]{" not in text:
        return text
    return MARKUP.sub(lambda m: f"{BEGIN}{tag(m.group(2))}{m.group(1)}{END}", text)


def marked(text: str) -> list[tuple[str | None, str]]:
    """``text`` as (language or None, piece): tagged passages and ``[…]{xx}`` marks carry their code."""
    pieces: list[tuple[str | None, str]] = []
    start = 0
    for match in re.finditer(f"{TAGGED.pattern}|{MARKUP.pattern}", text):
        pieces.append((None, text[start : match.start()]))
        if match.group(1):
            pieces.append((code_of(match.group(1)), match.group(2)))
        else:
            pieces.append((match.group(4), match.group(3)))
        start = match.end()
    pieces.append((None, text[start:]))
    return [(code, TAG_CHARACTERS.sub("", piece)) for code, piece in pieces if piece]


__all__ = ["MARKUP", "TAGGED", "hide_marks", "marked"]
