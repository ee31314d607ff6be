"""Open311 / Klarschiff connector: the requests fixture, status as delivered, errors, the radius
around the kiosk (haversine), over real HTTP (ETag → 304), malformed payloads."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import open311
from kiosk.data.connectors.base import NotModified
from kiosk.data.errors import ParseError
from kiosk.data.records import ReportRecord
from kiosk.devtools.platform_sim import PlatformSim
from tests.unit.data.connector_kit import (
    CTX,
    STADTHAFEN,
    check_parse,
    fixture,
    fixture_json,
    http,
    mutated_json,
    random_json,
    source,
)

REQUESTS = "open311/requests.json"
CEST = timezone(timedelta(hours=2))


def parse(items: Any) -> list[ReportRecord]:
    return open311.parse_requests(json.dumps(items).encode())


def test_requests_fixture_newest_first() -> None:
    records = open311.parse_requests(fixture(REQUESTS))
    assert [(r.id, r.service, r.status) for r in records] == [
        ("48227", "Straßenbeleuchtung", "open"),
        ("48213", "Schlagloch", "open"),
        ("47990", "Illegale Müllablagerung", "closed"),
    ]
    assert records[1] == ReportRecord(
        id="48213",
        service="Schlagloch",
        status="open",
        description="Tiefes Schlagloch auf dem Radweg vor der Haltestelle, ca. 20 cm Durchmesser.",
        address="Lange Straße 9, 18055 Rostock",
        requested=datetime(2025, 10, 16, 8, 41, 12, tzinfo=CEST),
        updated=datetime(2025, 10, 17, 10, 2, 55, tzinfo=CEST),
        latitude=54.0912,
        longitude=12.1335,
    )
    assert records[0].requested is not None and records[0].requested.utcoffset() == timedelta(hours=2)


def test_other_endpoints_are_parse_errors() -> None:
    with pytest.raises(ParseError, match="no usable service request"):
        open311.parse_requests(fixture("open311/services.json"))
    with pytest.raises(ParseError, match="expected a JSON array"):
        open311.parse_requests(fixture("open311/discovery.json"))


def test_status_as_delivered_or_from_detailed_status() -> None:
    items = fixture_json(REQUESTS)
    items[0]["status"] = "in_process"  # the current backoffice's own status
    del items[1]["status"]  # no status: extended_attributes.detailed_status RECEIVED
    items[2]["status"] = None
    del items[2]["extended_attributes"]
    by_id = {r.id: r.status for r in parse(items)}
    assert by_id == {"48213": "in_process", "48227": "received", "47990": "unknown"}


def test_service_code_text_or_number_and_private_descriptions() -> None:
    [record] = parse(
        [
            {
                "service_request_id": "HRO-9",
                "status": "open",
                "service_code": "17",
                "description": "privat",
                "address_string": "Am Strande 3",
                "lat": "54.0912",
                "long": "12.1335",
                "extended_attributes": {"description_public": False},
            }
        ]
    )
    assert record == ReportRecord(
        id="HRO-9", service="17", status="open", address="Am Strande 3", latitude=54.0912, longitude=12.1335
    )
    [record] = parse(
        [{"service_request_id": 5, "status": "open", "service_code": 17, "lat": 91, "long": None}]
    )
    assert (record.service, record.latitude, record.longitude) == ("17", None, None)


def test_bad_requests_are_skipped_all_bad_is_an_error() -> None:
    good = {"service_request_id": 1, "status": "open", "requested_datetime": "2025-10-16T08:41:12.000+02:00"}
    naive = {"service_request_id": 2, "status": "open", "requested_datetime": "2025-10-16T08:41:12"}
    no_id = {"status": "open"}
    wrong = {"service_request_id": 3, "status": ["open"]}
    assert [r.id for r in parse([naive, good, no_id, wrong, None])] == ["1"]
    with pytest.raises(ParseError, match="no UTC offset"):
        parse([naive, wrong])


def test_error_answers() -> None:
    with pytest.raises(ParseError, match="403 Invalid api_key"):
        parse([{"code": 403, "description": "Invalid api_key"}])
    with pytest.raises(ParseError, match="404 not found"):
        parse({"error_messages": [{"code": 404, "description": "not found"}]})
    assert parse([]) == []


def test_haversine_distance() -> None:
    assert open311.distance_m(54.0, 12.0, 55.0, 12.0) == pytest.approx(111_195, rel=1e-4)
    # Stadthafen → Lange Straße 9: about 420 m
    assert open311.distance_m(*STADTHAFEN, 54.0912, 12.1335) == pytest.approx(420, abs=15)
    assert open311.distance_m(*STADTHAFEN, *STADTHAFEN) == 0.0


def test_nearby_keeps_reports_within_the_radius() -> None:
    records = open311.parse_requests(fixture(REQUESTS))
    assert [r.id for r in open311.nearby(records, *STADTHAFEN, 1500)] == ["48213"]
    assert [r.id for r in open311.nearby(records, *STADTHAFEN, 20_000)] == ["48227", "48213", "47990"]
    unplaced = replace(records[1], latitude=None)
    assert open311.nearby([unplaced], *STADTHAFEN, 1e9) == []


# --- over HTTP --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ctx", "expected"),
    [
        (CTX, ["48213"]),  # within 1500 m of the Stadthafen
        (replace(CTX, radius_m=20_000), ["48227", "48213", "47990"]),
        (replace(CTX, latitude=None, longitude=None), ["48227", "48213", "47990"]),  # position unknown: all
    ],
)
def test_fetch_filters_by_radius(sim: PlatformSim, ctx: Any, expected: list[str]) -> None:
    src = source("open311", sim.url_for("/citysdk/requests.json"), {"extensions": "true"})
    assert [r.id for r in open311.fetch(http(), src, ctx)] == expected
    assert sim.requests[-1].query == {"extensions": "true"}


def test_fetch_not_modified(sim: PlatformSim) -> None:
    client = http()
    src = source("open311", sim.url_for("/citysdk/requests.json"), {"extensions": "true"})
    open311.fetch(client, src, CTX)
    with pytest.raises(NotModified):
        open311.fetch(client, src, CTX)


# --- malformed payloads -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300) | random_json())
def test_random_payloads_only_raise_parse_error(body: bytes) -> None:
    check_parse(open311.parse_requests, body, ReportRecord)


@settings(max_examples=200, deadline=None)
@given(body=mutated_json(fixture_json(REQUESTS)), lat=st.floats(-90, 90), lon=st.floats(-180, 180))
def test_mutated_fixture_only_raises_parse_error(body: bytes, lat: float, lon: float) -> None:
    records = check_parse(open311.parse_requests, body, ReportRecord)
    assert all(
        open311.distance_m(lat, lon, r.latitude, r.longitude) >= 0
        for r in open311.nearby(records, lat, lon, 1e7)
    )
