"""What a running kiosk tells the people who run the fleet (docs/fleet-health.md): the MQTT doorbell and
retained status, the NGSI-LD ``Device`` heartbeat, Prometheus metrics, and remote screenshots.

Every part is off until the device file gives its address. The network work runs off the GUI thread
(paho's own thread for MQTT, a worker for the upsert and the textfile, prometheus-client's server
thread); the GUI thread only takes a snapshot of the shell's state (a few attributes) and acts on
commands, which reach it through a queued signal. Each part fails on its own, logs when it goes down
and when it is back, and never stops the kiosk from playing.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__
from kiosk.config.loader import LoadResult
from kiosk.config.models.fleet import Fleet
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.identity import content_version
from kiosk.runtime.remote_shot import RemoteShot
from kiosk.runtime.shell import Shell
from kiosk.runtime.workers import Workers
from kiosk.session.machine import Phase
from kiosk.telemetry.report import DeviceReport, device_entity, offline_payload, status_payload
from kiosk.telemetry.send import Sender, SendError, read_secret

if TYPE_CHECKING:  # loaded when a part is on (the doorbell, the metrics): a device without them never
    from kiosk.telemetry.metrics import Metrics  # loads paho or prometheus_client
    from kiosk.telemetry.mqtt import Doorbell

log = logging.getLogger(__name__)

UPSERT_PATH = "/ngsi-ld/v1/entityOperations/upsert?options=update"


class LastError(logging.Handler):
    """Remembers the last ERROR line the kiosk logged (for the status, the heartbeat and the metrics)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.guard = threading.Lock()
        self.text = ""
        self.at: datetime | None = None
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        with self.guard:
            self.text = record.getMessage().splitlines()[0] if record.msg else ""
            self.at = datetime.now(UTC)
            self.count += 1


class FleetHealth(QObject):
    """The fleet side of one shell. ``check_now_hooks`` run on the doorbell's "check now" (the content
    sync registers its check there); ``content_version`` may be set by whoever knows better (the sync's
    version), else it is the content checkout's version as the start line logs it."""

    command = Signal(str)  # from paho's thread to the GUI thread (queued)

    def __init__(self, shell: Shell, reload: Callable[[], None] | None = None) -> None:
        super().__init__(shell)
        self.shell = shell
        self.device = shell.device_id
        self.settings: Fleet = shell.content.devices[self.device].model.fleet
        self.started = datetime.now(UTC)
        self.content_version = "?"
        # how the content version is read (off the GUI thread: it may run git); the content sync sets its
        # own, or calls set_content_version with the version it switched to
        self.version_of: Callable[[Path], str] = content_version
        self.in_flight: set[str] = set()  # parts whose last job has not come back: never queue a second
        self.check_now_hooks: list[Callable[[], None]] = []
        self.reload = reload
        self.errors = LastError()
        self.workers = Workers("fleet", threads=1, parent=self)
        self.http = Sender()
        self.shots = RemoteShot(shell, self.settings.screenshot, parent=self)
        self.down: dict[str, str] = {}  # part -> the failure said once, until it works again
        self.doorbell: Doorbell | None = None
        self.metrics: Metrics | None = None
        self.timers: list[QTimer] = []
        self.active = False
        self.command.connect(self._command)

    # --- life ---------------------------------------------------------------------------------------
    def start(self) -> None:
        s = self.settings
        parts = [
            name
            for name, on in (
                ("doorbell", s.mqtt.host),
                ("heartbeat", s.ngsi_ld.broker),
                ("metrics", s.metrics.address or s.metrics.textfile),
                ("screenshots", s.screenshot.upload_url),
            )
            if on
        ]
        self.active = bool(parts)
        if not self.active:  # all off (the default): nothing runs, nothing is read
            return
        log.info("fleet health: %s", ", ".join(parts))
        logging.getLogger("kiosk").addHandler(self.errors)
        self._read_version(self.shell.content.root)
        if s.metrics.address is not None or s.metrics.textfile is not None:
            from kiosk.telemetry.metrics import Metrics  # prometheus_client only for a device that uses it

            self.metrics = Metrics(self.device)
            if s.metrics.address is not None:
                try:
                    self.metrics.serve(s.metrics.address)
                    log.info("metrics: serving /metrics on %s", s.metrics.address)
                except OSError as error:
                    log.error("metrics: cannot serve on %s: %s", s.metrics.address, error)
            self._every(s.metrics.every, self._update_metrics)
        if s.mqtt.host is not None:
            self._start_doorbell()
        if s.ngsi_ld.broker is not None:
            self._every(s.ngsi_ld.interval, self._heartbeat)

    def _every(self, every: timedelta, action: Callable[[], None]) -> None:
        timer = QTimer(self)
        timer.timeout.connect(action)
        timer.start(timer_ms(every, minimum_ms=1000))
        self.timers.append(timer)
        QTimer.singleShot(0, action)  # and once at start

    def _start_doorbell(self) -> None:
        mqtt = self.settings.mqtt
        from kiosk.telemetry.mqtt import Doorbell  # paho only for a device with a doorbell

        will = offline_payload(self.device, __version__, self.started, None)
        try:
            self.doorbell = Doorbell(mqtt, self.device, will, self.command.emit, self._doorbell_up)
        except SendError as error:  # the password file
            log.error("doorbell: %s; no doorbell", error)
            return
        self.doorbell.publish_status(status_payload(self.report(), mqtt.status_every.total_seconds()))
        self.doorbell.start()
        self._every(mqtt.status_every, self._publish_status)

    def stop(self) -> None:
        for timer in self.timers:
            timer.stop()
        if self.doorbell is not None:
            goodbye = offline_payload(
                self.device, __version__, self.started, datetime.now(UTC), self.content_version
            )
            self.doorbell.stop(goodbye)
        if self.metrics is not None:
            self.metrics.stop()
        self.shots.stop()
        self.workers.shutdown()
        self.http.close()
        logging.getLogger("kiosk").removeHandler(self.errors)

    def reloaded(self, result: LoadResult) -> None:
        """New content: its version, and a word if the fleet settings changed (they apply at a restart)."""
        entry = result.content.devices.get(self.device)
        if entry is not None and entry.model.fleet != self.settings:
            log.warning("fleet settings of %s changed: restart the kiosk to apply them", self.device)
        if self.active:
            self._read_version(result.content.root)

    def _read_version(self, root: Path) -> None:
        read = self.version_of
        self.workers.submit("reading the content version", lambda: read(root), self.set_content_version)

    def set_content_version(self, version: str) -> None:
        """The version the device plays now (the status, heartbeat and metrics say it from now on)."""
        if version != self.content_version:
            self.content_version = version
            self._publish_status()
            self._update_metrics()

    # --- the state, in the GUI thread -----------------------------------------------------------------
    def state(self) -> str:
        shell = self.shell
        if shell.takeovers:
            return "alert"
        if shell.power.quiet:
            return "screen off"
        if shell.interaction is not None and shell.interaction.phase is not Phase.ATTRACT:
            return "session"
        return "playing"

    def report(self) -> DeviceReport:
        shell = self.shell
        now = datetime.now(UTC)
        model = shell.content.devices[self.device].model
        states = dict(shell.hub.states)
        clock_now = shell.clock.now()
        with self.errors.guard:
            error, error_at = self.errors.text, self.errors.at
        return DeviceReport(
            device=self.device,
            name=model.name,
            software_version=__version__,
            content_version=self.content_version,
            started=self.started,
            now=now,
            state=self.state(),
            screen_on=not shell.power.quiet,
            sources_total=len(shell.hub.coordinators),
            sources_available=sum(1 for s in states.values() if s.available(clock_now)),
            last_error=error,
            last_error_at=error_at,
            last_screenshot=self.shots.last_sent,
            latitude=model.location.latitude if model.location else None,
            longitude=model.location.longitude if model.location else None,
        )

    # --- the parts -----------------------------------------------------------------------------------
    def _doorbell_up(self, up: bool) -> None:  # paho's thread: a number only
        if self.metrics is not None:
            self.metrics.doorbell.set(1 if up else 0)

    def _publish_status(self) -> None:
        if self.doorbell is not None:
            every = self.settings.mqtt.status_every.total_seconds()
            self.doorbell.publish_status(status_payload(self.report(), every))

    def _command(self, name: str) -> None:
        """A doorbell command, in the GUI thread."""
        log.info("doorbell: %s", name)
        if name == "check-now":
            for hook in self.check_now_hooks or [self.check_content]:
                hook()
        elif name == "reload" and self.reload is not None:
            self.reload()
        elif name == "screenshot":
            self.shots.take("doorbell")

    def check_content(self) -> None:
        """Until a content sync registers its check: read the content again and poll every source now."""
        if self.reload is not None:
            self.reload()
        self.shell.hub.refresh_all()

    def _heartbeat(self) -> None:
        ngsi = self.settings.ngsi_ld
        assert ngsi.broker is not None
        body = json.dumps([device_entity(self.report())]).encode()
        url = ngsi.broker.rstrip("/") + UPSERT_PATH

        def send() -> str | None:
            headers = {"Accept": "application/json"}
            if ngsi.tenant:
                headers["NGSILD-Tenant"] = ngsi.tenant
            try:
                if (token := read_secret(ngsi.token_file)) is not None:
                    headers["Authorization"] = f"Bearer {token}"
                self.http.send(
                    "POST", url, body, "application/ld+json", ngsi.timeout.total_seconds(), headers
                )
            except SendError as error:
                return str(error)
            return None

        self._submit("heartbeat", send)

    def _submit(self, part: str, work: Callable[[], str | None]) -> None:
        """Run one part's job unless its last one is still out (a hanging broker must not pile them up)."""
        if part in self.in_flight:
            return
        self.in_flight.add(part)

        def done(problem: str | None) -> None:
            self.in_flight.discard(part)
            self._outcome(part, problem)

        def failed(_error: BaseException) -> None:  # logged by the workers
            self.in_flight.discard(part)

        self.workers.submit(f"the {part}", work, done, failed)

    def _outcome(self, part: str, problem: str | None) -> None:
        if problem is None:
            if part in self.down:
                log.info("%s: works again", part)
                del self.down[part]
            if part == "heartbeat" and self.metrics is not None:
                self.metrics.heartbeat.set(datetime.now(UTC).timestamp())
        elif self.down.get(part) is None:
            log.warning("%s: %s; trying again at the next interval", part, problem)
            self.down[part] = problem

    def _update_metrics(self) -> None:
        metrics = self.metrics
        if metrics is None:
            return
        with self.errors.guard:
            count = self.errors.count
        metrics.update(self.report(), count)
        path = self.settings.metrics.textfile
        if path is None:
            return

        def write() -> str | None:
            try:
                metrics.write_textfile(path)
            except OSError as error:
                return f"cannot write {path}: {error}"
            return None

        self._submit("metrics textfile", write)
