"""The one way to run work off the GUI thread: every result or failure comes back to the GUI thread.

The first round submitted lambdas to thread pools and never read the futures: an exception in a worker (a full
disk while saving last good data, a picture that crashed the decoder, a reload that raised) vanished, and
whatever waited for the result waited for ever (a source never polled again, hot reload stuck "busy"). Here a
job's callable runs in a worker thread; its value goes to ``on_result`` and its exception to ``on_error`` (or
to the log, once per job name until that job succeeds again), both called in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Outcome:
    name: str
    value: Any
    error: BaseException | None
    on_result: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None


class Workers(QObject):
    """A small pool of worker threads with supervised jobs.

    Args:
        name: Prefix of the worker threads' names (seen in a stack dump and the leak check).
        threads: How many jobs run at once.
        parent: The Qt parent.
    """

    _done = Signal(object)

    def __init__(self, name: str, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self.failing: set[str] = set()  # job names whose last run failed (logged once)
        self._closed = threading.Event()
        self._done.connect(self._deliver)

    def submit(
        self,
        name: str,
        work: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Run ``work()`` in a worker; ``on_result(value)`` or ``on_error(exc)`` follow in the GUI thread.

        Returns False when the pool is shut down (nothing will be called back).
        """
        if self._closed.is_set():
            return False

        def job() -> None:
            try:
                value, error = work(), None
            except Exception as exc:  # supervision boundary: every failure is delivered, none is lost
                value, error = None, exc
            if not self._closed.is_set():
                self._done.emit(_Outcome(name, value, error, on_result, on_error))

        try:
            self.pool.submit(job)
        except RuntimeError:  # shut down between the check and the submit
            return False
        return True

    def _deliver(self, outcome: _Outcome) -> None:
        if self._closed.is_set():
            return
        try:
            if outcome.error is not None:
                self._failed(outcome.name, outcome.error)
                if outcome.on_error is not None:
                    outcome.on_error(outcome.error)
                return
            if outcome.name in self.failing:
                self.failing.discard(outcome.name)
                log.info("%s works again", outcome.name)
            outcome.on_result(outcome.value)
        except Exception:  # supervision boundary: a failing callback must not stop the event loop
            log.exception("handling the result of %s failed", outcome.name)

    def _failed(self, name: str, error: BaseException) -> None:
        if name in self.failing:
            return  # logged when it started failing; said again only after it worked once
        self.failing.add(name)
        log.error("%s failed: %s", name, error, exc_info=(type(error), error, error.__traceback__))

    def shutdown(self, wait: bool = False) -> None:
        """No more jobs; queued ones are cancelled and running ones are not waited for unless ``wait``."""
        self._closed.set()
        self.pool.shutdown(wait=wait, cancel_futures=True)
