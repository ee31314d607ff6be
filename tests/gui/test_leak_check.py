"""The leak check of tests/gui/conftest.py can fail: each kind of leftover is seen, and named."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QTimer

from tests.gui.leaks import Snapshot, new_since, settle


def test_a_running_timer_thread_pool_process_and_file_are_reported_until_stopped(tmp_path) -> None:
    before = Snapshot.take()
    timer = QTimer()  # no parent: found through the garbage collector's wrappers
    timer.start(60_000)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="forgotten-worker")
    thread.start()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="forgotten-pool")
    pool.submit(stop.wait)
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    file = (tmp_path / "open.txt").open("w")
    try:
        left = "\n".join(new_since(before, Snapshot.take()))
        assert "active QTimer: 60000 ms, in QTimer" in left
        assert "thread: forgotten-worker [Thread]" in left
        assert "forgotten-pool_0 [Thread] (a ThreadPoolExecutor not shut down)" in left
        assert f"child process: pid {child.pid} " in left
        assert f"→ {tmp_path / 'open.txt'}" in left
        assert "→ pipe:" in left  # the child's stdin
    finally:
        timer.stop()
        stop.set()
        thread.join()
        pool.shutdown()
        assert child.stdin is not None
        child.stdin.close()
        child.wait()
        file.close()
    assert settle(before) == []  # all stopped: nothing left, and the check passes


def test_a_zombie_child_is_reported() -> None:
    before = Snapshot.take()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        assert any("(zombie: never waited for)" in line for line in new_since(before, Snapshot.take()))
    finally:
        child.wait()
    assert settle(before) == []
