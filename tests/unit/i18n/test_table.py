"""The one table of interface words: complete in German, the same placeholders everywhere, one fallback."""

from __future__ import annotations

import string

import pytest

from kiosk import i18n
from kiosk.i18n import BASE, chain, codes, language, own_words, text
from kiosk.i18n.tagged import untagged

BASE_WORDS = own_words(BASE)
# Screens for the technician and the editor, not for passers-by: German or English only.
GERMAN_ONLY_AREAS = ("admin.", "status.", "watch.")


def _fields(template: str) -> frozenset[str]:
    return frozenset(f for _, f, _, _ in string.Formatter().parse(template) if f)


@pytest.mark.parametrize("code", codes())
def test_no_language_has_a_key_german_lacks(code: str) -> None:
    assert not sorted(set(own_words(code)) - set(BASE_WORDS))


@pytest.mark.parametrize("code", codes())
def test_no_empty_word(code: str) -> None:
    assert not [key for key, value in own_words(code).items() if not value.strip()]


@pytest.mark.parametrize("code", codes())
def test_placeholders_agree_with_german(code: str) -> None:
    differ = {
        key: (sorted(_fields(value)), sorted(_fields(BASE_WORDS[key])))
        for key, value in own_words(code).items()
        if key in BASE_WORDS and _fields(value) != _fields(BASE_WORDS[key])
    }
    assert not differ


def test_english_is_complete_so_no_english_reader_meets_german() -> None:
    assert not sorted(set(BASE_WORDS) - set(own_words("en")))


def test_leichte_sprache_lacks_only_the_staff_screens() -> None:
    missing = set(BASE_WORDS) - set(own_words("ls"))
    assert missing and all(key.startswith(GERMAN_ONLY_AREAS) for key in missing)
    assert not [key for key in BASE_WORDS if not key.startswith(GERMAN_ONLY_AREAS) and key in missing]


def test_the_fallback_chains() -> None:
    assert chain("de") == ("de",)
    assert chain("en") == ("en", "de")
    assert chain("ls") == ("ls", "de")
    assert chain("pl") == ("pl", "en", "de")
    assert chain("xx") == ("de",)
    for code in codes():
        declared = language(code)
        assert declared is not None and declared.code == code
        assert chain(code)[-1] == BASE


def test_lookup_follows_the_chain() -> None:
    assert text("nav.back", "en") == "Back"
    # Polish has no words: English, as its module declares, tagged English for the voice
    assert untagged(text("nav.back", "pl")) == "Back" and text("nav.back", "pl") != "Back"
    assert text("nav.back", "xx") == "Zurück"  # an unknown language: German (no voice to correct)
    assert untagged(text("admin.title", "ls")) == "Wartung"  # Leichte Sprache has no admin words: German
    assert text("data.parking", "ls") == "Park·häuser"


def test_format_and_singular() -> None:
    assert text("nav.items", "de", n=6) == "6 Einträge"
    assert text("nav.items", "de", n=1) == "1 Eintrag"
    assert text("nav.items", "en", n=1) == "1 item"
    assert text("watch.errors", "en", n=1) == "1 error"
    assert text("watch.errors", "en", n=2) == "2 errors"
    assert text("surge.headline", "en", m="1.3") == "Storm surge: water level +1.3 m above mean water"


def test_a_key_german_lacks_is_an_error() -> None:
    with pytest.raises(KeyError):
        text("nav.no-such-key", "de")
    with pytest.raises(KeyError):
        text("no-such-area.back", "en")


def test_registry_order_german_then_expected_then_others() -> None:
    assert codes()[:3] == ("de", "en", "ls")
    assert sorted(codes()[3:]) == list(codes()[3:])
    assert i18n.language_name("uk") == "Українська" and i18n.language_name("xx") == "xx"


def test_a_module_must_declare_its_own_code() -> None:
    import types

    wrong = types.ModuleType("kiosk.i18n.it")
    wrong.LANGUAGE = i18n.Language("fr", "Français", "fr_FR", "en", "roa/fr")  # type: ignore[attr-defined]
    wrong.WORDS = {}  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="declares the code"):
        i18n.entry_from_module(wrong)
    empty = types.ModuleType("kiosk.i18n.it")
    with pytest.raises(TypeError, match="needs LANGUAGE"):
        i18n.entry_from_module(empty)


def test_a_day_is_written_as_its_language_writes_it() -> None:
    from datetime import date

    from kiosk import i18n

    day = date(2025, 10, 8)
    assert [i18n.day(day, code) for code in ("de", "ls", "en", "fr", "sv", "xx")] == [
        "08.10.2025",
        "08.10.2025",
        "8 Oct 2025",
        "08/10/2025",
        "2025-10-08",
        "08.10.2025",
    ]
    assert i18n.day(day, "en", short=True) == "08/10/2025"


@pytest.mark.parametrize("code", codes())
def test_every_day_form_can_be_filled(code: str) -> None:
    from datetime import date

    from kiosk import i18n

    known = i18n.language(code)
    assert known is not None
    assert not ("{mon}" in known.day + known.day_short and len(known.months) != 12), code
    assert all(i18n.day(date(2026, month, 28), code) for month in range(1, 13))
