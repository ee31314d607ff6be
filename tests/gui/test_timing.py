"""APScheduler's QtScheduler fires the player's deadline in the Qt main thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from kiosk.runtime.timing import DeadlineScheduler


def test_deadline_fires_once_in_the_main_thread(qtbot) -> None:
    calls: list[str] = []
    scheduler = DeadlineScheduler(lambda: calls.append(threading.current_thread().name))
    try:
        scheduler.arm(datetime.now(UTC) + timedelta(milliseconds=300), 0.3)
        scheduler.arm(datetime.now(UTC) + timedelta(milliseconds=200), 0.2)  # re-armed: replaces the first
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
        qtbot.wait(400)  # deliberately real time: past the replaced deadline, which must not fire too
        assert calls == [threading.main_thread().name]
    finally:
        scheduler.shutdown()
