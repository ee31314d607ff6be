"""``kiosk fleet status``: every device's retained status on the broker, as green / yellow / red.

- **red**: offline (its last will, or its goodbye at a stop), or silent for three status periods;
- **yellow**: online, but playing another content version than the published one, or with an error;
- **green**: online, current, no error.

Colour only on a terminal; the word is always there, so a log or a pipe reads the same.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.config.models.fleet import FleetMqtt
from kiosk.telemetry.mqtt import make_client

COLOURS = {"green": "\033[32m", "yellow": "\033[33m", "red": "\033[31m"}
RESET = "\033[0m"
QUIET_S = 0.5  # retained messages come in one burst after subscribing: this long without one ends it


@dataclass(frozen=True)
class Row:
    device: str
    colour: str
    online: str
    content: str
    seen: str
    error: str


def _when(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"


def classify(status: dict[str, Any], now: datetime, published: str | None) -> Row:
    device = str(status.get("device", "?"))
    seen = _when(status.get("seen"))
    every = status.get("every_s")
    silent = (
        seen is not None
        and isinstance(every, int | float)
        and (now - seen).total_seconds() > 3 * max(float(every), 1.0)
    )
    version = str(status.get("content_version") or "")
    error = str(status.get("last_error") or "")
    online = bool(status.get("online"))
    if not online:
        colour, state = "red", "offline" + ("" if seen else " (connection lost)")
    elif silent:
        colour, state = "red", "silent"
    elif (published and version != published) or error:
        colour, state = "yellow", "online"
    else:
        colour, state = "green", "online"
    if not version:
        content = "content ?"
    elif published is None:
        content = f"content {version}"
    else:
        content = f"content {version} ({'published' if version == published else 'not ' + published})"
    seen_text = f"seen {_ago(max(0.0, (now - seen).total_seconds()))}" if seen else "seen ?"
    return Row(device, colour, state, content, seen_text, error or "—")


def format_rows(rows: list[Row], colour: bool) -> list[str]:
    width = max((len(r.device) for r in rows), default=6)
    out = []
    for r in sorted(rows, key=lambda row: row.device):
        word = f"{r.colour:<6}"
        if colour:
            word = f"{COLOURS[r.colour]}{word}{RESET}"
        out.append(
            f"{word}  {r.device:<{width}}  {r.online:<8}  {r.content}  {r.seen}  last error: {r.error}"
        )
    return out


def retained_statuses(settings: FleetMqtt, timeout_s: float) -> dict[str, dict[str, Any]]:
    """Every ``PREFIX/+/status`` the broker keeps, by device; ``ConnectionError`` if it cannot be read."""
    assert settings.host is not None
    found: dict[str, dict[str, Any]] = {}
    lock = threading.Lock()
    connected = threading.Event()
    last = [time.monotonic()]
    client = make_client(settings, "")  # a random client id: several operators may look at once
    topic = f"{settings.topic_prefix}/+/status"

    def on_connect(c: Any, _d: Any, _f: Any, code: Any, _p: Any) -> None:
        if not code.is_failure:
            c.subscribe(topic, qos=1)
            last[0] = time.monotonic()
            connected.set()

    def on_message(_c: Any, _d: Any, message: Any) -> None:
        try:
            data = json.loads(message.payload)
        except ValueError:
            data = None
        device = message.topic.split("/")[-2]
        with lock:
            if isinstance(data, dict):
                data.setdefault("device", device)
                found[device] = data
            last[0] = time.monotonic()

    client.on_connect = on_connect
    client.on_message = on_message
    try:
        client.connect(settings.host, settings.port, keepalive=30)
    except OSError as error:
        raise ConnectionError(f"cannot reach the broker {settings.host}:{settings.port}: {error}") from None
    client.loop_start()
    try:
        if not connected.wait(timeout_s):
            raise ConnectionError(f"the broker {settings.host}:{settings.port} did not accept the connection")
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            with lock:
                if time.monotonic() - last[0] >= QUIET_S:
                    break
            time.sleep(0.05)
    finally:
        client.disconnect()
        client.loop_stop()
    with lock:
        return dict(found)
