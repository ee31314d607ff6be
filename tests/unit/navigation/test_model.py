"""Page view models on the shipped page tree and on broken references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.config.loader import ContentSet, load_content
from kiosk.navigation.model import PageMissing, page_view
from tests.conftest import REPO


@pytest.fixture(scope="module")
def shipped() -> ContentSet:
    return load_content(REPO).content


def test_home_page(shipped: ContentSet) -> None:
    view = page_view(shipped, "start", "de")
    assert view.view == "tiles"
    assert [i.target for i in view.items] == [
        "mobilitaet",
        "veranstaltungen",
        "rathaus",
        "sport-ehrenamt",
        "warnungen",
        "leichte-sprache",
    ]
    assert view.announcement == "Rostock – Stadthafen. 6 Einträge."
    assert view.items[0].label == "Mobilität" and view.items[0].icon == "images/icons/mobilitaet.png"
    assert view.help.startswith("Tippen Sie auf eines der sechs Felder")


def test_announcements_in_three_languages(shipped: ContentSet) -> None:
    assert page_view(shipped, "mobilitaet", "de").announcement == "Mobilität. 6 Einträge."
    assert page_view(shipped, "mobilitaet", "en").announcement == "Getting around. 6 items."
    assert page_view(shipped, "mobilitaet", "ls").announcement == "Unterwegs in Rostock. 6 Sachen."


def test_list_rows_carry_the_childs_intro(shipped: ContentSet) -> None:
    view = page_view(shipped, "rathaus", "en")
    first = view.items[0]
    assert first.label == "Citizens' service" and first.subtitle.startswith("ID cards")
    assert first.spoken.startswith("Citizens' service. ID cards")


def test_detail_blocks(shipped: ContentSet) -> None:
    view = page_view(shipped, "buergerservice", "de")
    kinds = [i.kind for i in view.items]
    assert kinds == ["contact", "qr", "text"]
    contact = view.items[0]
    assert "Telefon: 0381 381-0" in contact.spoken and contact.label == "Bürgerservice im Rathaus"
    assert view.items[1].spoken.startswith("QR-Code: Termin online buchen")
    assert page_view(shipped, "hanse-sail", "de").items[0].spoken.startswith("Bild: ")
    assert page_view(shipped, "bus-und-bahn", "de").items[0].label == "Abfahrten"


def test_every_shipped_page_has_a_view_in_every_language(shipped: ContentSet) -> None:
    for page_id in shipped.pages:
        for language in ("de", "en", "ls"):
            view = page_view(shipped, page_id, language)
            assert view.title and view.items and view.help
            assert all(i.label and i.label in i.spoken for i in view.items)
            assert view.announcement.startswith(view.title.rstrip("."))


def test_missing_page_raises(shipped: ContentSet) -> None:
    with pytest.raises(PageMissing):
        page_view(shipped, "gibt-es-nicht", "de")


def test_broken_child_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    for name in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / name, root / name)
    # a child that fails validation is left out of the content; the menu keeps the others
    (root / "content/pages/parken.yaml").write_text("title: {de: Parken}\nview: tiles\n", encoding="utf-8")
    content = load_content(root).content
    view = page_view(content, "mobilitaet", "de")
    assert [i.target for i in view.items] == ["bus-und-bahn", "fahrrad", "toiletten", "baustellen", "e-laden"]
    assert view.announcement == "Mobilität. 5 Einträge."


def test_a_video_block_is_spoken_as_description_and_transcript(shipped: ContentSet) -> None:
    """The shipped Hanse Sail page's video: its description, that it has no sound, then its transcript
    (R08: in speech mode the video's content is heard, the video itself never plays sound on a page)."""
    for language, start in (("de", "Video ohne Ton, mit Untertiteln: "), ("en", "Video without sound")):
        (video,) = [i for i in page_view(shipped, "hanse-sail", language).items if i.kind == "video"]
        assert video.spoken.startswith(start), video.spoken
        assert video.label in video.spoken
        assert video.spoken.endswith("Sonne." if language == "de" else "sun."), video.spoken
