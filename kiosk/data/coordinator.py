"""One coordinator per data source (the Home Assistant pattern): it fetches through its connector,
keeps the last good data on disk, knows when to try next (backoff with jitter after failures), and
says whether the data is fresh. Pure Python: the runtime runs ``refresh()`` in a worker thread.

When to poll (``_next_due``, the one place that decides it):

- after a success (a body or a 304): the source's ``refresh`` interval;
- after failures: the interval doubled per consecutive failure, at most ``BACKOFF_CAP`` times it (but
  never more than ``MAX_BACKOFF``, unless the interval itself is longer); warning sources
  (``QUICK_RETRY_KINDS``) at most twice it, so a warning issued during an outage is seen soon after;
  then up to 20 % later (jitter, so kiosks that lost the network together do not return in step),
  never sooner: a retry never comes faster than the interval the operator configured (counted from the
  moment the attempt failed, so a server that took its whole deadline to fail still gets its rest);
- a ``Retry-After`` from the server (capped at ``MAX_RETRY_AFTER``) is honoured when it asks for more.

The first failure is logged once with the API's own error message; the retries are not logged again.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from kiosk.config.catalogue import ALERT_KINDS
from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.deadline import Gate
from kiosk.data.errors import ConnectorError, FetchError
from kiosk.data.http import RequestsHttp, Validators
from kiosk.data.state import DataState, Origin
from kiosk.data.store import LastGoodStore, Stored, load_snapshot

log = logging.getLogger(__name__)

BACKOFF_CAP = 4  # times the interval: a source down for hours is asked every 4 intervals at most
QUICK_RETRY_CAP = 2  # times the interval, for warning sources
QUICK_RETRY_KINDS = ALERT_KINDS  # the warning sources (NINA, DWD)
MAX_BACKOFF = timedelta(hours=1)
MAX_RETRY_AFTER = timedelta(hours=1)
JITTER = 0.2


class Connector(Protocol):
    KIND: str

    def fetch(self, http: Http, source: DataSource, ctx: FetchContext) -> list[Any]: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class Coordinator:
    """Owns polling for one source. Not thread-safe: one refresh at a time (the runtime ensures it).

    ``gate`` (shared by the coordinators of a device, a ``threading.Semaphore(2)``) bounds how many
    fetches run at once: every poll has a thread of its own, so a slow server never delays another
    source, but a dozen threads fetching and parsing at once under the GIL stalled the GUI thread. A
    request that takes longer than ``deadline.SLOW_S`` lets the gate go (``RequestsHttp``), so a slow
    server holds its own thread and nothing else.
    """

    def __init__(
        self,
        source_id: str,
        source: DataSource,
        connector: Connector,
        store: LastGoodStore,
        clock: Clock,
        context: Callable[[], FetchContext],
        snapshot_dir: Path | None = None,
        http_factory: Callable[[Validators], Http] | None = None,
        rng: random.Random | None = None,
        gate: Gate | None = None,
    ) -> None:
        self.id = source_id
        self.source = source
        self.connector = connector
        self.store = store
        self.clock = clock
        self.context = context
        self.snapshot_path = snapshot_dir / source.snapshot if snapshot_dir and source.snapshot else None
        self.validators = Validators()
        self.http_factory = http_factory or self._default_http
        self.rng = rng or random.Random()
        self.gate = gate
        self.records: tuple[Any, ...] = ()
        self.as_of: datetime | None = None
        self.origin: Origin = "none"
        self.last_error: str | None = None
        self.failures = 0
        self.down = False
        self.save_failing = False
        self.next_due = clock.now()
        self._http: Http | None = None  # the fetch in flight, so ``abort`` can end it
        self.stopping = False

    def _default_http(self, validators: Validators) -> Http:
        return RequestsHttp(
            self.source.timeout.total_seconds(), self.source.max_bytes, validators=validators, gate=self.gate
        )

    # --- start ---------------------------------------------------------------------------------
    def restore(self) -> DataState:
        """Last good data from disk, else the bundled snapshot; then the first fetch is due at once."""
        stored = self.store.load(self.id)
        if stored is not None:
            self.records, self.as_of, self.origin = stored.records, stored.as_of, "cache"
            self.validators.by_url.update(stored.validators)
        elif self.snapshot_path is not None and (snap := load_snapshot(self.snapshot_path)) is not None:
            self.records, self.as_of, self.origin = snap.records, snap.as_of, "snapshot"
        self.next_due = self.clock.now()
        return self.state()

    # --- polling -------------------------------------------------------------------------------
    def refresh(self) -> DataState:
        """One fetch attempt (blocking). Success resets the backoff; failure keeps the last good data."""
        now = self.clock.now()
        http = self._http = self.http_factory(self.validators)
        if self.gate is not None:
            self.gate.acquire()
        try:
            records = tuple(self.connector.fetch(http, self.source, self.context()))
        except NotModified:
            self._succeeded(now, self.records if self.origin in ("live", "cache") else None)
            return self.state()
        except ConnectorError as exc:
            retry_after = exc.retry_after if isinstance(exc, FetchError) else None
            self._failed(now, str(exc), retry_after)
        except Exception as exc:  # supervision boundary: a connector bug must not end polling for good
            log.exception("connector %s crashed on source %s", self.source.kind, self.id)
            self._failed(now, f"internal error: {type(exc).__name__}")
        else:
            self._succeeded(now, records)
            return self.state()
        finally:
            self._http = None
            if self.gate is not None:
                self.gate.release()
        for url in getattr(http, "pending", {}):  # the data behind these validators was never accepted
            self.validators.by_url.pop(url, None)
        return self.state()

    def _succeeded(self, now: datetime, records: tuple[Any, ...] | None) -> None:
        if records is not None:
            self.records = records
            try:
                self.store.save(self.id, Stored(records, now, dict(self.validators.by_url)))
            except OSError as exc:  # a full or read-only disk: show the new data, keep polling, say so once
                if not self.save_failing:
                    log.error("last good data of %s cannot be saved: %s", self.id, exc)
                self.save_failing = True
            else:
                if self.save_failing:
                    log.info("last good data of %s is saved again", self.id)
                self.save_failing = False
        else:  # 304 after a snapshot start: nothing to keep, so ask again without validators next time
            self.validators.by_url.clear()
        self.as_of = now if records is not None else self.as_of
        self.origin = "live" if records is not None else self.origin
        if self.down:
            log.info("source %s is back after %d failed attempt(s)", self.id, self.failures)
        self.down = False
        self.failures = 0
        self.last_error = None
        self.next_due = self._next_due(now)

    def _failed(self, now: datetime, error: str, retry_after: float | None = None) -> None:
        if self.stopping:
            return  # abandoned because the kiosk quits: not an outage, nothing to say or schedule
        self.failures += 1
        self.last_error = error
        now = max(now, self.clock.now())  # counted from the failure: a server that took long gets its rest
        if not self.down:
            log.warning(
                "source %s is unavailable (%s); showing the last good data while it lasts", self.id, error
            )
            self.down = True
        self.next_due = self._next_due(now, retry_after)

    def _next_due(self, now: datetime, retry_after: float | None = None) -> datetime:
        """When to poll next, from ``failures`` (0 after a success) and the server's ``Retry-After``
        (seconds); the rules are in the module's docstring."""
        interval = self.source.refresh
        if self.failures == 0:
            return now + interval
        factor = QUICK_RETRY_CAP if self.source.kind in QUICK_RETRY_KINDS else BACKOFF_CAP
        cap = max(interval, min(interval * factor, MAX_BACKOFF))
        delay = min(cap, interval * (1 << min(self.failures - 1, 16))) * self.rng.uniform(1.0, 1.0 + JITTER)
        if retry_after is not None:
            delay = max(delay, min(timedelta(seconds=retry_after), MAX_RETRY_AFTER))
        return now + delay

    def abort(self) -> None:
        """End the fetch in flight at once (from any thread): the kiosk is quitting."""
        self.stopping = True
        abort = getattr(self._http, "abort", None)
        if abort is not None:
            abort()

    # --- state -----------------------------------------------------------------------------------
    def state(self) -> DataState:
        return DataState(
            self.id, self.records, self.as_of, self.origin, self.last_error, self.source.stale_after
        )
