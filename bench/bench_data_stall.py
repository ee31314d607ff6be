"""Largest GUI event-loop stall while every data source refreshes at once (target ≤ 16 ms).

A DataHub with one source per connector kind polls the fake city platform on loopback; a 5 ms QTimer
measures the longest gap of the GUI thread. With ``--transitions`` (issue 13, d) the bench carousel
(1920×1080, three text slides, a 0.7 s crossfade every 2 s) plays in a real Shell meanwhile, and each
round's refresh starts as a slide begins to fade in: the gaps are measured over the fade and the refresh;
rounds of the fade alone are the baseline. Prints figures; no pass/fail.
Run: .venv/bin/python bench/bench_data_stall.py [ROUNDS] [--transitions]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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


FADE_MS = 700  # the kiosk's crossfade (kiosk/ui/transition.py)
SECONDS = 2.0  # each carousel slide (bench/carousel.py)


class Carousel:
    """The bench carousel playing in a real Shell on real time, as ``kiosk run`` plays it (offscreen)."""

    def __init__(self) -> None:
        from bench.carousel import SIZE, write_pack
        from kiosk.runtime.shell import Shell
        from kiosk.runtime.timing import DeadlineScheduler
        from kiosk.schedule.clock import RunClock

        pack = write_pack(Path(tempfile.mkdtemp()) / "carousel")
        content = load_content(pack).content
        self.scheduler = DeadlineScheduler()
        self.switches: list[int] = []
        self.shell = Shell(
            content,
            "carousel",
            SIZE,
            kiosk_mode=False,
            clock=RunClock(datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))),
            schedule_at=lambda _deadline, delay: self.scheduler.arm(delay, self.shell.player.tick),
            web=False,
            animate=True,
            live=False,
            speech=False,
            records=False,
        )
        shown = self.shell.player.on_shown

        def switched(zone: str, playlist: str | None, slide: str | None) -> None:
            self.switches.append(len(self.switches))
            if shown is not None:
                shown(zone, playlist, slide)

        self.shell.player.on_shown = switched
        self.shell.window.show()
        self.shell.start()

    def wait_for_switch(self) -> None:
        """Until the next slide starts to fade in."""
        seen = len(self.switches)
        while len(self.switches) == seen:
            app.processEvents()
        self.switched_at = time.monotonic()

    def approach(self, before_s: float = 0.15) -> None:
        """Until ``before_s`` before the next switch (slides last 2 s): the measurement then sees the
        whole switch, the building of the two still pictures of the fade included."""
        self.wait_for_switch()
        while time.monotonic() < self.switched_at + SECONDS - before_s:
            app.processEvents()

    def stop(self) -> None:
        self.scheduler.shutdown()
        self.shell.stop()


def measure(work: Callable[[], None], finished: Callable[[], bool], at_least_ms: int) -> list[float]:
    """Every gap of a 5 ms timer beyond its period while ``work`` runs, until ``finished()`` and at
    least ``at_least_ms`` have passed (at most 30 s)."""
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = 0

    def tick() -> None:
        nonlocal last
        now = clock.elapsed()
        gaps.append(max(0, now - last - 5))
        last = now

    meter = QTimer()
    meter.timeout.connect(tick)
    clock.start()
    meter.start(5)
    work()
    while (not finished() or clock.elapsed() < at_least_ms) and clock.elapsed() < 30_000:
        app.processEvents()
    meter.stop()
    return gaps


def p99(gaps: list[float]) -> float:
    return sorted(gaps)[max(0, round(0.99 * len(gaps)) - 1)] if gaps else 0.0


def main(rounds: int, transitions: bool = False) -> None:
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
    carousel = Carousel() if transitions else None

    def refresh() -> None:
        for sid in hub.coordinators:
            hub._refresh(sid)

    def switch_and_refresh() -> None:
        assert carousel is not None
        carousel.wait_for_switch()
        refresh()

    worst_per_round: list[float] = []
    gaps: list[float] = []  # every tick's lateness, all rounds: for the p99
    fade_worst: list[float] = []
    fade_gaps: list[float] = []
    for _ in range(rounds):
        done: set[str] = set()
        hub.updated.connect(lambda sid, st, done=done: done.add(sid))

        work, at_least = refresh, 0
        if carousel is not None:
            carousel.approach()  # the switch and its fade alone, as the baseline
            alone = measure(carousel.wait_for_switch, lambda: True, 150 + FADE_MS + 100)
            fade_worst.append(max(alone, default=0))
            fade_gaps += alone
            carousel.approach()  # the next switch: every source refreshes as its fade begins
            work, at_least = switch_and_refresh, 150 + FADE_MS + 100
        round_gaps = measure(work, lambda done=done: len(done) >= len(hub.coordinators), at_least)
        worst_per_round.append(max(round_gaps, default=0))
        gaps += round_gaps
    if carousel is not None:
        carousel.stop()
    hub.stop()
    sim.stop()
    median, worst = statistics.median(worst_per_round), max(worst_per_round)
    during = " during crossfades" if carousel is not None else ""
    print(
        f"{len(hub.coordinators)} sources refreshed at once{during}, {rounds} rounds: largest GUI stall "
        f"median {median:.0f} ms, max {worst:.0f} ms, p99 {p99(gaps):.0f} ms (target ≤ 16 ms)"
    )
    if carousel is not None:
        print(
            f"crossfades alone (1920×1080 text slides), {rounds} rounds: largest GUI stall median "
            f"{statistics.median(fade_worst):.0f} ms, max {max(fade_worst):.0f} ms, "
            f"p99 {p99(fade_gaps):.0f} ms"
        )


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 10, transitions="--transitions" in sys.argv[1:])
