"""Start the real kiosk process offscreen for every shipped device and look at its screenshot."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import REPO
from tests.kiosk_cli import kiosk_command, run_kiosk
from tests.waits import wait_for

DEVICES = sorted(p.stem for p in (REPO / "device-config").glob("*.yaml"))


@pytest.mark.e2e
@pytest.mark.parametrize("windowed", [False, True], ids=["fullscreen", "windowed"])
@pytest.mark.parametrize("device", DEVICES)
def test_kiosk_run_renders_a_real_screen(device: str, windowed: bool, tmp_path: Path) -> None:
    shot = tmp_path / f"{device}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = ["run", device, "--root", str(REPO), "--offline"]
    args += ["--exit-after", "3", "--screenshot", str(shot), "--at", "2026-12-16T18:30"]
    args += ["--window"] if windowed else []
    proc = run_kiosk(*args, env=env)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "ERROR" not in log and "Traceback" not in log, log
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None
    most_common = max(count for count, _ in colours)
    assert len(colours) > 200, "the screen has almost no detail"
    assert most_common < 0.97 * image.width * image.height, "the screen is (almost) one colour"
    if windowed:  # a window has the device's configured screen size
        assert image.size in {(1080, 1920), (1920, 1080)}


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.e2e
def test_sigterm_stops_the_kiosk_and_its_speech_worker(tmp_path: Path) -> None:
    """systemd stops a kiosk with SIGTERM: it must quit cleanly and leave no espeak worker behind."""
    import signal

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = kiosk_command("run", "stadthafen-stele", "--root", str(REPO), "--window", "--offline")
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # until the device runs
            if "running on layout" in line:
                break
        workers = wait_for(  # the speech worker starts right away
            lambda: [pid for pid in _children(proc.pid) if "python" in Path(f"/proc/{pid}/comm").read_text()],
            timeout=20,
            what="a speech worker process",
        )
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        wait_for(
            lambda: not any(_alive(pid) for pid in workers),
            timeout=5,
            what="the speech worker outlived the kiosk",
        )
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


@pytest.mark.e2e
def test_sigterm_during_start_up_still_stops_cleanly(tmp_path: Path) -> None:
    """A service stop while the device is still being built: exit 0, said in the log, no worker left."""
    import signal

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = kiosk_command("run", "stadthafen-stele", "--root", str(REPO), "--window", "--offline")
    command += ["--data-dir", str(tmp_path / "data")]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first line is written while the device is being built
        assert first, "the kiosk wrote nothing"
        proc.send_signal(signal.SIGTERM)
        rest = proc.stdout.read()
        assert proc.wait(timeout=20) == 0, first + rest
        assert "SIGTERM received: stopping" in rest, first + rest
        wait_for(lambda: not _children(proc.pid), timeout=5, what="no child left")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
