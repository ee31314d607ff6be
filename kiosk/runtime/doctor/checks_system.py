"""The doctor's checks of the system around the kiosk: the clock, the time zone, the service."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.runtime.doctor.context import Context
from kiosk.runtime.doctor.result import Result

UNIT = "smile-city-kiosk.service"  # the systemd unit install.sh --service writes (one name, here only)
TOOL_TIMEOUT_S = 5.0
SYSTEMD_BOOTED = Path("/run/systemd/system")  # what sd_booted() looks at


def _tool(*command: str) -> tuple[int, str] | None:
    """(exit code, stdout stripped) of a system tool, ``None`` when it is missing or hangs."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.returncode, done.stdout.strip()


def check_clock(ctx: Context) -> Result:
    """Schedules, opening hours and 'as of' lines are only as right as the clock; TLS fails when it is far
    off. systemd-timesyncd (or chrony) says whether it is synchronised."""
    answer = _tool("timedatectl", "show", "-p", "NTPSynchronized", "--value")
    if answer is None or answer[0] != 0 or answer[1] not in ("yes", "no"):
        return Result(
            "clock",
            "warn",
            "cannot tell whether the clock is synchronised (no timedatectl answer: no systemd here?)",
            fix="on the device: timedatectl status should say 'System clock synchronized: yes'",
        )
    if answer[1] == "yes":
        return Result("clock", "pass", "synchronised (NTP)")
    return Result(
        "clock",
        "fail",
        "the clock is not synchronised: schedules and opening hours may be off",
        fix="sudo timedatectl set-ntp true, and let UDP port 123 (NTP) out through the firewall",
    )


def system_zone() -> str | None:
    """The system's IANA time zone: $TZ, else timedatectl, else /etc/localtime's link."""
    if os.environ.get("TZ"):
        return os.environ["TZ"].removeprefix(":")
    answer = _tool("timedatectl", "show", "-p", "Timezone", "--value")
    if answer is not None and answer[0] == 0 and answer[1]:
        return answer[1]
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return None
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


def check_timezone(ctx: Context, wait_s: float) -> Result:
    found = ctx.device(wait_s)
    if found is None:
        return Result("timezone", "skip", "needs a valid device file (see config)")
    _name, device, _content = found
    try:
        ZoneInfo(device.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return Result(
            "timezone", "fail", f"the time zone {device.timezone} is not known here", fix="apt install tzdata"
        )
    system = system_zone()
    if system == device.timezone:
        return Result("timezone", "pass", f"{device.timezone}, the same as the system's")
    seen = system or "unknown"
    return Result(
        "timezone",
        "warn",
        f"the device plays by {device.timezone}, the system's zone is {seen} (the journal's times differ)",
        fix=f"sudo timedatectl set-timezone {device.timezone}",
    )


def check_service(ctx: Context, booted: Path = SYSTEMD_BOOTED) -> Result:
    """Is the kiosk a systemd service that starts at boot, runs as its own user and is restarted by the
    watchdog? (``systemctl is-enabled`` reads unit files without systemd running, so in a container it
    would say "not installed": whether systemd runs at all is asked first, as sd_booted() does.)"""
    under = [name for name in ("INVOCATION_ID", "NOTIFY_SOCKET") if os.environ.get(name)]
    details = (f"the doctor itself runs under systemd ({', '.join(under)})",) if under else ()
    if not booted.is_dir():
        text = "cannot tell: this system was not booted with systemd (a container?)"
        return Result("service", "warn", text, fix=f"on the device: systemctl status {UNIT}", details=details)
    enabled = _tool("systemctl", "is-enabled", UNIT)
    if enabled is None:
        text = "cannot tell: systemctl does not answer"
        return Result("service", "warn", text, fix=f"systemctl status {UNIT}", details=details)
    code, state = enabled
    if code != 0 and state in ("", "not-found"):
        return Result(
            "service", "fail", f"{UNIT} is not installed", fix="sudo ./install.sh --service", details=details
        )
    if state != "enabled":
        return Result(
            "service",
            "fail",
            f"{UNIT} is {state or 'not enabled'}: it does not start at boot",
            fix=f"sudo systemctl enable --now {UNIT}",
            details=details,
        )
    shown = _tool("systemctl", "show", UNIT, "-p", "WatchdogUSec", "-p", "ActiveState", "-p", "User")
    props = dict(line.split("=", 1) for line in (shown[1] if shown else "").splitlines() if "=" in line)
    active, user = props.get("ActiveState", "unknown"), props.get("User") or "root"
    watchdog = props.get("WatchdogUSec", "0")
    problems, fixes = [], []
    if watchdog in ("", "0", "infinity"):
        problems.append("no WatchdogSec: a hung kiosk is not restarted")
        fixes.append("set WatchdogSec= in the unit (install.sh --service writes it)")
    if user == "root":
        problems.append("it runs as root: web pages are not shown")
        fixes.append("set User= in the unit to the kiosk's user (install.sh --service does)")
    if active != "active":
        problems.append(f"it is {active}")
        fixes.append(f"journalctl -u {UNIT} says why")
    if problems:
        text = f"{UNIT} enabled, but " + "; ".join(problems)
        return Result("service", "warn", text, fix="; ".join(fixes), details=details)
    text = f"{UNIT} enabled, active, watchdog {watchdog}, user {user}"
    return Result("service", "pass", text, details=details)
