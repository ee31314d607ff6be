"""Decode and join time of a nationwide-sized GTFS-RT feed (the kiosk fetches it every minute).

Builds a FeedMessage with TRIPS trip updates of 25 stops each, all of trips elsewhere (unknown trip and
route ids, as most of realtime.gtfs.de is for a Rostock excerpt), plus the fixture feed's trips, and
times ``decode_feed`` and ``departures`` for the fixture stops. Prints figures; no pass/fail.
Run: .venv/bin/python bench/bench_gtfs_rt_join.py [TRIPS]
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from google.transit import gtfs_realtime_pb2  # noqa: E402

from kiosk.data.connectors import gtfs_rt  # noqa: E402
from kiosk.devtools.platform_sim import default_fixtures_dir  # noqa: E402

NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
STOPS = frozenset({"de:13003:7001:1:1", "de:13003:7002:1:1", "de:13003:8010:2:3"})


def build(trips: int) -> bytes:
    feed = gtfs_realtime_pb2.FeedMessage()
    feed.ParseFromString((default_fixtures_dir() / "gtfs-rt/tripupdates.pb").read_bytes())
    start = int(NOW.timestamp())
    for i in range(trips):
        update = feed.entity.add(id=f"x{i}").trip_update
        update.trip.trip_id, update.trip.route_id, update.trip.start_date = f"t{i}", f"r{i % 500}", "20251018"
        for s in range(25):
            stop = update.stop_time_update.add(stop_sequence=s, stop_id=f"de:11000:{i}:{s}")
            stop.arrival.time, stop.departure.time = start + 60 * s, start + 60 * s + 30
    return feed.SerializeToString()


def main() -> None:
    trips = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    body = build(trips)
    static = gtfs_rt.load_static(default_fixtures_dir() / "gtfs/static")
    decode, join = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        feed = gtfs_rt.decode_feed(body, "application/x-protobuf")
        t1 = time.perf_counter()
        records = gtfs_rt.departures(static, feed, STOPS, NOW)
        t2 = time.perf_counter()
        decode.append(t1 - t0)
        join.append(t2 - t1)
    print(f"feed {len(body) / 1e6:.1f} MB, {trips + 3} trip updates, {len(records)} rows")
    ms = {name: statistics.median(values) * 1000 for name, values in (("decode", decode), ("join", join))}
    print(f"decode median {ms['decode']:.0f} ms, join median {ms['join']:.0f} ms")


if __name__ == "__main__":
    main()
