"""``kiosk run`` without a device name, as systemd starts it: the real process plays the device of this
machine's setting, and refuses a setting that names no device."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.kiosk_cli import run_kiosk


@pytest.mark.e2e
def test_kiosk_run_plays_the_device_of_the_setting(tmp_path: Path) -> None:
    """The real process, offscreen: without a name it plays what this machine's setting says."""
    setting = tmp_path / "device"
    setting.write_text("sporthalle-schmarl\n", encoding="utf-8")
    args = ["run", "--root", str(REPO), "--device-setting", str(setting), "--offline"]
    args += ["--data-dir", str(tmp_path / "data"), "--exit-after", "1", "--window"]
    done = run_kiosk(*args)
    assert done.returncode == 0, done.stderr
    assert "starting device sporthalle-schmarl (hall-display; this machine's setting " in done.stdout


@pytest.mark.e2e
def test_a_setting_naming_an_unknown_device_says_so(minipack: Path, tmp_path: Path) -> None:
    setting = tmp_path / "device"
    setting.write_text("stelle\n", encoding="utf-8")
    done = run_kiosk("run", "--root", str(minipack), "--device-setting", str(setting), "--exit-after", "0")
    assert done.returncode == 2
    assert "no valid device 'stelle'" in done.stderr and "did you mean 'stele'?" in done.stderr
