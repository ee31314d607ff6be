"""GTFS-RT connector: TripUpdates (protobuf and JSON) from the fake platform joined with the static
excerpt; service days past midnight and across DST; calendars; delay propagation; cache. Variant feeds:
test_gtfs_rt_variants; random input: test_gtfs_rt_fuzz."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from google.transit import gtfs_realtime_pb2

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import gtfs_rt
from kiosk.data.connectors.base import FetchContext, NotModified
from kiosk.data.errors import ConnectorError, FetchError, ParseError
from kiosk.data.http import RequestsHttp
from kiosk.data.records import DepartureRecord
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir

FIXTURES = default_fixtures_dir()
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)  # 14:30 in Rostock
PB, JSON_FEED = "/gtfsrt/tripupdates.pb", "/gtfsrt/tripupdates.json"
HBF, LUETTEN_KLEIN, WERFT = "de:13003:8010:2:3", "de:13003:8020:1:1", "de:13003:8030:1:1"
STU = gtfs_realtime_pb2.TripUpdate.StopTimeUpdate


def local(hour: int, minute: int, second: int = 0, day: int = 18, month: int = 10) -> datetime:
    return datetime(2025, month, day, hour, minute, second, tzinfo=BERLIN)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "gtfs/static", tmp_path / "gtfs/rostock")
    return tmp_path


def fetch(
    sim: PlatformSim,
    content: Path,
    path: str = PB,
    now: datetime = NOW,
    http: RequestsHttp | None = None,
    **params: str,
) -> list[DepartureRecord]:
    source = DataSource.model_validate(
        {"name": "VVW", "kind": "gtfs-rt", "url": sim.url + path, "static": "gtfs/rostock", "params": params}
    )
    ctx = FetchContext(now=now, content_dir=content)
    return gtfs_rt.fetch(http or RequestsHttp(5, 5_000_000), source, ctx)


def rows(records: list[DepartureRecord]) -> list[tuple[str, str, str, datetime, datetime | None, str]]:
    """(line, destination, stop, planned, expected, state): state "cancelled", "skipped", "arrival" or ""."""
    return [(r.line, r.destination, r.stop, r.planned, r.expected, state(r)) for r in records]


def state(r: DepartureRecord) -> str:
    flags = [name for name in ("cancelled", "skipped", "arrival", "added") if getattr(r, name)]
    return " ".join(flags)


# --- the fixture scenario over HTTP ---------------------------------------------------------------------


def test_departures_at_14_30(sim: PlatformSim, content: Path) -> None:
    records = fetch(sim, content)
    assert rows(records) == [
        ("5", "Südblick", "Kröpeliner Tor", local(14, 30), None, "cancelled"),  # trip CANCELED
        ("S1", "Warnemünde", "Rostock Hbf", local(14, 31), None, ""),  # no real time before seq 2
        ("5", "Südblick", "Doberaner Platz", local(14, 32), None, "cancelled"),
        # the terminus: the arrival, its arrival delay 270 s
        ("5", "Südblick", "Stadthalle", local(14, 33), local(14, 37, 30), "arrival"),
        ("S1", "Warnemünde", "Rostock-Lütten Klein", local(14, 41), local(14, 41), ""),  # RT time
        ("5", "Südblick", "Stadthalle", local(14, 43), None, "cancelled arrival"),
        ("S1", "Warnemünde", "Warnemünde Werft", local(14, 46), None, "skipped"),  # stop SKIPPED, trip runs
        ("S1", "Warnemünde", "Warnemünde", local(14, 49), local(14, 49), "arrival"),
    ]
    assert records[4].delay_s == 0 and records[4].trip_id == "db-s1-33621"
    assert all(r.planned.tzinfo is not None for r in records)
    # tram 5 at 14:22 (+4:30 → 14:26:30) is gone


def test_protobuf_and_json_mapping_give_the_same_departures(sim: PlatformSim, content: Path) -> None:
    assert fetch(sim, content, PB) == fetch(sim, content, JSON_FEED)
    assert sim.log == [PB, JSON_FEED]


def test_delays_at_14_25(sim: PlatformSim, content: Path) -> None:
    records = fetch(sim, content, now=datetime(2025, 10, 18, 12, 25, tzinfo=UTC))
    tram = {r.stop: r for r in records if r.trip_id == "rsag-5-1418"}
    assert tram["Doberaner Platz"].expected == local(14, 26, 30)  # departure delay 270 s
    assert tram["Doberaner Platz"].delay_s == 270
    assert tram["Kröpeliner Tor"].expected == local(14, 24, 30)  # the trip's delay, before the first update
    assert [r.stop for r in records if r.trip_id == "rsag-5-1428"] == [
        "Lange Straße",
        "Kröpeliner Tor",
        "Doberaner Platz",
        "Stadthalle",
    ]
    assert records == sorted(records, key=lambda r: r.expected or r.planned)


def test_stops_and_horizon_options(sim: PlatformSim, content: Path) -> None:
    only_hbf = fetch(sim, content, stops=f"{HBF}, {WERFT}")
    assert [(r.stop, r.planned) for r in only_hbf] == [
        ("Rostock Hbf", local(14, 31)),
        ("Warnemünde Werft", local(14, 46)),
    ]
    assert sim.requests[-1].query == {}  # options are not sent to the server
    soon = fetch(sim, content, horizon_min="5")
    assert [r.planned for r in soon] == [local(14, 30), local(14, 31), local(14, 32)]


def test_departures_long_gone_are_dropped(sim: PlatformSim, content: Path) -> None:
    assert fetch(sim, content, now=datetime(2025, 10, 18, 14, 0, tzinfo=UTC)) == []
    # the service runs on 2025-10-18 only (calendar_dates.txt)
    assert fetch(sim, content, now=datetime(2025, 10, 19, 12, 0, tzinfo=UTC)) == []


def test_not_modified(sim: PlatformSim, content: Path) -> None:
    http = RequestsHttp(5, 5_000_000)
    fetch(sim, content, http=http)
    with pytest.raises(NotModified):
        fetch(sim, content, http=http)


@pytest.mark.parametrize(
    ("path", "fault"), [(JSON_FEED, "truncate"), (JSON_FEED, "garbage"), (PB, "truncate")]
)
def test_broken_payloads_are_parse_errors(sim: PlatformSim, content: Path, path: str, fault: str) -> None:
    sim.set_faults(path, **{fault: True})
    with pytest.raises(ParseError):
        fetch(sim, content, path)


@pytest.mark.parametrize(
    "fault", [{"status": 500}, {"huge": 2}, {"wrong_content_type": True}, {"reset": True}]
)
def test_fetch_faults(sim: PlatformSim, content: Path, fault: dict[str, Any]) -> None:
    sim.set_faults(PB, **fault)
    with pytest.raises(FetchError):
        fetch(sim, content, http=RequestsHttp(5, 1_000_000))


def test_octet_stream_is_protobuf() -> None:
    static = gtfs_rt.load_static(FIXTURES / "gtfs/static")
    body = (FIXTURES / "gtfs-rt/tripupdates.pb").read_bytes()
    records = gtfs_rt.parse_trip_updates(body, "application/octet-stream", static, None, NOW)
    assert len(records) == 8


# --- static excerpt: cache and errors ---------------------------------------------------------------------


def test_static_excerpt_is_cached_per_folder_and_mtime(content: Path) -> None:
    folder = content / "gtfs/rostock"
    first = gtfs_rt.load_static(folder)
    assert gtfs_rt.load_static(folder) is first
    stamp = (folder / "trips.txt").stat().st_mtime_ns + 5_000_000_000
    os.utime(folder / "trips.txt", ns=(stamp, stamp))
    again = gtfs_rt.load_static(folder)
    assert again is not first and again == first


def test_static_problems(content: Path, sim: PlatformSim) -> None:
    (content / "gtfs/rostock/stops.txt").unlink()
    with pytest.raises(ConnectorError, match=r"stops\.txt missing"):
        fetch(sim, content)
    source = DataSource.model_validate({"name": "VVW", "kind": "gtfs-rt", "url": sim.url + PB})
    with pytest.raises(ConnectorError, match="needs 'static'"):
        gtfs_rt.fetch(RequestsHttp(5, 5_000_000), source, FetchContext(now=NOW, content_dir=content))
    with pytest.raises(ParseError, match=r"trips\.txt: column route_id missing"):
        gtfs_rt.parse_static(
            {
                "stops.txt": b"stop_id\n",
                "routes.txt": b"route_id\n",
                "trips.txt": b"x\n",
                "stop_times.txt": b"trip_id\n",
            }
        )


# --- service days ----------------------------------------------------------------------------------------


def test_service_time_noon_minus_12h() -> None:
    assert gtfs_rt.service_time(date(2025, 10, 18), 25 * 3600 + 600, BERLIN) == local(1, 10, day=19)
    assert gtfs_rt.service_time(date(2025, 10, 26), 14 * 3600, BERLIN) == datetime(
        2025, 10, 26, 13, 0, tzinfo=UTC
    )
    assert gtfs_rt.service_time(date(2025, 3, 30), 14 * 3600, BERLIN) == datetime(
        2025, 3, 30, 12, 0, tzinfo=UTC
    )
    # on the DST change days the times before the change shift, as the GTFS reference defines
    assert gtfs_rt.service_time(date(2025, 10, 26), 1800, BERLIN) == datetime(
        2025, 10, 25, 23, 30, tzinfo=UTC
    )
    assert gtfs_rt.service_time(date(2025, 3, 30), 1800, BERLIN) == datetime(2025, 3, 29, 22, 30, tzinfo=UTC)


def synthetic(
    stop_times: str,
    calendar: str | None = None,
    calendar_dates: str | None = None,
    stops: str = "",
) -> gtfs_rt.StaticFeed:
    files = {
        "stops.txt": (
            "stop_id,stop_name,parent_station\nA,Alpha,\nB,Beta,\nC,Gamma,\nD,Delta,\n" + stops
        ).encode(),
        "routes.txt": b"route_id,route_short_name,route_long_name\nr,N1,\nlong,,Nachtexpress\n",
        "trips.txt": b"route_id,service_id,trip_id,trip_headsign\nr,svc,t1,\nlong,svc,t2,Ziel\n",
        "stop_times.txt": (
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" + stop_times
        ).encode(),
    }
    if calendar is not None:
        header = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        files["calendar.txt"] = (header + calendar).encode()
    if calendar_dates is not None:
        files["calendar_dates.txt"] = ("service_id,date,exception_type\n" + calendar_dates).encode()
    return gtfs_rt.parse_static(files)


NIGHT = "t1,24:50:00,24:50:00,A,1\nt1,25:10:00,25:10:00,B,2\nt1,25:30:00,25:30:00,C,3\n"


def test_times_after_midnight_belong_to_the_previous_service_day() -> None:
    friday_only = synthetic(NIGHT, calendar="svc,0,0,0,0,1,0,0,20250101,20251231\n")
    feed = gtfs_realtime_pb2.FeedMessage()
    records = gtfs_rt.departures(friday_only, feed, None, local(0, 55, day=18), timedelta(hours=2))
    assert [(r.stop, r.planned, r.destination, r.line, r.arrival) for r in records] == [
        ("Beta", local(1, 10, day=18), "Gamma", "N1", False),
        ("Gamma", local(1, 30, day=18), "Gamma", "N1", True),
    ]
    # the same clock time a day later: Saturday is not a service day of this trip
    assert gtfs_rt.departures(friday_only, feed, None, local(0, 55, day=19), timedelta(hours=2)) == []


def leaving(*args: Any) -> list[DepartureRecord]:
    return [r for r in gtfs_rt.departures(*args) if not r.arrival]


def test_calendar_and_exceptions() -> None:
    daily = "t1,10:00:00,10:00:00,A,1\nt1,10:10:00,10:10:00,B,2\n"
    feed = gtfs_realtime_pb2.FeedMessage()
    at_9 = local(9, 0, day=20)  # a Monday
    weekdays = synthetic(daily, calendar="svc,1,1,1,1,1,0,0,20251001,20251031\n")
    assert len(leaving(weekdays, feed, None, at_9)) == 1
    removed = synthetic(
        daily, calendar="svc,1,1,1,1,1,0,0,20251001,20251031\n", calendar_dates="svc,20251020,2\n"
    )
    assert gtfs_rt.departures(removed, feed, None, at_9) == []
    ended = synthetic(daily, calendar="svc,1,1,1,1,1,1,1,20250101,20251019\n")
    assert gtfs_rt.departures(ended, feed, None, at_9) == []
    added = synthetic(
        daily, calendar="svc,0,0,0,0,0,0,0,20250101,20251231\n", calendar_dates="svc,20251020,1\n"
    )
    assert len(leaving(added, feed, None, at_9)) == 1
    no_calendar = synthetic(daily)  # an excerpt without calendars runs every day
    assert len(leaving(no_calendar, feed, None, at_9)) == 1


def test_parent_station_includes_its_platforms() -> None:
    static = synthetic(
        "t1,10:00:00,10:00:00,P1,1\nt1,10:10:00,10:10:00,B,2\n", stops="P1,Alpha Gleis 1,STATION\n"
    )
    records = gtfs_rt.departures(static, gtfs_realtime_pb2.FeedMessage(), frozenset({"STATION"}), local(9, 0))
    assert [r.stop for r in records] == ["Alpha Gleis 1"]  # B, the terminus, is not at STATION


# --- real-time rules -----------------------------------------------------------------------------------

LINE = (
    "t1,10:00:00,10:00:00,A,1\nt1,10:10:00,10:10:00,B,2\nt1,10:20:00,10:20:00,C,3\nt1,10:30:00,10:30:00,D,4\n"
)


def feed(*updates: dict[str, Any], start_date: str | None = "20251018", relationship: int = 0) -> Any:
    message = gtfs_realtime_pb2.FeedMessage()
    message.header.gtfs_realtime_version = "2.0"
    trip_update = message.entity.add(id="e").trip_update
    trip_update.trip.trip_id = "t1"
    trip_update.trip.schedule_relationship = relationship
    if start_date:
        trip_update.trip.start_date = start_date
    for update in updates:
        stop_update = trip_update.stop_time_update.add(stop_sequence=update["seq"])
        if "rel" in update:
            stop_update.schedule_relationship = update["rel"]
        if "delay" in update:
            stop_update.departure.delay = update["delay"]
        if "time" in update:
            stop_update.arrival.time = int(update["time"].timestamp())
    return message


def expected(message: Any) -> dict[str, tuple[datetime | None, str]]:
    static = synthetic(LINE)
    return {r.stop: (r.expected, state(r)) for r in gtfs_rt.departures(static, message, None, local(9, 50))}


def test_delay_propagates_to_later_stops_and_over_skipped_ones() -> None:
    assert expected(feed({"seq": 1, "delay": 120})) == {
        "Alpha": (local(10, 2), ""),
        "Beta": (local(10, 12), ""),
        "Gamma": (local(10, 22), ""),
        "Delta": (local(10, 32), "arrival"),
    }
    assert expected(feed({"seq": 1, "delay": 120}, {"seq": 2, "rel": STU.SKIPPED})) == {
        "Alpha": (local(10, 2), ""),
        "Beta": (None, "skipped"),  # not "cancelled": the trip runs, it does not stop here
        "Gamma": (local(10, 22), ""),
        "Delta": (local(10, 32), "arrival"),
    }


def test_no_data_stops_propagation_and_time_gives_the_delay() -> None:
    assert expected(feed({"seq": 1, "delay": 60}, {"seq": 2, "rel": STU.NO_DATA})) == {
        "Alpha": (local(10, 1), ""),
        "Beta": (None, ""),  # NO_DATA: the planned time only
        "Gamma": (None, ""),  # … and for the stops after it
        "Delta": (None, "arrival"),
    }
    assert expected(feed({"seq": 2, "time": local(10, 13)})) == {
        "Alpha": (None, ""),
        "Beta": (local(10, 13), ""),
        "Gamma": (local(10, 23), ""),
        "Delta": (local(10, 33), "arrival"),
    }


def test_trip_cancelled_or_deleted() -> None:
    trip = gtfs_realtime_pb2.TripDescriptor
    cancelled = expected(feed({"seq": 2, "delay": 60}, relationship=trip.CANCELED))
    assert cancelled == {
        "Alpha": (None, "cancelled"),
        "Beta": (None, "cancelled"),  # the trip's state wins over its stop updates
        "Gamma": (None, "cancelled"),
        "Delta": (None, "cancelled arrival"),
    }
    # DELETED: "must not be shown to users" (GTFS-RT reference), e.g. replaced by other trips
    assert expected(feed(relationship=trip.DELETED)) == {}


def test_update_applies_to_its_service_day_only() -> None:
    assert {e for e, _ in expected(feed({"seq": 1, "delay": 60}, start_date="20251017")).values()} == {None}
    # without start_date: the instance nearest to now
    assert expected(feed({"seq": 1, "delay": 60}, start_date=None))["Alpha"] == (local(10, 1), "")
