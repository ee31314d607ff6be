"""Language spans: a passage marked ``[…]{de}`` or a name from the content's glossary is spoken with its
own language's voice; the utterance is a list of (language, text) chunks, each normalised in its own
language, and the WAV of ``kiosk say`` holds the German voice's samples for the German span."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.config.loader import load_content
from kiosk.i18n.tagged import in_language
from kiosk.runtime.speaker import words_of
from kiosk.speech.plan import Lexicon, Span, plan, spans
from kiosk.speech.say import SayRequest, run
from kiosk.speech.synth import Synthesizer
from tests.conftest import REPO

NAMES = Lexicon.of([({}, {"de": ["Kröpeliner Tor", "Südblick", "Tor"]})])


def test_a_german_name_in_an_english_text_is_a_german_span() -> None:
    assert plan("Line 5 to Südblick, 14:30, cancelled.", "en", NAMES) == [
        Span("en", "Line 5 to"),
        Span("de", "Südblick"),
        Span("en", ", 2:30 pm, cancelled."),
    ]


def test_the_longest_name_wins_and_only_whole_words_match() -> None:
    assert spans("Meet at the Kröpeliner Tor gate, not Tortuga.", "en", NAMES) == [
        Span("en", "Meet at the "),
        Span("de", "Kröpeliner Tor"),
        Span("en", " gate, not Tortuga."),
    ]


def test_names_in_their_own_voice_are_no_span() -> None:
    # German names in a German or Leichte Sprache text: one voice, one span (no pause in the sentence)
    assert spans("Linie 5 nach Südblick", "de", NAMES) == [Span("de", "Linie 5 nach Südblick")]
    assert spans("Linie 5 nach Südblick", "ls", NAMES) == [Span("ls", "Linie 5 nach Südblick")]


def test_inline_markup_and_its_normalisation_in_the_marked_language() -> None:
    assert plan("Die [Hanse Sail]{en} ist am 6.–9. August.", "de") == [
        Span("de", "Die"),
        Span("en", "Hanse Sail"),
        Span("de", "ist am sechsten bis neunten August."),
    ]
    # "lang=" as in Pandoc; a language without a voice is spoken in the text's own; the brackets go
    assert plan("Das [Tor]{lang=de} und [Haus]{xx}.", "en") == [
        Span("en", "Das"),
        Span("de", "Tor"),
        Span("en", "und Haus."),
    ]


def test_punctuation_alone_is_no_span() -> None:
    assert spans("Go to Südblick.", "en", NAMES) == [Span("en", "Go to "), Span("de", "Südblick.")]


def test_the_shipped_glossary_gives_the_english_departure_two_voices() -> None:
    words = words_of(load_content(REPO).content)
    voices = [chunk.language for chunk in plan("Line 5 to Südblick, 14:30, cancelled", "en", words)]
    assert voices == ["en", "de", "en"]
    assert [c.language for c in plan("Parkhaus Kröpeliner Tor, 87 free", "en", words)] == ["de", "en"]


def pcm_of(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


@pytest.mark.timeout(60)
def test_kiosk_say_speaks_the_marked_span_with_the_german_voice(tmp_path: Path) -> None:
    out = tmp_path / "spans.wav"
    assert run(SayRequest("Walk to the [Kröpeliner Tor]{de}.", "en", out=out)) == 0
    synth = Synthesizer()
    try:
        made = {}
        for text, language in (("Walk to the", "en"), ("Kröpeliner Tor.", "de"), ("Kröpeliner Tor.", "en")):
            synth.submit(text, language)
            result = synth.result(timeout_s=30.0)
            assert result is not None and result.pcm, (text, language)
            made[language, text] = result.pcm
    finally:
        synth.stop()
    wav = pcm_of(out)
    assert wav == made["en", "Walk to the"] + made["de", "Kröpeliner Tor."]
    assert made["de", "Kröpeliner Tor."] != made["en", "Kröpeliner Tor."]  # two voices, not one


def test_german_standing_in_for_leichte_sprache_is_a_span_of_its_own() -> None:
    # one voice, two rates (Leichte Sprache is spoken slower): a passage tagged German stays German,
    # and the full stop after it ends it rather than starting the Leichte Sprache words
    said = f"{in_language('Stadthafen', 'de')}. 3 Sachen."
    assert spans(said, "ls") == [Span("de", "Stadthafen."), Span("ls", " 3 Sachen.")]
    assert plan(said, "ls") == [Span("de", "Stadthafen."), Span("ls", "3 Sachen.")]
    assert spans(f"{in_language('Hafen', 'ls')} und Stadt", "ls") == [Span("ls", "Hafen und Stadt")]
