"""Rows of the construction-sites, toilets and charging widgets in German, English and Leichte Sprache:
distance and direction, accessible as a word, fee or free, periods of works, ended works left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.catalogue import WIDGET_SOURCES
from kiosk.data.present import ROWS, present
from kiosk.data.present_nearby import distance_text
from kiosk.data.present_words import t
from kiosk.data.records import ChargingRecord, ConstructionRecord, ToiletRecord
from kiosk.data.state import DataState
from kiosk.i18n import has_own

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
NBSP = "\u00a0"


def live(*records: object) -> DataState:
    return DataState(
        "test", tuple(records), NOW - timedelta(minutes=5), "live", stale_after=timedelta(days=1)
    )


def rows(widget: str, language: str, *records: object) -> tuple[tuple[str, ...], ...]:
    return present(widget, live(*records), language, NOW, BERLIN).rows


def local(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=BERLIN)


TOILET = ToiletRecord(
    "t1",
    "Stadthafen, Haedgehalbinsel",
    accessible=True,
    baby_changing=True,
    fee=True,
    fee_text="0,50 €",
    hours="täglich 8–20 Uhr",
    distance_m=156.4,
    bearing_deg=50.0,
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            (
                "Stadthafen, Haedgehalbinsel",
                f"160{NBSP}m Richtung Nordost",
                "♿ barrierefrei",
                "kostenpflichtig: 0,50 €",
                "Wickeltisch",
                "täglich 8–20 Uhr",
            ),
        ),
        (
            "en",
            (
                "Stadthafen, Haedgehalbinsel",
                f"160{NBSP}m to the north-east",
                "♿ wheelchair accessible",
                "fee: 0,50 €",
                "baby changing",
                "täglich 8–20 Uhr",
            ),
        ),
        (
            "ls",
            (
                "Stadthafen, Haedgehalbinsel",
                f"160{NBSP}Meter Richtung Nord·osten",
                "♿ für Roll·stuhl",
                "kostet Geld: 0,50 €",
                "Wickel·tisch",
                "täglich 8–20 Uhr",
            ),
        ),
    ],
)
def test_toilet_row(language: str, expected: tuple[str, ...]) -> None:
    assert rows("toilets", language, TOILET) == (expected,)


def test_toilet_free_not_accessible_and_unknowns() -> None:
    free = ToiletRecord("t2", "Gaststätte", accessible=False, fee=False, distance_m=722.8, bearing_deg=73.0)
    unknown = ToiletRecord("t3", "Irgendwo")
    assert rows("toilets", "de", free, unknown) == (
        ("Gaststätte", f"720{NBSP}m Richtung Ost", "nicht barrierefrei", "kostenlos", "", ""),
        ("Irgendwo", "", "", "", "", ""),  # unknown access is not "not accessible", unknown fee not "free"
    )
    assert rows("toilets", "ls", free)[0][2:4] == ("nicht für Roll·stuhl", "kostet nichts")


@pytest.mark.parametrize(
    ("metres", "language", "text"),
    [
        (4, "de", "10 m"),
        (156.4, "de", "160 m"),
        (994, "de", "990 m"),
        (995, "de", "1,0 km"),
        (1234, "de", "1,2 km"),
        (1234, "en", "1.2 km"),
        (1234, "ls", "1,2 Kilo·meter"),
    ],
)
def test_distance_rounding(metres: float, language: str, text: str) -> None:
    assert distance_text(metres, language, lambda key, lang: t(key, lang)) == text.replace(" ", NBSP)


def test_construction_rows_current_coming_and_ended() -> None:
    running = ConstructionRecord(
        "b1",
        "Am Strande",
        "Erneuerung Fernwärmeleitung",
        place="zwischen Kanonsberg und Haedgehalbinsel",
        restriction="halbseitige Sperrung",
        start=local(2025, 9, 1),
        end=local(2025, 12, 12),
        distance_m=102.8,
        bearing_deg=229.6,
    )
    coming = ConstructionRecord(
        "b2",
        "Grubenstraße",
        "Kanalsanierung",
        restriction="Vollsperrung",
        start=local(2025, 11, 3),
        end=local(2026, 1, 30),
        distance_m=418.0,
    )
    open_ended = ConstructionRecord(
        "b3", "Warnowufer", "Spundwand", start=local(2025, 4, 1), distance_m=375.9
    )
    ended = ConstructionRecord("b4", "Lange Straße", "Gleisbau", end=local(2025, 10, 17), distance_m=60.0)
    last_day = ConstructionRecord("b5", "", "Hausanschluss", end=local(2025, 10, 18), distance_m=70.0)
    shown = rows("construction-sites", "de", running, coming, open_ended, ended, last_day)
    assert shown == (
        (
            "Am Strande, zwischen Kanonsberg und Haedgehalbinsel",
            "Erneuerung Fernwärmeleitung",
            "bis 12.12.",
            "halbseitige Sperrung",
            f"100{NBSP}m",
        ),
        ("Grubenstraße", "Kanalsanierung", "03.11.–30.01.2026", "Vollsperrung", f"420{NBSP}m"),
        ("Warnowufer", "Spundwand", "seit 01.04.", "", f"380{NBSP}m"),
        (
            "Hausanschluss",
            "",
            "bis 18.10.",
            "",
            f"70{NBSP}m",
        ),  # today is its last day; no street: the measure leads
    )
    assert rows("construction-sites", "en", running)[0][2] == "until 12.12."
    assert rows("construction-sites", "en", ConstructionRecord("b6", "X", start=local(2025, 11, 3)))[0][
        2
    ] == ("from 03.11.")
    assert rows("construction-sites", "ls", running)[0][2] == "bis 12.12."


def test_only_ended_works_is_nothing_to_show() -> None:
    ended = ConstructionRecord("b4", "Lange Straße", "Gleisbau", end=local(2025, 10, 10))
    table = present("construction-sites", live(ended), "ls", NOW, BERLIN)
    assert table.status == "empty" and table.rows == (("Es gibt nichts",),)
    assert table.heading == "Bau·stellen in der Nähe"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            (
                "Parkhaus Am Strande",
                f"270{NBSP}m Richtung Südost",
                "Stadtwerke Rostock",
                "4 Ladepunkte",
                "Typ 2, CCS",
            ),
        ),
        (
            "en",
            (
                "Parkhaus Am Strande",
                f"270{NBSP}m to the south-east",
                "Stadtwerke Rostock",
                "4 charging points",
                "Typ 2, CCS",
            ),
        ),
        (
            "ls",
            (
                "Parkhaus Am Strande",
                f"270{NBSP}Meter Richtung Süd·osten",
                "Stadtwerke Rostock",
                "4 Lade·punkte",
                "Typ 2, CCS",
            ),
        ),
    ],
)
def test_charging_row(language: str, expected: tuple[str, ...]) -> None:
    station = ChargingRecord(
        "c1",
        "Parkhaus Am Strande",
        "Stadtwerke Rostock",
        4,
        "Typ 2, CCS",
        distance_m=270.0,
        bearing_deg=119.6,
    )
    assert rows("charging", language, station) == (expected,)
    one = ChargingRecord("c2", "Lange Straße", points=1)
    assert rows("charging", language, one)[0][3] in ("1 Ladepunkt", "1 charging point", "1 Lade·punkt")


def test_every_new_label_speaks_three_languages_and_every_widget_has_a_source() -> None:
    for key in (
        "construction-sites",
        "toilets",
        "charging",
        "near_towards",
        "toilet_free",
        "charge_points",
        *(f"dir_{i}" for i in range(8)),
    ):
        assert all(has_own(f"data.{key}", code) for code in ("de", "en", "ls")), key
    for widget in ("construction-sites", "toilets", "charging"):
        assert widget in ROWS and WIDGET_SOURCES[widget]
