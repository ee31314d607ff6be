"""Words for the kiosk's voice (``content/speech/``): how abbreviations are spoken, and which names belong
to another language's voice. Every file of the folder counts; a later file (by name) wins on the same key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from kiosk import i18n
from kiosk.config.models.base import EditorModel, FieldProblem

if TYPE_CHECKING:
    SpokenLanguage = str
else:  # the languages of kiosk/i18n
    SpokenLanguage = Literal[i18n.codes()]
Written = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[^\n]*\S[^\n]*$")]
Spoken = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[^\n]*\S[^\n]*$")]
Name = Annotated[str, StringConstraints(min_length=2, max_length=80, pattern=r"^[^\n\[\]{}]*\S[^\n\[\]{}]*$")]


class SpeechWords(EditorModel):
    """How the voice says abbreviations, and proper names spoken with another language's voice (e.g.
    German place names in the English voice). Inline, a passage can be marked too: `[Kröpeliner
    Tor]{de}` (square brackets, then the language code in braces) is spoken with the German voice."""

    kind_title = "speech words"

    abbreviations: dict[SpokenLanguage, dict[Written, Spoken]] = Field(
        {},
        max_length=10,
        description="Per language (`de`, `en`, `ls` …): written form → spoken form, e.g. `OT: Ortsteil` or "
        "`'Ortsamt M.': Ortsamt Mitte`. Written forms are matched case-sensitively as whole words; a "
        "form with dots also matches without the space after an inner dot (`z. B.` = `z.B.`). These "
        "come before the built-in table (which knows `z. B.`, `bzw.`, `Str.`, `Nr.`, `ca.` …). "
        "Leichte Sprache uses the German table plus its own `ls` entries.",
    )
    names: dict[SpokenLanguage, list[Name]] = Field(
        {},
        max_length=10,
        description="Per language: names always spoken with that language's voice, whatever the text's "
        "language (`de: [Kröpeliner Tor, Warnemünde]` in an English text). Matched as whole words, "
        "longest first; at most 500 per language.",
    )

    @model_validator(mode="after")
    def _bounded(self) -> SpeechWords:
        for language, table in self.abbreviations.items():
            if len(table) > 500:
                raise FieldProblem(("abbreviations", language), "more than 500 abbreviations")
        for language, names in self.names.items():
            if len(names) > 500:
                raise FieldProblem(("names", language), "more than 500 names")
            seen: set[str] = set()
            for i, name in enumerate(names):
                if name in seen:
                    raise FieldProblem(("names", language, i), f"'{name}' is listed twice")
                seen.add(name)
        return self
