"""GTFS-RT connector under random input: random bytes, corrupted protobuf, random and mutated JSON,
random static files, and any trip updates built with the bindings; the result is departures (aware
times, inside the window, sorted) or a ParseError, never another exception."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

from google.transit import gtfs_realtime_pb2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import gtfs_rt
from kiosk.data.errors import ParseError
from kiosk.data.records import DepartureRecord
from kiosk.devtools.platform_sim import default_fixtures_dir
from tests.unit.data.test_gtfs_rt_variants import (
    KROEPELINER_TOR,
    LANGE_STRASSE,
    NOW,
    PROTOBUF,
    STADTHALLE,
    message,
    posix,
    protobuf,
)

FIXTURES = default_fixtures_dir()

# --- random and mutated payloads ------------------------------------------------------------------------

STATIC = gtfs_rt.load_static(FIXTURES / "gtfs/static") if (FIXTURES / "gtfs/static").is_dir() else None
FIXTURE_JSON = json.loads((FIXTURES / "gtfs-rt/tripupdates.json").read_bytes()) if STATIC else {}
CONTENT_TYPES = st.sampled_from(
    ["application/x-protobuf", "application/octet-stream", "application/json", ""]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_departures_or_parse_error(body: bytes, content_type: str) -> None:
    assert STATIC is not None
    try:
        records = gtfs_rt.parse_trip_updates(body, content_type, STATIC, None, NOW)
    except ParseError:
        return
    assert all(isinstance(r, DepartureRecord) for r in records)


@FUZZ
@given(st.binary(max_size=400), CONTENT_TYPES)
def test_random_bytes(body: bytes, content_type: str) -> None:
    _only_departures_or_parse_error(body, content_type)


@FUZZ
@given(st.binary(max_size=200), st.integers(0, 800))
def test_corrupted_protobuf(noise: bytes, at: int) -> None:
    original = (FIXTURES / "gtfs-rt/tripupdates.pb").read_bytes()
    _only_departures_or_parse_error(
        original[:at] + noise + original[at + len(noise) :], "application/x-protobuf"
    )


@FUZZ
@given(JSON_VALUES)
def test_random_json(value: object) -> None:
    _only_departures_or_parse_error(json.dumps(value).encode(), "application/json")


@FUZZ
@given(st.data())
def test_mutated_json_fixture(data: st.DataObject) -> None:
    document: Any = copy.deepcopy(FIXTURE_JSON)
    for _ in range(data.draw(st.integers(1, 4))):
        node, path = document, []
        while isinstance(node, dict | list) and node and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            path.append(key)
            node = node[key]
        if not path:
            continue
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = data.draw(JSON_VALUES)
    _only_departures_or_parse_error(json.dumps(document).encode(), "application/json")


CSV_CELLS = st.text(alphabet=st.sampled_from(list('ab1:0,"\n\r; 9-\x00é')), max_size=12)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(gtfs_rt.STATIC_FILES), st.lists(CSV_CELLS, max_size=6).map(",".join), min_size=4
    )
)
def test_random_static_files(texts: dict[str, str]) -> None:
    headers = {
        "stops.txt": "stop_id,stop_name,parent_station",
        "routes.txt": "route_id,route_short_name",
        "trips.txt": "route_id,service_id,trip_id,trip_headsign",
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date",
        "calendar_dates.txt": "service_id,date,exception_type",
        "agency.txt": "agency_timezone",
    }
    files = {name: f"{headers[name]}\n{text}".encode() for name, text in texts.items()}
    try:
        static = gtfs_rt.parse_static(files)
    except ParseError:
        return
    body = (FIXTURES / "gtfs-rt/tripupdates.pb").read_bytes()
    records = gtfs_rt.parse_trip_updates(body, "application/x-protobuf", static, None, NOW)
    assert all(isinstance(r, DepartureRecord) for r in records)


# --- any trip update -----------------------------------------------------------------------------------

STOP_IDS = st.sampled_from([LANGE_STRASSE, KROEPELINER_TOR, STADTHALLE, "de:13003:8010:2:3", "x", ""])
EVENTS = st.fixed_dictionaries(
    {},
    optional={
        "delay": st.integers(-(2**31), 2**31 - 1),
        "time": st.integers(-(2**40), 2**40).map(str) | st.sampled_from([posix(14, 35), posix(14, 50)]),
    },
)
STOP_UPDATES = st.fixed_dictionaries(
    {},
    optional={
        "stop_sequence": st.integers(0, 6),
        "stop_id": STOP_IDS,
        "arrival": EVENTS,
        "departure": EVENTS,
        "schedule_relationship": st.sampled_from(["SCHEDULED", "SKIPPED", "NO_DATA", "UNSCHEDULED"]),
    },
)
TRIPS = st.fixed_dictionaries(
    {},
    optional={
        "trip_id": st.sampled_from(["rsag-5-1418", "rsag-5-1428", "db-s1-33621", "ghost", ""]),
        "route_id": st.sampled_from(["rsag-5", "db-s1", "nowhere", ""]),
        "direction_id": st.integers(0, 1),
        "start_time": st.sampled_from(["14:18:00", "14:29:00", "25:00:00", "99:99:99", ""]),
        "start_date": st.sampled_from(["20251018", "20251017", "2025-10-18", ""]),
        "schedule_relationship": st.sampled_from(
            list(gtfs_realtime_pb2.TripDescriptor.ScheduleRelationship.keys())
        ),
    },
)
TRIP_UPDATES = st.fixed_dictionaries(
    {"trip": TRIPS, "stop_time_update": st.lists(STOP_UPDATES, max_size=5)},
    optional={
        "delay": st.integers(-(2**31), 2**31 - 1),
        "trip_properties": st.fixed_dictionaries(
            {},
            optional={
                "trip_id": st.sampled_from(["copy", ""]),
                "start_date": st.sampled_from(["20251018", "bad"]),
                "start_time": st.sampled_from(["14:40:00", "bad", "30:00:00"]),
                "trip_headsign": st.text(max_size=8),
            },
        ),
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TRIP_UPDATES, max_size=4))
def test_any_trip_updates_give_departures(updates: list[dict[str, Any]]) -> None:
    body = protobuf(message(*updates))
    records = gtfs_rt.parse_trip_updates(body, PROTOBUF, STATIC, None, NOW)
    for r in records:
        assert isinstance(r, DepartureRecord)
        assert r.planned.utcoffset() is not None and (
            r.expected is None or r.expected.utcoffset() is not None
        )
        assert not (r.cancelled and r.skipped) and not ((r.cancelled or r.skipped) and r.expected)
        assert NOW - timedelta(minutes=1) <= (r.expected or r.planned) <= NOW + timedelta(hours=4)
    assert records == sorted(records, key=lambda r: r.expected or r.planned)
