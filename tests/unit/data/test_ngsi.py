"""NGSI-LD and NGSI-v2 connectors: Smart Data Models from the fixtures, both representations,
compacted/prefixed/expanded names, over real HTTP (content negotiation, ETag → 304), malformed payloads."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.data.connectors import ngsi_ld, ngsi_v2
from kiosk.data.connectors.base import NotModified
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, ParkingRecord, WaterLevelRecord, WeatherRecord
from kiosk.devtools.platform_sim import PlatformSim
from tests.unit.data.connector_kit import (
    CTX,
    fixture,
    fixture_json,
    http,
    source,
)

LD_PARKING = "ngsi-ld/entities_type_OffStreetParking.jsonld"
LD_PARKING_KV = "ngsi-ld/entities_type_OffStreetParking_keyValues.json"
LD_WEATHER = "ngsi-ld/entities_type_WeatherObserved.jsonld"
LD_ALERT = "ngsi-ld/entities_type_Alert.jsonld"
V2_PARKING_KV = "ngsi-v2/entities_type_OffStreetParking_keyValues.json"
V2_PARKING = "ngsi-v2/entities_type_OffStreetParking_normalized.json"
V2_WEATHER_KV = "ngsi-v2/entities_type_WeatherObserved_keyValues.json"
V2_ALERT_KV = "ngsi-v2/entities_type_Alert_keyValues.json"
RECORD_TYPES = (ParkingRecord, WeatherRecord, AlertRecord, WaterLevelRecord)

KROEPELINER = ParkingRecord(
    id="urn:ngsi-ld:OffStreetParking:HRO-PH-KroepelinerTor",
    name="Parkhaus Kröpeliner Tor",
    capacity=520,
    free=87,
    status="spacesAvailable",
    observed=datetime(2025, 10, 18, 12, 30, tzinfo=UTC),
    latitude=54.0878,
    longitude=12.1268,
)
WARNEMUENDE_WEATHER = WeatherRecord(
    station="Rostock-Warnemünde",
    observed=datetime(2025, 10, 18, 12, 30, tzinfo=UTC),
    temperature_c=11.4,
    wind_speed_kmh=36.0,  # 10.0 m/s
    wind_gust_kmh=63.0,  # 17.5 m/s
    wind_direction_deg=40.0,
    precipitation_mm=4.2,
    pressure_hpa=996.8,
    condition="rain",
)


def ld(entities: Any) -> list[Any]:
    return ngsi_ld.parse_entities(json.dumps(entities).encode())


def v2(entities: Any) -> list[Any]:
    return ngsi_v2.parse_entities(json.dumps(entities).encode())


def approx_weather(record: WeatherRecord) -> WeatherRecord:
    """Floats rounded (m/s → km/h is not exact in binary)."""
    return replace(
        record,
        wind_speed_kmh=round(record.wind_speed_kmh or 0, 6),
        wind_gust_kmh=round(record.wind_gust_kmh or 0, 6),
    )


# --- the fixtures ----------------------------------------------------------------------------------


def test_ld_parking_normalized_skips_the_parking_spot() -> None:
    records = ngsi_ld.parse_entities(fixture(LD_PARKING))
    assert records[0] == KROEPELINER
    assert records[1] == ParkingRecord(
        id="urn:ngsi-ld:OffStreetParking:HRO-PP-Warnemuende-Leuchtturm",
        name="Parkplatz Warnemünde Leuchtturm",
        capacity=180,
        free=3,
        status="almostFull",
        observed=datetime(2025, 10, 18, 12, 28, tzinfo=UTC),
        latitude=54.1805,
        longitude=12.0839,
    )
    assert len(records) == 2  # the ParkingSpot entity is not a car park
    assert records[0].observed is not None and records[0].observed.utcoffset() == timedelta(0)


def test_ld_parking_key_values_has_no_observation_time() -> None:
    assert ngsi_ld.parse_entities(fixture(LD_PARKING_KV)) == [replace(KROEPELINER, observed=None)]


def test_ld_weather_observed_in_km_per_hour() -> None:
    [record] = ngsi_ld.parse_entities(fixture(LD_WEATHER))
    assert approx_weather(record) == WARNEMUENDE_WEATHER


def test_ld_alerts_map_sdm_severity_and_validity() -> None:
    surge, rain = ngsi_ld.parse_entities(fixture(LD_ALERT))
    assert surge == AlertRecord(
        id="urn:ngsi-ld:Alert:HRO-2025-10-18-sturmflut-01",
        provider="NGSI",
        severity="severe",  # SDM "high"
        headline="Gefahr an der Küste",  # words for subCategory coastalEvent, never the code
        description="Sturmflut: Wasserstand Warnemünde ca. 1,10 m über Mittelwasser. "
        "Strandzugänge und Mittelmole gesperrt.",
        sender="urn:ngsi-ld:Organization:BSH",  # a Relationship's object
        sent=datetime(2025, 10, 18, 10, 5, tzinfo=UTC),
        onset=datetime(2025, 10, 18, 11, 0, tzinfo=UTC),
        expires=datetime(2025, 10, 19, 9, 0, tzinfo=UTC),
        event="coastalEvent",
    )
    assert (rain.severity, rain.headline) == ("moderate", "Starkregen")  # SDM "medium", "rainfall"
    assert rain.sender == "https://www.wettergefahren.de"
    assert (rain.event, rain.onset, rain.expires) == (
        "rainfall",
        datetime(2025, 10, 18, 12, 0, tzinfo=UTC),
        datetime(2025, 10, 18, 18, 0, tzinfo=UTC),
    )


def test_v2_parking_key_values() -> None:
    records = ngsi_v2.parse_entities(fixture(V2_PARKING_KV))
    assert [(r.name, r.capacity, r.free, r.status) for r in records] == [
        ("Parkhaus Kröpeliner Tor", 520, 87, "spacesAvailable"),
        ("Parkhaus Östliche Altstadt", 260, 12, "almostFull"),
        ("Parkplatz Warnemünde Leuchtturm", 180, 3, "almostFull"),
    ]
    assert records[0] == KROEPELINER  # dateModified 12:30:00.000Z
    assert records[2].observed == datetime(2025, 10, 18, 12, 28, tzinfo=UTC)


def test_v2_parking_normalized_takes_time_instant_metadata() -> None:
    assert ngsi_v2.parse_entities(fixture(V2_PARKING)) == [KROEPELINER]


def test_v2_weather_and_alerts_key_values() -> None:
    [weather] = ngsi_v2.parse_entities(fixture(V2_WEATHER_KV))
    assert approx_weather(weather) == WARNEMUENDE_WEATHER
    surge, rain = ngsi_v2.parse_entities(fixture(V2_ALERT_KV))
    assert surge == ngsi_ld.parse_entities(fixture(LD_ALERT))[0]  # the same alert in both flavours
    assert (rain.severity, rain.sent) == ("moderate", datetime(2025, 10, 18, 10, 0, tzinfo=UTC))


# --- names, representations and tolerance ----------------------------------------------------------

PARKING_IRI = "https://smartdatamodels.org/dataModel.Parking/"
CORE_IRI = "https://uri.etsi.org/ngsi-ld/"


def test_expanded_and_prefixed_names_give_the_same_records() -> None:
    entities = fixture_json(LD_PARKING)
    expanded = [
        {
            (k if k in ("id", "type") else CORE_IRI + k if k == "location" else PARKING_IRI + k): v
            for k, v in entity.items()
            if k != "@context"  # no context at all: every term is a full IRI
        }
        | {"type": PARKING_IRI + entity["type"]}
        for entity in entities
    ]
    prefixed = [
        {(k if k in ("id", "type", "@context") else "sdm:" + k): v for k, v in entity.items()}
        for entity in entities
    ]
    expected = ngsi_ld.parse_entities(fixture(LD_PARKING))
    assert ld(expanded) == expected
    assert ld(prefixed) == expected


def test_language_property_and_multi_attribute() -> None:
    entity = {
        "id": "urn:ngsi-ld:Alert:x",
        "type": "Alert",
        "severity": {"type": "Property", "value": "critical"},
        "name": {"type": "LanguageProperty", "languageMap": {"en": "Storm surge", "de": "Sturmflut"}},
        "description": [
            {"type": "Property", "value": "from the sensor", "datasetId": "urn:ngsi-ld:Dataset:sensor"},
            {"type": "Property", "value": "Strand gesperrt"},
        ],
    }
    [record] = ld([entity])
    assert (record.severity, record.headline, record.description) == (
        "extreme",
        "Sturmflut",
        "Strand gesperrt",
    )


@pytest.mark.parametrize(
    ("sdm", "ours"),
    [
        ("informational", "minor"),
        ("low", "minor"),
        ("medium", "moderate"),
        ("high", "severe"),
        ("critical", "extreme"),
        ("HIGH", "severe"),
        ("catastrophic", "unknown"),
        (None, "unknown"),
    ],
)
def test_alert_severity_mapping(sdm: str | None, ours: str) -> None:
    [record] = v2([{"id": "urn:ngsi-ld:Alert:1", "type": "Alert", "severity": sdm, "category": "weather"}])
    assert record.severity == ours
    assert (record.headline, record.event) == ("Wetterwarnung", "weather")


def test_unknown_types_and_attributes_are_skipped_nulls_are_unknown() -> None:
    records = v2(
        [
            {"id": "urn:ngsi-ld:ParkingSpot:1", "type": "ParkingSpot", "status": "free"},
            {"id": "urn:ngsi-ld:Device:1", "type": "Device"},
            {
                "id": "urn:ngsi-ld:OffStreetParking:2",
                "type": "OffStreetParking",
                "name": "P2",
                "totalSpotNumber": 100,
                "availableSpotNumber": None,
                "occupiedSpotNumber": 40,  # free is derived: 100 − 40
                "status": None,
                "somethingNew": {"deep": [1, 2, 3]},
                "location": None,
            },
            {"id": "urn:ngsi-ld:OffStreetParking:3", "type": "OffStreetParking", "availableSpotNumber": -1},
        ]
    )
    assert records == [
        ParkingRecord(id="urn:ngsi-ld:OffStreetParking:2", name="P2", capacity=100, free=60),
        ParkingRecord(
            id="urn:ngsi-ld:OffStreetParking:3", name="urn:ngsi-ld:OffStreetParking:3"
        ),  # -1: no data
    ]
    assert v2([{"id": "urn:ngsi-ld:ParkingSpot:1", "type": "ParkingSpot"}]) == []


def test_one_bad_entity_is_skipped_but_all_bad_is_an_error() -> None:
    good = {
        "id": "urn:ngsi-ld:OffStreetParking:1",
        "type": "OffStreetParking",
        "name": "Gut",
        "totalSpotNumber": 5,
    }
    bad_count = {
        "id": "urn:ngsi-ld:OffStreetParking:2",
        "type": "OffStreetParking",
        "availableSpotNumber": "viele",
    }
    bad_time = {
        "id": "urn:ngsi-ld:WeatherObserved:3",
        "type": "WeatherObserved",
        "dateObserved": "gestern",
    }
    no_id = {"type": "Alert", "severity": "high"}
    assert [r.name for r in v2([bad_count, good, bad_time, no_id, 42])] == ["Gut"]
    with pytest.raises(ParseError, match="availableSpotNumber is not a number"):
        v2([bad_count, bad_time])


def test_units_times_and_geo_point() -> None:
    [weather] = ld(
        [
            {
                "id": "urn:ngsi-ld:WeatherObserved:1",
                "type": "WeatherObserved",
                "dateObserved": {"type": "Property", "value": "2025-10-18T12:30:00"},  # no offset: UTC
                "windSpeed": {"type": "Property", "value": 36, "unitCode": "KMH"},
                "temperature": {"type": "Property", "value": 284.55, "unitCode": "KEL"},
                "windDirection": {"type": "Property", "value": -90},  # old SDM range ±180
            }
        ]
    )
    assert weather.observed == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
    assert weather.wind_speed_kmh == 36.0
    assert weather.temperature_c == pytest.approx(11.4)
    assert weather.wind_direction_deg == 270.0
    with pytest.raises(ParseError, match="unitCode 'XYZ'"):
        ld(
            [
                {
                    "id": "urn:x",
                    "type": "WeatherObserved",
                    "windSpeed": {"type": "Property", "value": 1, "unitCode": "XYZ"},
                }
            ]
        )
    [park] = v2(
        [
            {
                "id": "urn:ngsi-ld:OffStreetParking:1",
                "type": "OffStreetParking",
                "location": {"type": "geo:point", "value": "54.0878, 12.1268", "metadata": {}},
            }
        ]
    )
    assert (park.latitude, park.longitude) == (54.0878, 12.1268)


def test_water_observed_in_centimetres() -> None:
    ld_entity = {
        "id": "urn:ngsi-ld:WaterObserved:Warnemuende",
        "type": "WaterObserved",
        "name": {"type": "Property", "value": "Warnemünde"},
        "dateObserved": {
            "type": "Property",
            "value": {"@type": "DateTime", "@value": "2025-10-18T12:30:00Z"},
        },
        "waterLevel": {"type": "Property", "value": 6.11, "observedAt": "2025-10-18T12:30:00Z"},
        "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [12.1034, 54.1797]}},
    }
    [record] = ld([ld_entity])
    assert record.station == "Warnemünde"
    assert record.level_cm == pytest.approx(611.0)
    assert record.observed == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
    [record] = v2(
        [{"id": "urn:ngsi-ld:WaterObserved:1", "type": "WaterObserved", "waterLevel": 611, "name": "W"}]
    )
    assert record.level_cm == 61100.0  # keyValues carry no unit: metres (SDM)
    [record] = v2(
        [
            {
                "id": "urn:ngsi-ld:WaterObserved:1",
                "type": "WaterObserved",
                "waterLevel": {
                    "type": "Number",
                    "value": 611,
                    "metadata": {"unitCode": {"type": "Text", "value": "CMT"}},
                },
            }
        ]
    )
    assert record.level_cm == 611.0


# --- over HTTP --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "accept", "count"),
    [
        ({"type": "OffStreetParking"}, "application/ld+json", 2),
        ({"type": "OffStreetParking", "options": "keyValues"}, "application/json", 1),
        ({"type": "WeatherObserved"}, "application/ld+json", 1),
        ({"type": "Alert"}, "application/ld+json", 2),
    ],
)
def test_ld_fetch_negotiates_the_representation(
    sim: PlatformSim, params: dict[str, str], accept: str, count: int
) -> None:
    records = ngsi_ld.fetch(http(), source("ngsi-ld", sim.url_for("/ngsi-ld/v1/entities"), params), CTX)
    assert len(records) == count
    assert sim.requests[-1].headers["accept"] == accept
    assert sim.requests[-1].query == params


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"type": "OffStreetParking", "options": "keyValues"},
            ["Parkhaus Kröpeliner Tor", "Parkhaus Östliche Altstadt", "Parkplatz Warnemünde Leuchtturm"],
        ),
        ({"type": "OffStreetParking"}, ["Parkhaus Kröpeliner Tor"]),
        ({"type": "WeatherObserved", "options": "keyValues"}, ["Rostock-Warnemünde"]),
        ({"type": "Alert", "options": "keyValues"}, ["Gefahr an der Küste", "Starkregen"]),
    ],
)
def test_v2_fetch(sim: PlatformSim, params: dict[str, str], expected: list[str]) -> None:
    records = ngsi_v2.fetch(http(), source("ngsi-v2", sim.url_for("/v2/entities"), params), CTX)
    names = [
        getattr(r, "name", None) or getattr(r, "station", None) or getattr(r, "headline", None)
        for r in records
    ]
    assert names == expected


@pytest.mark.parametrize(
    ("module", "kind", "path", "params"),
    [
        (ngsi_ld, "ngsi-ld", "/ngsi-ld/v1/entities", {"type": "OffStreetParking"}),
        (ngsi_v2, "ngsi-v2", "/v2/entities", {"type": "OffStreetParking", "options": "keyValues"}),
    ],
)
def test_unchanged_data_is_not_modified(
    sim: PlatformSim, module: Any, kind: str, path: str, params: dict[str, str]
) -> None:
    client = http()
    src = source(kind, sim.url_for(path), params)
    assert module.fetch(client, src, CTX)
    with pytest.raises(NotModified):
        module.fetch(client, src, CTX)
    assert sim.requests[-1].headers["if-none-match"].startswith('"')
