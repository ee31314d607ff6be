"""Fleet health with the city's own servers, real processes on loopback: mosquitto rings the doorbell of
a real ``kiosk run`` (on Xvfb) and keeps its status with a last will; ``kiosk fleet status`` reads it; the
heartbeat reaches the fake platform's NGSI-LD upsert route and validates against the Smart Data Models
``Device`` schema; Prometheus scrapes the kiosk's metrics; a remote screenshot arrives as a scaled PNG."""

from __future__ import annotations

import io
import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

import paho.mqtt.client as paho
import pytest
from jsonschema import Draft7Validator, FormatChecker
from paho.mqtt.enums import CallbackAPIVersion
from PIL import Image

from kiosk.devtools.platform_sim.server import PlatformSim
from kiosk.telemetry.report import key_values
from tests.conftest import REPO
from tests.field.brokers import Mosquitto, Prometheus, free_port
from tests.field.conftest import StartKiosk, wait_until
from tests.field.packs import signage_pack
from tests.kiosk_cli import run_kiosk

pytestmark = pytest.mark.field

RED = (200, 30, 30)
UPSERT = "/ngsi-ld/v1/entityOperations/upsert"


def fleet_pack(root: Path, fleet: dict[str, Any]) -> Path:
    pack = signage_pack(root, {"main": (0, 0, 640, 360)}, {"main": [("rot", RED, "10s")]})
    pack.device(
        "feld",
        {
            "name": "Feldtest",
            "role": "hall-display",
            "layout": "feld",
            "screen": {"width": 640, "height": 360},
            "zones": {"main": {"default": "main"}},
            "location": {"latitude": 54.0887, "longitude": 12.1405},
            "fleet": fleet,
        },
    )
    pack.validate()
    return pack.root


class Watcher:
    """A test's own MQTT client: every message on the statuses, and commands sent."""

    def __init__(self, port: int) -> None:
        self.messages: list[tuple[float, str, dict[str, Any]]] = []
        self.cond = threading.Condition()
        self.client = paho.Client(CallbackAPIVersion.VERSION2, client_id="field-test")
        self.client.on_message = self._message
        self.client.connect("127.0.0.1", port)
        self.client.subscribe("touchpoint/+/status", qos=1)
        self.client.loop_start()

    def _message(self, _c: Any, _d: Any, message: paho.MQTTMessage) -> None:
        with self.cond:
            self.messages.append((time.monotonic(), message.topic, json.loads(message.payload)))
            self.cond.notify_all()

    def wait(self, check: Any, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for _t, _topic, payload in reversed(self.messages):
                    if check(payload):
                        return payload
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such status within {timeout} s: {self.messages[-3:]}")
                self.cond.wait(left)

    def ring(self, command: str) -> float:
        """Publish ``command``; returns the moment before sending (the kiosk may act before the broker's
        acknowledgement is back here)."""
        sent = time.monotonic()
        info = self.client.publish("touchpoint/feld/cmd", command, qos=1)
        info.wait_for_publish(5)
        return sent

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def fleet_status(port: int, *args: str) -> tuple[int, str]:
    done = run_kiosk("fleet", "status", "--broker", f"127.0.0.1:{port}", *args, timeout=30)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.timeout(90)
def test_check_now_within_2_s_and_the_last_will_says_offline(start_kiosk: StartKiosk, tmp_path: Path) -> None:
    broker = Mosquitto(tmp_path / "mosquitto").start()
    watcher = Watcher(broker.port)
    try:
        root = fleet_pack(tmp_path / "pack", {"mqtt": {"host": "127.0.0.1", "port": broker.port}})
        kiosk = start_kiosk(root, "feld")
        kiosk.wait_for_log(r"doorbell: connected to 127\.0\.0\.1", 20)
        status = watcher.wait(lambda s: s.get("online") and s.get("content_version", "?") != "?", 10)
        assert status["device"] == "feld" and status["state"] == "playing" and status["screen_on"] is True
        assert status["content_version"].startswith("files sha256:")  # what the start line logs
        code, out = fleet_status(broker.port, "--published", status["content_version"])
        assert code == 0 and "green" in out and "feld" in out and "(published)" in out, out

        rung = watcher.ring("check now")
        t, _ = kiosk.wait_for_log(r"content reloaded \(\d+ files\)", 10, since=rung)
        assert t - rung < 2.0, f"the kiosk reacted {t - rung:.2f} s after the doorbell\n{kiosk.tail()}"
        assert kiosk.find_log(r"doorbell: check-now", since=rung)

        killed = time.monotonic()
        kiosk.signal(signal.SIGKILL)  # no goodbye: only the broker's last will can tell
        will = watcher.wait(lambda s: s.get("online") is False, 10)
        assert time.monotonic() - killed < 5 and will["seen"] is None
        code, out = fleet_status(broker.port)
        assert code == 1 and "red" in out and "offline (connection lost)" in out, out
        assert kiosk.problems() == []
    finally:
        watcher.stop()
        broker.kill()


@pytest.mark.timeout(90)
def test_heartbeat_metrics_and_remote_screenshot(start_kiosk: StartKiosk, tmp_path: Path) -> None:
    schema = json.loads((REPO / "schema/external/sdm-device.schema.json").read_text(encoding="utf-8"))
    broker = Mosquitto(tmp_path / "mosquitto").start()
    metrics_port = free_port()
    prometheus = Prometheus(tmp_path / "prometheus", [f"127.0.0.1:{metrics_port}"])
    watcher = Watcher(broker.port)
    with PlatformSim() as platform:  # the packaged fixtures: the NGSI-LD upsert route included
        platform.add_route("/shots/feld.png", b"", status=201, method="PUT")
        try:
            prometheus.start()
            fleet = {
                "mqtt": {"host": "127.0.0.1", "port": broker.port},
                "ngsi_ld": {"broker": platform.url, "interval": "2s", "tenant": "rostock"},
                "metrics": {
                    "address": f"127.0.0.1:{metrics_port}",
                    "textfile": str(tmp_path / "kiosk.prom"),
                    "every": "1s",
                },
                "screenshot": {"upload_url": platform.url + "/shots/{device}.png", "max_width": 320},
            }
            kiosk = start_kiosk(fleet_pack(tmp_path / "pack", fleet), "feld")
            kiosk.wait_for_log(r"doorbell: connected", 20)

            # the heartbeat: a Smart Data Models Device, at the interval
            assert wait_until(lambda: platform.count(UPSERT) >= 2, 15), kiosk.tail()
            upserts = [r for r in platform.requests if r.path == UPSERT]
            beat = upserts[-1]
            assert beat.method == "POST" and beat.headers["content-type"] == "application/ld+json"
            assert beat.headers["ngsild-tenant"] == "rostock" and beat.query == {"options": "update"}
            (entity,) = json.loads(beat.body)
            Draft7Validator(schema, format_checker=FormatChecker()).validate(key_values(entity))
            assert entity["id"] == "urn:ngsi-ld:Device:feld" and entity["screenOn"]["value"] is True
            assert upserts[-1].received - upserts[-2].received == pytest.approx(2.0, abs=0.8)

            # a remote screenshot: what the screen shows, scaled to max_width
            watcher.ring("screenshot")
            assert wait_until(lambda: platform.count("/shots/feld.png") == 1, 10), kiosk.tail()
            shot = next(r for r in platform.requests if r.path == "/shots/feld.png")
            picture = Image.open(io.BytesIO(shot.body)).convert("RGB")
            assert shot.method == "PUT" and shot.headers["content-type"] == "image/png"
            assert picture.size == (320, 180) and picture.getpixel((160, 90)) == RED
            kiosk.wait_for_log(r"remote screenshot \(asked by doorbell\): 320 px wide", 5)

            # Prometheus scrapes the kiosk: its target is up and the kiosk's own numbers arrive
            up = prometheus.wait_for('up{job="touchpoint"} == 1', 20)
            assert up, prometheus.tail()
            seen = prometheus.wait_for(
                'touchpoint_info{device="feld",content_version=~"files sha256:.+"}', 10
            )
            assert seen, prometheus.query("touchpoint_info")
            assert prometheus.wait_for("touchpoint_last_screenshot_time_seconds > 0", 20)
            text = (tmp_path / "kiosk.prom").read_text(encoding="utf-8")
            assert "touchpoint_screen_on 1.0" in text and "touchpoint_doorbell_connected 1.0" in text

            # a clean stop says goodbye itself: offline, with when and what it last played
            kiosk.signal(signal.SIGTERM)
            goodbye = watcher.wait(lambda s: s.get("online") is False, 10)
            assert goodbye["seen"] is not None and goodbye["content_version"].startswith("files sha256:")
            assert kiosk.wait(timeout=20) == 0
            assert kiosk.problems() == []
        finally:
            watcher.stop()
            prometheus.kill()
            broker.kill()
