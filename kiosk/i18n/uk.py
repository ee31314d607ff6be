"""Ukrainian: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="uk",
    name="Українська",
    locale="uk_UA",
    fallback="en",
    voice="zle/uk",
    field_description="Ukrainian (optional).",
)

WORDS: dict[str, str] = {}
