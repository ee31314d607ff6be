"""Fleet health: the MQTT doorbell, the heartbeat to the city's NGSI-LD broker, Prometheus metrics and the
remote screenshot (docs/fleet-health.md). Every part is off until its address is set.

Secrets never live in content files (they are in git and published to every device): a broker password
or a bearer token is named by the path of a file on the machine, outside the content root.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import Field, field_validator

from kiosk.config.fields import DurationRange, WebUrl, dur
from kiosk.config.models.base import EditorModel

SECRET_HINT = "write an absolute path on the device, e.g. /etc/smile-city-touchpoint/mqtt-password"
TOPIC_PREFIX = r"^[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*$"  # no MQTT wildcards, no empty levels


def _machine_file(value: str | None) -> str | None:
    """A file on the device (an absolute path): a relative one would be read from the content root."""
    if value is None:
        return None
    if not PurePosixPath(value).is_absolute():
        raise ValueError(f"{value!r} is not an absolute path; {SECRET_HINT}")
    return value


class FleetMqtt(EditorModel):
    """The doorbell: an MQTT broker (e.g. mosquitto) that rings "check now", asks for a screenshot or a
    reload, and keeps each device's retained status with a last will (offline when it vanishes)."""

    host: str | None = Field(
        None,
        max_length=253,
        description="Host name or address of the MQTT broker; empty = no doorbell.",
    )
    port: int = Field(1883, ge=1, le=65535, description="Broker port (8883 is usual with TLS).")
    topic_prefix: str = Field(
        "touchpoint",
        min_length=1,
        max_length=100,
        pattern=TOPIC_PREFIX,
        description="Topics are PREFIX/DEVICE/cmd (commands) and PREFIX/DEVICE/status (retained status).",
    )
    tls: bool = Field(False, description="Connect with TLS (the system's CA certificates unless ca_file).")
    ca_file: str | None = Field(
        None, description="CA certificate file on the device for the broker's certificate (with tls)."
    )
    username: str | None = Field(None, max_length=200, description="User name at the broker, if it asks.")
    password_file: str | None = Field(
        None,
        description="File on the device holding the broker password (first line); never a password here.",
    )
    keepalive: Annotated[timedelta, DurationRange("5s", "10m")] = Field(
        dur("30s"),
        description="MQTT keep-alive: a device whose network vanished is shown offline after about 1.5 "
        "times this (a stopped or killed process at once).",
    )
    status_every: Annotated[timedelta, DurationRange("10s", "1h")] = Field(
        dur("5m"),
        description="The retained status is sent again this often (its 'seen' time), so 'kiosk fleet "
        "status' can tell a silent device from a live one.",
    )

    @field_validator("ca_file", "password_file")
    @classmethod
    def _on_machine(cls, value: str | None) -> str | None:
        return _machine_file(value)


class FleetNgsiLd(EditorModel):
    """The heartbeat: a Smart Data Models ``Device`` entity upserted to the city's NGSI-LD broker."""

    broker: WebUrl | None = Field(
        None,
        description="Base address of the NGSI-LD broker (the part before /ngsi-ld/v1/); empty = no "
        "heartbeat.",
    )
    tenant: str = Field(
        "", max_length=100, description="NGSI-LD tenant (sent as NGSILD-Tenant); empty = the default one."
    )
    interval: Annotated[timedelta, DurationRange("2s", "1h")] = Field(
        dur("1m"), description="How often the entity is sent (and once at start)."
    )
    token_file: str | None = Field(
        None, description="File on the device holding a bearer token for the broker (first line), if any."
    )
    timeout: Annotated[timedelta, DurationRange("1s", "60s")] = Field(
        dur("10s"), description="Total deadline of one upsert (connect and answer)."
    )

    @field_validator("token_file")
    @classmethod
    def _on_machine(cls, value: str | None) -> str | None:
        return _machine_file(value)


class FleetMetrics(EditorModel):
    """Prometheus metrics of the device (prometheus-client)."""

    address: str | None = Field(
        None,
        pattern=r"^[^\s:]*:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$",
        description="[HOST]:PORT to serve /metrics on; without a host (':9101') only on loopback, for "
        "this machine; 0.0.0.0:9101 for every address (then let the firewall decide who may scrape); "
        "empty = no endpoint.",
    )
    textfile: str | None = Field(
        None,
        description="File the metrics are written to (atomically) for the node exporter's textfile "
        "collector, e.g. /var/lib/prometheus/node-exporter/touchpoint.prom; empty = none.",
    )
    every: Annotated[timedelta, DurationRange("1s", "10m")] = Field(
        dur("15s"), description="How often the metrics are brought up to date (and the textfile written)."
    )

    @field_validator("textfile")
    @classmethod
    def _prom(cls, value: str | None) -> str | None:
        if value is not None and not re.search(r"\.prom$", value):
            raise ValueError("the node exporter reads only files ending in .prom")
        return _machine_file(value)


class FleetScreenshot(EditorModel):
    """Remote screenshots: a PNG of what the screen shows, sent to an HTTP endpoint on request (MQTT
    "screenshot" or the admin menu). Never during a passer-by's session."""

    upload_url: WebUrl | None = Field(
        None,
        description="Where the PNG is sent; {device} in it becomes the device's name "
        "(e.g. https://ops.rostock.de/shots/{device}.png); empty = no remote screenshots.",
    )
    method: Literal["PUT", "POST"] = Field("PUT", description="HTTP method of the upload.")
    max_width: int = Field(
        960, ge=160, le=3840, description="The picture is scaled down to at most this width (pixels)."
    )
    token_file: str | None = Field(
        None, description="File on the device holding a bearer token for the upload (first line), if any."
    )
    timeout: Annotated[timedelta, DurationRange("1s", "2m")] = Field(
        dur("20s"), description="Total deadline of one upload."
    )

    @field_validator("token_file")
    @classmethod
    def _on_machine(cls, value: str | None) -> str | None:
        return _machine_file(value)


class Fleet(EditorModel):
    """How a device reports to the people who run many of them (docs/fleet-health.md); all off by
    default."""

    mqtt: FleetMqtt = Field(FleetMqtt(), description="The MQTT doorbell and retained status.")
    ngsi_ld: FleetNgsiLd = Field(FleetNgsiLd(), description="The heartbeat to the NGSI-LD broker.")
    metrics: FleetMetrics = Field(FleetMetrics(), description="Prometheus metrics.")
    screenshot: FleetScreenshot = Field(FleetScreenshot(), description="Remote screenshots.")
