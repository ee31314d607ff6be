"""Open311 / Klarschiff connector: the requests fixture, status as delivered and classified (open / in
progress / closed, shown in words), errors, bodies that are not the API, the radius around the kiosk
(haversine), over real HTTP (ETag → 304), malformed payloads."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import open311
from kiosk.data.connectors.base import NotModified
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.present import present
from kiosk.data.records import ReportRecord
from kiosk.data.state import DataState
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim, Reply
from kiosk.schedule.clock import FixedClock
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
BERLIN = ZoneInfo("Europe/Berlin")


def parse(items: Any) -> list[ReportRecord]:
    return open311.parse_requests(json.dumps(items).encode())


def test_requests_fixture_newest_first() -> None:
    records = open311.parse_requests(fixture(REQUESTS))
    assert [(r.id, r.service, r.status, r.detailed_status, r.progress) for r in records] == [
        ("48227", "Straßenbeleuchtung", "open", "RECEIVED", "open"),
        ("48213", "Schlagloch", "open", "IN_PROCESS", "in_progress"),
        ("47990", "Illegale Müllablagerung", "closed", "PROCESSED", "closed"),
    ]
    assert records[0].status_notes == "Die Leuchte wurde an die Stadtwerke weitergeleitet."
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
        progress="in_progress",
        detailed_status="IN_PROCESS",
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
        id="HRO-9",
        service="17",
        status="open",
        address="Am Strande 3",
        latitude=54.0912,
        longitude=12.1335,
        progress="open",
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


# --- status → stage (open / in progress / closed), as Klarschiff and other GeoReport v2 servers send it

HRO = "/hro/citysdk/requests.json"
STAGES: list[tuple[object, object, str]] = [
    # CitySDK extended_attributes.detailed_status (extensions=true) over the Open311 status
    ("RECEIVED", "open", "open"),
    ("PENDING", "open", "open"),
    ("IN_PROCESS", "open", "in_progress"),
    ("PROCESSED", "closed", "closed"),
    ("REJECTED", "closed", "closed"),
    ("ARCHIVED", "closed", "closed"),
    ("in_process", "open", "in_progress"),  # any case and spelling
    ("In Process", "open", "in_progress"),
    ("in-progress", "open", "in_progress"),
    ("inBearbeitung", "open", "in_progress"),  # the legacy Klarschiff backend's names
    ("wirdNichtBearbeitet", "closed", "closed"),
    ("PUBLIC", "open", "open"),  # a visibility, not a stage: the basic status decides
    ("PUBLIC", "closed", "closed"),
    ("", "closed", "closed"),
    (7, "open", "open"),
    (None, "PENDING", "open"),  # the current backoffice sends its own status enum
    (None, "reviewed", "open"),
    (None, "in_process", "in_progress"),
    (None, "duplicate", "closed"),
    (None, "not_solvable", "closed"),
    (None, "Closed", "closed"),
    ("SOMETHING_NEW", "whatever", "unknown"),  # nothing known: said so, never shown raw
    (None, None, "unknown"),
]
WORDS = {
    "de": {
        "open": "offen",
        "in_progress": "in Bearbeitung",
        "closed": "erledigt",
        "unknown": "Stand unbekannt",
    },
    "en": {"open": "open", "in_progress": "in progress", "closed": "closed", "unknown": "status unknown"},
    "ls": {
        "open": "offen",
        "in_progress": "wird bearbeitet",
        "closed": "fertig",
        "unknown": "Das wissen wir nicht",
    },
}


def klarschiff(number: int, status: object, detailed: object = None, **extra: object) -> dict[str, object]:
    """One request as the backoffice serializes it (``extended_attributes`` only with a detailed status)."""
    item: dict[str, object] = {
        "service_request_id": number,
        "status_notes": None,
        "service_code": 17,
        "service_name": "Schlagloch",
        "description": "Schlagloch auf dem Radweg",
        "requested_datetime": f"2025-10-{10 + number % 8:02d}T08:41:12.000+02:00",
        "updated_datetime": None,
        "address": "Lange Straße 9, 18055 Rostock",
        "lat": 54.0912,
        "long": 12.1335,
        **extra,
    }
    if status is not None:
        item["status"] = status
    if detailed is not None:
        item["extended_attributes"] = {"detailed_status": detailed, "description_public": True, "votes": 0}
    return item


def test_every_status_becomes_a_stage_shown_in_words(sim: PlatformSim) -> None:
    items = [klarschiff(n, status, detailed) for n, (detailed, status, _) in enumerate(STAGES)]
    sim.add_route(HRO, json.dumps(items))
    src = source("open311", sim.url_for(HRO), {"extensions": "true"})
    records = open311.fetch(http(), src, replace(CTX, latitude=None, longitude=None))
    stage = {int(r.id): r.progress for r in records}
    assert stage == {n: expected for n, (_, _, expected) in enumerate(STAGES)}
    for language, words in WORDS.items():
        state = DataState("klarschiff", tuple(records), CTX.now, "live", stale_after=timedelta(hours=6))
        table = present("reports", state, language, CTX.now, BERLIN, max_items=len(records))
        assert [status for _, status, _ in table.rows] == [words[r.progress] for r in records], language


def test_detailed_status_notes_and_update_time_are_kept() -> None:
    note = "Die Leuchte wurde an die Stadtwerke weitergeleitet."
    when = "2025-10-18T09:30:47.000+02:00"
    records = parse(
        [
            klarschiff(1, "open", "IN_PROCESS", status_notes=note, updated_datetime=when),
            klarschiff(2, "open", ["IN_PROCESS"], status_notes={"de": note}),  # odd types: left out
        ]
    )
    kept, odd = sorted(records, key=lambda r: r.id)
    assert (kept.detailed_status, kept.status_notes, kept.progress) == ("IN_PROCESS", note, "in_progress")
    assert kept.updated == datetime(2025, 10, 18, 9, 30, 47, tzinfo=CEST)
    assert (odd.detailed_status, odd.status_notes, odd.progress) == ("", "", "open")


def test_a_report_kept_before_classification_still_shows_its_status() -> None:
    old = ReportRecord(id="1", service="Schlagloch", status="closed")  # progress defaults to "unknown"
    state = DataState("klarschiff", (old,), CTX.now, "live", stale_after=timedelta(hours=6))
    assert present("reports", state, "de", CTX.now, BERLIN).rows == (("Schlagloch", "erledigt", ""),)


# --- a body that is not the API: ParseError, so the last good reports stay ---------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n",
        b"<!DOCTYPE html><html><body><h1>Wartungsarbeiten</h1></body></html>",
        b'{"service_requests": [{"service_request_id": 1, "status": "open"}]}',  # an object, not the array
        b"{}",
        b"null",
        b"[1, 2]",
        b'[{"id": 48213, "title": "Schlagloch", "state": "open"}]',  # JSON without the expected keys
        fixture("open311/services.json"),
        fixture("open311/discovery.json"),
    ],
)
def test_a_body_that_is_not_the_api_is_a_parse_error(sim: PlatformSim, body: bytes) -> None:
    sim.add_route(HRO, body)
    with pytest.raises(ParseError):
        open311.fetch(http(), source("open311", sim.url_for(HRO)), CTX)


def test_an_html_page_is_refused_by_its_content_type(sim: PlatformSim) -> None:
    sim.add_route(HRO, "<html><body>Login</body></html>", content_type="text/html; charset=utf-8")
    with pytest.raises(FetchError):
        open311.fetch(http(), source("open311", sim.url_for(HRO)), CTX)


def test_an_empty_array_is_no_reports_and_a_broken_body_keeps_the_last_good(
    sim: PlatformSim, tmp_path: Path
) -> None:
    good = json.dumps([klarschiff(1, "open", "IN_PROCESS")]).encode()
    sim.add_replies(HRO, [Reply(good), Reply(b'{"status": "ok"}')])
    clock = FixedClock(CTX.now)
    coordinator = Coordinator(
        "klarschiff",
        source("open311", sim.url_for(HRO), refresh="15m", stale_after="6h"),
        open311,
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: replace(CTX, latitude=None, longitude=None),
        rng=random.Random(1),
    )
    assert [r.progress for r in coordinator.refresh().records] == ["in_progress"]
    state = coordinator.refresh()
    assert [r.id for r in state.records] == ["1"] and state.last_error and "Open311" in state.last_error
    assert present("reports", state, "en", clock.now(), BERLIN).rows == (
        ("Schlagloch", "in progress", "Lange Straße 9, 18055 Rostock"),
    )
    sim.add_route(HRO, "[]")
    state = coordinator.refresh()
    assert state.records == () and state.last_error is None
