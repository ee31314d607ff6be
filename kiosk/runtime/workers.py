"""The one way to run work off the GUI thread: every result or failure comes back to the GUI thread.

The first round submitted lambdas to thread pools and never read the futures: an exception in a worker (a full
disk while saving last good data, a picture that crashed the decoder, a reload that raised) vanished, and
whatever waited for the result waited for ever (a source never polled again, hot reload stuck "busy"). Here a
job's callable runs in a worker thread; its value goes to ``on_result`` and its exception to ``on_error`` (or
to the log, once per job name until that job succeeds again), both called in the GUI thread.

The threads are daemon threads of our own, not a ``concurrent.futures`` pool: Python joins that pool's
threads when the interpreter exits, so one request that a server never answered (or trickled, which
``requests``' per-read timeout never trips) kept a kiosk alive after SIGTERM until systemd killed it.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable
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


def _serve(jobs: queue.SimpleQueue[Callable[[], None] | None]) -> None:
    while (job := jobs.get()) is not None:
        with contextlib.suppress(RuntimeError):  # emitting to a Workers deleted at exit: nobody waits
            job()
        del job  # a finished job's closure holds its Workers: let it go while this thread waits


def _release(jobs: queue.SimpleQueue[Callable[[], None] | None], threads: list[threading.Thread]) -> None:
    for _ in threads:
        jobs.put(None)  # each thread ends after the job it runs now


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
        self.size = threads
        self.failing: set[str] = set()  # job names whose last run failed (logged once)
        self._closed = threading.Event()
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []  # started on demand, up to ``size``
        self._lock = threading.Lock()
        self._running: dict[int, tuple[str, float]] = {}  # thread id -> (job name, monotonic start)
        self._done.connect(self._deliver)
        # the threads hold the queue, not this object: one dropped without shutdown() still ends them
        weakref.finalize(self, _release, self._jobs, self._threads)

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
            ident = threading.get_ident()
            self._running[ident] = (name, time.monotonic())  # for the health check (busy())
            try:
                value, error = work(), None
            except Exception as exc:  # supervision boundary: every failure is delivered, none is lost
                value, error = None, exc
            finally:
                self._running.pop(ident, None)
            if not self._closed.is_set():
                self._done.emit(_Outcome(name, value, error, on_result, on_error))

        with self._lock:
            if self._closed.is_set():  # shut down between the check and here
                return False
            self._jobs.put(job)
            if len(self._threads) < self.size:
                self._start_thread()
        return True

    def busy(self) -> list[tuple[str, float]]:
        """(job name, seconds it has run) of every job running now: the watchdog's health check finds a
        job stuck far past its deadline here (a thread cannot be stopped from outside, only reported)."""
        now = time.monotonic()
        return [(name, now - start) for name, start in list(self._running.values())]

    def _start_thread(self) -> None:
        """One more worker thread (the lock is held)."""
        thread = threading.Thread(
            target=_serve, args=(self._jobs,), name=f"{self.name}_{len(self._threads)}", daemon=True
        )
        thread.start()
        self._threads.append(thread)

    def ensure(self, threads: int, start: bool = False) -> None:
        """Let up to ``threads`` jobs run at once (the pool never shrinks). Threads start on demand, or
        now with ``start``: starting a thread waits until it runs, which under load (other threads busy
        under the GIL) stalls the caller, so a pool that will be busy at once is better started early."""
        with self._lock:
            self.size = max(self.size, threads)
            while start and len(self._threads) < self.size and not self._closed.is_set():
                self._start_thread()

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
        """No more jobs; queued ones are cancelled and running ones are not waited for unless ``wait``
        (a running one never delays the exit of the process: its thread is a daemon)."""
        with self._lock:
            self._closed.set()
            with contextlib.suppress(queue.Empty):
                while True:
                    self._jobs.get_nowait()  # queued, not started: cancelled
            _release(self._jobs, self._threads)
        if wait:
            for thread in self._threads:
                thread.join()
