"""APScheduler's QtScheduler fires the player's deadline in the Qt main thread, again and again."""

from __future__ import annotations

import threading

from kiosk.runtime.timing import DeadlineScheduler


def test_deadline_fires_once_in_the_main_thread(qtbot) -> None:
    calls: list[str] = []
    scheduler = DeadlineScheduler()
    try:
        scheduler.arm(0.3, lambda: calls.append(threading.current_thread().name))
        scheduler.arm(0.2, lambda: calls.append(threading.current_thread().name))  # replaces the first
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
        qtbot.wait(400)
        assert calls == [threading.main_thread().name]
        assert scheduler.pending() == 0
    finally:
        scheduler.shutdown()


def test_a_job_that_re_arms_itself_keeps_firing(qtbot) -> None:
    """The first round's bug: re-armed from inside its own run, the new job was removed when the run
    returned, and playback stopped after the first switch."""
    fired: list[int] = []
    scheduler = DeadlineScheduler()

    def again() -> None:
        fired.append(len(fired))
        if len(fired) < 5:
            scheduler.arm(0.05, again)

    try:
        scheduler.arm(0.05, again)
        qtbot.waitUntil(lambda: len(fired) == 5, timeout=5000)
        assert scheduler.pending() == 0
    finally:
        scheduler.shutdown()
