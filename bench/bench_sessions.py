"""Sessions on the shipped Stadthafen stele, offscreen: how long a tap takes to show the next page, how
long a settings change (language, large text) takes to rebuild the screen, and whether memory and
widgets come back after many sessions (a terminal runs for months).

Each session: a touch on the attract screen, three pages down the tree and back, the accessibility
panel with a language change and large text, then the idle reset. Prints p50/p95 and RSS; no pass/fail.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_sessions.py [SESSIONS]
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KIOSK_OFFLINE"] = "1"
os.environ["KIOSK_CACHE_DIR"] = tempfile.mkdtemp()

from PySide6.QtCore import QCoreApplication, QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.runtime.app import prepare_qt  # noqa: E402

prepare_qt()
app = QApplication([])

from kiosk.config.loader import load_content  # noqa: E402
from kiosk.runtime.shell import Shell  # noqa: E402
from kiosk.schedule.clock import FixedClock  # noqa: E402

JOURNEY = ["mobilitaet", "parken", "rathaus", "buergerservice", "sport-ehrenamt", "sporthallen"]


def rss_mb() -> float:
    with open("/proc/self/status") as status:  # current, not peak
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def drain() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    gc.collect()


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    app.processEvents()  # the new screen is laid out and painted in this pass
    return (time.perf_counter() - start) * 1000


def main(sessions: int) -> None:
    content = load_content(REPO).content
    clock = FixedClock(datetime(2025, 10, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    shell = Shell(
        content,
        "stadthafen-stele",
        (1080, 1920),
        kiosk_mode=False,
        live=False,
        clock=clock,
        schedule_at=lambda d, s: None,
        animate=False,
        web=False,
        data_dir=Path(tempfile.mkdtemp()),
    )
    shell.window.show()
    shell.start()
    session = shell.interaction
    assert session is not None
    while shell.pages.pending:  # icons and pictures decoded once, as on a device after start
        app.processEvents()
    pages: list[float] = []
    rebuilds: list[float] = []
    counts: list[int] = []
    rss: list[float] = []
    for n in range(sessions):
        session.start_session()
        for page_id in JOURNEY:
            pages.append(timed(lambda p=page_id: session.open_page(p)))
        pages.append(timed(session.home))
        session.open_panel()
        rebuilds.append(timed(lambda: session.apply_settings(replace(session.settings, language="en"))))
        rebuilds.append(timed(lambda: session.apply_settings(replace(session.settings, large_text=True))))
        clock.set(clock.now() + timedelta(minutes=5))
        session.tick()  # warning
        clock.set(clock.now() + timedelta(minutes=5))
        session.tick()  # reset
        drain()
        counts.append(len(shell.window.findChildren(QObject)))
        rss.append(rss_mb())
        if n == 0 or (n + 1) % max(1, sessions // 5) == 0:
            print(f"after session {n + 1}: {rss[-1]:.0f} MB RSS, {counts[-1]} objects in the window")
    shell.stop()

    def pct(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100)[round(q) - 1] if len(values) > 1 else values[0]

    print(f"{sessions} sessions, {len(pages)} page opens, {len(rebuilds)} settings rebuilds (1080×1920)")
    print(f"tap → next page shown      p50 {pct(pages, 50):6.1f} ms   p95 {pct(pages, 95):6.1f} ms")
    print(f"settings → screen rebuilt  p50 {pct(rebuilds, 50):6.1f} ms   p95 {pct(rebuilds, 95):6.1f} ms")
    warm = max(1, sessions // 10)
    print(
        f"RSS after session {warm}: {rss[warm - 1]:.0f} MB; after session {sessions}: {rss[-1]:.0f} MB "
        f"({rss[-1] - rss[warm - 1]:+.1f} MB); objects in the window {counts[warm - 1]} → {counts[-1]}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
