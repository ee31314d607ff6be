"""The board model of the data widgets (pure): column heads, now/next, badges, states with their
tone, fill shares, big figures, empty sentences, and snapshot headings that never say "today"."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.data.present import Table, present
from kiosk.data.present_board import condition, day_text
from kiosk.data.records import DepartureRecord, EventRecord, ParkingRecord, WaterLevelRecord, WeatherRecord
from kiosk.data.state import DataState
from kiosk.data.store import load_snapshot
from tests.conftest import REPO

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 16, 14, 30, tzinfo=TZ)


def live(records: tuple[object, ...], as_of: datetime = NOW) -> DataState:
    return DataState("src", records, as_of, "live", stale_after=timedelta(hours=2))


def snapshot(name: str) -> DataState:
    stored = load_snapshot(REPO / "content" / "snapshots" / f"{name}.json")
    assert stored is not None
    return DataState(name, stored.records, stored.as_of, "snapshot")


def board_of(table: Table):  # type: ignore[no-untyped-def]
    assert table.board is not None
    return table.board


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in board_of(table).rows]


def dep(line: str, minutes: int, **kw: object) -> DepartureRecord:
    planned = NOW + timedelta(minutes=minutes)
    return DepartureRecord(line, kw.pop("to", "Warnemünde"), "Stadthafen", planned, **kw)  # type: ignore[arg-type]


# --- departures -------------------------------------------------------------------------------------------
def test_departures_have_heads_badges_states_and_the_next_one_marked() -> None:
    records = (
        dep("5", 0, to="Südblick", cancelled=True, expected=None),
        dep("6", 3, expected=NOW + timedelta(minutes=3)),
        dep("S1", 8, expected=NOW + timedelta(minutes=15)),
        dep("22", 25, added=True),
    )
    table = present("departures", live(records), "de", NOW, TZ, 8)
    board = board_of(table)
    assert [c.head for c in board.columns] == ["Linie", "Ziel", "Plan", "Aktuell", "Abfahrt"]
    assert [c.kind for c in board.columns][:2] == ["badge", "text"] and board.columns[1].grows
    rows = texts(table)
    assert rows[0] == ["5", "Südblick", "14:30", "fällt aus", ""]  # a cancelled trip gets no countdown
    assert board.rows[0].cells[3].tone == "alert" and board.rows[0].cells[1].struck
    assert rows[1][3:] == ["pünktlich", "in 3 min"] and board.rows[1].mark == "next"
    assert rows[2][3:] == ["14:45 (+7)", ""] and board.rows[2].cells[3].tone == "warning"  # 15 min away
    assert rows[3][3] == "Zusatzfahrt" and [r.mark for r in board.rows] == ["", "next", "", ""]
    # the table's strings (pages, speech) stay what they were
    assert table.rows[0] == ("5", "Südblick", "14:30", "fällt aus")
    assert table.spoken[0] == "Linie 5 nach Südblick, 14:30, fällt aus"
    assert table.spoken[2] == "Linie S1 nach Warnemünde, 14:38, voraussichtlich 14:45, 7 Minuten später"


def test_platform_and_route_colour_reach_the_board_only_when_the_feed_gives_them() -> None:
    plain = board_of(present("departures", live((dep("6", 20),)), "de", NOW, TZ))
    assert "platform" not in [c.key for c in plain.columns]
    assert "leaves" not in [c.key for c in plain.columns]  # nothing within 10 minutes: no countdown
    coloured = dep("6", 20, platform="2", color="E2001A", text_color="FFFFFF")
    board = board_of(present("departures", live((coloured,)), "en", NOW, TZ))
    assert board.columns[-1].head == "Platform" and board.rows[0].cells[-1].text == "2"
    assert board.rows[0].cells[0].color == "E2001A" and board.rows[0].cells[0].text_color == "FFFFFF"


def test_a_snapshot_has_no_next_departure_and_no_countdown() -> None:
    table = present("departures", snapshot("abfahrten-stadthafen"), "de", NOW, TZ)
    board = board_of(table)
    assert table.status == "snapshot" and not any(r.mark for r in board.rows)
    assert "leaves" not in [c.key for c in board.columns]


def test_no_departures_is_a_sentence_with_a_pictogram() -> None:
    table = present("departures", live(()), "de", NOW, TZ)
    assert table.rows == (("Zurzeit keine Abfahrten",),) and table.status == "empty"
    board = board_of(table)
    assert board.empty == "Zurzeit keine Abfahrten" and board.pictogram == "departures" and not board.rows


# --- parking ----------------------------------------------------------------------------------------------
def test_parking_states_in_words_with_the_free_share_for_the_bar() -> None:
    table = present("parking", snapshot("parkhaeuser"), "de", NOW, TZ)
    board = board_of(table)
    assert [c.head for c in board.columns] == ["Parkhaus", "Lage", "Freie Plätze"]
    status = [(r.cells[1].text, r.cells[1].tone) for r in board.rows]
    assert status == [
        ("frei", ""),
        ("fast voll", "warning"),
        ("voll", "alert"),
        ("fast voll", "warning"),
        ("keine Live-Daten", "muted"),
    ]
    bars = [(r.cells[2].text, r.cells[2].fill) for r in board.rows]
    assert bars[0] == ("87 von 520", pytest.approx(87 / 520)) and bars[2] == ("0 von 310", 0.0)
    assert bars[4] == ("450 Plätze", None)  # no live count: no bar that would pretend one


def test_parking_closed_stale_and_share_based_almost_full() -> None:
    records = (
        ParkingRecord("a", "Am Hafen", 200, 150, "closed", NOW),
        ParkingRecord("b", "Altstadt", 400, 12, "open", NOW),  # 3 % free: almost full
        ParkingRecord("c", "Bahnhof", 300, 100, "open", NOW - timedelta(hours=2)),
    )
    board = board_of(present("parking", live(records), "en", NOW, TZ))
    assert [r.cells[1].text for r in board.rows] == ["closed", "almost full", "no live data · As of 12:30"]
    assert board.rows[0].cells[2].fill is None and board.rows[1].cells[2].fill == pytest.approx(0.03)


# --- hall bookings ----------------------------------------------------------------------------------------
def booking(title: str, start: int, end: int, cancelled: bool = False) -> EventRecord:
    day = NOW.replace(hour=0, minute=0)
    return EventRecord(title, day + timedelta(hours=start), day + timedelta(hours=end), cancelled=cancelled)


def test_hall_timetable_marks_now_next_and_cancelled() -> None:
    records = (
        booking("Rollstuhlbasketball", 14, 16),
        booking("Handball Jugend", 16, 18, cancelled=True),
        booking("Volleyball Damen", 18, 20),
        booking("Judo", 20, 22),
    )
    table = present("hall-bookings", live(records), "de", NOW, TZ, heading="Heute in der Halle")
    board = board_of(table)
    assert table.heading == "Heute in der Halle"  # live data of today: today it is
    assert [c.head for c in board.columns] == ["Zeit", "Belegt von", "Hinweis"]
    assert [r.mark for r in board.rows] == ["now", "", "next", ""]
    assert [r.cells[2].text for r in board.rows] == ["jetzt", "Abgesagt", "danach", ""]
    cancelled = board.rows[1]
    assert (
        cancelled.cells[0].struck
        and cancelled.cells[1].struck
        and cancelled.cells[1].text == "Handball Jugend"
    )
    assert cancelled.cells[2].tone == "alert"


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Belegung am 18.10.2025"), ("en", "Bookings on 18 Oct 2025"), ("ls", "Die Halle am 18.10.2025")],
)
def test_a_snapshot_is_never_headed_today(language: str, heading: str) -> None:
    table = present(
        "hall-bookings", snapshot("hallenbelegung-schmarl"), language, NOW, TZ, heading="Heute in der Halle"
    )
    assert table.heading == heading and table.status == "snapshot"
    assert table.note.endswith("18.10.2025, 14:30")
    assert not any(r.mark for r in board_of(table).rows)  # "jetzt" of a stored day would be false


def test_a_snapshot_of_events_gets_its_date_instead_of_today() -> None:
    table = present(
        "events", snapshot("veranstaltungen"), "de", NOW, TZ, heading="Heute und morgen in Rostock"
    )
    assert table.heading == "Veranstaltungen ab 18.10.2025"
    assert [c.head for c in board_of(table).columns] == ["Zeit", "Veranstaltung", "Ort"]
    live_table = present("events", live(()), "de", NOW, TZ, heading="Heute und morgen in Rostock")
    assert live_table.heading == "Heute und morgen in Rostock" and live_table.rows == (
        ("Keine Veranstaltungen",),
    )


def test_an_empty_snapshot_day_does_not_say_today() -> None:
    stored = snapshot("hallenbelegung-schmarl")
    empty = DataState("hall", (), stored.as_of, "snapshot")
    table = present("hall-bookings", empty, "de", NOW, TZ)
    assert table.rows == (("An diesem Tag keine Belegung",),) and "Heute" not in table.heading
    assert present("hall-bookings", live(()), "de", NOW, TZ).rows == (("Heute keine Belegung",),)


def test_day_text() -> None:
    day = datetime(2025, 3, 5).date()
    assert day_text(day, "de") == "05.03.2025" and day_text(day, "en") == "5 Mar 2025"


# --- weather and water ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "pictogram", "word"),
    [
        ("rain", "rain", "cond_rain"),
        ("lightRain", "rain", "cond_rain"),
        ("thunderstorm", "thunder", "cond_thunder"),
        ("sleet", "snow", "cond_sleet"),
        ("heavySnow", "snow", "cond_snow"),
        ("fog", "fog", "cond_fog"),
        ("dry", "partly", "cond_partly"),
        ("sunnyDay", "sun", "cond_sun"),
        ("overcast", "cloud", "cond_cloud"),
        ("Gewitter", "thunder", "cond_thunder"),
        ("wibble", "", ""),
        (None, "", ""),
    ],
)
def test_condition_words_map_to_pictograms(source: str | None, pictogram: str, word: str) -> None:
    assert condition(source) == (pictogram, word)


def test_weather_is_one_big_figure_with_pictogram_and_facts() -> None:
    table = present("weather", snapshot("wetter-warnemuende"), "de", NOW, TZ)
    (figure,) = board_of(table).figures
    assert (figure.value, figure.pictogram, figure.caption) == ("11,4 °C", "rain", "Regen")
    assert figure.facts == (("Wind", "36 km/h"), ("Böen", "63 km/h"), ("Niederschlag", "4,2 mm"))
    unknown = WeatherRecord("Warnemünde", NOW, temperature_c=-2.0, condition=None)
    (figure,) = board_of(present("weather", live((unknown,)), "en", NOW, TZ)).figures
    assert figure.value == "-2.0 °C" and figure.pictogram == "" and figure.caption == ""


def test_water_level_shows_trend_threshold_and_surge() -> None:
    table = present("water-level", snapshot("pegel-warnemuende"), "de", NOW, TZ)
    (figure,) = board_of(table).figures
    assert (figure.value, figure.pictogram, figure.caption) == ("611 cm", "rising", "steigend")
    assert figure.facts == (
        ("Sturmflut (+1,1 m)", ""),
        ("Mittelwasser", "500 cm"),
        ("Sturmflut ab", "600 cm"),
    )
    assert figure.tone == "warning" and table.emphasis
    calm = WaterLevelRecord("WARNEMÜNDE", NOW - timedelta(hours=3), 508.0, 1, mean_cm=508.0)
    (figure,) = board_of(present("water-level", live((calm,)), "en", NOW, TZ)).figures
    assert figure.pictogram == "" and figure.caption.startswith("As of")  # an old trend: no arrow
    assert (
        figure.facts[1:] == (("Mean water", "508 cm"), ("Storm surge from", "608 cm")) and figure.tone == ""
    )


@pytest.mark.parametrize(
    ("widget", "source", "heading", "expected"),
    [
        ("weather", "wetter-warnemuende", "Wetter jetzt", "Wetter am 18.10.2025"),
        ("weather", "wetter-warnemuende", "Weather now", "Weather on 18 Oct 2025"),
        ("departures", "abfahrten-stadthafen", "Abfahrten am Stadthafen", "Abfahrten am Stadthafen"),
        ("parking", "parkhaeuser", "Parkhäuser aktuell", "Parkhäuser am 18.10.2025"),
    ],
)
def test_a_snapshot_heading_that_claims_the_present_gets_the_stored_day(
    widget: str, source: str, heading: str, expected: str
) -> None:
    language = "en" if heading.startswith("Weather") else "de"
    table = present(widget, snapshot(source), language, NOW, TZ, heading=heading)
    assert table.heading == expected
    assert (
        present(widget, live(()), language, NOW, TZ, heading=heading).heading == heading
    )  # live: as written


def test_what_the_board_marks_is_said_too() -> None:
    records = (booking("Judo", 14, 16), booking("Volleyball Damen", 18, 20))
    table = present("hall-bookings", live(records), "de", NOW, TZ)
    assert table.spoken == ("Jetzt: 14:00–16:00, Judo", "Danach: 18:00–20:00, Volleyball Damen")
    soon = (dep("6", 3, expected=NOW + timedelta(minutes=3)),)
    (said,) = present("departures", live(soon), "en", NOW, TZ).spoken
    assert said == "Line 6 to Warnemünde, 14:33, on time, in 3 minutes"


def test_the_gtfs_excerpt_gives_platform_and_line_colour() -> None:
    """The connector reads stops.txt platform_code and routes.txt route_color/route_text_color (the
    shipped snapshot is made by the connector from the fixture excerpt)."""
    board = board_of(present("departures", snapshot("abfahrten-stadthafen"), "de", NOW, TZ))
    assert board.columns[-1].head == "Steig"
    assert [
        (r.cells[0].text, r.cells[0].color, r.cells[0].text_color, r.cells[-1].text) for r in board.rows
    ] == [
        ("5", "#e30613", "#ffffff", "1"),
        ("S1", "#008d4f", "#ffffff", "3"),
    ]


def test_a_one_word_today_heading_becomes_the_day_alone() -> None:
    """The hall's heading is "Heute" (short for 7 m): over stored data it becomes just the date."""
    for language, expected in (("de", "18.10.2025"), ("en", "18/10/2025")):
        table = present(
            "hall-bookings", snapshot("hallenbelegung-schmarl"), language, NOW, TZ, heading="Heute"
        )
        assert table.heading == expected
