"""Largest GUI event-loop stall while every data source refreshes at once (target ≤ 16 ms).

A DataHub with one source per connector kind polls the fake city platform on loopback; a 5 ms QTimer
measures the longest gap of the GUI thread. Prints figures; no pass/fail.
Run: .venv/bin/python bench/bench_data_stall.py [ROUNDS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.runtime.app import prepare_qt  # noqa: E402

prepare_qt()
app = QApplication([])

from kiosk.config.loader import load_content  # noqa: E402
from kiosk.data.connectors.registry import connector_for  # noqa: E402
from kiosk.data.coordinator import Coordinator  # noqa: E402
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir  # noqa: E402
from kiosk.runtime.datahub import DataHub  # noqa: E402
from kiosk.schedule.clock import FixedClock  # noqa: E402
from tests.minipack import write_minipack  # noqa: E402

SOURCES = {  # id: (kind, path, params) — one per connector kind, as routes.json serves them
    "ckan": (
        "ckan-datastore",
        "/opendata-hro/api/3/action/datastore_search",
        {"resource_id": "5d3c1f0e-8a2b-4c7d-9e11-2f6a7b8c9d01"},
    ),
    "ngsild": ("ngsi-ld", "/ngsi-ld/v1/entities", {"type": "OffStreetParking"}),
    "ngsiv2": ("ngsi-v2", "/v2/entities", {"type": "OffStreetParking", "options": "keyValues"}),
    "klarschiff": ("open311", "/citysdk/requests.json", {"extensions": "true"}),
    "pegel": ("pegelonline", "/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json", {}),
    "wetter": ("brightsky-weather", "/current_weather", {"lat": "54.18", "lon": "12.08"}),
    "dwdalerts": ("brightsky-alerts", "/alerts", {"lat": "54.09", "lon": "12.13"}),
    "nina": ("nina", "/api31/dashboard/130030000000.json", {}),
    "warnapp": ("dwd-warnings", "/DWD/warnungen/warnapp/json/warnings.json", {}),
    "termine": ("ical", "/events/rostock.ics", {}),
    "news": ("rss", "/events/rss.xml", {}),
    "abfahrten": ("gtfs-rt", "/gtfsrt/tripupdates.pb", {}),
}


def main(rounds: int) -> None:
    sim = PlatformSim(default_fixtures_dir()).start()
    root = write_minipack(Path(tempfile.mkdtemp()) / "pack")
    shutil.copytree(default_fixtures_dir() / "gtfs/static", root / "content/gtfs-static")
    for sid, (kind, path, params) in SOURCES.items():
        lines = [f"name: {sid}", f"kind: {kind}", f"url: {sim.url}{path}", "refresh: 1m", "stale_after: 1h"]
        lines += ["params:"] + [f'  {k}: "{v}"' for k, v in params.items()] if params else []
        lines += ["static: gtfs-static"] if kind == "gtfs-rt" else []
        (root / f"device-config/sources/{sid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    content = load_content(root).content
    hub = DataHub(content, "stele", FixedClock(datetime(2025, 10, 18, 12, 30, tzinfo=UTC)), root / "state")
    for sid in SOURCES:  # poll every source, whatever the small pack shows
        if sid not in hub.coordinators:
            source = content.sources[sid].model
            hub.coordinators[sid] = Coordinator(
                sid,
                source,
                connector_for(source.kind),
                hub.store,
                hub.clock,
                hub._context,
                snapshot_dir=content.content_dir,
                gate=hub.gate,
            )
            timer = QTimer(hub)
            timer.setSingleShot(True)
            hub.timers[sid] = timer
    hub.workers.ensure(len(hub.coordinators), start=True)  # as DataHub does for its own sources
    clock = QElapsedTimer()
    worst_per_round = []
    gaps: list[float] = []  # every tick's lateness, all rounds: for the p99
    for _ in range(rounds):
        done: set[str] = set()
        hub.updated.connect(lambda sid, st, done=done: done.add(sid))
        last, worst = 0, 0
        clock.start()
        meter = QTimer()

        def tick() -> None:
            nonlocal last, worst
            now = clock.elapsed()
            worst = max(worst, now - last)
            gaps.append(max(0, now - last - 5))
            last = now

        meter.timeout.connect(tick)
        meter.start(5)
        for sid in hub.coordinators:
            hub._refresh(sid)
        while len(done) < len(hub.coordinators) and clock.elapsed() < 30_000:
            app.processEvents()
        meter.stop()
        worst_per_round.append(worst - 5)  # minus the timer's own period
    hub.stop()
    sim.stop()
    median, worst = statistics.median(worst_per_round), max(worst_per_round)
    p99 = sorted(gaps)[max(0, round(0.99 * len(gaps)) - 1)] if gaps else 0.0
    print(
        f"{len(hub.coordinators)} sources refreshed at once, {rounds} rounds: largest GUI stall "
        f"median {median:.0f} ms, max {worst:.0f} ms, p99 {p99:.0f} ms (target ≤ 16 ms)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
