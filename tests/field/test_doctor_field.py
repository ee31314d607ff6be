"""``kiosk doctor`` on a real X server (Xvfb): the xcb platform plugin starts and the screen it finds is
measured against the device file, as on a device."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.field.xserver import XServer
from tests.kiosk_cli import run_kiosk

pytestmark = pytest.mark.field


def _doctor_on(server: XServer, device: str, tmp_path: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(
        DISPLAY=server.display, XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "c")
    )
    proc = run_kiosk("doctor", device, "--offline", "--json", "--root", str(REPO), env=env, timeout=90)
    return {c["check"]: c for c in json.loads(proc.stdout)["checks"]}


def test_the_doctor_starts_xcb_and_finds_the_screen_the_device_file_names(
    xservers: Callable[[tuple[int, int]], XServer], tmp_path: Path
) -> None:
    server = xservers((1080, 1920))  # the touch terminal's portrait panel
    checks = _doctor_on(server, "stadthafen-stele", tmp_path)
    assert checks["display"]["status"] == "pass", checks["display"]
    assert checks["display"]["summary"].startswith(f"xcb (DISPLAY={server.display})")
    assert checks["screen"] == {**checks["screen"], "status": "pass"}
    assert checks["screen"]["summary"] == "1080×1920 as in device-config/stadthafen-stele.yaml"


def test_a_screen_of_another_size_is_a_warning_with_a_fix(xserver: XServer, tmp_path: Path) -> None:
    checks = _doctor_on(xserver, "sporthalle-schmarl", tmp_path)  # 640×360 where 1920×1080 is expected
    screen = checks["screen"]
    assert screen["status"] == "warn", screen
    assert screen["summary"].startswith(
        "the screen is 640×360, device-config/sporthalle-schmarl.yaml says 1920×1080"
    )
    assert "screen.width/height" in screen["fix"]
