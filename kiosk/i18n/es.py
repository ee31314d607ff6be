"""Spanish: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="es",
    name="Español",
    locale="es_ES",
    fallback="en",
    day="{dd}/{mm}/{yyyy}",
    day_short="{dd}/{mm}/{yyyy}",
    voice="roa/es",
    field_description="Spanish (optional).",
)

WORDS: dict[str, str] = {}
