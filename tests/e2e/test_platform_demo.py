"""The demo against the fake city platform: the real kiosk process fetches every shipped source from
loopback and the storm-surge warning of the fixture scenario takes over the screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from tests.conftest import REPO
from tests.kiosk_cli import run_kiosk, share_of

ALERT_RED = (0xB3, 0x00, 0x1B)  # the takeover's background in the shipped theme


@pytest.mark.e2e
def test_kiosk_run_against_the_fake_platform(tmp_path: Path) -> None:
    sim = PlatformSim(default_fixtures_dir()).start()
    try:
        shot = tmp_path / "shot.png"
        # the device's own places for last good data: the demo must leave nothing there
        state = tmp_path / "state"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(state)}
        demo = ["run", "stadthafen-stele", "--root", str(REPO), "--window", "--at", "2025-10-18T14:30"]
        demo += ["--platform", sim.url, "--exit-after", "6", "--screenshot", str(shot)]
        proc = run_kiosk(*demo, env=env)
        log = proc.stdout + proc.stderr
        assert proc.returncode == 0, log
        assert "active warning(s): severe MOWAS: Sturmflut" in log
        assert "is unavailable" not in log  # every shipped source found its data on the platform
        requested = {path.split("?")[0] for path in sim.log}
        assert "/api31/dashboard/130030000000.json" in requested and "/current_weather" in requested
        image = Image.open(shot).convert("RGB")
        assert share_of(image, ALERT_RED) > 0.6  # the takeover covers the screen
        assert "removed at exit" in log
        left = [p for p in state.rglob("*") if p.is_file()] if state.exists() else []
        assert not left, f"the demo left data in the device's store: {left}"
    finally:
        sim.stop()
    # A normal run afterwards (the technician has gone): no fake warning survives the demo.
    after = tmp_path / "after.png"
    normal = ["run", "stadthafen-stele", "--root", str(REPO), "--window"]
    normal += ["--offline", "--at", "2025-10-18T14:30", "--exit-after", "4", "--screenshot", str(after)]
    proc = run_kiosk(*normal, env=env)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "active warning" not in log, log
    image = Image.open(after).convert("RGB")
    assert share_of(image, ALERT_RED) < 0.05, "a warning is still on screen"
