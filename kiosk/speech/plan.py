"""An utterance as the voice will speak it: (language, text) chunks, normalised once (pure).

A text in one language can hold passages for another voice: German place names in the English UI
("Line 5 to Südblick"), or a passage an editor marked inline as ``[Kröpeliner Tor]{de}`` (see
``kiosk.speech.marks``: on screen the marks are invisible). espeak-ng has
one voice per request, so the utterance becomes spans, each normalised in its own language
(``kiosk.speech.normalise``) and cut into sentences (``kiosk.speech.text``); the speaker synthesises the
chunks in turn, so a span switch is stopped by a touch exactly like a sentence end is.

Which names belong to which voice comes from the content (``content/speech/*.yaml``, key ``names``):
proper names, not guessed from the spelling. A name whose voice is the text's own (German names in
Leichte Sprache) is no span. Inline markup with a language without a voice is spoken in the text's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kiosk import i18n
from kiosk.speech.marks import MARKUP, marked
from kiosk.speech.normalise import normalise
from kiosk.speech.synth import SLOWER, VOICES
from kiosk.speech.text import sentences


@dataclass(frozen=True)
class Span:
    """A piece of an utterance and the language (voice) it is spoken in."""

    language: str
    text: str


@dataclass(frozen=True)
class Lexicon:
    """The editors' speech words, merged over every ``content/speech`` file (a later file wins)."""

    abbreviations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: per voice: (language, name) of every name for another voice (made once, on first use)
    _others: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(
        cls, files: Iterable[tuple[Mapping[Any, Mapping[str, str]], Mapping[Any, Iterable[str]]]]
    ) -> Lexicon:
        """Merge (abbreviations, names) of several files, in order."""
        abbreviations: dict[str, dict[str, str]] = {}
        names: dict[str, list[str]] = {}
        for abbr, named in files:
            for language, table in abbr.items():
                abbreviations.setdefault(language, {}).update(table)
            for language, listed in named.items():
                known = names.setdefault(language, [])
                known.extend([n for n in dict.fromkeys(listed) if n not in known])
        return cls(abbreviations, {lang: tuple(listed) for lang, listed in names.items()})

    def abbreviations_for(self, language: str) -> dict[str, str]:
        """A language spoken by another's rules (Leichte Sprache: German): those entries, then its own."""
        known = i18n.language(language)
        rules = known.speech_rules if known else ""
        table = dict(self.abbreviations.get(rules, {})) if rules and rules != language else {}
        table.update(self.abbreviations.get(language, {}))
        return table


NO_WORDS = Lexicon()


_CLOSING = re.compile(r"\s*[.!?…]+")  # a sentence end: it ends the passage before a switch of voice


def _voice(language: str) -> str:
    return VOICES.get(language, VOICES["de"])


def _alike(one: str, other: str) -> bool:
    """Spoken the same: one voice at one rate. German and Leichte Sprache share the voice but not the
    rate, so a German text standing in for Leichte Sprache is its own span, spoken as German."""
    return _voice(one) == _voice(other) and SLOWER.get(one, 1.0) == SLOWER.get(other, 1.0)


@lru_cache(maxsize=64)
def _ordered(names: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return sorted(names, key=lambda pair: len(pair[1]), reverse=True)


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = _ordered(names)
    alternatives = "|".join(f"(?P<n{i}>{re.escape(name)})" for i, (_, name) in enumerate(ordered))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _by_names(text: str, language: str, words: Lexicon) -> list[Span]:
    voice = _voice(language)
    others = words._others.get(voice)
    if others is None:
        others = words._others[voice] = tuple(
            (lang, name)
            for lang, listed in sorted(words.names.items())
            if _voice(lang) != voice
            for name in listed
        )
    pattern = _names_pattern(others)
    if pattern is None:
        return [Span(language, text)]
    ordered = _ordered(others)
    out: list[Span] = []
    start = 0
    for match in pattern.finditer(text):
        group = match.lastgroup or ""
        name_language = ordered[int(group[1:])][0]
        out.append(Span(language, text[start : match.start()]))
        out.append(Span(name_language, match.group()))
        start = match.end()
    out.append(Span(language, text[start:]))
    return out


def spans(text: str, language: str, words: Lexicon = NO_WORDS) -> list[Span]:
    """``text`` as spans: inline marks first (``kiosk.speech.marks``), then the lexicon's names;
    neighbours spoken alike merge, spans with nothing to say (spaces, punctuation) are left out, and the
    sentence end a span starts with ends the one before ("<Stadthafen>. 3 Sachen")."""
    pieces: list[Span] = []
    for code, passage in marked(text):
        if code is None:
            pieces.extend(_by_names(passage, language, words))
        else:
            pieces.append(Span(code if code in VOICES else language, passage))
    merged: list[Span] = []
    for piece in pieces:
        if not any(c.isalnum() for c in piece.text):
            if merged and piece.text.strip():
                merged[-1] = Span(merged[-1].language, merged[-1].text + piece.text)
            continue
        if merged and (closing := _CLOSING.match(piece.text)):
            merged[-1] = Span(merged[-1].language, merged[-1].text + closing.group())
            piece = Span(piece.language, piece.text[closing.end() :])
        if merged and _alike(merged[-1].language, piece.language):
            merged[-1] = Span(merged[-1].language, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def plan(text: str, language: str, words: Lexicon = NO_WORDS) -> list[Span]:
    """What the voice speaks for ``text`` shown in ``language``: normalised chunks, each in one voice.

    This is the one place where text becomes speech: callers hand it the text as shown.
    """
    chunks: list[Span] = []
    for span in spans(text, language, words):
        spoken = normalise(span.text, span.language, words.abbreviations_for(span.language))
        chunks.extend(Span(span.language, chunk) for chunk in sentences(spoken))
    return chunks


__all__ = ["MARKUP", "NO_WORDS", "Lexicon", "Span", "plan", "spans"]
