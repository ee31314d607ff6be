"""The voice follows the language a text is shown in, not the session's language.

A French session shows the English text of a page without French (``kiosk.i18n.chain``: fr → en → de),
and the English voice must read it: the French voice reading English is barely understandable. Leichte
Sprache shows the German text of a page without Leichte Sprache, spoken as German. Checked on the chunks
the synthesiser is given (``plan``) and, through ``kiosk say``, on the samples it returns.
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.config.loader import ContentSet, load_content
from kiosk.i18n.tagged import untagged
from kiosk.navigation.model import page_view
from kiosk.session.effects import Item
from kiosk.session.orientation import item_text
from kiosk.speech.plan import plan
from kiosk.speech.say import SayRequest, run
from kiosk.speech.synth import Synthesizer

PAGES = {
    # German and English only, as most pages of a pack: a French session shows the English
    "fest": """\
title: {de: Hafenfest, en: Harbour festival}
blocks:
  - type: text
    text: {de: Die Schiffe legen um zehn Uhr an., en: The ships berth at ten o'clock.}
""",
    # German only: Leichte Sprache shows the German
    "nur-deutsch": """\
title: {de: Hafenfest}
blocks:
  - type: text
    text: {de: Die Schiffe legen um zehn Uhr an.}
""",
}


@pytest.fixture
def content(minipack: Path) -> ContentSet:
    for page_id, text in PAGES.items():
        (minipack / "content/pages" / f"{page_id}.yaml").write_text(text, encoding="utf-8")
    loaded = load_content(minipack).content
    assert set(PAGES) <= set(loaded.pages)  # a missing translation is a warning, the page is there
    return loaded


def voices(text: str, language: str) -> list[str]:
    """The language of each chunk the synthesiser is asked for (``Speaker.say`` hands it ``plan``)."""
    return [chunk.language for chunk in plan(text, language)]


def test_a_french_session_speaks_the_english_page_with_the_english_voice(content: ContentSet) -> None:
    view = page_view(content, "fest", "fr")
    (block,) = view.items
    assert untagged(view.title) == "Harbour festival"  # what is shown: English, as kiosk.i18n falls back
    assert untagged(block.spoken) == "The ships berth at ten o'clock."
    # the page's title with the interface words around it, the text, and the text as it is explored
    # ("…, text, 1 of 1": the role words of a language without words of its own are English too)
    explored = item_text(Item(name=block.spoken), 0, 1, "fr")
    for said in (view.announcement, block.spoken, explored):
        got = voices(said, "fr")
        assert got and set(got) == {"en"}, (said, got)
    # a page that has French stays French, and the English words around it stay English
    assert voices(page_view(content, "start", "en").announcement, "en") == ["en"]


def test_leichte_sprache_speaks_the_german_page_with_the_german_voice(content: ContentSet) -> None:
    view = page_view(content, "nur-deutsch", "ls")
    (block,) = view.items
    assert untagged(block.spoken) == "Die Schiffe legen um zehn Uhr an."
    assert voices(block.spoken, "ls") == ["de"]
    # the German title as German, the Leichte Sprache words after it as Leichte Sprache (slower)
    assert voices(view.announcement, "ls") == ["de", "ls"]
    # a page with Leichte Sprache of its own is spoken as Leichte Sprache
    assert set(voices(page_view(content, "info", "ls").items[0].spoken, "ls")) == {"ls"}


def pcm_of(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


@pytest.mark.timeout(60)
def test_the_samples_are_the_english_voices_not_the_french(content: ContentSet, tmp_path: Path) -> None:
    (block,) = page_view(content, "fest", "fr").items
    out = tmp_path / "fest.wav"
    assert run(SayRequest(block.spoken, "fr", out=out)) == 0  # the session's language, as the kiosk says it
    synth = Synthesizer()
    made = {"en": b"", "fr": b""}
    try:
        for chunk in plan(block.spoken, "fr"):  # the same normalised sentences, in either voice
            for language in made:
                synth.submit(chunk.text, language)
                result = synth.result(timeout_s=30.0)
                assert result is not None and result.pcm, (chunk, language)
                made[language] += result.pcm
    finally:
        synth.stop()
    assert made["en"] != made["fr"]  # two voices
    assert pcm_of(out) == made["en"]
