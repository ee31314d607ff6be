"""Interface strings: complete in every base language, plural forms, no stray break hints in speech."""

from __future__ import annotations

import pytest

from kiosk.i18n import own_words
from kiosk.i18n.tagged import untagged
from kiosk.navigation.strings import SHY, ZWSP, language_name, plain, ui_text
from kiosk.speech.marks import marked

BASE_LANGUAGES = ("de", "en", "ls")
# the touch pages' words of each base language, without the "nav." of their keys
STRINGS = {
    key[4:]: {code: own_words(code)[key] for code in BASE_LANGUAGES if key in own_words(code)}
    for key in own_words("de")
    if key.startswith("nav.")
}

REQUIRED = [
    "back",
    "home",
    "help",
    "access",
    "repeat",
    "pause",
    "resume",
    "close",
    "language",
    "large_text",
    "high_contrast",
    "speech",
    "motion_pause",
    "volume_down",
    "volume_up",
    "volume_level",
    "on",
    "off",
    "items",
    "touch_to_start",
    "speech_hint",
    "double_tap_hint",
    "idle_warning",
    "more_time",
    "end_session",
    "scroll_up",
    "scroll_down",
    "page_has",
    "error_page_missing",
    "speech_on",
    "speech_off",
]


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_in_every_base_language(key: str) -> None:
    for language in BASE_LANGUAGES:
        assert STRINGS[key].get(language), f"{key} has no {language} text"


def test_required_keys_exist() -> None:
    assert not [key for key in REQUIRED if key not in STRINGS]


def test_placeholders_agree_between_languages() -> None:
    import string

    for key, table in STRINGS.items():
        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in table.items()
        }
        assert len({frozenset(f) for f in fields.values()}) == 1, key


def test_plural_and_formatting() -> None:
    assert ui_text("items", "de", n=6) == "6 Einträge"
    assert ui_text("items", "de", n=1) == "1 Eintrag"
    assert ui_text("items", "en", n=1) == "1 item"
    assert ui_text("items", "ls", n=3) == "3 Sachen"
    assert ui_text("volume_level", "de", n=5, of=10) == "Lautstärke 5 von 10"
    assert ui_text("idle_warning", "en", s=20).startswith("Are you still there?")


def test_other_languages_fall_back_to_english() -> None:
    assert untagged(ui_text("back", "pl")) == "Back"
    assert marked(ui_text("back", "pl")) == [("en", "Back")]  # and the English voice says it
    with pytest.raises(KeyError):
        ui_text("no-such-key", "de")


def test_language_names_in_their_own_language() -> None:
    assert language_name("en") == "English"
    assert language_name("ls") == "Leichte Sprache"
    assert language_name("uk") == "Українська"
    assert language_name("xx") == "xx"


def test_break_hints_are_not_spoken() -> None:
    assert SHY in ui_text("access", "de")
    assert plain(ui_text("access", "de")) == "Barrierefreiheit"
    assert plain(ui_text("access", "ls")) == "Barriere·freiheit"
    for table in STRINGS.values():
        for text in table.values():
            assert SHY not in plain(text) and ZWSP not in plain(text)


def test_leichte_sprache_sentences_are_short() -> None:
    # Leichte Sprache: one statement per sentence; 15 words is the usual upper limit
    for key, table in STRINGS.items():
        for sentence in table["ls"].replace("?", ".").split("."):
            assert len(sentence.split()) <= 15, (key, sentence)
