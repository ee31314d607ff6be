"""APScheduler in the Qt event loop: one pending date job, re-armed at every resolver deadline.

APScheduler removes a date job by its id once its run has returned. The first version re-added the job under
the same id from inside its own run, so the removal hit the new job and playback stopped after the first
switch. Every arming therefore gets a fresh id, and arming from inside a run never touches the running job.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import Qt, QTimer

log = logging.getLogger(__name__)

MAX_WAIT_MS = 2_147_483_647  # QTimer takes a 32-bit int


class _QtScheduler(QtScheduler):  # type: ignore[misc]  # APScheduler has no type hints
    """APScheduler's QtScheduler with one wake-up timer that it can stop.

    The stock one keeps what ``QTimer.singleShot`` returns in order to cancel it, but PySide6 returns None:
    no wake-up is ever cancelled. Each ``add_job`` added one more that stayed armed and re-armed itself when
    it fired, so at the N-th switch the scheduler woke N+2 times (a kiosk switching every 10 s would have
    run tens of thousands of scheduler passes per switch after a month). It also rounded the wait down to
    whole milliseconds and spun in 0 ms wake-ups just before every deadline. One precise single-shot timer,
    restarted, fixes both (a coarse timer may also be 5 % late: half a second on a 10 s slide).
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._wake = QTimer()
        self._wake.setSingleShot(True)
        self._wake.setTimerType(Qt.TimerType.PreciseTimer)
        self._wake.timeout.connect(self._process_jobs)

    def _start_timer(self, wait_seconds: float | None) -> None:
        self._wake.stop()
        if wait_seconds is not None:
            self._wake.start(min(math.ceil(wait_seconds * 1000), MAX_WAIT_MS))

    def _stop_timer(self) -> None:
        self._wake.stop()


class DeadlineScheduler:
    """Runs one callback at the next deadline (a later ``arm`` replaces an earlier one that has not run).

    The DebugExecutor runs jobs in the Qt main thread, so the callback may touch widgets (the default
    executor would call it from a worker thread).
    """

    def __init__(self) -> None:
        self.scheduler = _QtScheduler(executors={"default": DebugExecutor()}, timezone=UTC)
        self.scheduler.start()
        self._ids = itertools.count(1)
        self._pending: str | None = None  # the armed job that has not started yet
        self._running: str | None = None  # the job whose callback runs now (APScheduler removes it after)

    def arm(self, delay_s: float, callback: Callable[[], None]) -> None:
        """Run ``callback`` in ``delay_s`` seconds of real time, instead of whatever was armed before."""
        if self._pending is not None and self._pending != self._running:
            with contextlib.suppress(JobLookupError):  # it ran meanwhile (its run removed it)
                self.scheduler.remove_job(self._pending)
        job_id = f"deadline-{next(self._ids)}"
        self._pending = job_id

        def fire() -> None:
            self._running = job_id
            if self._pending == job_id:
                self._pending = None
            try:
                callback()
            finally:
                self._running = None

        # misfire grace: a suspended or very busy device still switches when it wakes up
        self.scheduler.add_job(
            fire,
            "date",
            run_date=datetime.now(UTC) + timedelta(seconds=max(0.0, delay_s)),
            id=job_id,
            misfire_grace_time=3600,
            coalesce=True,
        )

    def pending(self) -> int:
        """How many jobs wait (one at most: what a leak check and the tests look at)."""
        return len(self.scheduler.get_jobs())

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
