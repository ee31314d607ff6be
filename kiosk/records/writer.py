"""One thread that appends records to their logs, so a flush to an SD card never holds up a switch.

The queue is never dropped: ``close()`` writes what is queued (within a time limit) and flushes, so the
record of the slide on screen at stop is in the file. A failing disk is reported once per log through
``on_problem`` (and its recovery once); records that could not be written are lost, never retried in a
loop that fills the journal.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from kiosk.records.jsonl import JsonlFile

log = logging.getLogger(__name__)

_Job = tuple[JsonlFile, dict[str, Any]] | None


class RecordWriter:
    def __init__(self, on_problem: Callable[[str, bool], None] | None = None) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._failing: set[str] = set()
        self._on_problem = on_problem or _log_problem
        self._files: list[JsonlFile] = []
        self._thread = threading.Thread(target=self._serve, name="records", daemon=True)
        self._thread.start()
        self._closed = False

    def put(self, target: JsonlFile, record: dict[str, Any]) -> None:
        if not self._closed:
            self._jobs.put((target, record))

    def close(self, timeout_s: float = 3.0) -> bool:
        """Write what is queued, flush and close every file; False if that took longer than allowed."""
        if self._closed:
            return True
        self._closed = True
        self._jobs.put(None)
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            target, record = job
            if target not in self._files:
                self._files.append(target)
            try:
                target.append(record)
            except OSError as error:
                self._problem(target, error)
            else:
                self._recovered(target)
        for target in self._files:
            try:
                target.close()
            except OSError as error:
                self._problem(target, error)

    def _problem(self, target: JsonlFile, error: OSError) -> None:
        key = str(target.path)
        if key not in self._failing:
            self._failing.add(key)
            self._on_problem(f"{target.path} cannot be written: {error}", True)

    def _recovered(self, target: JsonlFile) -> None:
        key = str(target.path)
        if key in self._failing:
            self._failing.discard(key)
            self._on_problem(f"{target.path} is written again", False)


def _log_problem(message: str, failing: bool) -> None:
    (log.error if failing else log.info)("records: %s", message)
