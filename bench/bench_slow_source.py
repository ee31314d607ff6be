"""One source on a 1 byte/s drip beside one healthy source of every connector kind: do the others still
update on time, is the drip abandoned at its deadline, and how long does the GUI stall?

A DataHub on real time polls the fake city platform on loopback; every source refreshes every 10 s (all
at once, since they start together), the dripping one has a 30 s deadline (so it holds a worker for
three rounds of the others). A 5 ms QTimer measures the longest gap of the GUI thread. Prints figures;
no pass/fail (targets: healthy sources every 10 s plus their fetch time, GUI stall ≤ 16 ms).
Run: .venv/bin/python bench/bench_slow_source.py [SECONDS]
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_data_stall import REPO, SOURCES, app

sys.path.insert(0, str(REPO))
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.config.loader import load_content
from kiosk.data.connectors.registry import connector_for
from kiosk.data.coordinator import Coordinator
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from kiosk.runtime.datahub import DataHub
from kiosk.schedule.clock import SystemClock
from tests.minipack import write_minipack

SLOW = "tropf"
SLOW_PATH = "/tropf/api31/dashboard/130030000000.json"


def _write_sources(root: Path, base: str) -> None:
    for sid, (kind, path, params) in SOURCES.items():
        lines = [f"name: {sid}", f"kind: {kind}", f"url: {base}{path}", "refresh: 10s", "stale_after: 1h"]
        lines += ["params:"] + [f'  {k}: "{v}"' for k, v in params.items()] if params else []
        lines += ["static: gtfs-static"] if kind == "gtfs-rt" else []
        (root / f"device-config/sources/{sid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    slow = [f"name: {SLOW}", "kind: nina", f"url: {base}{SLOW_PATH}", "refresh: 10s", "timeout: 30s"]
    (root / f"device-config/sources/{SLOW}.yaml").write_text("\n".join(slow) + "\n", encoding="utf-8")


def main(seconds: float) -> None:
    sim = PlatformSim(default_fixtures_dir()).start()
    sim.add_route(SLOW_PATH, "[]" + " " * 2000)
    sim.set_faults(SLOW_PATH, drip=1)
    root = write_minipack(Path(tempfile.mkdtemp()) / "pack")
    shutil.copytree(default_fixtures_dir() / "gtfs/static", root / "content/gtfs-static")
    _write_sources(root, sim.url)
    content = load_content(root).content
    hub = DataHub(content, "stele", SystemClock(), root / "state")
    for sid in [*SOURCES, SLOW]:  # poll every source, whatever the small pack shows
        if sid not in hub.coordinators:
            source = content.sources[sid].model
            hub.coordinators[sid] = Coordinator(
                sid,
                source,
                connector_for(source.kind),
                hub.store,
                hub.clock,
                hub._context,
                content.content_dir,
                gate=hub.gate,
            )
            timer = QTimer(hub)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda sid=sid: hub._refresh(sid))
            hub.timers[sid] = timer
    updates: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, str] = {}
    hub.updated.connect(
        lambda sid, st: (updates[sid].append(time.monotonic()), errors.update({sid: st.last_error}))
    )
    hub.workers.ensure(len(hub.coordinators), start=True)  # as DataHub does for its own sources
    clock = QElapsedTimer()
    last, worst = 0, 0

    def tick() -> None:
        nonlocal last, worst
        now = clock.elapsed()
        worst = max(worst, now - last)
        last = now

    meter = QTimer()
    meter.timeout.connect(tick)
    clock.start()
    meter.start(5)
    started = time.monotonic()
    for sid in hub.coordinators:
        hub._refresh(sid)
    while time.monotonic() - started < seconds:
        app.processEvents()
        time.sleep(0.001)
    meter.stop()
    stopping = time.monotonic()
    hub.stop()
    sim.wait_for_request(SLOW_PATH, timeout=1)
    time.sleep(0.3)
    endings = sim.endings
    sim.stop()

    healthy = len(hub.coordinators) - 1
    print(f"{healthy} healthy sources + 1 on a 1 byte/s drip (deadline 30 s), {seconds:.0f} s:")
    for sid in SOURCES:
        times = updates.get(sid, [])
        gaps = [b - a for a, b in itertools.pairwise(times)]
        said = f"  error: {errors[sid]}" if errors.get(sid) else ""
        first = f"first after {times[0] - started:5.2f} s" if times else "never updated"
        span = (
            f"intervals {min(gaps):5.2f}–{max(gaps):5.2f} s (median {statistics.median(gaps):5.2f})"
            if gaps
            else ""
        )
        print(f"  {sid:11s} {len(times):2d} updates, {first}, {span}{said}")
    for ending in endings:
        print(
            f"  {SLOW}: request at {ending.request.received - started:5.2f} s {ending.outcome} after "
            f"{ending.after:5.2f} s ({ending.sent} of {ending.total} bytes)"
            + (" — by stop()" if ending.at >= stopping else "")
        )
    print(f"largest GUI stall over the run (all sources refresh every 10 s): {worst - 5} ms (target ≤ 16 ms)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 45)
