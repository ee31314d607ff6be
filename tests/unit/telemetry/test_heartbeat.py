"""The heartbeat entity against the (reconstructed) Smart Data Models Device schema, the MQTT status, the
doorbell's commands, the fleet settings and how ``kiosk fleet status`` colours a device."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker, ValidationError
from pydantic import ValidationError as ModelError

from kiosk.config.models.fleet import Fleet, FleetMetrics, FleetMqtt
from kiosk.telemetry.fleet_status import classify, format_rows
from kiosk.telemetry.metrics import Metrics
from kiosk.telemetry.mqtt import command_of
from kiosk.telemetry.report import DeviceReport, device_entity, key_values, offline_payload, status_payload
from tests.conftest import REPO

SCHEMA = json.loads((REPO / "schema/external/sdm-device.schema.json").read_text(encoding="utf-8"))
START = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def sdm_validator() -> Draft7Validator:
    return Draft7Validator(SCHEMA, format_checker=FormatChecker())


def report(**changes: object) -> DeviceReport:
    base: dict[str, object] = {
        "device": "stadthafen-stele",
        "name": "Stele Stadthafen",
        "software_version": "0.1.0",
        "content_version": "git v12-3-gabc1234",
        "started": START,
        "now": START + timedelta(hours=2, seconds=5),
        "state": "playing",
        "screen_on": True,
        "sources_total": 5,
        "sources_available": 4,
        "last_error": "HTTP 503 from www.pegelonline.wsv.de",
        "last_error_at": START + timedelta(hours=1),
        "last_screenshot": START + timedelta(minutes=30),
        "latitude": 54.0924,
        "longitude": 12.1286,
    }
    base.update(changes)
    return DeviceReport(**base)  # type: ignore[arg-type]


def test_the_heartbeat_is_a_valid_sdm_device_in_normalized_ngsi_ld() -> None:
    entity = device_entity(report())
    assert entity["id"] == "urn:ngsi-ld:Device:stadthafen-stele" and entity["type"] == "Device"
    assert "https://smartdatamodels.org/context.jsonld" in entity["@context"]
    for key, attribute in entity.items():  # normalized: every attribute a Property or GeoProperty
        if key not in ("id", "type", "@context"):
            assert attribute["type"] in ("Property", "GeoProperty"), key
    assert entity["dateLastValueReported"]["value"] == {"@type": "DateTime", "@value": "2026-12-02T10:00:05Z"}
    flat = key_values(entity)
    sdm_validator().validate(flat)
    assert flat["uptime"] == 2 * 3600 + 5 and flat["sourcesAvailable"] == 4
    assert flat["location"] == {"type": "Point", "coordinates": [12.1286, 54.0924]}
    assert flat["contentVersion"] == "git v12-3-gabc1234" and flat["deviceState"] == "playing"


def test_the_schema_copy_refuses_what_sdm_refuses() -> None:
    flat = key_values(device_entity(report()))
    for broken in (
        {k: v for k, v in flat.items() if k != "controlledProperty"},  # required
        flat | {"type": "Kiosk"},
        flat | {"category": ["display"]},  # not one of SDM's categories
        flat | {"dateLastValueReported": "yesterday"},
    ):
        with pytest.raises(ValidationError):
            sdm_validator().validate(broken)


def test_a_minimal_heartbeat_validates_too() -> None:
    entity = device_entity(report(last_error="", last_error_at=None, last_screenshot=None, latitude=None))
    assert "location" not in entity and "dateLastScreenshot" not in entity
    sdm_validator().validate(key_values(entity))


def test_status_and_last_will_payloads() -> None:
    status = status_payload(report(), 300.0)
    assert status["online"] is True and status["seen"] == "2026-12-02T10:00:05Z" and status["every_s"] == 300
    assert status["since"] == "2026-12-02T08:00:00Z" and status["sources"] == "4/5"
    will = offline_payload("stadthafen-stele", "0.1.0", START, None)
    assert will["online"] is False and will["seen"] is None
    json.dumps(status), json.dumps(will)  # both travel as JSON


@pytest.mark.parametrize(
    ("payload", "command"),
    [
        (b"check now", "check-now"),
        (b"  Check-Now\n", "check-now"),
        (b'{"cmd": "check_now"}', "check-now"),
        (b"screenshot", "screenshot"),
        (b"reload", "reload"),
        (b"reboot", None),
        (b"{broken", None),
        (b'["check now"]', None),
    ],
)
def test_doorbell_commands(payload: bytes, command: str | None) -> None:
    assert command_of(payload) == command


def test_fleet_settings_are_off_by_default_and_keep_secrets_out_of_content() -> None:
    fleet = Fleet()
    assert fleet.mqtt.host is None and fleet.ngsi_ld.broker is None
    assert fleet.metrics.address is None and fleet.metrics.textfile is None
    assert fleet.screenshot.upload_url is None
    with pytest.raises(ModelError, match="absolute path"):
        FleetMqtt(host="broker", password_file="secrets/mqtt.txt")  # type: ignore[call-arg]
    with pytest.raises(ModelError, match=r"\.prom"):
        FleetMetrics(textfile="/var/lib/node-exporter/touchpoint.txt")  # type: ignore[call-arg]
    with pytest.raises(ModelError):
        FleetMqtt(host="broker", topic_prefix="city/+/kiosk")  # type: ignore[call-arg]
    assert not hasattr(FleetMqtt(), "password")  # there is no key for the password itself


NOW = START + timedelta(hours=3)


@pytest.mark.parametrize(
    ("status", "published", "colour", "words"),
    [
        (status_payload(report(now=NOW, last_error=""), 300), "git v12-3-gabc1234", "green", "online"),
        (status_payload(report(now=NOW, last_error=""), 300), "git v13", "yellow", "not git v13"),
        (status_payload(report(now=NOW), 300), None, "yellow", "HTTP 503"),
        (status_payload(report(now=NOW - timedelta(minutes=20), last_error=""), 300), None, "red", "silent"),
        (offline_payload("stele", "0.1.0", START, None), None, "red", "offline (connection lost)"),
        (offline_payload("stele", "0.1.0", START, NOW, "git v12"), "git v12", "red", "offline"),
    ],
)
def test_fleet_status_colours(
    status: dict[str, object], published: str | None, colour: str, words: str
) -> None:
    row = classify(status, NOW, published)
    assert row.colour == colour
    (line,) = format_rows([row], colour=False)
    assert line.startswith(colour) and words in line and "\033" not in line
    (coloured,) = format_rows([row], colour=True)
    assert coloured.startswith("\033[") and colour in coloured


def test_metrics_textfile_is_written_whole(tmp_path: Path) -> None:
    metrics = Metrics("stele")
    metrics.update(report(), errors=3)
    path = tmp_path / "touchpoint.prom"
    metrics.write_textfile(str(path))
    text = path.read_text(encoding="utf-8")
    assert 'touchpoint_info{content_version="git v12-3-gabc1234",device="stadthafen-stele"' in text
    assert "touchpoint_sources_available 4.0" in text and "touchpoint_errors_logged 3.0" in text
    assert [p.name for p in tmp_path.iterdir()] == ["touchpoint.prom"]  # no temporary file left


def test_fleet_status_asks_which_broker_and_says_when_it_cannot_reach_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.cli import main
    from tests.field.brokers import free_port

    assert main(["fleet", "status"]) == 2
    assert "which broker?" in capsys.readouterr().err
    assert main(["fleet", "status", "--broker", "127.0.0.1:x"]) == 2
    assert main(["fleet", "status", "--broker", f"127.0.0.1:{free_port()}", "--wait", "1"]) == 1
    assert "cannot reach the broker 127.0.0.1:" in capsys.readouterr().err


def test_the_metrics_address_is_loopback_unless_told() -> None:
    from kiosk.telemetry.metrics import split_address

    assert split_address(":9101") == ("127.0.0.1", 9101)
    assert split_address("0.0.0.0:9101") == ("0.0.0.0", 9101)
    assert split_address("[::1]:9101") == ("::1", 9101)
    FleetMetrics(address=":9101")  # type: ignore[call-arg]
    with pytest.raises(ModelError):
        FleetMetrics(address="9101")  # type: ignore[call-arg]
