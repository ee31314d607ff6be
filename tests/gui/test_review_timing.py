"""Review of issue 9: the scheduler behind playback stays as cheap at the hundredth switch as at the first."""

from __future__ import annotations

import itertools
import logging
import time

from kiosk.runtime.timing import DeadlineScheduler

SWITCHES = 12
PASS_MESSAGE = "Looking for jobs to run"  # APScheduler logs it at every pass over its job store


def test_wake_ups_do_not_pile_up_switch_after_switch(qtbot, caplog) -> None:
    """PySide6's ``QTimer.singleShot`` returns None, so the stock QtScheduler could never cancel a wake-up:
    every arming left one more armed for good, and the N-th switch cost N+2 scheduler passes (plus a spin
    of 0 ms wake-ups just before each deadline). A kiosk that switches every 10 s for a month must not."""
    fired: list[float] = []
    passes: list[int] = []
    scheduler = DeadlineScheduler()

    def again() -> None:
        fired.append(time.monotonic())
        passes.append(sum(PASS_MESSAGE in r.getMessage() for r in caplog.records))
        if len(fired) < SWITCHES:
            scheduler.arm(0.1, again)

    try:
        with caplog.at_level(logging.DEBUG, logger="apscheduler.scheduler"):
            scheduler.arm(0.1, again)
            qtbot.waitUntil(lambda: len(fired) == SWITCHES, timeout=10_000)
        per_switch = [b - a for a, b in itertools.pairwise(passes)]
        assert max(per_switch[-4:]) <= 3, per_switch  # one wake-up per deadline (and the re-arming's)
        assert scheduler.pending() == 0
    finally:
        scheduler.shutdown()
