"""NGSI-LD representations written from ETSI GS CIM 009 (normalized, concise, simplified/keyValues;
LanguageProperty, VocabProperty, multi-attributes, observedAt, GeoProperty) with Smart Data Models
OffStreetParking, WeatherObserved, WaterObserved and Alert; over HTTP for ``format=`` requests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import ngsi_ld
from kiosk.data.records import AlertRecord, ParkingRecord, WaterLevelRecord, WeatherRecord
from kiosk.devtools.platform_sim import PlatformSim
from tests.unit.data.connector_kit import CTX, check_parse, http, mutated_json, source

CONTEXT = [
    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld",
    "https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld",
]
LINK = f'<{CONTEXT[1]}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
OBSERVED = "2025-10-18T12:25:00Z"
POINT = {"type": "Point", "coordinates": [12.1268, 54.0878]}

NORMALIZED = {
    "id": "urn:ngsi-ld:OffStreetParking:HRO-PH-Stadthafen",
    "type": "OffStreetParking",
    "name": {
        "type": "LanguageProperty",
        "languageMap": {"en": "Harbour car park", "de": "Parkhaus Stadthafen"},
    },
    "availableSpotNumber": {
        "type": "Property",
        "value": 121,
        "observedAt": OBSERVED,
        "reliability": {"type": "Property", "value": 0.7},
        "providedBy": {"type": "Relationship", "object": "urn:ngsi-ld:Camera:C1"},
    },
    "totalSpotNumber": {"type": "Property", "value": 200},
    "status": {"type": "Property", "value": ["open", "spacesAvailable"]},
    "location": {"type": "GeoProperty", "value": POINT},
    "@context": CONTEXT,
}
CONCISE = {
    "id": "urn:ngsi-ld:OffStreetParking:HRO-PH-Stadthafen",
    "type": "OffStreetParking",
    "name": {"languageMap": {"en": "Harbour car park", "de": "Parkhaus Stadthafen"}},
    "availableSpotNumber": {
        "value": 121,
        "observedAt": OBSERVED,
        "reliability": 0.7,
        "providedBy": {"object": "urn:ngsi-ld:Camera:C1"},
    },
    "totalSpotNumber": 200,
    "status": ["open", "spacesAvailable"],
    "location": POINT,
    "@context": CONTEXT,
}
SIMPLIFIED = {
    "id": "urn:ngsi-ld:OffStreetParking:HRO-PH-Stadthafen",
    "type": "OffStreetParking",
    "name": {"languageMap": {"en": "Harbour car park", "de": "Parkhaus Stadthafen"}},
    "availableSpotNumber": 121,
    "totalSpotNumber": 200,
    "status": ["open", "spacesAvailable"],
    "location": POINT,
}
STADTHAFEN = ParkingRecord(
    id="urn:ngsi-ld:OffStreetParking:HRO-PH-Stadthafen",
    name="Parkhaus Stadthafen",
    capacity=200,
    free=121,
    status="spacesAvailable",
    observed=datetime(2025, 10, 18, 12, 25, tzinfo=UTC),
    latitude=54.0878,
    longitude=12.1268,
)


def ld(*entities: Any) -> list[Any]:
    return ngsi_ld.parse_entities(json.dumps(list(entities)).encode())


def with_attrs(entity: dict[str, Any], **attrs: Any) -> dict[str, Any]:
    return {**entity, **attrs}


def test_normalized_concise_and_simplified_give_the_same_car_park() -> None:
    assert ld(NORMALIZED) == [STADTHAFEN]
    assert ld(CONCISE) == [STADTHAFEN]
    assert ld(SIMPLIFIED) == [ParkingRecord(**{**vars(STADTHAFEN), "observed": None})]  # no observedAt


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ({"languageMap": {"en": "Harbour", "de-DE": "Hafen"}}, "Hafen"),  # a region tag counts
        ({"languageMap": {"fr": "Port", "@none": "Hafen HRO"}}, "Hafen HRO"),  # no language
        ({"languageMap": {"pl": "Port", "fr": "Port de Rostock"}}, "Port"),  # else the first
        ({"en": "Harbour", "de": "Hafen"}, "Hafen"),  # keyValues of older brokers: the bare map
        ({"type": "Property", "value": "Hafen", "lang": "de"}, "Hafen"),  # asked with lang=de
        ({"type": "LanguageProperty", "languageMap": {"en": "Harbour"}}, "Harbour"),
    ],
)
def test_language_property_names(name: Any, shown: str) -> None:
    [record] = ld(with_attrs(SIMPLIFIED, name=name))
    assert record.name == shown


def test_concise_multi_attribute_takes_the_default_instance() -> None:
    available = [
        {"value": 118, "datasetId": "urn:ngsi-ld:Dataset:camera", "observedAt": "2025-10-18T12:20:00Z"},
        {"value": 121, "observedAt": OBSERVED},
    ]
    assert ld(with_attrs(CONCISE, availableSpotNumber=available)) == [STADTHAFEN]
    only_datasets = [dict(available[0]), {"value": 5, "datasetId": "urn:ngsi-ld:Dataset:loop"}]
    [record] = ld(with_attrs(CONCISE, availableSpotNumber=only_datasets))
    assert (record.free, record.observed) == (118, datetime(2025, 10, 18, 12, 20, tzinfo=UTC))


@pytest.mark.parametrize(
    "status",
    [
        {"type": "VocabProperty", "vocab": "almostFull"},
        {"vocab": "almostFull"},  # concise
        {"type": "https://uri.etsi.org/ngsi-ld/Property", "value": "almostFull"},  # expanded type IRI
        {"type": "ListProperty", "valueList": ["open", "almostFull"]},
        {"valueList": ["almostFull"]},
    ],
)
def test_status_in_every_attribute_type(status: Any) -> None:
    [record] = ld(with_attrs(NORMALIZED, status=status))
    assert record.status == "almostFull"


@pytest.mark.parametrize(
    "location",
    [
        {"type": "GeoProperty", "value": POINT},
        {"type": "GeoProperty", "value": json.dumps(POINT)},  # string-encoded geometry
        {"value": POINT, "observedAt": OBSERVED},  # concise with a sub-attribute
        POINT,  # concise / simplified: the bare geometry
    ],
)
def test_geo_property_forms(location: Any) -> None:
    [record] = ld(with_attrs(NORMALIZED, location=location))
    assert (record.latitude, record.longitude) == (54.0878, 12.1268)


def test_weather_observed_takes_observed_at_when_there_is_no_date_observed() -> None:
    entity = {
        "id": "urn:ngsi-ld:WeatherObserved:Warnemuende",
        "type": "WeatherObserved",
        "address": {"value": {"addressLocality": "Rostock-Warnemünde", "addressCountry": "DE"}},
        "temperature": {"value": 11.4, "unitCode": "CEL", "observedAt": "2025-10-18T12:30:00Z"},
        "windSpeed": {"value": 10.0, "unitCode": "MTS", "observedAt": "2025-10-18T12:30:00Z"},
        "atmosphericPressure": {"type": "Property", "value": 996.8, "unitCode": "A97"},
        "weatherType": "rain",
        "location": {"type": "Point", "coordinates": [12.0808, 54.1803]},
    }
    [record] = ld(entity)
    assert record == WeatherRecord(
        station="Rostock-Warnemünde",
        observed=datetime(2025, 10, 18, 12, 30, tzinfo=UTC),
        temperature_c=11.4,
        wind_speed_kmh=36.0,
        pressure_hpa=996.8,
        condition="rain",
    )
    dated = with_attrs(entity, dateObserved={"type": "Property", "value": "2025-10-18T12:00:00Z"})
    assert ld(dated)[0].observed == datetime(2025, 10, 18, 12, 0, tzinfo=UTC)  # the SDM date first


def test_water_observed_concise() -> None:
    entity = {
        "id": "urn:ngsi-ld:WaterObserved:Warnemuende",
        "type": "WaterObserved",
        "name": "Warnemünde",
        "waterLevel": {"value": 6.11, "unitCode": "MTR", "observedAt": "2025-10-18T12:30:00Z"},
        "location": {"type": "Point", "coordinates": [12.1034, 54.1797]},
    }
    assert ld(entity) == [
        WaterLevelRecord(
            station="Warnemünde",
            observed=datetime(2025, 10, 18, 12, 30, tzinfo=UTC),
            level_cm=pytest.approx(611.0),
        )
    ]


def test_alert_concise_with_relationship_and_language_map() -> None:
    entity = {
        "id": "urn:ngsi-ld:Alert:HRO-1",
        "type": "Alert",
        "category": "weather",
        "subCategory": {"vocab": "https://smartdatamodels.org/dataModel.Alert/snowIce"},
        "severity": "high",
        "alertSource": {"object": "urn:ngsi-ld:Organization:DWD"},
        "description": {"languageMap": {"en": "Black ice", "de": "Glatteis auf Gehwegen"}},
        "dateIssued": "2025-10-18T10:00:00Z",
        "validTo": {"@type": "DateTime", "@value": "2025-10-18T18:00:00Z"},
    }
    assert ld(entity) == [
        AlertRecord(
            id="urn:ngsi-ld:Alert:HRO-1",
            provider="NGSI",
            severity="severe",
            headline="Schnee und Glätte",
            description="Glatteis auf Gehwegen",
            sender="urn:ngsi-ld:Organization:DWD",
            sent=datetime(2025, 10, 18, 10, 0, tzinfo=UTC),
            expires=datetime(2025, 10, 18, 18, 0, tzinfo=UTC),
            event="snowIce",
        )
    ]


@pytest.mark.parametrize(
    ("query", "body", "content_type", "headers", "accept"),
    [
        ({"format": "simplified"}, SIMPLIFIED, "application/json", {"Link": LINK}, "application/json"),
        ({"options": "simplified"}, SIMPLIFIED, "application/json", {}, "application/json"),  # Link dropped
        ({"format": "concise"}, CONCISE, "application/ld+json", {}, "application/ld+json"),
        ({"options": "concise"}, CONCISE, "application/json", {"Link": LINK}, "application/ld+json"),
    ],
)
def test_representations_over_http(
    sim: PlatformSim,
    query: dict[str, str],
    body: dict[str, Any],
    content_type: str,
    headers: dict[str, str],
    accept: str,
) -> None:
    params = {"type": "OffStreetParking", **query}
    sim.add_route(
        "/ngsi-ld/v1/entities", json.dumps([body]), query=params, content_type=content_type, headers=headers
    )
    [record] = ngsi_ld.fetch(http(), source("ngsi-ld", sim.url_for("/ngsi-ld/v1/entities"), params), CTX)
    assert (record.name, record.free, record.capacity) == ("Parkhaus Stadthafen", 121, 200)
    assert sim.requests[-1].headers["accept"] == accept


@settings(max_examples=200, deadline=None)
@given(body=st.sampled_from([[CONCISE], [SIMPLIFIED], [NORMALIZED, CONCISE]]).flatmap(mutated_json))
def test_mutated_concise_and_simplified_only_raise_parse_error(body: bytes) -> None:
    check_parse(ngsi_ld.parse_entities, body, ParkingRecord, WeatherRecord, AlertRecord, WaterLevelRecord)
