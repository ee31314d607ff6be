"""Smart Data Model Alert codes become headline words (German, English, Leichte Sprache), never the
bare code; a ``name`` of the alert wins; over HTTP from an NGSI-LD broker."""

from __future__ import annotations

import json

import pytest

from kiosk.data.connectors import ngsi_ld
from kiosk.data.connectors.sdm_alert_words import (
    CATEGORY_WORDS,
    SUB_CATEGORY_WORDS,
    alert_headline,
    alert_headlines,
)
from kiosk.devtools.platform_sim import PlatformSim
from tests.unit.data.connector_kit import CTX, http, source

# dataModel.Alert/Alert/schema.json subCategory and dataModel.Weather WeatherAlertCategories, without
# the agricultural pests and tasks (those get the category's words)
SDM_SUB_CATEGORIES = [
    "trafficJam",
    "carAccident",
    "carWrongDirection",
    "carStopped",
    "pothole",
    "roadClosed",
    "roadWorks",
    "hazardOnRoad",
    "injuredBiker",
    "pedestrianOnRoad",
    "bikerOnRoad",
    "tramApproaching",
    "crowdRisk",
    "flood",
    "tsunami",
    "coastalEvent",
    "earthquake",
    "rainfall",
    "highTemperature",
    "lowTemperature",
    "lowHumidity",
    "highHumidity",
    "highAtmosphericPressure",
    "losAtmosphericPressure",
    "heatWave",
    "coldWave",
    "ice",
    "snow",
    "wind",
    "fog",
    "tornado",
    "tropicalCyclone",
    "hurricane",
    "snow/ice",
    "badSeaState",
    "thunderstorms",
    "fireRisk",
    "avalancheRisk",
    "floodRisk",
    "airPollution",
    "waterPollution",
    "pollenConcentration",
    "asthmaAttack",
    "bumpedPatient",
    "fallenPatient",
    "heartAttack",
    "suspiciousAction",
    "robbery",
    "assault",
    "civilDisorder",
    "buildingFire",
    "forestFire",
    "avalanches",
    "rain_flood",
    "snow_ice",
]
SDM_CATEGORIES = ("traffic", "naturalDisaster", "weather", "environment", "health", "security", "agriculture")


@pytest.mark.parametrize("code", SDM_SUB_CATEGORIES)
def test_every_sdm_sub_category_has_words_in_three_languages(code: str) -> None:
    texts = alert_headlines("weather", code)
    assert set(texts) == {"de", "en", "ls"}
    assert all(text.strip() and text != code for text in texts.values())
    assert texts["de"] != CATEGORY_WORDS["weather"][0]  # its own words, not the category's


def test_every_category_has_words() -> None:
    assert set(CATEGORY_WORDS) == set(SDM_CATEGORIES)
    for code in SDM_CATEGORIES:
        assert alert_headline(code, None, "en") not in ("", code)


@pytest.mark.parametrize(
    ("category", "sub", "lang", "words"),
    [
        ("naturalDisaster", "flood", "de", "Hochwasser"),
        ("naturalDisaster", "flood", "en", "Flood"),
        ("naturalDisaster", "flood", "ls", "Hoch·wasser"),
        ("weather", "heavyRain", "de", "Starkregen"),  # outside the enumeration, but in use
        ("weather", "stormSurge", "en", "Storm surge"),
        ("weather", "SNOW", "de", "Schneefall"),  # case does not matter
        ("weather", "snow-ice", "de", "Schnee und Glätte"),
        ("weather", "https://smartdatamodels.org/dataModel.Alert/highTemperature", "de", "Hohe Temperaturen"),
        ("agriculture", "snail", "de", "Hinweis für die Landwirtschaft"),  # no own words: the category
        ("traffic", "somethingNew", "en", "Traffic alert"),
        (None, "somethingNew", "de", "Warnung"),
        (None, None, "ls", "Warnung"),
        ("weather", "fog", "pl", "Fog"),  # other languages: English
    ],
)
def test_headline_words(category: str | None, sub: str | None, lang: str, words: str) -> None:
    assert alert_headline(category, sub, lang) == words


def alert(entity_id: str, **attrs: object) -> dict[str, object]:
    return {
        "id": f"urn:ngsi-ld:Alert:{entity_id}",
        "type": "Alert",
        **{name: {"type": "Property", "value": value} for name, value in attrs.items()},
        "@context": ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"],
    }


def test_alert_headlines_over_http(sim: PlatformSim) -> None:
    entities = [
        alert("1", category="naturalDisaster", subCategory="flood", severity="critical"),
        alert("2", category="weather", subCategory="highTemperature", severity="medium"),
        alert("3", category="traffic", subCategory="roadClosed", name="Warnemünde: Am Strom gesperrt"),
        alert("4", category="weather", severity="low", description="Glätte auf Radwegen"),
        alert("5", category="environment", subCategory="somethingNew", severity="informational"),
    ]
    params = {"type": "Alert", "q": "severity!=informational"}
    sim.add_route(
        "/ngsi-ld/v1/entities", json.dumps(entities), query=params, content_type="application/ld+json"
    )
    records = ngsi_ld.fetch(http(), source("ngsi-ld", sim.url_for("/ngsi-ld/v1/entities"), params), CTX)
    assert [(r.headline, r.event, r.severity, r.description) for r in records] == [
        ("Hochwasser", "flood", "extreme", ""),
        ("Hohe Temperaturen", "highTemperature", "moderate", ""),
        ("Warnemünde: Am Strom gesperrt", "roadClosed", "unknown", ""),  # the alert's own name wins
        ("Wetterwarnung", "weather", "minor", "Glätte auf Radwegen"),
        ("Umweltwarnung", "somethingNew", "minor", ""),
    ]
    assert sim.count("/ngsi-ld/v1/entities") == 1


def test_table_keys_are_unique_after_normalising() -> None:
    normalised = [code.replace("_", "").replace("/", "").casefold() for code in SUB_CATEGORY_WORDS]
    assert len(normalised) == len(set(normalised))
