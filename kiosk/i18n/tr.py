"""Turkish: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="tr",
    name="Türkçe",
    locale="tr_TR",
    fallback="en",
    voice="trk/tr",
    field_description="Turkish (optional).",
)

WORDS: dict[str, str] = {}
