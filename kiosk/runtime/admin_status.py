"""What the admin menu reports and saves: the status page's lines (device, content version, data
sources, network) and a screenshot.

Read from a few small files (the content checkout's ``.git``, ``/proc/net/route``, ``/sys/class/net``)
and the data hub's states; no command is run and nothing is fetched, so it answers at once even when
the network is what is broken.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, i18n
from kiosk.data.state import DataState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.runtime.shell import Shell

log = logging.getLogger(__name__)


def _l(key: str, language: str) -> str:
    """The status word ``status.<key>`` of kiosk/i18n, in German or English (the admin screen's)."""
    return i18n.text(f"status.{key}", i18n.staff_language(language))


def content_version(root: Path) -> str | None:
    """The commit the content checkout is at (``.git/HEAD``, a ref or a detached hash), or None."""
    git = root / ".git"
    if git.is_file():  # a worktree: "gitdir: PATH"
        try:
            git = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        except (OSError, IndexError):
            return None
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head[:12]
    ref = head[4:].strip()
    name = ref.rsplit("/", 1)[-1]
    common = git
    with contextlib.suppress(OSError):  # a worktree keeps its branches in the main checkout's folder
        common = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
    for base in (git, common):
        try:
            return f"{name} {(base / ref).read_text(encoding='utf-8').strip()[:12]}"
        except OSError:
            continue
    try:
        for line in (common / "packed-refs").read_text(encoding="utf-8").splitlines():
            if line.endswith(" " + ref):
                return f"{name} {line[:12]}"
    except OSError:
        pass
    return name


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def source_lines(states: dict[str, DataState], now: datetime, language: str) -> list[str]:
    lines = []
    for source_id in sorted(states):
        state = states[source_id]
        fresh = _l("fresh", language) if state.available(now) else _l("old", language)
        age = ""
        if state.as_of is not None:
            seconds = max(0.0, (now - state.as_of).total_seconds())
            stamp = state.as_of.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
            age = f", {stamp} ({_l('age', language)} {_age(seconds)})"
        error = f", {_l('error', language)}: {state.last_error}" if state.last_error else ""
        lines.append(f"  {source_id}: {state.origin}, {fresh}{age}{error}")
    return lines or [f"  {_l('none', language)}"]


def network_lines(
    language: str, sys_net: Path = Path("/sys/class/net"), route: Path = Path("/proc/net/route")
) -> list[str]:
    lines = [f"  {socket.gethostname()}"]
    try:
        for iface in sorted(p.name for p in sys_net.iterdir() if p.name != "lo"):
            try:
                state = (sys_net / iface / "operstate").read_text(encoding="utf-8").strip()
            except OSError:
                state = "?"
            lines.append(f"  {iface}: {state}")
    except OSError:
        pass
    via = None
    try:
        for row in route.read_text(encoding="utf-8").splitlines()[1:]:
            cols = row.split()
            if len(cols) > 2 and cols[1] == "00000000":
                gateway = bytes.fromhex(cols[2])[::-1]
                via = f"{cols[0]} ({'.'.join(str(b) for b in gateway)})"
                break
    except (OSError, ValueError):
        pass
    lines.append(f"  {_l('route', language)} {via}" if via else f"  {_l('no_route', language)}")
    return lines


def status_lines(
    device_id: str,
    device_name: str,
    role: str,
    root: Path,
    states: dict[str, DataState],
    now: datetime,
    language: str,
) -> list[str]:
    version = content_version(root) or _l("no_git", language)
    return [
        f"{_l('device', language)}: {device_name} ({device_id}, {role}), kiosk {__version__}",
        f"{_l('content', language)}: {root} – {version}",
        f"{_l('sources', language)}:",
        *source_lines(states, now, language),
        f"{_l('network', language)}:",
        *network_lines(language),
    ]


def shell_status(shell: Shell, language: str) -> list[str]:
    """The status page of a running shell."""
    device = shell.content.devices[shell.device_id].model
    states = dict(shell.hub.states)
    root = shell.content.root
    return status_lines(shell.device_id, device.name, device.role, root, states, shell.clock.now(), language)


def save_screenshot(window: QWidget, hide: QWidget, folder: Path) -> Path | None:
    """``window``'s picture without ``hide`` (the admin screen itself) as a PNG in ``folder``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.error("admin: screenshot folder %s cannot be made: %s", folder, error)
        return None
    path = folder / f"screenshot-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')[:-3]}.png"
    hide.hide()
    try:
        picture = window.grab()
    finally:
        hide.show()
        hide.raise_()
    if not picture.save(str(path)):
        log.error("admin: screenshot could not be saved to %s", path)
        return None
    log.info("admin: screenshot saved to %s", path)
    return path
