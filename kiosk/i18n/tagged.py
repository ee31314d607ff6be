"""Invisible language tags in shown text: which voice speaks a passage (pure, stdlib only).

The screen and the voice get the same string (a widget's accessible name contains its label), so a
passage in another language than the one around it carries its language inside the string: Unicode
language tag characters (U+E0001, the code as tag letters U+E0020–U+E007E, U+E007F to end it), which Qt
draws as nothing and measures as zero width. ``kiosk.speech.plan`` reads them back as spans.

Two sources tag: an editor's inline mark ``[Kröpeliner Tor]{de}`` (``kiosk.speech.marks``), and a word or
text that had to come from a fallback language (``kiosk.i18n.text``, ``Text.get``): an English text shown
in a French session is spoken with the English voice. The encoding lives here, at the bottom layer,
because ``kiosk.i18n`` tags its own fallbacks and may import nothing above it.
"""

from __future__ import annotations

import re

BEGIN, END = "\U000e0001", "\U000e007f"
TAGGED = re.compile(f"{BEGIN}([\U000e0061-\U000e007a]{{2}})([^{BEGIN}{END}]*){END}")
TAG_CHARACTERS = re.compile("[\U000e0000-\U000e007f]")
_CODE = re.compile(r"[a-z]{2}")  # what a tag can hold (kiosk.speech.marks reads two tag letters)
# kept outside a tag: white space at either end; the Markdown block marks a text may start with ("- ",
# "# ", "1. ", "> "), which a tag character before them would turn into plain letters on screen; and the
# closing punctuation callers look at ("title.rstrip('.')", "ends with a full stop?"), which is spoken
# with the passage before it anyway; and emphasis marks at either end ("_Hinweis:_"), which a tag
# character beside them would keep from opening or closing
_EDGES = re.compile(
    r"^(\s*(?:(?:[-*+>]|#{1,6}|\d{1,9}[.)])[ \t]+)*[_*]*)(.*?)([_*]*[\s.,:;!?…]*)$", re.DOTALL
)


def tag(code: str) -> str:
    """The tag letters of ``code`` (after ``BEGIN``)."""
    return "".join(chr(0xE0000 + ord(c)) for c in code)


def code_of(letters: str) -> str:
    """The code that tag letters spell (the inverse of :func:`tag`)."""
    return "".join(chr(ord(c) - 0xE0000) for c in letters)


def untagged(text: str) -> str:
    """``text`` without any tag characters: what a reader sees."""
    return TAG_CHARACTERS.sub("", text)


def _wrap(piece: str, code: str) -> str:
    match = _EDGES.match(piece)
    lead, core, trail = match.groups() if match else ("", piece, "")  # it matches every string
    if not any(c.isalnum() for c in core):
        return piece  # nothing a voice would say: no tag
    return f"{lead}{BEGIN}{tag(code)}{core}{END}{trail}"


def in_language(text: str, code: str) -> str:
    """``text`` marked as spoken in ``code``: each stretch not yet tagged becomes a tagged passage (tags
    do not nest, so a passage marked for yet another voice keeps its own). Unchanged for a code that a
    tag cannot hold."""
    if not _CODE.fullmatch(code):
        return text
    out: list[str] = []
    start = 0
    for match in TAGGED.finditer(text):
        out.append(_wrap(text[start : match.start()], code))
        out.append(match.group())
        start = match.end()
    out.append(_wrap(text[start:], code))
    return "".join(out)


__all__ = ["BEGIN", "END", "TAGGED", "TAG_CHARACTERS", "code_of", "in_language", "tag", "untagged"]
