"""APScheduler in the Qt event loop: one pending date job, re-armed at every resolver deadline.

APScheduler removes a date job by its id once its run has returned. The first version re-added the job under
the same id from inside its own run, so the removal hit the new job and playback stopped after the first
switch. Every arming therefore gets a fresh id, and arming from inside a run never touches the running job.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.debug import DebugExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.qt import QtScheduler

log = logging.getLogger(__name__)


class DeadlineScheduler:
    """Runs one callback at the next deadline (a later ``arm`` replaces an earlier one that has not run).

    The DebugExecutor runs jobs in the Qt main thread, so the callback may touch widgets (the default
    executor would call it from a worker thread).
    """

    def __init__(self) -> None:
        self.scheduler = QtScheduler(executors={"default": DebugExecutor()}, timezone=UTC)
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
