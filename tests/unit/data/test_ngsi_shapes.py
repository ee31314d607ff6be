"""NGSI-LD / NGSI-v2 answers that are not entity arrays: over real HTTP, each is a ParseError with a
message that says what arrived, and a coordinator keeps the last good data; ``[]`` is "no entities".
Malformed payloads (random and mutated fixtures) only ever raise ParseError."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import ngsi_ld, ngsi_v2
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, ParkingRecord, WaterLevelRecord, WeatherRecord
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.schedule.clock import FixedClock
from tests.unit.data.connector_kit import (
    CTX,
    NOW,
    check_parse,
    fixture,
    fixture_json,
    http,
    mutated_json,
    random_json,
    source,
)

LD_PATH, LD_QUERY = "/ngsi-ld/v1/entities", {"type": "OffStreetParking"}
V2_PATH, V2_QUERY = "/v2/entities", {"type": "OffStreetParking", "options": "keyValues"}
FLAVOURS = [
    pytest.param(ngsi_ld, "ngsi-ld", LD_PATH, LD_QUERY, "application/ld+json", id="ld"),
    pytest.param(ngsi_v2, "ngsi-v2", V2_PATH, V2_QUERY, "application/json", id="v2"),
]
OPEN311_REQUESTS = fixture("open311/requests.json")  # another API's JSON array
CKAN_ENVELOPE = fixture("ckan/datastore_search_parkhaeuser_belegung.json")
GEOJSON = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": "p1", "geometry": None, "properties": {}}],
}
PROBLEM = {
    "type": "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound",
    "title": "Entity type not found",
    "detail": "OffStreetParking is not known to this broker",
}
ORION_ERROR = {"error": "TooManyResults", "description": "More than one matching entity"}
SCORPIO_PROBLEM = {
    "type": "https://uri.etsi.org/ngsi-ld/errors/InvalidRequest",
    "status": 400,
    "detail": "bad q",
}
RECORD_TYPES = (ParkingRecord, WeatherRecord, AlertRecord, WaterLevelRecord)
LD_FIXTURES = (
    "entities_type_OffStreetParking.jsonld",
    "entities_type_OffStreetParking_keyValues.json",
    "entities_type_WeatherObserved.jsonld",
    "entities_type_Alert.jsonld",
)
V2_FIXTURES = (
    "entities_type_OffStreetParking_keyValues.json",
    "entities_type_OffStreetParking_normalized.json",
    "entities_type_WeatherObserved_keyValues.json",
    "entities_type_Alert_keyValues.json",
)


def ld(data: Any) -> list[Any]:
    return ngsi_ld.parse_entities(json.dumps(data).encode())


def v2(data: Any) -> list[Any]:
    return ngsi_v2.parse_entities(json.dumps(data).encode())


def serve(sim: PlatformSim, path: str, query: dict[str, str], body: bytes, content_type: str) -> None:
    sim.add_route(path, body, query=query, content_type=content_type)


@pytest.mark.parametrize(("module", "kind", "path", "query", "content_type"), FLAVOURS)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (OPEN311_REQUESTS, "not of entities .* the first item is a JSON object with keys address, adress_id"),
        (
            CKAN_ENVELOPE,
            "expected a JSON array of entities, got a JSON object with keys help, result, success",
        ),
        (json.dumps(GEOJSON).encode(), "GeoJSON, not an entity array"),
        (b"", "empty body"),
        (b"  \n", "empty body"),
        (b"[1, 2, 3]", "not of entities .* the first item is a JSON number"),
        (b'[["Parkhaus", 87]]', "not of entities .* the first item is a JSON array"),  # v2 options=values
        (b'[{"id": "urn:x"}]', "not of entities"),  # no type
        (b'[{"type": "OffStreetParking", "name": "P"}]', "not of entities"),  # no id
        (b'"OffStreetParking"', "got a JSON string"),
        (b"null", "got JSON null"),
        (json.dumps(PROBLEM).encode(), "error: Entity type not found: OffStreetParking is not known"),
        (json.dumps(ORION_ERROR).encode(), "error: TooManyResults: More than one matching entity"),
        (json.dumps(SCORPIO_PROBLEM).encode(), "error: bad q"),  # no title
    ],
)
def test_what_is_not_an_entity_array_is_a_parse_error(
    sim: PlatformSim,
    module: ModuleType,
    kind: str,
    path: str,
    query: dict[str, str],
    content_type: str,
    body: bytes,
    message: str,
) -> None:
    serve(sim, path, query, body, content_type)
    with pytest.raises(ParseError, match=message):
        module.fetch(http(), source(kind, sim.url_for(path), query), CTX)
    assert sim.count(path) == 1


@pytest.mark.parametrize(("module", "kind", "path", "query", "content_type"), FLAVOURS)
def test_an_empty_array_is_no_entities(
    sim: PlatformSim, module: ModuleType, kind: str, path: str, query: dict[str, str], content_type: str
) -> None:
    serve(sim, path, query, b"[]", content_type)
    assert module.fetch(http(), source(kind, sim.url_for(path), query), CTX) == []


def test_ld_ids_must_be_uris_v2_ids_need_not() -> None:
    """NGSI-LD entity ids are URIs (GeoJSON features with ids like "p1" are not entities); Orion ids
    are any text."""
    body = json.dumps([{"id": "P1", "type": "OffStreetParking", "name": "Am Hafen"}]).encode()
    with pytest.raises(ParseError, match="not of entities"):
        ngsi_ld.parse_entities(body)
    assert [r.name for r in ngsi_v2.parse_entities(body)] == ["Am Hafen"]


def test_a_mixed_array_keeps_the_entities() -> None:
    entities: list[Any] = [
        {"service_request_id": 1},
        *fixture_json("ngsi-v2/entities_type_OffStreetParking_keyValues.json"),
        "x",
    ]
    assert len(ngsi_v2.parse_entities(json.dumps(entities).encode())) == 3


def test_an_entity_of_another_type_is_valid_and_gives_no_records() -> None:
    body = json.dumps([{"id": "urn:ngsi-ld:ParkingSpot:1", "type": "ParkingSpot"}]).encode()
    assert ngsi_ld.parse_entities(body) == []


@pytest.mark.parametrize(("module", "kind", "path", "query", "content_type"), FLAVOURS)
def test_the_coordinator_keeps_the_last_good_data(
    sim: PlatformSim,
    tmp_path: Path,
    module: ModuleType,
    kind: str,
    path: str,
    query: dict[str, str],
    content_type: str,
) -> None:
    coordinator = Coordinator(
        "parking",
        source(kind, sim.url_for(path), query),
        module,
        LastGoodStore(tmp_path),
        FixedClock(NOW),
        lambda: CTX,
    )
    good = coordinator.refresh()
    assert good.last_error is None and good.records
    assert all(isinstance(r, ParkingRecord) for r in good.records)
    serve(sim, path, query, OPEN311_REQUESTS, content_type)  # the URL now points at another API
    bad = coordinator.refresh()
    assert bad.records == good.records
    assert bad.last_error is not None and "not of entities" in bad.last_error


def test_whole_payload_shape_errors() -> None:
    with pytest.raises(ParseError, match="expected a JSON array"):
        ld({"entities": []})
    with pytest.raises(ParseError, match="not JSON"):
        ngsi_ld.parse_entities(b"<html>502 Bad Gateway</html>")
    with pytest.raises(ParseError, match="BadRequestData: Invalid type"):
        ld(
            {
                "type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData",
                "title": "BadRequestData",
                "detail": "Invalid type",
            }
        )
    with pytest.raises(ParseError, match="NotFound: The requested entity"):
        v2({"error": "NotFound", "description": "The requested entity has not been found"})
    assert ld({"id": "urn:ngsi-ld:OffStreetParking:1", "type": "OffStreetParking"})[0].name.endswith(":1")


# --- malformed payloads -----------------------------------------------------------------------------

LD_DOCS = [fixture_json(f"ngsi-ld/{name}") for name in LD_FIXTURES]
V2_DOCS = [fixture_json(f"ngsi-v2/{name}") for name in V2_FIXTURES]


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300) | random_json())
def test_random_payloads_only_raise_parse_error(body: bytes) -> None:
    check_parse(ngsi_ld.parse_entities, body, *RECORD_TYPES)
    check_parse(ngsi_v2.parse_entities, body, *RECORD_TYPES)


@settings(max_examples=200, deadline=None)
@given(body=st.sampled_from(LD_DOCS).flatmap(mutated_json))
def test_mutated_ld_fixtures_only_raise_parse_error(body: bytes) -> None:
    check_parse(ngsi_ld.parse_entities, body, *RECORD_TYPES)


@settings(max_examples=200, deadline=None)
@given(body=st.sampled_from(V2_DOCS).flatmap(mutated_json))
def test_mutated_v2_fixtures_only_raise_parse_error(body: bytes) -> None:
    check_parse(ngsi_v2.parse_entities, body, *RECORD_TYPES)
