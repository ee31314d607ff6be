"""Live data for one device: a coordinator per source in worker threads, states and active alerts
delivered to the GUI thread as signals, each source re-armed at its own next due time (no polling loop).

Every poll in flight has a worker thread of its own (the pool grows to the number of polls in flight),
so a slow source never delays another: with two shared threads, two sources held by a trickling server
stopped all polling. ``stop`` abandons the requests in flight, so quitting never waits for one."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.config.catalogue import ALERT_KINDS
from kiosk.config.loader import ContentSet
from kiosk.config.needs import sources_for
from kiosk.data.connectors.base import FetchContext
from kiosk.data.emergency import ActiveAlert, AllClear, active_alerts, next_change
from kiosk.data.records import AlertRecord
from kiosk.data.state import DataState
from kiosk.data.store import LastGoodStore
from kiosk.data.surge import surge_alerts
from kiosk.i18n.tagged import untagged
from kiosk.runtime.workers import Workers
from kiosk.schedule.clock import Clock, real_seconds

if TYPE_CHECKING:  # the fetching code (requests, urllib3, the connectors) loads with the first source
    from kiosk.data.coordinator import Coordinator

log = logging.getLogger(__name__)

PARSING_AT_ONCE = 2  # fetches running Python code at once (see Coordinator): the GUI thread keeps the GIL
MAX_TIMER_MS = 3_600_000  # QTimer takes a 32-bit int; far deadlines are re-checked hourly instead


def timer_ms(delta: timedelta, minimum_ms: int = 200) -> int:
    """A QTimer interval for ``delta``: at least ``minimum_ms``, at most an hour (then it is re-armed)."""
    return max(minimum_ms, min(MAX_TIMER_MS, round(delta.total_seconds() * 1000)))


def default_data_dir() -> Path:
    """Where last good data lives (``kiosk run --data-dir`` chooses another place): the XDG state folder."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "smile-city-touchpoint" / "data"


class DataHub(QObject):
    """``updated(source_id, DataState)`` whenever a source's data or availability changes;
    ``alerts_changed(list[ActiveAlert])`` when the set of active warnings changes."""

    updated = Signal(str, object)
    alerts_changed = Signal(object)

    def __init__(
        self,
        content: ContentSet,
        device: str,
        clock: Clock,
        cache_dir: Path,
        live: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.device = device
        self.clock = clock
        self.live = live
        self.store = LastGoodStore(cache_dir)
        self.workers = Workers("data", threads=2, parent=self)  # grows: a thread for every poll in flight
        self.gate = threading.Semaphore(PARSING_AT_ONCE)
        self.coordinators: dict[str, Coordinator] = {}
        self.states: dict[str, DataState] = {}
        self.timers: dict[str, QTimer] = {}
        self.stale_timers: dict[str, QTimer] = {}
        self.running: dict[str, Coordinator] = {}  # source -> the coordinator whose poll is in flight
        self.in_flight = 0  # polls submitted and not yet returned (a replaced coordinator's included)
        self.alerts: list[ActiveAlert] = []
        self.alert_timer = QTimer(self)
        self.alert_timer.setSingleShot(True)
        self.alert_timer.timeout.connect(self._update_alerts)
        self.all_clear = AllClear()
        self.polled_at: dict[str, datetime] = {}  # when each source's last poll came back
        self._build()
        if live:  # started before the first frame, not while it is painted (an offline hub never polls)
            self.workers.ensure(len(self.coordinators), start=True)

    def _context(self) -> FetchContext:
        location = self.content.devices[self.device].model.location
        return FetchContext(
            now=self.clock.now(),
            latitude=location.latitude if location else None,
            longitude=location.longitude if location else None,
            ars=location.ars if location else "130030000000",
            content_dir=self.content.content_dir,
        )

    def _build(self) -> None:
        for source_id in sorted(sources_for(self.content, self.device)):
            from kiosk.data.connectors.registry import connector_for  # only with a configured source
            from kiosk.data.coordinator import Coordinator

            source = self.content.sources[source_id].model
            connector = connector_for(source.kind)
            self.coordinators[source_id] = Coordinator(
                source_id,
                source,
                connector,
                self.store,
                self.clock,
                self._context,
                snapshot_dir=self.content.content_dir,
                gate=self.gate,
            )
            timer = QTimer(self)
            timer.setSingleShot(True)
            # Qt's default (coarse) timer may fire 5 % early, and the jitter (0–20 % later) may add nothing
            # (measured: 11.41 s armed, 11.19 s fired): a retry must never come sooner than its delay
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.timeout.connect(lambda sid=source_id: self._refresh(sid))
            self.timers[source_id] = timer
            if source_id not in self.stale_timers:
                stale = QTimer(self)
                stale.setSingleShot(True)
                stale.timeout.connect(lambda sid=source_id: self._went_stale(sid))
                self.stale_timers[source_id] = stale

    def _ms(self, delta: timedelta, minimum_ms: int = 200) -> int:
        return timer_ms(timedelta(seconds=real_seconds(self.clock, delta)), minimum_ms)

    def start(self) -> None:
        """Restore last good data (synchronously: small files, before the first frame) and start polling."""
        for source_id, coordinator in self.coordinators.items():
            self._set_state(source_id, coordinator.restore())
            if self.live:
                self._refresh(source_id)
        self._update_alerts()

    def _set_state(self, source_id: str, state: DataState) -> None:
        """Keep and announce a state; when its data will be too old, announce it again (then unavailable)."""
        self.states[source_id] = state
        self.updated.emit(source_id, state)
        self._arm_stale(source_id, state)

    def _arm_stale(self, source_id: str, state: DataState) -> bool:
        """Wake when ``state``'s data gets too old; False when it already is (or never was current)."""
        timer = self.stale_timers.get(source_id)
        stale_at, now = state.stale_at(), self.clock.now()
        if timer is None or stale_at is None or stale_at <= now:
            if timer is not None:
                timer.stop()
            return False
        timer.start(self._ms(stale_at - now + timedelta(milliseconds=50), minimum_ms=0))
        return True

    def _went_stale(self, source_id: str) -> None:
        state = self.states.get(source_id)
        if state is None or self._arm_stale(source_id, state):  # far deadlines come in hourly steps
            return
        log.warning("data of %s is older than its staleness limit; shown as unavailable", source_id)
        self.updated.emit(source_id, state)
        self._update_alerts()

    def state(self, source_id: str) -> DataState | None:
        return self.states.get(source_id)

    def refresh_all(self) -> None:
        """Poll every source now (the fleet doorbell's "check now"); a poll in flight is not doubled."""
        if self.live:
            for source_id in self.coordinators:
                self._refresh(source_id)

    def _refresh(self, source_id: str) -> None:
        coordinator = self.coordinators[source_id]
        if self.running.get(source_id) is coordinator:
            return
        self.running[source_id] = coordinator
        self.in_flight += 1
        self.workers.ensure(self.in_flight)  # a thread for every poll in flight: none waits for another
        self.workers.submit(
            f"polling of {source_id}",
            coordinator.refresh,
            lambda state: self._on_finished(source_id, coordinator, state),
            lambda _error: self._on_crashed(source_id, coordinator),
        )

    def _on_crashed(self, source_id: str, coordinator: Coordinator) -> None:
        """The refresh raised past the coordinator (logged by the workers): poll again at the interval."""
        self._done(source_id, coordinator)
        if self.coordinators.get(source_id) is coordinator:
            self.timers[source_id].start(self._ms(coordinator.source.refresh))

    def _done(self, source_id: str, coordinator: Coordinator) -> None:
        self.in_flight -= 1
        if self.running.get(source_id) is coordinator:
            del self.running[source_id]

    def _on_finished(self, source_id: str, coordinator: Coordinator, state: DataState) -> None:
        self._done(source_id, coordinator)
        if self.coordinators.get(source_id) is not coordinator:
            return  # replaced by a reload meanwhile
        self._set_state(source_id, state)
        self.timers[source_id].start(self._ms(coordinator.next_due - self.clock.now()))
        self.polled_at[source_id] = self.clock.now()
        if self._alerting_source(source_id) or any(isinstance(r, AlertRecord) for r in state.records):
            self._update_alerts()

    def _manual(self) -> Iterable[tuple[str, Any]]:
        return [(aid, a.model) for aid, a in self.content.alerts.items()]

    def _update_alerts(self) -> None:
        now = self.clock.now()
        alerts = active_alerts(self.states.values(), self._manual(), self.device, now)
        alerts += self._surges_and_all_clears(alerts, now)
        if [a.id for a in alerts] != [a.id for a in self.alerts] or alerts != self.alerts:
            warnings = [a for a in alerts if a.kind != "all-clear"]
            if warnings:
                log.warning(
                    "active warning(s): %s",
                    "; ".join(
                        f"{a.severity} {a.provider}: {untagged(a.text('headline', 'de'))}" for a in warnings
                    ),
                )
            elif any(a.kind != "all-clear" for a in self.alerts):
                log.info("all warnings cleared")
            for cleared in (a for a in alerts if a.kind == "all-clear" and a not in self.alerts):
                log.info("all clear: %s", untagged(cleared.text("headline", "de")))
            self.alerts = alerts
            self.alerts_changed.emit(alerts)
        upcoming: datetime | None = next_change(self.states.values(), self._manual(), now)
        ends = self.all_clear.next_end()
        upcoming = min(upcoming, ends) if upcoming and ends else upcoming or ends
        if upcoming is not None:
            self.alert_timer.start(self._ms(upcoming - now + timedelta(milliseconds=50)))
        self._hasten_gauges()

    # --- storm surge and all-clear (kiosk.data.surge, kiosk.data.emergency.AllClear) ---------------------
    def _alerting_source(self, source_id: str) -> bool:
        source = self.content.sources[source_id].model
        return source.kind in ALERT_KINDS or source.surge_banner

    def _surges_and_all_clears(self, warnings: list[ActiveAlert], now: datetime) -> list[ActiveAlert]:
        """The storm-surge banners of the gauges, then the all-clears of warnings that ended early."""
        sources = {sid: c.source for sid, c in self.coordinators.items()}
        showing = {a.id for a in self.alerts if a.kind == "surge"}
        surges = surge_alerts(self.states, sources, now, showing)
        return surges + self.all_clear.update(self.alerts, warnings, self.states, now)

    def _hasten_gauges(self) -> None:
        """While a storm surge or any warning is on screen, a surge gauge is polled every
        ``refresh_alert`` after its last poll, instead of waiting its normal ``refresh``."""
        if not self.live or not any(a.kind != "all-clear" for a in self.alerts):
            return
        now = self.clock.now()
        for source_id, coordinator in self.coordinators.items():
            polled = self.polled_at.get(source_id)
            if not coordinator.source.surge_banner or polled is None or source_id in self.running:
                continue
            due = polled + coordinator.source.refresh_alert
            if due < coordinator.next_due:
                coordinator.next_due = due
                self.timers[source_id].start(self._ms(due - now))

    def replace_content(self, content: ContentSet) -> None:
        """New editor content: keep coordinators whose source did not change, rebuild the rest."""
        old = self.coordinators
        self.content = content
        for timer in self.timers.values():
            timer.stop()
            timer.deleteLater()  # a kiosk reloads for months: old timers must not pile up
        self.coordinators, self.timers = {}, {}
        self._build()
        for gone in set(self.states) - set(self.coordinators):  # its data (and warnings) no longer count
            del self.states[gone]
            stale = self.stale_timers.pop(gone, None)
            if stale is not None:
                stale.stop()
                stale.deleteLater()
        for source_id, coordinator in self.coordinators.items():
            previous = old.get(source_id)
            if previous is not None and previous.source == coordinator.source:
                self.coordinators[source_id] = previous
                # a poll in flight re-arms the timer when it returns; an offline hub never polls
                if self.live and source_id not in self.running:
                    self.timers[source_id].start(self._ms(previous.next_due - self.clock.now()))
            else:  # a result of the old coordinator still in flight is dropped when it comes
                self._set_state(source_id, coordinator.restore())
                if self.live:
                    self._refresh(source_id)
        self._update_alerts()

    def stop(self) -> None:
        for timer in [*self.timers.values(), *self.stale_timers.values()]:
            timer.stop()
        self.alert_timer.stop()
        self.workers.shutdown()
        for coordinator in self.running.values():  # quitting never waits for a slow server
            coordinator.abort()
