"""Time from a resolver deadline to the new slide on screen, offscreen, on the shipped Stadthafen stele.

Prepared: the player staged the next slide ahead (the normal case). Cold: nothing staged, so the picture
is decoded and scaled at the switch (after a crash or a hot reload). Prints p50/p95; no pass/fail.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_switch.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ["KIOSK_CACHE_DIR"] = tempfile.mkdtemp()

from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.runtime.app import prepare_qt  # noqa: E402

prepare_qt()
app = QApplication([])

from kiosk.config.loader import load_content  # noqa: E402
from kiosk.runtime.shell import Shell  # noqa: E402
from kiosk.schedule.clock import FixedClock  # noqa: E402


def settle(shell: Shell) -> None:
    while not shell.player.settled():
        app.processEvents()


def measure(prepared: bool, switches: int = 40) -> list[float]:
    content = load_content(REPO).content
    clock = FixedClock(datetime(2026, 8, 7, 11, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    deadlines: list[datetime | None] = []
    shell = Shell(content, "stadthafen-stele", (1080, 1920), False, clock, lambda d, s: deadlines.append(d),
                  web=False, animate=False, live=False)  # fmt: skip
    shell.window.show()
    shell.start()
    settle(shell)
    samples = []
    zone = shell.window.zones["inhalt"]
    for _ in range(switches):
        app.processEvents()
        if not prepared:
            for state in shell.player.zones.values():
                state.staged.clear()
        before = zone.current
        deadline = deadlines[-1]
        assert deadline is not None
        clock.set(deadline)
        start = time.perf_counter()
        shell.player.tick()
        settle(shell)
        app.processEvents()
        if zone.current is not before:
            samples.append((time.perf_counter() - start) * 1000)
    shell.stop()
    shell.window.close()
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"{name}: {len(samples)} switches, p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    report("deadline → new slide on screen (prepared ahead)", measure(prepared=True))
    report("deadline → new slide on screen (cold, nothing staged)", measure(prepared=False))
