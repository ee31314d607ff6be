"""systemd's notify protocol over a real AF_UNIX datagram socket (path and abstract '@' addresses), the
watchdog's interval and owner rules, and a health problem that withholds the pings."""

from __future__ import annotations

import contextlib
import os
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.runtime.health import pool_health
from kiosk.runtime.sdnotify import Health, Watchdog, send, watchdog_interval_ms
from kiosk.runtime.workers import Workers


@pytest.fixture
def notify(tmp_path: Path) -> Iterator[tuple[socket.socket, dict[str, str]]]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(2)
    yield sock, {"NOTIFY_SOCKET": str(tmp_path / "notify")}
    sock.close()


def test_send_to_an_abstract_socket() -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        assert send("STATUS=hello", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(100) == b"STATUS=hello"


def test_without_a_socket_nothing_is_sent(tmp_path: Path) -> None:
    assert not send("READY=1", {})
    assert not send("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "gone")})  # never raises


def test_interval_is_half_the_watchdog_and_only_for_its_owner() -> None:
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000"}) == 15_000
    assert watchdog_interval_ms({}) == 0
    env = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4242"}
    assert watchdog_interval_ms(env, pid=4242, ppid=1) == 15_000
    assert watchdog_interval_ms(env, pid=4300, ppid=4242) == 15_000  # the kiosk inside cage
    assert watchdog_interval_ms(env, pid=4300, ppid=4299) == 0  # someone else's watchdog


def _messages(qtbot: QtBot, sock: socket.socket, seconds: float) -> list[bytes]:
    """What arrives within ``seconds`` while the Qt event loop runs (the pings come from a QTimer)."""
    sock.setblocking(False)
    got: list[bytes] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        qtbot.wait(20)
        with contextlib.suppress(BlockingIOError):
            while True:
                got.append(sock.recv(200))
    return got


def test_ready_pings_status_and_a_fatal_problem(
    qtbot: QtBot, notify: tuple[socket.socket, dict[str, str]]
) -> None:
    sock, env = notify
    health = {"now": Health()}
    dog = Watchdog(lambda: health["now"], {**env, "WATCHDOG_USEC": "200000"})
    assert dog.interval_ms == 100
    dog.set_ready("playing hall")
    got = _messages(qtbot, sock, 0.55)
    assert got[0] == b"READY=1\nSTATUS=playing hall"
    assert 4 <= got.count(b"WATCHDOG=1") <= 7 and len(got) == 1 + got.count(b"WATCHDOG=1")
    health["now"] = Health(("polling of x stuck for 301 s",), fatal=True)
    got = _messages(qtbot, sock, 0.5)
    assert got == [b"STATUS=polling of x stuck for 301 s"], "no pings while fatally unhealthy"
    health["now"] = Health()
    got = _messages(qtbot, sock, 0.25)
    assert got[:2] == [b"STATUS=playing hall", b"WATCHDOG=1"]
    dog.stopping()
    assert _messages(qtbot, sock, 0.25) == [b"STOPPING=1\nSTATUS=stopping"]
    dog.deleteLater()


def test_a_stuck_pool_is_reported_and_fatal_when_every_thread_is_stuck(qtbot: QtBot) -> None:
    import threading

    release = threading.Event()
    pool = Workers("test-health", threads=1)
    pool.submit("polling of slow", lambda: release.wait(10), lambda _v: None)
    qtbot.waitUntil(lambda: bool(pool.busy()), timeout=2000)
    assert pool_health([pool], stuck_after_s=60) == Health()
    health = pool_health([pool], stuck_after_s=0)
    assert health.fatal and health.problems[0].startswith("polling of slow stuck for ")
    release.set()
    qtbot.waitUntil(lambda: not pool.busy(), timeout=2000)
    pool.shutdown(wait=True)
    pool.deleteLater()
    assert os.getpid()  # the pool's thread ended with it (leak check)


def test_a_speech_thread_that_ended_withholds_the_pings(qtbot: QtBot) -> None:
    from kiosk.runtime.health import checker
    from kiosk.runtime.speaker import Speaker

    speaker = Speaker(use_device=False)
    check = checker(list, lambda: speaker.alive)
    assert check() == Health()
    speaker._jobs.put(None)  # what a bug that ends the thread would leave: a mute terminal
    speaker._thread.join(5)
    assert check() == Health(("the speech thread ended",), fatal=True)
    speaker.shutdown()
    assert check() == Health()  # shut down on purpose: not a problem
    speaker.deleteLater()
