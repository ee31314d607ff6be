"""Start the real kiosk process offscreen for every shipped device and look at its screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import REPO

DEVICES = sorted(p.stem for p in (REPO / "device-config").glob("*.yaml"))


@pytest.mark.e2e
@pytest.mark.parametrize("windowed", [False, True], ids=["fullscreen", "windowed"])
@pytest.mark.parametrize("device", DEVICES)
def test_kiosk_run_renders_a_real_screen(device: str, windowed: bool, tmp_path: Path) -> None:
    shot = tmp_path / f"{device}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "kiosk.cli", "run", device, "--root", str(REPO)]
    command += ["--exit-after", "3", "--screenshot", str(shot), "--at", "2026-12-16T18:30"]
    command += ["--window"] if windowed else []
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
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
