"""Validator messages in the editor's language: the English text of an issue, rendered in German or English.

Every issue is built with its English message (the device log and ``--json`` keep it); the German
text comes from one catalogue (:mod:`kiosk.config.messages.de`) that matches the English message
and hint by pattern, so a check written anywhere in kiosk/config is translated in one place. An
English text the catalogue does not know stays English rather than being lost.
"""

from __future__ import annotations

import re
from typing import Final

from kiosk.config.messages import de

EDITOR_LANGUAGES: Final = ("de", "en")
#: severity and hint label per editor language
LABELS: Final = {
    "de": {"error": "Fehler", "warning": "Warnung", "hint": "Tipp:", "entry": "Eintrag"},
    "en": {"error": "error", "warning": "warning", "hint": "hint:", "entry": "entry"},
}
_INDEX = re.compile(r"\[(\d+)\]\.?")
_PREFIXED = re.compile(r"(?P<value>'[^']*'|\"[^\"]*\"|[^\s:']+): (?P<rest>.+)", re.DOTALL)


def one_based(text: str, lang: str) -> str:
    """``children[6].title`` as an editor counts: ``children, entry 7, title`` (German ``Eintrag 7``)."""
    word = LABELS.get(lang, LABELS["en"])["entry"]

    def entry(match: re.Match[str]) -> str:
        tail = ", " if match.group(0).endswith(".") else ""
        return f", {word} {int(match.group(1)) + 1}{tail}"

    return _INDEX.sub(entry, text)


def _lookup(text: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    for pattern, template in table:
        match = pattern.fullmatch(text)
        if match:
            return match.expand(template)
    return None


def render(text: str, lang: str, *, hint: bool = False) -> str:
    """``text`` (an English message or hint) in ``lang``; 1-based list entries in either language."""
    if lang == "de" and text:
        table = de.HINTS if hint else de.MESSAGES
        found = _lookup(text, table)
        if found is None and not hint:
            prefixed = _PREFIXED.fullmatch(text)
            if prefixed:
                rest = _lookup(prefixed.group("rest"), table)
                found = f"{prefixed.group('value')}: {rest}" if rest is not None else None
        if found is None and hint:
            found = _lookup(text, de.MESSAGES)
        if found is not None:
            for pattern, template in de.AFTER:
                found = pattern.sub(template, found)
            text = found
    return one_based(text, lang)
