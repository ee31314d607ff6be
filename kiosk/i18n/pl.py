"""Polish: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="pl",
    name="Polski",
    locale="pl_PL",
    fallback="en",
    voice="zlw/pl",
    field_description="Polish (optional).",
)

WORDS: dict[str, str] = {}
