"""Translation warnings and the translation report follow the languages the devices offer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config.issues import warnings
from kiosk.config.loader import load_content

DEVICE = "device-config/stele.yaml"


def offer(minipack: Path, languages: str) -> None:
    path = minipack / DEVICE
    text = path.read_text(encoding="utf-8").replace(
        "layout: hoch\n", f"layout: hoch\nlanguages: [{languages}]\n"
    )
    path.write_text(text, encoding="utf-8")


def german_only_ticker(minipack: Path) -> None:
    (minipack / "content/slides/band.yaml").write_text(
        "type: ticker\nitems:\n  - {de: Moin}\n", encoding="utf-8"
    )


def test_a_device_offering_only_german_gets_no_translation_warnings(minipack: Path) -> None:
    german_only_ticker(minipack)
    assert [i.code for i in warnings(load_content(minipack).issues)] == ["translation"]
    offer(minipack, "de")
    assert warnings(load_content(minipack).issues) == []


def test_warnings_name_exactly_the_offered_languages(minipack: Path) -> None:
    german_only_ticker(minipack)
    offer(minipack, "de, pl")
    found = warnings(load_content(minipack).issues)
    assert {i.message for i in found} == {"es fehlt der Text für Polski; gezeigt wird der deutsche Text"}
    assert {i.hint for i in found} == {"ergänzen Sie pl:"}
    assert len(found) == 8  # every text of the pack, none of them has Polish; English is not asked for
    assert ("content/slides/band.yaml", 3, "items[0]") in {(i.file, i.line, i.key) for i in found}


def test_a_text_no_device_shows_is_judged_by_all_devices(minipack: Path) -> None:
    (minipack / "content/slides/extra.yaml").write_text("type: clock\ntitle: {de: Uhr}\n", encoding="utf-8")
    offer(minipack, "de, en")
    found = {
        i.code: i.message for i in warnings(load_content(minipack).issues) if i.file.endswith("extra.yaml")
    }
    assert found["translation"] == "es fehlt der Text für English; gezeigt wird der deutsche Text"
    assert "unused" in found


def test_translation_report_per_language_and_file(minipack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    german_only_ticker(minipack)
    assert main(["validate", "--translations", str(minipack)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Übersetzungen: 8 Texte in 5 Dateien"
    english = out.index("English (en): 1 fehlen, 1 wie Deutsch")
    assert out[english + 1 : english + 3] == [
        "  content/pages/info.yaml: wie Deutsch: title (Zeile 1)",
        "  content/slides/band.yaml: fehlt: items[0] (Zeile 3)",
    ]
    easy = out.index("Leichte Sprache (ls): 1 fehlen, 3 wie Deutsch")
    assert out[easy + 1 : easy + 4] == [
        "  content/pages/info.yaml: wie Deutsch: title (Zeile 1), blocks[0].text (Zeile 4)",
        "  content/pages/start.yaml: wie Deutsch: title (Zeile 1)",
        "  content/slides/band.yaml: fehlt: items[0] (Zeile 3)",
    ]
    assert out[-1] == "Gesamt: 2 fehlen, 4 wie Deutsch (von 8 Texten × 2 Sprachen)"


def test_translation_report_in_english_and_as_json(
    minipack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    german_only_ticker(minipack)
    offer(minipack, "de, ls")
    assert main(["validate", "--translations", "--lang", "en", str(minipack)]) == 0
    out = capsys.readouterr().out
    assert "Leichte Sprache (ls): 1 missing, 3 same as German" in out and "English (en)" not in out
    assert main(["validate", "--translations", "--json", str(minipack)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["languages"]) == {"ls"}
    assert report["languages"]["ls"]["missing_by_file"] == {
        "content/slides/band.yaml": [{"key": "items[0]", "line": 3}]
    }
    assert report["total"] == {"missing": 1, "same_as_german": 3}


def test_a_text_shown_by_several_devices_needs_the_union_of_their_languages(minipack: Path) -> None:
    german_only_ticker(minipack)
    offer(minipack, "de")
    (minipack / "device-config/halle.yaml").write_text(
        "name: Halle\nrole: hall-display\nlayout: hoch\nlanguages: [de, pl]\n"
        "zones:\n  main: {playlists: [tag]}\n  band: {playlists: [band]}\n",
        encoding="utf-8",
    )
    found = [i for i in warnings(load_content(minipack).issues) if i.code == "translation"]
    # only Polish, only for what the hall shows: the ticker (and not the pages the stele alone shows)
    assert {(i.file, i.message) for i in found if i.file.endswith("band.yaml")} == {
        ("content/slides/band.yaml", "es fehlt der Text für Polski; gezeigt wird der deutsche Text")
    }
    assert not [i for i in found if i.file.startswith("content/pages/")]


def test_a_german_only_device_with_a_mistake_still_asks_for_no_translation(minipack: Path) -> None:
    german_only_ticker(minipack)
    offer(minipack, "de")
    stele = minipack / DEVICE
    stele.write_text(stele.read_text(encoding="utf-8").replace("role: touch-terminal", "role: stele"))
    assert [i.code for i in load_content(minipack).issues] == ["literal_error"]
    stele.write_text(stele.read_text(encoding="utf-8").replace("name: Test-Stele", 'name: "Test-Stele'))
    assert [i.code for i in load_content(minipack).issues] == ["yaml-syntax"]  # languages read from the text


def test_slides_of_a_broken_playlist_keep_the_languages_of_their_device(minipack: Path) -> None:
    german_only_ticker(minipack)
    offer(minipack, "de")
    # a second device offers English but does not show the ticker: it must not judge it either
    (minipack / "device-config/halle.yaml").write_text(
        "name: Halle\nrole: hall-display\nlayout: hoch\nlanguages: [de, en]\n"
        "zones:\n  main: {playlists: [tag]}\n  band: {playlists: [immer]}\n",
        encoding="utf-8",
    )
    assert [i.code for i in load_content(minipack).issues] == []
    (minipack / "content/playlists/band.yaml").write_text("name: Laufband\nitems: [band]\nloop: 3\n")
    assert [i.code for i in load_content(minipack).issues] == ["extra_forbidden"]


def test_languages_of_an_unreadable_device_file_are_read_from_its_text(
    minipack: Path,
) -> None:
    german_only_ticker(minipack)
    path = minipack / DEVICE
    text = path.read_text(encoding="utf-8").replace("layout: hoch\n", "layout: hoch\nlanguages:\n  - de\n")
    path.write_text(text.replace("name: Test-Stele", "name: 'Test-Stele"), encoding="utf-8")
    assert [i.code for i in load_content(minipack).issues] == ["yaml-syntax"]
    path.write_text(text.replace("languages:\n  - de\n", "").replace("name: Test-Stele", "name: 'Stele"))
    # no languages written: the device offers the default ones, so the ticker lacks English and ls
    assert sorted(i.code for i in load_content(minipack).issues) == ["translation", "yaml-syntax"]


def test_a_text_follows_the_one_fallback_rule_of_the_interface_words() -> None:
    from kiosk import i18n
    from kiosk.config.models.base import Text
    from kiosk.i18n.tagged import untagged
    from kiosk.speech.marks import marked

    text = Text(de="Die nächsten Abfahrten", en="The next departures")
    # a French session reads English buttons (kiosk.i18n): the page's texts are English too, not German
    assert untagged(i18n.text("nav.back", "fr")) == "Back"
    assert untagged(text.get("fr")) == "The next departures"
    assert untagged(text.get("ls")) == "Die nächsten Abfahrten"  # Leichte Sprache never shows English
    assert Text(de="Hafen", fr="Port").get("fr") == "Port" and untagged(Text(de="Hafen").get("fr")) == "Hafen"
    # each stand-in carries the language it is written in, for the voice (invisible on screen)
    assert marked(text.get("fr")) == [("en", "The next departures")]
    assert marked(text.get("ls")) == [("de", "Die nächsten Abfahrten")]
