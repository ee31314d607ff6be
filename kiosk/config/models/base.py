"""Shared base of every editor model, and the per-language text type."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk import i18n
from kiosk.i18n.tagged import in_language
from kiosk.speech.marks import hide_marks

# The languages of kiosk/i18n (one module each); ``ls`` is Leichte Sprache (German easy-to-read).
EXPECTED_LANGUAGES = tuple(lang.code for lang in i18n.languages() if lang.expected)
LANGUAGE_NAMES: dict[str, str] = {lang.code: lang.name for lang in i18n.languages()}


class FieldProblem(ValueError):
    """A problem found by a model-level check that belongs to one key (so the message gets its line)."""

    def __init__(self, key: tuple[str | int, ...], message: str, hint: str = "") -> None:
        super().__init__(message)
        self.key = key
        self.hint = hint


class EditorModel(BaseModel):
    """Base for every model an editor writes: unknown keys are errors, values are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, validate_default=True)

    #: Short title of the file kind, used in messages and the reference.
    kind_title: ClassVar[str] = ""


_MAX_TEXT = 4000
_OTHERS = tuple(code for code in i18n.codes() if code not in ("de", "en", "ls"))


def _described(code: str) -> str:
    known = i18n.language(code)
    return known.field_description if known else code


def _optional(code: str) -> Any:
    return Field(None, min_length=1, max_length=_MAX_TEXT, description=_described(code))


class Text(EditorModel):
    """A text shown to passers-by, per language. German is required; English and Leichte Sprache are
    expected (a missing one is a warning and falls back to German); another language falls back to
    English, then German."""

    de: str = Field(min_length=1, max_length=_MAX_TEXT, description=_described("de"))
    en: str | None = Field(None, min_length=1, max_length=_MAX_TEXT, description=_described("en"))
    ls: str | None = Field(None, min_length=1, max_length=_MAX_TEXT, description=_described("ls"))
    # one optional key for each other language of kiosk/i18n: adding a language is one file there
    __annotations__.update(dict.fromkeys(_OTHERS, "str | None"))
    locals().update({code: _optional(code) for code in _OTHERS})

    def get(self, language: str) -> str:
        """The text in ``language``, else in the first of its fallbacks that the text has (the one rule of
        ``kiosk.i18n.chain``, as for the interface words beside it): Leichte Sprache and English fall back
        to German, the other languages to English, then German.

        A fallback is tagged with the language it is in (invisibly, ``kiosk.i18n.tagged``): the English
        text of a French session is spoken with the English voice, the German one of Leichte Sprache
        with the German voice at its rate."""
        chain = i18n.chain(language) if language in LANGUAGE_NAMES else (i18n.BASE,)
        used = next((code for code in chain if isinstance(getattr(self, code, None), str)), i18n.BASE)
        # inline language marks ("[Kröpeliner Tor]{de}") become invisible tags the voice reads back
        shown = hide_marks(getattr(self, used))
        return shown if used == language or language not in LANGUAGE_NAMES else in_language(shown, used)

    def languages(self) -> tuple[str, ...]:
        return tuple(code for code in LANGUAGE_NAMES if getattr(self, code) is not None)


class DateRange(EditorModel):
    """An inclusive range of calendar dates in the device's time zone."""

    start: date | None = Field(
        None, alias="from", description="First day (ISO date, e.g. 2026-08-06); empty means 'since always'."
    )
    end: date | None = Field(
        None, alias="until", description="Last day, inclusive (ISO date); empty means 'for ever'."
    )

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start and self.end and self.end < self.start:
            raise FieldProblem(("until",), f"'until' ({self.end}) is before 'from' ({self.start})")
        return self
