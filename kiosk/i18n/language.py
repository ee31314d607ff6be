"""What the kiosk knows about one language besides its words (pure data, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """The facts of one language; each language module of ``kiosk.i18n`` declares one as ``LANGUAGE``.

    Attributes:
        code: The code editors write (``de``, ``en``, ``ls`` = Leichte Sprache); the module's name.
        name: The name of the language in itself, as a passer-by looks for it ("Deutsch", "English").
        locale: The locale for dates and numbers (Qt's ``QLocale`` name).
        fallback: The language whose word is shown where this one has none; the chain ends in German.
        voice: The espeak-ng voice that speaks it.
        speech_rate: Factor on the speaking rate (Leichte Sprache is spoken slower).
        speech_rules: Which table of ``kiosk.speech`` says numbers, dates and abbreviations
            (``de`` or ``en``); empty: only the language-neutral steps.
        decimal_mark: What separates the decimals of a number on screen ("12,5" / "12.5").
        day: How a day is written on screen (``str.format``: ``{dd}`` ``{mm}`` two digits, ``{yyyy}``,
            ``{d}`` the day's number, ``{mon}`` the month's entry in ``months``).
        day_short: The same where room is short (as narrow as the German "18.10.2025").
        months: Short month names for ``{mon}``, January first (only where ``day`` uses them).
        direction: ``ltr`` or ``rtl``.
        field_description: The description of the language's key in a ``Text`` (the editor reference).
        expected: Whether a text without this language is worth a warning (English, Leichte Sprache).
    """

    code: str
    name: str
    locale: str
    fallback: str
    voice: str
    speech_rate: float = 1.0
    speech_rules: str = ""
    decimal_mark: str = ","
    day: str = "{dd}.{mm}.{yyyy}"
    day_short: str = "{dd}.{mm}.{yyyy}"
    months: tuple[str, ...] = ()
    direction: str = "ltr"
    field_description: str = ""
    expected: bool = False


# Break hints in visible labels of narrow buttons; ``kiosk.navigation.strings.plain`` removes them for speech.
SHY = "\u00ad"  # soft hyphen: a break point shown with a hyphen
ZWSP = "\u200b"  # zero-width space: a break point without a hyphen (after "·" in Leichte Sprache)
