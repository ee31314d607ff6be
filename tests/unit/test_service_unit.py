"""The shipped systemd unit, rendered by the installer's dry run, passes ``systemd-analyze verify``; the dry
run is idempotent, prints every step, writes this machine's device setting and turns the screen by cage."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

UNIT = "etc/systemd/system/smile-city-kiosk.service"
SETTING = "etc/smile-city-touchpoint/device"


def _dry_run(destdir: Path, device: str, env: dict[str, str] | None = None, *extra: str) -> str:
    done = subprocess.run(
        ["bash", str(REPO / "install.sh"), "--service", device, *extra, "--destdir", str(destdir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHON": sys.executable, **(env or {})},  # reads screen.rotation
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _verify(unit: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def analyze() -> None:
    if shutil.which("systemd-analyze") is None:
        if os.environ.get("CI"):
            pytest.fail("systemd-analyze is missing")
        pytest.skip("no systemd-analyze here")


@pytest.mark.parametrize("x11", [False, True], ids=["cage", "x11"])
def test_rendered_unit_passes_systemd_analyze_verify(tmp_path: Path, analyze: None, x11: bool) -> None:
    _dry_run(tmp_path, "stadthafen-stele", None, *(["--x11"] if x11 else []))
    unit = tmp_path / UNIT
    text = unit.read_text(encoding="utf-8")
    assert "@" not in re.sub(r"getty@tty1|#.*", "", text), "a placeholder was left unfilled"
    program = "/usr/bin/xinit" if x11 else "/usr/bin/cage"
    if not Path(program).exists():  # verify checks that ExecStart's program exists
        text = text.replace(f"ExecStart={program}", f"ExecStart={shutil.which('true') or '/bin/true'}")
    checked = tmp_path / "check" / "smile-city-kiosk.service"
    checked.parent.mkdir()
    checked.write_text(text, encoding="utf-8")
    done = _verify(checked)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    for key in ("Type=notify", "NotifyAccess=all", "WatchdogSec=", "Restart=always", "StartLimitBurst=",
                "ProtectSystem=strict", "StateDirectory=", "CacheDirectory=", "NoNewPrivileges=yes",
                "PrivateTmp=yes", "TTYPath=/dev/tty1", f"KIOSK_ROOT={REPO}"):  # fmt: skip
        assert key in text, key
    kiosk = f"{REPO}/.venv/bin/kiosk run"
    start = (
        rf"^ExecStart=/usr/bin/xinit {kiosk} -- /usr/bin/Xorg :0 vt1 "
        if x11
        else rf"^ExecStart=/usr/bin/cage -d -- {kiosk}$"
    )
    assert re.search(start, unit.read_text(), re.M)
    assert ("QT_QPA_PLATFORM=xcb" if x11 else "QT_QPA_PLATFORM=wayland") in text
    # and the check can fail: a typo in a key is reported
    checked.write_text(text.replace("NoNewPrivileges", "NoNewPrivilegez"), encoding="utf-8")
    assert "Unknown key" in _verify(checked).stderr


def test_dry_run_is_idempotent_and_writes_the_device_setting(tmp_path: Path) -> None:
    first = _dry_run(tmp_path, "stadthafen-stele")
    assert f"wrote /{SETTING}" in first and f"wrote /{UNIT}" in first
    assert (tmp_path / SETTING).read_text(encoding="utf-8").splitlines()[-1] == "stadthafen-stele"
    steps = re.findall(r"^==> (.+)$", first, re.M)
    assert len(steps) >= 6, steps
    second = _dry_run(tmp_path, "stadthafen-stele")
    assert f"/{SETTING} unchanged" in second and f"/{UNIT} unchanged" in second
    assert "daemon-reload" not in second  # nothing changed: nothing to reload
    third = _dry_run(tmp_path, "sporthalle-schmarl")
    assert f"wrote /{SETTING}" in third
    assert (tmp_path / SETTING).read_text(encoding="utf-8").splitlines()[-1] == "sporthalle-schmarl"


def test_an_unknown_device_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(REPO / "install.sh"), "--service", "stadthafen", "--destdir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no device-config/stadthafen.yaml" in done.stderr and "stadthafen-stele" in done.stderr
    assert not (tmp_path / SETTING).exists()


def test_a_turned_screen_is_turned_by_cage(shipped_copy: Path, tmp_path: Path) -> None:
    device = shipped_copy / "device-config" / "sporthalle-schmarl.yaml"
    device.write_text(device.read_text(encoding="utf-8").replace("rotation: 0", "rotation: 270"), "utf-8")
    assert "rotation: 270" in device.read_text(encoding="utf-8")
    out = _dry_run(tmp_path, "sporthalle-schmarl", {"KIOSK_CONTENT": str(shipped_copy)})
    assert "rotation 270°" in out
    unit = (tmp_path / UNIT).read_text(encoding="utf-8")
    assert "ExecStart=/usr/bin/cage -d -r -r -r -- " in unit and f"KIOSK_ROOT={shipped_copy}" in unit
