"""French: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="fr",
    name="Français",
    locale="fr_FR",
    fallback="en",
    day="{dd}/{mm}/{yyyy}",
    day_short="{dd}/{mm}/{yyyy}",
    voice="roa/fr",
    field_description="French (optional).",
)

WORDS: dict[str, str] = {}
