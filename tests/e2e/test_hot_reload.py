"""Edit a shipped playlist while the real kiosk runs: a valid edit shows within 2 s, a broken edit
changes nothing and is logged once."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import EDITOR_DIRS, REPO
from tests.kiosk_cli import kiosk_command


def copy_pack(root: Path) -> Path:
    for name in EDITOR_DIRS:
        shutil.copytree(REPO / name, root / name)
    return root


class Process:
    def __init__(self, root: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(root / "cache")}
        args = ["run", "stadthafen-stele", "--root", str(root), "--window", "--offline", "--exit-after", "25"]
        command = kiosk_command(*args)
        self.proc = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, name="kiosk-log-reader", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line.rstrip()))

    def wait_for(self, text: str, timeout: float) -> float:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                at, line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.log.append(line)
            if text in line:
                return at
        raise AssertionError(f"no '{text}' within {timeout} s; log:\n" + "\n".join(self.log))

    def drain(self, seconds: float) -> list[str]:
        end = time.monotonic() + seconds
        seen = []
        while time.monotonic() < end:
            with contextlib.suppress(queue.Empty):
                seen.append(self.lines.get(timeout=0.1)[1])
        self.log += seen
        return seen

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.reader.join(timeout=10)  # the pipe reached its end with the process
        assert self.proc.stdout is not None
        self.proc.stdout.close()


@pytest.mark.e2e
def test_edit_while_running(tmp_path: Path) -> None:
    root = copy_pack(tmp_path / "pack")
    kiosk = Process(root)
    try:
        kiosk.wait_for("running on layout", timeout=60)
        kiosk.drain(1.0)
        playlist = root / "content/playlists/stele-kopf.yaml"
        original = playlist.read_text(encoding="utf-8")
        assert "uhr-kopf" in original
        written = time.monotonic()
        playlist.write_text(original.replace("uhr-kopf", "stele-willkommen"), encoding="utf-8")
        shown = kiosk.wait_for("zone kopf now shows stele-willkommen", timeout=5)
        assert shown - written <= 2.0, f"took {shown - written:.2f} s"
        # break it: nothing changes, one clear error
        playlist.write_text("name: Kopf\nitems: [stele-willkommen\n", encoding="utf-8")
        kiosk.wait_for("content change rejected", timeout=5)
        playlist.write_text(
            "name: Kopf\nitems: [stele-willkommen\n", encoding="utf-8"
        )  # saved again, same mistake
        later = kiosk.drain(2.0)
        assert not any("content change rejected" in line for line in later), later
        assert not any("now shows" in line for line in later), later
        assert any("stele-kopf.yaml:3:1: error: YAML syntax error" in line for line in kiosk.log)
    finally:
        kiosk.stop()
