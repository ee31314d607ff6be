"""The device's Prometheus metrics (prometheus-client): one registry per kiosk (no global default
registry, so a test's second kiosk in the same process starts clean), served on an address and/or
written as a textfile for the node exporter's textfile collector."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Gauge, Info, start_http_server, write_to_textfile

from kiosk.telemetry.report import DeviceReport

log = logging.getLogger(__name__)


def split_address(address: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:9101`` for IPv6) as (host, port); without a host only this machine
    (loopback): every address must be asked for (``0.0.0.0:9101``)."""
    host, _, port = address.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


class Metrics:
    """``touchpoint_*`` gauges, brought up to date from a :class:`DeviceReport`."""

    def __init__(self, device: str) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.info = Info("touchpoint", "Device, software and content version", registry=r)
        self.start = Gauge("touchpoint_start_time_seconds", "When the kiosk started (Unix time)", registry=r)
        self.up_s = Gauge("touchpoint_uptime_seconds", "Seconds since the kiosk started", registry=r)
        self.screen = Gauge("touchpoint_screen_on", "1 when the screen is on", registry=r)
        self.session = Gauge("touchpoint_session_active", "1 while a passer-by uses the terminal", registry=r)
        self.alert = Gauge("touchpoint_alert_active", "1 while a warning takes over the screen", registry=r)
        self.sources = Gauge("touchpoint_sources", "Data sources of the device", registry=r)
        self.available = Gauge("touchpoint_sources_available", "Data sources with current data", registry=r)
        self.errors = Gauge("touchpoint_errors_logged", "Errors logged since the start", registry=r)
        self.shot = Gauge(
            "touchpoint_last_screenshot_time_seconds", "When the last remote screenshot was sent", registry=r
        )
        self.doorbell = Gauge(
            "touchpoint_doorbell_connected", "1 while the MQTT broker is connected", registry=r
        )
        self.heartbeat = Gauge(
            "touchpoint_last_heartbeat_time_seconds",
            "When the NGSI-LD broker last took the heartbeat",
            registry=r,
        )
        self.device = device
        self._server: Any = None

    def update(self, report: DeviceReport, errors: int) -> None:
        self.info.info(
            {
                "device": report.device,
                "software_version": report.software_version,
                "content_version": report.content_version,
            }
        )
        self.start.set(report.started.timestamp())
        self.up_s.set(report.uptime_s)
        self.screen.set(1 if report.screen_on else 0)
        self.session.set(1 if report.state == "session" else 0)
        self.alert.set(1 if report.state == "alert" else 0)
        self.sources.set(report.sources_total)
        self.available.set(report.sources_available)
        self.errors.set(errors)
        if report.last_screenshot is not None:
            self.shot.set(report.last_screenshot.timestamp())

    def serve(self, address: str) -> None:
        """Serve ``/metrics`` on ``address`` (prometheus-client's own server thread)."""
        host, port = split_address(address)
        self._server, _thread = start_http_server(port, addr=host, registry=self.registry)

    def write_textfile(self, path: str) -> None:
        """Written to a temporary file, then renamed (prometheus-client does so): never read half-written."""
        write_to_textfile(path, self.registry)

    def textfile_problem(self, path: str) -> str | None:
        folder = Path(path).parent
        return None if folder.is_dir() else f"folder {folder} does not exist"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
