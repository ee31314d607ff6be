"""Where a fallback word or text (tagged with its language for the voice, kiosk.i18n.tagged) meets code
that formats, compares, cuts or reports it: a French session's data boards, a snapshot's "Today", the
attract line once per wording, a clipped warning that still ends its tag, Markdown emphasis."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk import i18n
from kiosk.config.models.base import Text
from kiosk.data.present_board import dated_heading, departure_board, parking_board
from kiosk.data.records import DepartureRecord, ParkingRecord
from kiosk.i18n.tagged import BEGIN, END, TAGGED, in_language, untagged

NOW = datetime(2026, 12, 2, 11, 0, tzinfo=ZoneInfo("Europe/Berlin"))
FALLING_BACK = [code for code in i18n.codes() if code not in ("de", "en", "ls")]


@pytest.mark.parametrize("code", FALLING_BACK)
def test_a_board_with_filled_in_words_in_a_language_without_words(code: str) -> None:
    board = parking_board(
        [ParkingRecord("p", "Parkhaus", capacity=100, free=40)], [("Parkhaus", "40")], [None], code, [True]
    )
    assert "40" in untagged(repr(board))  # "40 of 100 free", in English
    soon = DepartureRecord("6", "Warnemünde", "Lange Straße", NOW + timedelta(minutes=4))
    departures = departure_board([soon], [("6", "Warnemünde", "11:04", "")], code, NOW, live=True)
    assert "4" in untagged(repr(departures))
    assert i18n.text("data.minutes_away", code, n=4) != i18n.text("data.minutes_away", code, n=1)


@pytest.mark.parametrize(
    ("code", "heading"), [("fr", Text(de="Heute", en="Today")), ("ls", Text(de="Heute"))]
)
def test_a_snapshots_today_gives_way_to_its_date_also_from_a_fallback(code: str, heading: Text) -> None:
    shown = dated_heading("departures", heading.get(code), "Abfahrten", date(2025, 10, 18), code)
    assert "Today" not in shown and "Heute" not in shown
    assert "18" in shown and "10" in shown


def test_a_filled_in_title_keeps_its_own_language_for_the_voice() -> None:
    title = in_language("Abfahrten", "de")
    said = i18n.text("data.on_day", "fr", what=title, date="18/10/2025")
    spans = [(m.group(1), m.group(2)) for m in TAGGED.finditer(said)]
    assert untagged(said).startswith("Abfahrten") and spans  # no tag inside a tag: each span readable
    assert all(BEGIN not in text for _, text in spans)


def test_a_clipped_warning_closes_its_tag_and_counts_only_seen_letters() -> None:
    from kiosk.ui.alert import clip

    english = in_language("Keep away from piers and beaches. " * 30, "en")
    cut = clip(english, 200)
    assert len(untagged(cut)) <= 200 and cut.endswith("…")
    assert cut.rfind(END) > cut.rfind(BEGIN)  # the voice still knows it is English
    exact = in_language("x" * 199, "en")
    assert clip(exact, 200) == exact  # the tag's four characters are not seen: no "…"


def test_underscore_emphasis_still_opens_and_closes_in_a_tagged_text() -> None:
    from PySide6.QtGui import QFont, QTextDocument

    from kiosk.ui.text import safe_markdown

    for text in ("_Hinweis:_ bitte Abstand halten", "Bitte Abstand halten, _danke_"):
        doc = QTextDocument()
        font = QFont()
        font.setPixelSize(20)  # as every label of ours has (Qt warns on italics of a font without one)
        doc.setDefaultFont(font)
        doc.setMarkdown(safe_markdown(in_language(text, "de")))
        assert "_" not in untagged(doc.toPlainText()), text
