"""GTFS-RT feeds of the documented range, built with the protobuf bindings and served over HTTP by the
fake platform, joined with the fixture excerpt: header checks (empty, garbage, no header, old feed),
trip relationships (NEW/ADDED, DUPLICATED, CANCELED/DELETED), stop relationships (SKIPPED, NO_DATA),
arrivals at last stops, unknown trips/stops/routes, and the departure row a rider reads."""

from __future__ import annotations

import logging
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from google.protobuf import json_format
from google.transit import gtfs_realtime_pb2

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import gtfs_rt
from kiosk.data.connectors.base import FetchContext
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import ParseError
from kiosk.data.http import RequestsHttp
from kiosk.data.present import present
from kiosk.data.records import DepartureRecord
from kiosk.data.state import DataState
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim, Reply, default_fixtures_dir
from kiosk.schedule.clock import FixedClock

FIXTURES = default_fixtures_dir()
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)  # 14:30 in Rostock, the fixture scenario
PATH = "/gtfsrt/variant.pb"
PROTOBUF = "application/x-protobuf"
LANGE_STRASSE, KROEPELINER_TOR, STADTHALLE = "de:13003:7001:1:1", "de:13003:7002:1:1", "de:13003:7010:1:1"


def local(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2025, 10, 18, hour, minute, second, tzinfo=BERLIN)


def posix(hour: int, minute: int) -> str:
    return str(int(local(hour, minute).timestamp()))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "gtfs/static", tmp_path / "gtfs/rostock")
    return tmp_path


def source(sim: PlatformSim, **params: str) -> DataSource:
    return DataSource.model_validate(
        {
            "name": "VVW",
            "kind": "gtfs-rt",
            "url": sim.url + PATH,
            "static": "gtfs/rostock",
            "params": params,
            "refresh": "1m",
            "stale_after": "10m",
        }
    )


def message(*entities: dict[str, Any], built: datetime | None = NOW, **header: Any) -> dict[str, Any]:
    """A FeedMessage as its JSON mapping; entities are trip updates (ids are added)."""
    head: dict[str, Any] = {"gtfs_realtime_version": "2.0", "incrementality": "FULL_DATASET", **header}
    if built is not None:
        head["timestamp"] = str(int(built.timestamp()))
    return {"header": head, "entity": [{"id": f"e{i}", "trip_update": e} for i, e in enumerate(entities)]}


def protobuf(document: dict[str, Any]) -> bytes:
    return json_format.ParseDict(document, gtfs_realtime_pb2.FeedMessage()).SerializePartialToString()


def serve(sim: PlatformSim, body: bytes, content_type: str = PROTOBUF) -> None:
    sim.add_route(PATH, body, content_type=content_type)


def fetch(sim: PlatformSim, content: Path, document: dict[str, Any], **params: str) -> list[DepartureRecord]:
    serve(sim, protobuf(document))
    ctx = FetchContext(now=NOW, content_dir=content)
    return gtfs_rt.fetch(RequestsHttp(5, 5_000_000), source(sim, **params), ctx)


def rows(records: list[DepartureRecord]) -> list[tuple[Any, ...]]:
    """(line, destination, stop, planned, expected, flags) — flags: cancelled/skipped/arrival/added."""
    return [
        (
            r.line,
            r.destination,
            r.stop,
            r.planned,
            r.expected,
            " ".join(f for f in ("cancelled", "skipped", "arrival", "added") if getattr(r, f)),
        )
        for r in records
    ]


def trip(trip_id: str, relationship: str = "SCHEDULED", **fields: Any) -> dict[str, Any]:
    return {"trip_id": trip_id, "start_date": "20251018", "schedule_relationship": relationship, **fields}


# --- the header: an answer that is not a feed is an error, never "no trips" ---------------------------

NOT_A_FEED = {
    "empty body": (b"", PROTOBUF),
    "whitespace": (b" \r\n", PROTOBUF),
    "html error page": (b"<html><body>502 Bad Gateway</body></html>", PROTOBUF),
    "entities without header": (
        gtfs_realtime_pb2.FeedMessage(entity=[{"id": "x"}]).SerializePartialToString(),
        PROTOBUF,
    ),
    "header without version": (protobuf({"header": {"timestamp": "1760790600"}}), PROTOBUF),
    "version not a version": (protobuf(message(gtfs_realtime_version="zwei")), PROTOBUF),
    "differential": (protobuf(message(incrementality="DIFFERENTIAL")), PROTOBUF),
    "empty JSON object": (b"{}", "application/json"),
    "JSON header without version": (b'{"header": {}, "entity": []}', "application/json"),
}


@pytest.mark.parametrize("case", sorted(NOT_A_FEED))
def test_an_answer_that_is_not_a_feed_is_a_parse_error(sim: PlatformSim, content: Path, case: str) -> None:
    body, content_type = NOT_A_FEED[case]
    serve(sim, body, content_type)
    with pytest.raises(ParseError, match="GTFS-RT"):
        gtfs_rt.fetch(RequestsHttp(5, 5_000_000), source(sim), FetchContext(now=NOW, content_dir=content))
    assert sim.log == [PATH]


def test_a_feed_with_header_and_no_trips_is_the_timetable(sim: PlatformSim, content: Path) -> None:
    records = fetch(sim, content, message())
    assert len(records) == 8 and not any(r.expected or r.cancelled for r in records)


def test_a_rejected_feed_keeps_the_last_good_departures(sim: PlatformSim, content: Path) -> None:
    """The defect: an empty 200 replaced the last good data, and the cancelled tram showed as running."""
    good = (FIXTURES / "gtfs-rt/tripupdates.pb").read_bytes()
    sim.add_replies(PATH, [Reply(good, 200, PROTOBUF), Reply(b"", 200, PROTOBUF)])
    clock = FixedClock(NOW)
    hub = Coordinator(
        "abfahrten",
        source(sim),
        gtfs_rt,
        LastGoodStore(content / "cache"),
        clock,
        lambda: FetchContext(now=clock.now(), content_dir=content),
        rng=random.Random(1),
    )
    first = hub.refresh()
    assert first.last_error is None and any(r.cancelled for r in first.records)
    second = hub.refresh()
    assert second.records == first.records and second.as_of == first.as_of
    assert second.last_error is not None and "empty body" in second.last_error
    assert sim.count(PATH) == 2


# --- an old feed ----------------------------------------------------------------------------------------


def test_an_old_feed_shows_the_timetable_and_is_logged_once(
    sim: PlatformSim, content: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Built 2 h ago (a stuck producer or cache): its delays and cancellations say nothing about now."""
    old = message(
        {"trip": trip("rsag-5-1428", "CANCELED")},
        {"trip": trip("rsag-5-1418"), "stop_time_update": [{"stop_sequence": 4, "arrival": {"delay": 600}}]},
        built=NOW - timedelta(hours=2),
    )
    caplog.set_level(logging.INFO, logger="kiosk.data.connectors.gtfs_rt")
    for _ in range(2):
        records = fetch(sim, content, old)
        assert len(records) == 8 and not any(r.expected or r.cancelled for r in records)
    current = dict(old, header=message()["header"])
    assert any(r.cancelled for r in fetch(sim, content, current))
    assert [(r.levelname, r.getMessage()[:30]) for r in caplog.records] == [
        ("WARNING", "GTFS-RT feed of VVW is old (bu"),
        ("INFO", "GTFS-RT feed of VVW is current"),
    ]


def test_a_feed_a_little_old_or_ahead_or_without_timestamp_is_believed(
    sim: PlatformSim, content: Path
) -> None:
    cancelled = {"trip": trip("rsag-5-1428", "CANCELED")}
    for built in (NOW - timedelta(minutes=14), NOW + timedelta(minutes=5), None):
        assert any(r.cancelled for r in fetch(sim, content, message(cancelled, built=built)))


# --- trip relationships -----------------------------------------------------------------------------------


def test_new_and_added_trips_are_shown_with_their_real_times(sim: PlatformSim, content: Path) -> None:
    new = {
        "trip": {"trip_id": "rsag-E1", "route_id": "rsag-5", "schedule_relationship": "NEW"},
        "stop_time_update": [
            {"stop_id": LANGE_STRASSE, "departure": {"time": posix(14, 38)}},
            {
                "stop_id": KROEPELINER_TOR,
                "arrival": {"time": posix(14, 40)},
                "departure": {"time": posix(14, 41)},
            },
            {
                "stop_id": "de:13003:7003:1:1",
                "departure": {"delay": 60},
            },  # a delay without a plan: not placed
            {"stop_id": STADTHALLE, "arrival": {"time": posix(14, 52)}},
        ],
    }
    added = {
        "trip": {"trip_id": "sail-1", "route_id": "bus-99", "schedule_relationship": "ADDED"},
        "trip_properties": {"trip_headsign": "Hanse Sail"},
        "stop_time_update": [{"stop_id": KROEPELINER_TOR, "departure": {"time": posix(14, 45)}}],
    }
    records = fetch(
        sim, content, message(new, added), stops=f"{LANGE_STRASSE},{KROEPELINER_TOR},{STADTHALLE}"
    )
    extra = [row for row in rows(records) if "added" in row[5]]
    assert extra == [
        ("5", "Stadthalle", "Lange Straße", local(14, 38), local(14, 38), "added"),
        ("5", "Stadthalle", "Kröpeliner Tor", local(14, 41), local(14, 41), "added"),  # its departure
        # an unknown route reads as its id; a single call is the trip's last: an arrival
        ("bus-99", "Hanse Sail", "Kröpeliner Tor", local(14, 45), local(14, 45), "arrival added"),
        ("5", "Stadthalle", "Stadthalle", local(14, 52), local(14, 52), "arrival added"),
    ]
    assert all(r.planned.tzinfo is not None for r in records)


def test_duplicated_trip_is_a_shifted_copy(sim: PlatformSim, content: Path) -> None:
    duplicate = {
        "trip": {"trip_id": "rsag-5-1418", "schedule_relationship": "DUPLICATED"},
        "trip_properties": {"trip_id": "rsag-5-1418-D", "start_date": "20251018", "start_time": "14:38:00"},
        "stop_time_update": [{"stop_sequence": 2, "departure": {"delay": 60}}],
    }
    # a producer in transition also sends the older ADDED form of the same copy: not listed twice
    legacy = {"trip": trip("rsag-5-1418", "ADDED", start_time="14:38:00")}
    records = fetch(sim, content, message(duplicate, legacy))
    copy = [row for row in rows(records) if "added" in row[5]]
    assert copy == [
        ("5", "Südblick", "Lange Straße", local(14, 38), None, "added"),  # +20 min, no real time before seq 2
        ("5", "Südblick", "Kröpeliner Tor", local(14, 40), local(14, 41), "added"),
        ("5", "Südblick", "Doberaner Platz", local(14, 42), local(14, 43), "added"),  # the delay propagates
        ("5", "Südblick", "Stadthalle", local(14, 53), local(14, 54), "arrival added"),
    ]
    assert {r.trip_id for r in records if r.added} == {"rsag-5-1418-D"}
    # the original runs as planned: its arrival at 14:33 is still listed
    assert ("Stadthalle", local(14, 33), False) in [(r.stop, r.planned, r.added) for r in records]


def test_added_with_a_static_trip_and_start_time_is_the_older_form_of_a_copy(
    sim: PlatformSim, content: Path
) -> None:
    legacy = {
        "trip": trip("rsag-5-1418", "ADDED", start_time="14:48:00"),
        "stop_time_update": [{"stop_sequence": 1, "departure": {"time": posix(14, 49)}}],
    }
    copy = [row for row in rows(fetch(sim, content, message(legacy))) if "added" in row[5]]
    assert [(stop, planned, real) for _, _, stop, planned, real, _ in copy] == [
        ("Lange Straße", local(14, 48), local(14, 49)),
        ("Kröpeliner Tor", local(14, 50), local(14, 51)),
        ("Doberaner Platz", local(14, 52), local(14, 53)),
        ("Stadthalle", local(15, 3), local(15, 4)),
    ]


def test_cancelled_is_shown_and_deleted_is_not(sim: PlatformSim, content: Path) -> None:
    records = fetch(
        sim,
        content,
        message({"trip": trip("rsag-5-1428", "CANCELED")}, {"trip": trip("db-s1-33621", "DELETED")}),
    )
    assert {(r.trip_id, r.cancelled) for r in records} == {("rsag-5-1428", True), ("rsag-5-1418", False)}


def test_a_trip_found_by_route_direction_and_start(sim: PlatformSim, content: Path) -> None:
    """Without trip_id a trip is named by route_id, direction_id, start_time and start_date."""
    update = {
        "trip": {"route_id": "db-s1", "direction_id": 0, "start_time": "14:29:00", "start_date": "20251018"},
        "stop_time_update": [{"stop_sequence": 1, "departure": {"delay": 120}}],
    }
    hbf = [r for r in fetch(sim, content, message(update)) if r.stop == "Rostock Hbf"]
    assert [(r.planned, r.expected) for r in hbf] == [(local(14, 31), local(14, 33))]
    ambiguous = dict(update, trip={**update["trip"], "direction_id": 1})
    hbf = [r for r in fetch(sim, content, message(ambiguous)) if r.stop == "Rostock Hbf"]
    assert [(r.planned, r.expected) for r in hbf] == [(local(14, 31), None)]


# --- stop relationships -------------------------------------------------------------------------------


def test_skipped_stop_and_no_data(sim: PlatformSim, content: Path) -> None:
    update = {
        "trip": trip("rsag-5-1428"),
        "stop_time_update": [
            {"stop_sequence": 2, "departure": {"delay": 120}},
            {"stop_sequence": 3, "schedule_relationship": "SKIPPED"},
            {"stop_sequence": 4, "schedule_relationship": "NO_DATA"},
        ],
    }
    tram = [r for r in fetch(sim, content, message(update)) if r.trip_id == "rsag-5-1428"]
    assert sorted(row[2:] for row in rows(tram)) == [
        ("Doberaner Platz", local(14, 32), None, "skipped"),  # the trip runs, it does not stop here
        ("Kröpeliner Tor", local(14, 30), local(14, 32), ""),
        ("Stadthalle", local(14, 43), None, "arrival"),  # NO_DATA: the planned time only
    ]


def test_an_arrival_time_is_not_the_departure_time(sim: PlatformSim, content: Path) -> None:
    """The S1 at Hbf arrives 14:29 and leaves 14:31: an arrival one minute late means leaving at 14:32."""
    update = {
        "trip": trip("db-s1-33621"),
        "stop_time_update": [{"stop_sequence": 1, "arrival": {"time": posix(14, 30)}}],
    }
    hbf = [r for r in fetch(sim, content, message(update)) if r.stop == "Rostock Hbf"]
    assert [(r.planned, r.expected, r.delay_s) for r in hbf] == [(local(14, 31), local(14, 32), 60)]


# --- unknown trips, stops and routes ----------------------------------------------------------------------


def test_unknown_trips_stops_and_routes_never_break_the_join(sim: PlatformSim, content: Path) -> None:
    baseline = fetch(sim, content, message())
    ghost = {  # e.g. a trip of a newer timetable than the excerpt: shown from its times
        "trip": trip("ghost-1", route_id="rsag-5"),
        "stop_time_update": [
            {"stop_id": KROEPELINER_TOR, "departure": {"time": posix(14, 47), "delay": 120}},
            {"stop_id": "de:99999:1", "arrival": {"time": posix(15, 0)}},
        ],
    }
    noise = [
        {"trip": trip("ghost-2", "CANCELED", route_id="rsag-5")},  # nothing to show
        {  # an unknown route too: a trip elsewhere in a nationwide feed, not read
            "trip": trip("ghost-5", route_id="bus-77"),
            "stop_time_update": [{"stop_id": KROEPELINER_TOR, "departure": {"time": posix(14, 48)}}],
        },
        {"trip": trip("ghost-3"), "stop_time_update": [{"stop_sequence": 1, "departure": {"delay": 60}}]},
        {"trip": {"trip_id": "ghost-4", "schedule_relationship": "DUPLICATED"}},
        {"trip": {"trip_id": "", "route_id": "nowhere"}},
        {
            "trip": trip("rsag-5-1418"),
            "stop_time_update": [{"stop_id": "de:99999:2", "departure": {"delay": 999}}],
        },
        {
            "trip": trip("rsag-5-1418"),
            "stop_time_update": [{"stop_sequence": 77, "departure": {"delay": 999}}],
        },
    ]
    records = fetch(sim, content, message(ghost, *noise))
    extra = [r for r in records if r not in baseline]
    assert rows(extra) == [("5", "", "Kröpeliner Tor", local(14, 45), local(14, 47), "")]
    assert [r for r in records if r in baseline] == baseline


# --- the departure row -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "states"),
    [
        ("de", ["fällt aus", "Halt entfällt", "14:34 (+4)", "Zusatzfahrt", "", "pünktlich"]),
        ("en", ["cancelled", "stop skipped", "14:34 (+4)", "extra service", "", "on time"]),
        ("ls", ["fällt aus", "hält hier nicht", "14:34 (+4)", "Extra-Fahrt", "", "pünktlich"]),
    ],
)
def test_the_row_a_rider_reads(language: str, states: list[str]) -> None:
    at = local(14, 30)
    records = (
        DepartureRecord("5", "Südblick", "Kröpeliner Tor", at, None, cancelled=True),
        DepartureRecord("S1", "Warnemünde", "Warnemünde Werft", at, None, skipped=True),
        DepartureRecord("5", "Südblick", "Stadthalle", at, at + timedelta(seconds=270), arrival=True),
        DepartureRecord("5", "Stadthalle", "Lange Straße", at, at, added=True),
        DepartureRecord("6", "Neuer Friedhof", "Lange Straße", at),
        DepartureRecord("S1", "Warnemünde", "Rostock Hbf", at, at + timedelta(seconds=30)),
    )
    state = DataState("abfahrten", records, NOW, "live", stale_after=timedelta(minutes=10))
    table = present("departures", state, language, NOW, BERLIN, max_items=10)
    assert [row[3] for row in table.rows] == states
    arrival = {"de": "Ankunft", "en": "Arrival", "ls": "kommt hier an"}[language]
    assert [row[1] for row in table.rows][1:4] == ["Warnemünde", arrival, "Stadthalle"]
    assert all(row[2] == "14:30" for row in table.rows)
