"""Danish: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="da",
    name="Dansk",
    locale="da_DK",
    fallback="en",
    voice="gmq/da",  # North Germanic: espeak-ng has no gmw/da (it spoke Danish with the German voice)
    field_description="Danish (optional).",
)

WORDS: dict[str, str] = {}
