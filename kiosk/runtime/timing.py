"""APScheduler in the Qt event loop: one job, re-armed at every resolver deadline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler

log = logging.getLogger(__name__)


class DeadlineScheduler:
    """Fires ``callback`` at the next deadline. The DebugExecutor runs jobs in the Qt main thread, so the
    callback may touch widgets (the default executor would call it from a worker thread)."""

    JOB_ID = "next-deadline"

    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback
        self.scheduler = QtScheduler(executors={"default": DebugExecutor()}, timezone=UTC)
        self.scheduler.start()

    def arm(self, deadline: datetime | None, delay_s: float) -> None:
        """Run the callback at ``deadline`` (or after ``delay_s`` seconds when there is none)."""
        when = deadline if deadline is not None else datetime.now(UTC) + timedelta(seconds=delay_s)
        # misfire grace: a suspended or very busy device still switches when it wakes up
        self.scheduler.add_job(
            self.callback,
            "date",
            run_date=when,
            id=self.JOB_ID,
            replace_existing=True,
            misfire_grace_time=3600,
            coalesce=True,
        )

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
