"""Bundled sample rows for data widgets, shown until live connectors feed them (clearly marked).

Values follow the fixture scenario (Saturday 2025-10-18, 14:30) and are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_AS_OF = "18.10.2025, 14:30"


@dataclass(frozen=True)
class SampleTable:
    """Heading per language and rows of cells."""

    heading: dict[str, str]
    rows: tuple[tuple[str, ...], ...]


SAMPLES: dict[str, SampleTable] = {
    "parking": SampleTable(
        {"de": "Parkhäuser", "en": "Car parks", "ls": "Park·häuser"},
        (
            ("Parkhaus Am Stadthafen", "12 frei"),
            ("Parkhaus Kröpeliner Tor", "48 frei"),
            ("Parkhaus Doberaner Platz", "voll"),
        ),
    ),
    "departures": SampleTable(
        {"de": "Abfahrten", "en": "Departures", "ls": "Abfahrten"},
        (("5", "Südblick", "14:34"), ("6", "Neuer Friedhof", "14:36 (+2)"), ("S1", "Warnemünde", "14:41")),
    ),
    "weather": SampleTable(
        {"de": "Wetter Warnemünde", "en": "Weather Warnemünde", "ls": "Wetter in Warnemünde"},
        (("Temperatur", "11 °C"), ("Wind", "NO 62 km/h, Böen 85 km/h"), ("Regen", "4,2 mm/h")),
    ),
    "water-level": SampleTable(
        {"de": "Pegel Warnemünde", "en": "Water level Warnemünde", "ls": "Wasser·stand Warnemünde"},
        (("Wasserstand", "612 cm"), ("Tendenz", "steigend"), ("Sturmflut", "leicht (+1,1 m)")),
    ),
    "events": SampleTable(
        {"de": "Veranstaltungen heute", "en": "Events today", "ls": "Heute in Rostock"},
        (("19:30", "Konzert", "Stadthalle"), ("20:00", "Lesung", "Kunsthalle")),
    ),
    "hall-bookings": SampleTable(
        {"de": "Heute in dieser Halle", "en": "Today in this hall", "ls": "Heute in der Halle"},
        (("15:00–16:30", "Handball Jugend"), ("17:00–18:30", "Volleyball Damen"), ("19:00–21:00", "Futsal")),
    ),
    "reports": SampleTable(
        {"de": "Klarschiff-Meldungen", "en": "Citizen reports", "ls": "Meldungen"},
        (("Schlagloch", "in Bearbeitung"), ("Defekte Laterne", "offen")),
    ),
    "warnings": SampleTable(
        {"de": "Warnungen", "en": "Warnings", "ls": "Warnungen"},
        (("DWD", "Sturmböen bis 85 km/h"), ("BSH", "Leichte Sturmflut")),
    ),
}
