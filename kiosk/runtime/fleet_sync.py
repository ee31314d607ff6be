"""The device's content sync in the running kiosk: checks on a jittered timer (``fleet.sync`` in a worker
thread), hands a new version to the hot reload, and follows a ``kiosk rollback`` made beside it.

What plays is always a whole, validated version: a failed check changes nothing on screen and is logged
once (and its recovery once). Offline the kiosk plays its current version for as long as it must.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.config.loader import ContentSet, LoadResult, load_content
from kiosk.config.models.sync import Sync
from kiosk.fleet.manifest import changed_paths
from kiosk.fleet.state import SyncState, default_sync_dir
from kiosk.fleet.store import VersionStore
from kiosk.runtime.workers import Workers

if TYPE_CHECKING:
    from kiosk.fleet.fetch import Origin
    from kiosk.fleet.sync import CheckOutcome

log = logging.getLogger(__name__)

IDLE_S = 60.0  # without sync settings: look again this often (a reload may add them)
ROLLBACK_DEBOUNCE_MS = 200


def start_root(root: Path, data_dir: Path | None) -> tuple[Path, str | None]:
    """The root to play at start: the synced ``current`` version if there is one, else ``root``."""
    store = VersionStore(default_sync_dir(data_dir))
    current = store.current_root()
    return (current, current.name) if current is not None else (root, None)


class FleetSync(QObject):
    """``applied(LoadResult, frozenset[str])``: a new (or rolled-back) version to show, with the files
    whose bytes changed."""

    applied = Signal(object, object)

    def __init__(
        self,
        device: str,
        content: Callable[[], ContentSet],
        data_dir: Path | None,
        playing: str | None,
        live: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.device = device
        self.content = content
        self.store = VersionStore(default_sync_dir(data_dir))
        self.live = live
        self.playing = playing  # the version on screen (GUI thread)
        self._seen = playing  # the version the worker last saw in ``current`` (worker thread)
        self._state = SyncState(current_version=playing)
        self.workers = Workers("fleet-sync", threads=1, parent=self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check_now)
        self.busy = False
        self._origin: Origin | None = None
        self._said_error: str | None = None
        self._said_held: str | None = None
        self._said_off = False
        self.rollback_debounce = QTimer(self)
        self.rollback_debounce.setSingleShot(True)
        self.rollback_debounce.setInterval(ROLLBACK_DEBOUNCE_MS)
        self.rollback_debounce.timeout.connect(self._look_at_current)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.rollback_debounce.start())

    @property
    def state(self) -> SyncState:
        """What the sync knows now (for the heartbeat, metrics and ``kiosk fleet status``)."""
        return self._state

    def config(self) -> Sync | None:
        entry = self.content().devices.get(self.device)
        return entry.model.sync if entry is not None else None

    def _watch(self) -> None:
        """Follow ``kiosk rollback``, which renames ``current`` (a device that never synced has no folder)."""
        if not self.watcher.directories() and self.store.dir.is_dir():
            self.watcher.addPath(str(self.store.dir))

    def start(self) -> None:
        config = self.config()
        if config is not None:
            self._watch()
        if config is not None and not self.live:
            log.info(
                "content sync is off: the kiosk runs offline (playing %s)",
                self.playing or "the installed content",
            )
            return
        self._arm(1.0 + random.uniform(0, config.jitter.total_seconds()) if config else IDLE_S)

    def _arm(self, seconds: float) -> None:
        self.timer.start(max(200, round(seconds * 1000)))

    def check_now(self) -> None:
        """Check the origin now (the timer, or a doorbell's "check now"); nothing if one runs."""
        config = self.config()
        if config is None or not self.live:
            if config is None and not self._said_off and self.playing is not None:
                log.info("the device file has no sync settings any more: content sync is off")
            self._said_off = config is None
            if self.live:
                self._arm(IDLE_S)
            return
        self._said_off = False
        if self.busy:
            return
        self.busy = True
        self.timer.stop()
        # the HTTP stack and the signature check load at the first check: a device without sync never
        # loads them (tests/e2e/test_lazy_start.py)
        from kiosk.fleet.fetch import Origin
        from kiosk.fleet.sync import check_once

        origin = self._origin = Origin(config.url, time.monotonic() + config.deadline.total_seconds())
        playing = self.playing

        def work() -> CheckOutcome:
            outcome = check_once(self.device, config, self.store, origin, playing)
            if outcome.kind == "applied":
                self._seen = outcome.version
            return outcome

        if not self.workers.submit("content sync", work, self._checked, self._crashed):
            self.busy = False

    def _next(self) -> None:
        config = self.config()
        if config is not None and self.live:
            self._arm(config.interval.total_seconds() + random.uniform(0, config.jitter.total_seconds()))
        elif self.live:
            self._arm(IDLE_S)

    def _crashed(self, _error: BaseException) -> None:  # logged by the workers
        self.busy = False
        self._next()

    def _checked(self, outcome: CheckOutcome) -> None:
        self.busy = False
        self._origin = None
        self._state = outcome.state
        self._watch()
        shown = self.playing or "the installed content"
        if outcome.kind == "failed":
            if outcome.error != self._said_error:  # a failure is said once, not at every check
                log.error("content sync failed, still playing %s: %s", shown, outcome.error)
                self._said_error = outcome.error
        else:
            if self._said_error is not None:
                log.info("content sync works again (published version %s)", outcome.version)
                self._said_error = None
            if outcome.kind == "held" and outcome.version != self._said_held:
                log.info(
                    "version %s was rolled back on this device: waiting for a newer one", outcome.version
                )
                self._said_held = outcome.version
            if outcome.kind == "applied" and outcome.result is not None:
                log.info(
                    "content version %s applied (%d file(s), %d bytes downloaded; was %s)",
                    outcome.version,
                    outcome.files,
                    outcome.bytes,
                    shown,
                )
                self.playing = outcome.version
                self.applied.emit(outcome.result, outcome.changed)
        self._next()

    def _look_at_current(self) -> None:
        """``current`` may have been switched by ``kiosk rollback``: load and show it when it differs."""

        def work() -> tuple[str, LoadResult, frozenset[str]] | None:
            version = self.store.current()
            if version is None or version == self._seen:
                return None
            before, after = self.store.manifest_of(self._seen), self.store.manifest_of(version)
            self._seen = version
            changed = changed_paths(before, after) if after is not None else frozenset()
            return version, load_content(self.store.version_dir(version)), changed

        self.workers.submit("reading the rolled-back version", work, self._rolled_back)

    def _rolled_back(self, found: tuple[str, LoadResult, frozenset[str]] | None) -> None:
        if found is None:
            return
        version, result, changed = found
        if not result.ok or self.device not in result.content.devices:
            log.error(
                "version %s in %s is not valid content; still playing %s",
                version,
                self.store.dir,
                self.playing,
            )
            return
        log.info("switched to version %s (kiosk rollback; was %s)", version, self.playing)
        self.playing = version
        self._state = self.store.state()
        self.applied.emit(result, changed)

    def stop(self) -> None:
        self.timer.stop()
        self.rollback_debounce.stop()
        if self._origin is not None:
            self._origin.abort()
        self.workers.shutdown()
