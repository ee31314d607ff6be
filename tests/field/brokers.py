"""The city's own servers as real processes on loopback, each with its config and data in a tmp folder:
mosquitto (the MQTT doorbell) and Prometheus. The Debian packages' system services are never used (a
test starts its own server on a free port and kills it at the end)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.field.kioskproc import LoggedProcess


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def need(tool: str) -> str:
    path = shutil.which(tool) or next(
        (str(p) for p in (Path("/usr/sbin") / tool, Path("/usr/bin") / tool) if p.exists()), None
    )
    if path is None:
        message = f"this test needs {tool} (./install.sh --dev installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run it, never skip it quietly
        pytest.skip(message)
    return path


def listening(process: LoggedProcess, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or not process.alive():
                raise AssertionError(f"{process.name} does not listen on {port}\n{process.tail()}") from None
            time.sleep(0.05)


class Mosquitto(LoggedProcess):
    """``mosquitto -c CONF`` listening on 127.0.0.1:``port``, anonymous, nothing kept on disk."""

    name = "mosquitto"

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        conf = folder / "mosquitto.conf"
        conf.write_text(
            f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
            f"log_dest file {folder / 'mosquitto.log'}\nlog_type error\nlog_type warning\nlog_type notice\n"
            "log_type information\n",
            encoding="utf-8",
        )
        self.log_file = folder / "mosquitto.log"  # its stdout is block-buffered into a pipe: a file instead
        self.log_file.touch()
        self.log_file.chmod(0o666)  # started as root, mosquitto writes as its own user
        super().__init__([need("mosquitto"), "-c", str(conf)], dict(os.environ))

    def tail(self) -> str:
        try:
            return "--- mosquitto.log ---\n" + "\n".join(self.log_file.read_text().splitlines()[-40:])
        except OSError:
            return super().tail()

    def start(self) -> Mosquitto:
        super().start()
        listening(self, self.port, 10)  # its log is block-buffered into a pipe: ask the port instead
        return self


class Prometheus(LoggedProcess):
    """``prometheus`` on a free loopback port, scraping ``targets`` every second, its storage in a tmp
    folder."""

    name = "prometheus"

    def __init__(self, folder: Path, targets: list[str]) -> None:
        self.port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        conf = folder / "prometheus.yml"
        conf.write_text(
            json.dumps(  # YAML is a superset of JSON
                {
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                    "scrape_configs": [{"job_name": "touchpoint", "static_configs": [{"targets": targets}]}],
                }
            ),
            encoding="utf-8",
        )
        command = [
            need("prometheus"),
            f"--config.file={conf}",
            f"--storage.tsdb.path={folder / 'data'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
        ]
        super().__init__(command, dict(os.environ))

    def start(self) -> Prometheus:
        super().start()
        self.wait_for_log(r"Server is ready to receive web requests", 30)
        return self

    def query(self, expression: str) -> list[dict[str, Any]]:
        """The result of an instant query through Prometheus' HTTP API."""
        url = f"http://127.0.0.1:{self.port}/api/v1/query?" + urllib.parse.urlencode({"query": expression})
        with urllib.request.urlopen(url, timeout=5) as answer:
            data = json.loads(answer.read())
        assert data["status"] == "success", data
        result: list[dict[str, Any]] = data["data"]["result"]
        return result

    def wait_for(self, expression: str, timeout: float) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            result = self.query(expression)
            if result or time.monotonic() > deadline:
                return result
            time.sleep(0.25)
