"""The demo against the fake city platform: the real kiosk process fetches every shipped source from
loopback and the storm-surge warning of the fixture scenario takes over the screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from tests.conftest import REPO


@pytest.mark.e2e
def test_kiosk_run_against_the_fake_platform(tmp_path: Path) -> None:
    sim = PlatformSim(default_fixtures_dir()).start()
    try:
        shot = tmp_path / "shot.png"
        # the device's own places for last good data: the demo must leave nothing there
        state = tmp_path / "state"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(state)}
        command = [
            sys.executable,
            "-m",
            "kiosk.cli",
            "run",
            "stadthafen-stele",
            "--root",
            str(REPO),
            "--window",
            "--at",
            "2025-10-18T14:30",
            "--platform",
            sim.url,
            "--exit-after",
            "6",
            "--screenshot",
            str(shot),
        ]
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
        log = proc.stdout + proc.stderr
        assert proc.returncode == 0, log
        assert "active warning(s): severe MOWAS: Sturmflut" in log
        assert "is unavailable" not in log  # every shipped source found its data on the platform
        requested = {path.split("?")[0] for path in sim.log}
        assert "/api31/dashboard/130030000000.json" in requested and "/current_weather" in requested
        image = Image.open(shot).convert("RGB")
        red = sum(
            1
            for x in range(0, image.width, 20)
            for y in range(0, image.height, 20)
            if image.getpixel((x, y)) == (0xB3, 0x00, 0x1B)
        )
        assert red > 0.6 * (image.width // 20) * (image.height // 20)  # the takeover covers the screen
        assert "removed at exit" in log
        left = [p for p in state.rglob("*") if p.is_file()] if state.exists() else []
        assert not left, f"the demo left data in the device's store: {left}"
    finally:
        sim.stop()
    # A normal run afterwards (the technician has gone): no fake warning survives the demo.
    after = tmp_path / "after.png"
    normal = [sys.executable, "-m", "kiosk.cli", "run", "stadthafen-stele", "--root", str(REPO), "--window"]
    normal += ["--offline", "--at", "2025-10-18T14:30", "--exit-after", "4", "--screenshot", str(after)]
    proc = subprocess.run(normal, env=env, capture_output=True, text=True, timeout=120, check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "active warning" not in log, log
    image = Image.open(after).convert("RGB")
    red = sum(
        1
        for x in range(0, image.width, 20)
        for y in range(0, image.height, 20)
        if image.getpixel((x, y)) == (0xB3, 0x00, 0x1B)
    )
    assert red < 0.05 * (image.width // 20) * (image.height // 20), "a warning is still on screen"
