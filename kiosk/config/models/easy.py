"""Rules and glossary of the Leichte Sprache check (files in ``content/leichte-sprache/``).

The check (``kiosk/config/easy/``) reads every ``ls:`` text; these files set its bounds and list the
words it should treat as hard (with an easy word or an explanation) or as known.
"""

from __future__ import annotations

from pydantic import Field

from kiosk.config.models.base import EditorModel


class HardWord(EditorModel):
    """A word that readers of Leichte Sprache may not know."""

    word: str = Field(
        min_length=2,
        max_length=60,
        description="The word as written (Mediopunkt and hyphen are ignored; longer forms such as plurals "
        "are found too).",
    )
    easy: str = Field("", max_length=120, description="An easier word to use instead, if there is one.")
    explain: str = Field(
        "",
        max_length=300,
        description="A sentence that explains it, suggested when the word must stay "
        "(e.g. 'Sturm·flut heißt: Das Wasser vom Meer steht sehr hoch.').",
    )


class EasyLanguage(EditorModel):
    """Bounds and glossary of the Leichte Sprache check (file in ``content/leichte-sprache/``). With several
    files the glossaries are joined and the strictest bound counts."""

    kind_title = "Leichte Sprache rules"

    max_sentence_words: int = Field(
        12, ge=5, le=30, description="A sentence in Leichte Sprache has at most this many words."
    )
    max_word_letters: int = Field(
        12,
        ge=8,
        le=30,
        description="A word with more letters, written without Mediopunkt or hyphen, is reported as long.",
    )
    max_word_syllables: int = Field(
        4,
        ge=3,
        le=10,
        description="A word with more syllables (counted by vowel groups), written without Mediopunkt or "
        "hyphen, is reported as long.",
    )
    hard_words: list[HardWord] = Field(
        default=[],
        max_length=2000,
        description="Hard words: reported in a Leichte Sprache text unless the same file explains them "
        "(a sentence with the word and 'heißt', 'bedeutet', 'ist ein(e)' or 'sind').",
    )
    known_words: list[str] = Field(
        default=[],
        max_length=2000,
        description="Words the check accepts although a rule would report them: names, and abbreviations "
        "everyone knows (e.g. WC).",
    )
