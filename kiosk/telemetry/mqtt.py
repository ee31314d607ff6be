"""The MQTT doorbell of one device (paho-mqtt): commands in, the retained status out, a last will.

paho's network loop runs on its own thread (``loop_start``) and reconnects by itself with a backoff
from 1 s to ``MAX_BACKOFF_S``; a broker that is down at start is retried the same way. Callbacks come on
that thread: the runtime hands commands to the GUI thread through a queued signal. Connection changes are
logged once each (lost, back), never every retry.
"""

from __future__ import annotations

import contextlib
import json
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as paho
from paho.mqtt.enums import CallbackAPIVersion

from kiosk.config.models.fleet import FleetMqtt
from kiosk.telemetry.send import read_secret

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 60
COMMANDS = ("check-now", "screenshot", "reload")


@dataclass(frozen=True)
class Topics:
    prefix: str
    device: str

    @property
    def cmd(self) -> str:
        return f"{self.prefix}/{self.device}/cmd"

    @property
    def status(self) -> str:
        return f"{self.prefix}/{self.device}/status"


def command_of(payload: bytes) -> str | None:
    """The command a message asks for: plain text ("check now", "check-now") or JSON {"cmd": ...}."""
    text = payload.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return None
        text = str(data.get("cmd", "")) if isinstance(data, dict) else ""
    name = "-".join(text.lower().replace("_", " ").replace("-", " ").split())
    return name if name in COMMANDS else None


def make_client(settings: FleetMqtt, client_id: str) -> paho.Client:
    """A paho client for ``settings`` (TLS, user and password from the machine's password file)."""
    client = paho.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=paho.MQTTv311)
    if settings.tls:
        client.tls_set(ca_certs=settings.ca_file, cert_reqs=ssl.CERT_REQUIRED)
    if settings.username is not None:
        client.username_pw_set(settings.username, read_secret(settings.password_file))
    client.reconnect_delay_set(min_delay=1, max_delay=MAX_BACKOFF_S)
    return client


class Doorbell:
    """Subscribes to ``PREFIX/DEVICE/cmd``, keeps ``PREFIX/DEVICE/status`` retained, with a last will."""

    def __init__(
        self,
        settings: FleetMqtt,
        device: str,
        will: dict[str, Any],
        on_command: Callable[[str], None],
        on_connected: Callable[[bool], None] = lambda _up: None,
    ) -> None:
        self.settings = settings
        self.topics = Topics(settings.topic_prefix, device)
        self.on_command = on_command
        self.on_connected = on_connected
        self.connected = False
        self._said_down = False
        self.client = make_client(settings, f"touchpoint-{device}")
        self.client.will_set(self.topics.status, json.dumps(will), qos=1, retain=True)
        self.client.on_connect = self._connect
        self.client.on_disconnect = self._disconnect
        self.client.on_connect_fail = self._failed
        self.client.on_message = self._message
        self._status: str | None = None

    @property
    def where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def start(self) -> None:
        assert self.settings.host is not None
        keepalive = round(self.settings.keepalive.total_seconds())
        self.client.connect_async(self.settings.host, self.settings.port, keepalive=keepalive)
        self.client.loop_start()  # paho's thread: connects, retries with backoff, delivers messages

    def publish_status(self, status: dict[str, Any]) -> None:
        """Keep ``status`` as the retained status (sent now if connected, else on the next connect)."""
        self._status = json.dumps(status)
        if self.connected:
            self.client.publish(self.topics.status, self._status, qos=1, retain=True)

    def stop(self, goodbye: dict[str, Any] | None = None) -> None:
        """A clean stop: the offline status (the broker drops the will on a clean disconnect)."""
        if goodbye is not None and self.connected:
            info = self.client.publish(self.topics.status, json.dumps(goodbye), qos=1, retain=True)
            with contextlib.suppress(RuntimeError, ValueError):  # lost meanwhile: the will says offline
                info.wait_for_publish(timeout=2)
        self.client.disconnect()
        self.client.loop_stop()

    # --- paho's thread -----------------------------------------------------------------------------
    def _connect(self, client: paho.Client, _data: Any, _flags: Any, code: Any, _props: Any) -> None:
        if code.is_failure:
            self._down(f"refused: {code}")
            return
        self.connected = True
        self._said_down = False
        log.info("doorbell: connected to %s, listening on %s", self.where, self.topics.cmd)
        client.subscribe(self.topics.cmd, qos=1)
        if self._status is not None:
            client.publish(self.topics.status, self._status, qos=1, retain=True)
        self.on_connected(True)

    def _disconnect(self, _client: paho.Client, _data: Any, _flags: Any, code: Any, _props: Any) -> None:
        was = self.connected
        self.connected = False
        if was:
            self.on_connected(False)
            if code.is_failure:  # not our own disconnect at stop
                log.warning("doorbell: lost the broker %s (%s); reconnecting with backoff", self.where, code)
                self._said_down = True

    def _failed(self, _client: paho.Client, _data: Any) -> None:
        self._down("cannot connect")

    def _down(self, why: str) -> None:
        if not self._said_down:
            log.warning(
                "doorbell: broker %s: %s; retrying with backoff up to %d s", self.where, why, MAX_BACKOFF_S
            )
            self._said_down = True

    def _message(self, _client: paho.Client, _data: Any, message: paho.MQTTMessage) -> None:
        command = command_of(bytes(message.payload))
        if command is None:
            log.warning("doorbell: unknown command %r ignored", bytes(message.payload[:60]))
            return
        if message.retain:  # a command left retained on the broker is old news, not a ring now
            log.info("doorbell: retained %s ignored (commands must not be retained)", command)
            return
        self.on_command(command)
