"""Swedish: the language's facts; no words yet, so every word comes from English."""

from __future__ import annotations

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="sv",
    name="Svenska",
    locale="sv_SE",
    fallback="en",
    day="{yyyy}-{mm}-{dd}",
    day_short="{yyyy}-{mm}-{dd}",
    voice="gmq/sv",
    field_description="Swedish (optional).",
)

WORDS: dict[str, str] = {}
