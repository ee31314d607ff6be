"""systemd's notify protocol without a dependency: READY, STATUS, WATCHDOG pings and STOPPING.

The protocol is one datagram per message to the AF_UNIX socket named in ``$NOTIFY_SOCKET`` (a path, or
``@name`` for Linux's abstract namespace), newline-separated ``KEY=value`` lines. Outside systemd (a
developer's ``kiosk run``, the tests without a socket) there is no ``$NOTIFY_SOCKET`` and nothing is sent.

The watchdog pings come from a QTimer in the GUI thread, at half of ``$WATCHDOG_USEC``: a GUI event loop
that hangs (a slot that never returns, a deadlock, a stopped process) stops pinging, and systemd kills and
restarts the kiosk after ``WatchdogSec``. Before each ping a health check runs (``Watchdog.health``); a
problem it reports is logged and put into STATUS once, and a problem the kiosk cannot mend in-process (a
dead speech thread, every data thread stuck in one job) withholds the pings, so systemd restarts it.

Under cage the kiosk is cage's child, not the service's main process: systemd puts the main PID into
``$WATCHDOG_PID``, so a ping is sent when that is this process *or its parent*, and the unit says
``NotifyAccess=all`` so that systemd accepts messages from the kiosk inside cage.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


def notify_address(env: Mapping[str, str]) -> str | None:
    """The socket address from ``$NOTIFY_SOCKET`` ('@' → abstract namespace); None when there is none."""
    address = env.get("NOTIFY_SOCKET", "")
    if address.startswith("@"):
        return "\0" + address[1:]
    if address.startswith("/"):
        return address
    return None  # unset, or a kind of socket (vsock) a kiosk never runs under


def send(message: str, env: Mapping[str, str] | None = None) -> bool:
    """Send one notify message; True when it went out. Never raises: a kiosk must play on without it."""
    address = notify_address(os.environ if env is None else env)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode("utf-8"))
    except OSError as exc:
        log.debug("sd_notify %r not sent: %s", message.split("=", 1)[0], exc)
        return False
    return True


def watchdog_interval_ms(env: Mapping[str, str], pid: int | None = None, ppid: int | None = None) -> int:
    """Milliseconds between pings (half of ``$WATCHDOG_USEC``), or 0 when no watchdog watches this process."""
    try:
        usec = int(env.get("WATCHDOG_USEC", "0"))
    except ValueError:
        return 0
    owner = env.get("WATCHDOG_PID", "")
    if owner:  # the service's main process: this one, or cage that started it
        mine = {os.getpid() if pid is None else pid, os.getppid() if ppid is None else ppid}
        if not owner.isdigit() or int(owner) not in mine:
            return 0
    return max(1, usec // 2000) if usec > 0 else 0


@dataclass(frozen=True)
class Health:
    """What the health check found: problems to report, and whether the kiosk needs a restart."""

    problems: tuple[str, ...] = ()
    fatal: bool = False


class Watchdog(QObject):
    """READY once the first frame is painted, STATUS on every change, WATCHDOG pings while healthy."""

    def __init__(
        self,
        health: Callable[[], Health],
        env: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.env = dict(os.environ if env is None else env)
        self.health = health
        self.interval_ms = watchdog_interval_ms(self.env)
        self.status = ""
        self.healthy_status = ""  # what STATUS says while nothing is wrong
        self.ready = False
        self.problems: tuple[str, ...] = ()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._ping)

    @property
    def active(self) -> bool:
        return notify_address(self.env) is not None

    def set_ready(self, status: str) -> None:
        """The first frame is on screen: systemd may count the service as started."""
        if self.ready:
            return
        self.ready = True
        self.status = self.healthy_status = status
        send(f"READY=1\nSTATUS={status}", self.env)
        if self.interval_ms and self.active:
            log.info("systemd watchdog: a ping every %.1f s", self.interval_ms / 1000)
            self.timer.start(self.interval_ms)
            self._ping()

    def set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            send(f"STATUS={status}", self.env)

    def _ping(self) -> None:
        try:
            health = self.health()
        except Exception:  # a broken check must not silence the pings of a healthy kiosk
            log.exception("the health check failed")
            health = Health()
        if health.problems != self.problems:
            if health.problems:
                log.error("unhealthy: %s", "; ".join(health.problems))
            elif self.problems:
                log.info("healthy again")
            self.problems = health.problems
        self.set_status("; ".join(health.problems) if health.problems else self.healthy_status)
        if health.fatal:
            return  # no ping: systemd restarts the kiosk after WatchdogSec
        send("WATCHDOG=1", self.env)

    def stopping(self) -> None:
        self.timer.stop()
        send("STOPPING=1\nSTATUS=stopping", self.env)
