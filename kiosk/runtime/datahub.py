"""Live data for one device: a coordinator per source in worker threads, states and active alerts
delivered to the GUI thread as signals, each source re-armed at its own next due time (no polling loop)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config.loader import ContentSet
from kiosk.config.models.page import WidgetBlock
from kiosk.config.models.slides import DataSlide, TickerSlide
from kiosk.data.connectors.base import FetchContext
from kiosk.data.coordinator import Coordinator
from kiosk.data.emergency import ActiveAlert, active_alerts, next_change
from kiosk.data.records import AlertRecord
from kiosk.data.state import DataState
from kiosk.data.store import LastGoodStore
from kiosk.schedule.clock import Clock

log = logging.getLogger(__name__)

ALERT_KINDS = frozenset({"nina", "brightsky-alerts", "dwd-warnings"})
MAX_TIMER_MS = 3_600_000  # QTimer takes a 32-bit int; far deadlines are re-checked hourly instead


def timer_ms(delta: timedelta, minimum_ms: int = 200) -> int:
    """A QTimer interval for ``delta``: at least ``minimum_ms``, at most an hour (then it is re-armed)."""
    return max(minimum_ms, min(MAX_TIMER_MS, round(delta.total_seconds() * 1000)))


def default_data_dir() -> Path:
    """Where last good data lives: ``$KIOSK_DATA_DIR``, else ``$XDG_STATE_HOME/smile-city-touchpoint``."""
    explicit = os.environ.get("KIOSK_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "smile-city-touchpoint" / "data"


def offline() -> bool:
    """``KIOSK_OFFLINE=1``: never fetch (tests, demos without network): last good data and snapshots only."""
    return os.environ.get("KIOSK_OFFLINE", "") not in ("", "0")


def sources_for(content: ContentSet, device: str) -> set[str]:
    """Sources a device needs: those its slides and pages show, plus every warning source."""
    model = content.devices[device].model
    playlists = {
        p
        for zone in model.zones.values()
        for p in [*zone.playlists, *([zone.default] if zone.default else [])]
    }
    needed: set[str] = set()
    for name in playlists & set(content.playlists):
        for item in content.playlists[name].model.items:
            slide = content.slides.get(item.slide)
            if slide and isinstance(slide.model, DataSlide | TickerSlide) and slide.model.source:
                needed.add(slide.model.source)
    for page in content.pages.values():
        needed |= {b.source for b in page.model.blocks if isinstance(b, WidgetBlock)}
    needed |= {sid for sid, s in content.sources.items() if s.model.kind in ALERT_KINDS}
    return needed & set(content.sources)


class DataHub(QObject):
    """``updated(source_id, DataState)`` whenever a source's data or availability changes;
    ``alerts_changed(list[ActiveAlert])`` when the set of active warnings changes."""

    updated = Signal(str, object)
    alerts_changed = Signal(object)
    _finished = Signal(str, object)

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
        self.live = live and not offline()
        self.store = LastGoodStore(cache_dir)
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="data")
        self.coordinators: dict[str, Coordinator] = {}
        self.states: dict[str, DataState] = {}
        self.timers: dict[str, QTimer] = {}
        self.running: set[str] = set()
        self.alerts: list[ActiveAlert] = []
        self.alert_timer = QTimer(self)
        self.alert_timer.setSingleShot(True)
        self.alert_timer.timeout.connect(self._update_alerts)
        self._finished.connect(self._on_finished)
        self._build()

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
        from kiosk.data.connectors.registry import CONNECTORS

        for source_id in sorted(sources_for(self.content, self.device)):
            source = self.content.sources[source_id].model
            connector = CONNECTORS.get(source.kind)
            if connector is None:
                log.warning("no connector for %s sources yet; %s stays empty", source.kind, source_id)
                continue
            self.coordinators[source_id] = Coordinator(
                source_id,
                source,
                connector,
                self.store,
                self.clock,
                self._context,
                snapshot_dir=self.content.content_dir,
            )
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda sid=source_id: self._refresh(sid))
            self.timers[source_id] = timer

    def start(self) -> None:
        """Restore last good data (synchronously: small files, before the first frame) and start polling."""
        for source_id, coordinator in self.coordinators.items():
            self.states[source_id] = coordinator.restore()
            self.updated.emit(source_id, self.states[source_id])
            if self.live:
                self._refresh(source_id)
        self._update_alerts()

    def state(self, source_id: str) -> DataState | None:
        return self.states.get(source_id)

    def _refresh(self, source_id: str) -> None:
        if source_id in self.running:
            return
        self.running.add(source_id)
        coordinator = self.coordinators[source_id]
        self.pool.submit(lambda: self._finished.emit(source_id, coordinator.refresh()))

    def _on_finished(self, source_id: str, state: DataState) -> None:
        self.running.discard(source_id)
        if source_id not in self.coordinators:
            return
        self.states[source_id] = state
        self.updated.emit(source_id, state)
        due = self.coordinators[source_id].next_due
        self.timers[source_id].start(timer_ms(due - self.clock.now()))
        if self.content.sources[source_id].model.kind in ALERT_KINDS or any(
            isinstance(r, AlertRecord) for r in state.records
        ):
            self._update_alerts()

    def _manual(self) -> Iterable[tuple[str, Any]]:
        return [(aid, a.model) for aid, a in self.content.alerts.items()]

    def _update_alerts(self) -> None:
        now = self.clock.now()
        alerts = active_alerts(self.states.values(), self._manual(), self.device, now)
        if [a.id for a in alerts] != [a.id for a in self.alerts] or alerts != self.alerts:
            if alerts:
                log.warning(
                    "active warning(s): %s",
                    "; ".join(f"{a.severity} {a.provider}: {a.text('headline', 'de')}" for a in alerts),
                )
            elif self.alerts:
                log.info("all warnings cleared")
            self.alerts = alerts
            self.alerts_changed.emit(alerts)
        upcoming: datetime | None = next_change(self.states.values(), self._manual(), now)
        if upcoming is not None:
            self.alert_timer.start(timer_ms(upcoming - now + timedelta(milliseconds=50)))

    def replace_content(self, content: ContentSet) -> None:
        """New editor content: keep coordinators whose source did not change, rebuild the rest."""
        old = self.coordinators
        self.content = content
        for timer in self.timers.values():
            timer.stop()
        self.coordinators, self.timers = {}, {}
        self._build()
        for source_id, coordinator in self.coordinators.items():
            previous = old.get(source_id)
            if previous is not None and previous.source == coordinator.source:
                self.coordinators[source_id] = previous
                self.timers[source_id].start(timer_ms(previous.next_due - self.clock.now()))
            else:
                self.states[source_id] = coordinator.restore()
                self.updated.emit(source_id, self.states[source_id])
                if self.live:
                    self._refresh(source_id)
        self._update_alerts()

    def stop(self) -> None:
        for timer in self.timers.values():
            timer.stop()
        self.alert_timer.stop()
        self.pool.shutdown(wait=False, cancel_futures=True)  # a request in flight ends by its own timeout
