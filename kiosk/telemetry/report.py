"""One device's state at an instant, and the two shapes it is sent in: the retained MQTT status and the
Smart Data Models ``Device`` entity (NGSI-LD, normalized) of the heartbeat."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

ENTITY_PREFIX = "urn:ngsi-ld:Device:"
# the Smart Data Models context (it maps softwareVersion, deviceState ... to their SDM terms) and the core
SDM_CONTEXT = "https://smartdatamodels.org/context.jsonld"
CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.7.jsonld"
# SDM's controlledProperty has no value for a screen: "light" is what a display puts out and switches
# (screen on/off); category "multimedia" says what kind of device it is
CONTROLLED = ["light"]
CATEGORY = ["multimedia"]
ERROR_CHARS = 300  # a last error is a line, not a traceback


@dataclass(frozen=True)
class DeviceReport:
    """What the kiosk says about itself (no personal data: nothing of a passer-by's session but that one
    runs)."""

    device: str
    name: str
    software_version: str
    content_version: str
    started: datetime
    now: datetime
    state: str  # "playing", "session", "alert", "screen off"
    screen_on: bool
    sources_total: int = 0
    sources_available: int = 0
    last_error: str = ""
    last_error_at: datetime | None = None
    last_screenshot: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def uptime_s(self) -> int:
        return max(0, round((self.now - self.started).total_seconds()))


def iso(moment: datetime) -> str:
    """UTC, to the second, with a Z (what NGSI-LD brokers and Grafana read without surprises)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_payload(report: DeviceReport, every_s: float) -> dict[str, Any]:
    """The retained status ``PREFIX/DEVICE/status`` while the device is connected."""
    return {
        "device": report.device,
        "online": True,
        "state": report.state,
        "content_version": report.content_version,
        "software_version": report.software_version,
        "since": iso(report.started),
        "seen": iso(report.now),
        "every_s": every_s,
        "screen_on": report.screen_on,
        "sources": f"{report.sources_available}/{report.sources_total}",
        "last_error": report.last_error[:ERROR_CHARS],
    }


def offline_payload(
    device: str, software_version: str, since: datetime, seen: datetime | None, content_version: str = ""
) -> dict[str, Any]:
    """The status when the device is gone: its last will (``seen`` unknown: the broker sends it after
    the connection broke) or its goodbye at a clean stop."""
    return {
        "device": device,
        "online": False,
        "software_version": software_version,
        "content_version": content_version,
        "since": iso(since),
        "seen": iso(seen) if seen is not None else None,
    }


def _prop(value: Any) -> dict[str, Any]:
    return {"type": "Property", "value": value}


def _time(moment: datetime) -> dict[str, Any]:
    return _prop({"@type": "DateTime", "@value": iso(moment)})


def device_entity(report: DeviceReport) -> dict[str, Any]:
    """The heartbeat: a Smart Data Models ``Device`` entity, NGSI-LD normalized, with its @context."""
    entity: dict[str, Any] = {
        "id": ENTITY_PREFIX + report.device,
        "type": "Device",
        "name": _prop(report.name),
        "category": _prop(CATEGORY),
        "controlledProperty": _prop(CONTROLLED),
        "deviceState": _prop(report.state),
        "softwareVersion": _prop(report.software_version),
        "osVersion": _prop(f"{platform.system()} {platform.release()}".strip()),
        "dateLastValueReported": _time(report.now),
        # beyond SDM's Device (its schema allows more attributes): what a kiosk operator asks first
        "contentVersion": _prop(report.content_version),
        "uptime": _prop(report.uptime_s),
        "screenOn": _prop(report.screen_on),
        "sourcesTotal": _prop(report.sources_total),
        "sourcesAvailable": _prop(report.sources_available),
        "lastError": _prop(report.last_error[:ERROR_CHARS]),
        "@context": [SDM_CONTEXT, CORE_CONTEXT],
    }
    if report.last_error_at is not None:
        entity["dateLastError"] = _time(report.last_error_at)
    if report.last_screenshot is not None:
        entity["dateLastScreenshot"] = _time(report.last_screenshot)
    if report.latitude is not None and report.longitude is not None:
        entity["location"] = {
            "type": "GeoProperty",
            "value": {"type": "Point", "coordinates": [report.longitude, report.latitude]},
        }
    return entity


def key_values(entity: dict[str, Any]) -> dict[str, Any]:
    """The key-values form of a normalized entity (what the Smart Data Models JSON Schemas describe, and
    what an NGSI-LD broker answers with ``options=keyValues``)."""
    out: dict[str, Any] = {}
    for key, attribute in entity.items():
        if key == "@context":
            continue
        if isinstance(attribute, dict) and attribute.get("type") in ("Property", "GeoProperty"):
            value = attribute.get("value")
            if isinstance(value, dict) and value.get("@type") == "DateTime":
                value = value.get("@value")
            out[key] = value
        else:
            out[key] = attribute
    return out
