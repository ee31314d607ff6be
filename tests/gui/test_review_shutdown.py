"""Review of issue 9: ``kiosk run`` ends on SIGTERM although a data request hangs in a worker thread.

The worker threads of ``concurrent.futures`` are joined when the interpreter exits, so a request that a
server never answers (or trickles one byte a second, which ``requests``' timeout never trips) kept the
stopped kiosk alive: systemd waits 90 s, then kills it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

from kiosk.devtools.platform_sim import PlatformSim
from tests.conftest import REPO
from tests.kiosk_cli import kiosk_command


def _running(log: Path) -> bool:
    return b"running on layout" in log.read_bytes()


def _group_gone(group: int, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_sigterm_ends_the_kiosk_while_a_request_hangs(minipack: Path, tmp_path: Path) -> None:
    # a server that reads the request and never answers it (until it stops, after the kiosk is gone)
    with PlatformSim(faults={"*": {"timeout": 300}}) as silent:
        source = minipack / "device-config/sources/wetter.yaml"
        wetter = source.read_text().replace("https://api.brightsky.dev", silent.url)
        source.write_text(wetter + "timeout: 60s\n")
        env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
        command = kiosk_command("run", "stele", "--root", str(minipack), "--window")
        log = tmp_path / "kiosk.log"
        with log.open("wb") as out:
            kiosk = subprocess.Popen(
                [*command, "--data-dir", str(tmp_path / "data")],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: the test kills whatever it leaves
            )
        try:
            deadline = time.monotonic() + 60
            while not (silent.log and _running(log)) and kiosk.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)  # waiting for a condition: running, and its first poll reached the server
            assert silent.log, f"the kiosk never asked the server:\n{log.read_text(errors='replace')[-2000:]}"
            kiosk.send_signal(signal.SIGTERM)
            sent = time.monotonic()
            try:
                code = kiosk.wait(timeout=10)
            except subprocess.TimeoutExpired:
                code = None
            took = time.monotonic() - sent
            assert code is not None, "still running 10 s after SIGTERM (the hanging request keeps it alive)"
            assert took < 3.0, f"took {took:.1f} s to end after SIGTERM"
            assert code == 0, log.read_text(errors="replace")[-2000:]
            assert _group_gone(kiosk.pid, within_s=2.0), "a child of the kiosk outlived it"
        finally:
            if kiosk.poll() is None:
                os.killpg(kiosk.pid, signal.SIGKILL)
                kiosk.wait()


def test_workers_dropped_without_shutdown_end_their_threads(qtbot) -> None:
    """Daemon threads must not make a forgotten pool immortal (a test or a rebuilt owner drops one)."""
    import gc

    from kiosk.runtime.workers import Workers

    results: list[int] = []
    workers = Workers("review-drop", threads=2)
    workers.submit("one", lambda: 1, results.append)
    workers.submit("two", lambda: 2, results.append)
    qtbot.waitUntil(lambda: sorted(results) == [1, 2], timeout=3000)
    del workers
    gc.collect()

    def ended() -> bool:
        return not any(t.name.startswith("review-drop") for t in threading.enumerate())

    qtbot.waitUntil(ended, timeout=3000)
