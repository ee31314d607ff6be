"""The real ``kiosk run`` under a stand-in for systemd's notify socket: READY=1 after the first frame,
WATCHDOG=1 at half of WATCHDOG_USEC while the GUI loop runs, no ping while the process is stopped
(SIGSTOP: what a hung event loop looks like from outside), pings again after SIGCONT, STOPPING=1 on
SIGTERM. The socket is a real AF_UNIX datagram socket, the protocol's own transport."""

from __future__ import annotations

import itertools
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.kiosk_cli import kiosk_command

WATCHDOG_USEC = 600_000  # a ping every 0.3 s


def _receive(sock: socket.socket, seconds: float) -> list[tuple[float, str]]:
    """Every message that arrives within ``seconds``, with its monotonic arrival time."""
    got: list[tuple[float, str]] = []
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            got.append((time.monotonic(), sock.recv(4096).decode()))
        except TimeoutError:
            break
    return got


def _until(sock: socket.socket, needle: str, seconds: float) -> list[tuple[float, str]]:
    got: list[tuple[float, str]] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        got += _receive(sock, min(0.5, end - time.monotonic()))
        if any(needle in text for _, text in got):
            return got
    raise AssertionError(f"no {needle!r} within {seconds} s; got {[t for _, t in got]}")


@pytest.mark.e2e
def test_watchdog_pings_from_the_gui_loop_stop_when_it_is_stopped(tmp_path: Path) -> None:
    address = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(address))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(address)}
    env["WATCHDOG_USEC"] = str(WATCHDOG_USEC)
    env.pop("WATCHDOG_PID", None)
    command = kiosk_command("run", "stadthafen-stele", "--root", str(REPO), "--offline")
    command += ["--data-dir", str(tmp_path / "data")]
    log_path = tmp_path / "kiosk.log"  # a file, not a pipe: a stopped reader never blocks the kiosk
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        ready = _until(sock, "READY=1", 90)
        first = next(text for _, text in ready if "READY=1" in text)
        assert first == "READY=1\nSTATUS=playing stadthafen-stele"
        pings = [t for t, text in _receive(sock, 3) if text == "WATCHDOG=1"]
        assert len(pings) >= 7, f"{len(pings)} pings in 3 s at a 0.3 s interval"
        gaps = [b - a for a, b in itertools.pairwise(pings)]
        assert max(gaps) < 0.3 + 0.25, f"pings {gaps} apart"

        proc.send_signal(signal.SIGSTOP)  # a frozen loop: nothing runs, nothing pings
        _receive(sock, 0.1)  # what was sent before the stop
        assert _receive(sock, 1.5) == [], "pinged while stopped"
        proc.send_signal(signal.SIGCONT)
        resumed = _until(sock, "WATCHDOG=1", 2)
        assert resumed

        proc.send_signal(signal.SIGTERM)
        stopping = _until(sock, "STOPPING=1", 20)
        assert not any("READY=1" in text for _, text in stopping)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        sock.close()
    log = log_path.read_text(encoding="utf-8")
    assert "systemd watchdog: a ping every 0.3 s" in log, log
    start = re.search(
        r"starting device stadthafen-stele \(touch-terminal; named on the command line\), "
        r"content (git \S+|files sha256:\w+ \(\d+ files\)) from \S+; "
        r"screen \d+×\d+ \w+, DPR [\d.]+ \(output .*\); layout \d+×\d+$",
        log,
        re.M,
    )
    assert start, log
    assert "Traceback" not in log and " ERROR " not in log, log
