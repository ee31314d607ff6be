"""The doctor's clock, time zone and service checks against the answers of the real tools' command lines:
``timedatectl`` and ``systemctl`` are stand-in scripts on PATH that print what systemd prints (the test box
has no systemd), and the checks run them as they run the real ones."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.config.loader import load_content
from kiosk.runtime.doctor.checks_system import UNIT, check_clock, check_service, check_timezone
from kiosk.runtime.doctor.context import Context, DoctorRequest


def _tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("TZ", raising=False)
    for name in ("INVOCATION_ID", "NOTIFY_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    return folder


def _timedatectl(folder: Path, synced: str, zone: str) -> None:
    _tool(
        folder, "timedatectl", f'case "$3" in NTPSynchronized) echo {synced};; Timezone) echo {zone};; esac\n'
    )


def _systemctl(folder: Path, enabled: str, code: int, props: str = "") -> None:
    shown = props.replace("\n", "\\n")
    _tool(
        folder,
        "systemctl",
        f'case "$1" in is-enabled) echo "{enabled}"; exit {code};; show) printf "{shown}";; esac\n',
    )


def _ctx(root: Path, device: str) -> Context:
    ctx = Context(DoctorRequest(root, device))
    ctx.publish(load_content(root), device)
    return ctx


def test_an_unsynchronised_clock_fails_with_the_ntp_fix(tools: Path) -> None:
    _timedatectl(tools, "no", "Europe/Berlin")
    result = check_clock(Context(DoctorRequest(Path("."))))
    assert result.status == "fail" and "not synchronised" in result.summary
    assert "timedatectl set-ntp true" in result.fix
    _timedatectl(tools, "yes", "Europe/Berlin")
    assert check_clock(Context(DoctorRequest(Path(".")))).status == "pass"


def test_the_system_zone_from_timedatectl_against_the_device_zone(tools: Path, minipack: Path) -> None:
    _timedatectl(tools, "yes", "Europe/Berlin")  # the minipack's stele plays by Europe/Berlin (the default)
    same = check_timezone(_ctx(minipack, "stele"), 5)
    assert same.status == "pass" and same.summary == "Europe/Berlin, the same as the system's"
    _timedatectl(tools, "yes", "America/New_York")
    other = check_timezone(_ctx(minipack, "stele"), 5)
    assert other.status == "warn" and "America/New_York" in other.summary
    assert other.fix == "sudo timedatectl set-timezone Europe/Berlin"


def test_the_service_as_systemctl_reports_it(tools: Path, tmp_path: Path) -> None:
    ctx = Context(DoctorRequest(Path(".")))
    booted = tmp_path / "run-systemd-system"
    gone = check_service(ctx, booted)
    assert gone.status == "warn" and gone.summary.startswith("cannot tell: this system was not booted")
    booted.mkdir()
    _systemctl(tools, "", 1)  # not installed: systemctl says so on stderr only
    missing = check_service(ctx, booted)
    assert missing.status == "fail" and missing.fix == "sudo ./install.sh --service"
    _systemctl(tools, "disabled", 1)
    off = check_service(ctx, booted)
    assert off.status == "fail" and off.fix == f"sudo systemctl enable --now {UNIT}"
    _systemctl(tools, "enabled", 0, "WatchdogUSec=0\nActiveState=active\nUser=\n")
    bare = check_service(ctx, booted)
    assert bare.status == "warn" and "no WatchdogSec" in bare.summary and "runs as root" in bare.summary
    assert "WatchdogSec=" in bare.fix and "User=" in bare.fix
    _systemctl(tools, "enabled", 0, "WatchdogUSec=30s\nActiveState=active\nUser=kiosk\n")
    good = check_service(ctx, booted)
    assert good.status == "pass" and good.summary == f"{UNIT} enabled, active, watchdog 30s, user kiosk"
