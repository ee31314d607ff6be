"""The real product as a process: ``python -m kiosk.cli run DEVICE --root PACK ...`` on an X display.

The log (stdout and stderr, merged) is read continuously by a thread into ``lines`` as
``(monotonic time, text)``, so a test can wait for a line and know when it came. The process runs in its
own process group (its own session), which is killed on teardown whatever happened; children it starts
(speech worker, QtWebEngine processes) are found through /proc.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import REPO
from tests.kiosk_cli import kiosk_command

LOG_TAIL = 60
# Chromium's own complaint on a machine without a system D-Bus (containers, CI): not the kiosk's error.
ENVIRONMENT_NOISE = (r":ERROR:.*dbus/bus\.cc.*Failed to connect to the bus",)


def kiosk_env(display: str, data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a kiosk under test: a real X display, never the offscreen platform.

    The sandbox variables are the test setup's (the tests run as root), never the product's. The root
    conftest's offline switch and folders are replaced by this test's own.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_QPA_", "KIOSK_"))}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu",
        XDG_CACHE_HOME=str(data_dir / "cache"),  # picture cache; nothing of a test lands in a home folder
        XDG_STATE_HOME=str(data_dir / "state"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        PYTHONUNBUFFERED="1",  # log lines arrive when written, so their times are honest
    )
    env.pop("WAYLAND_DISPLAY", None)
    env.update(extra or {})
    return env


class LoggedProcess:
    """A process in its own session whose output is read live. Use :meth:`start`, then the waits;
    :meth:`kill` is always safe."""

    name = "process"

    def __init__(self, command: Sequence[str], env: dict[str, str]) -> None:
        self.command = list(command)
        self.env = env
        self.lines: list[tuple[float, str]] = []
        self.proc: subprocess.Popen[str] | None = None
        self.started_at = 0.0
        self._cond = threading.Condition()
        self._reader: threading.Thread | None = None

    # --- life ------------------------------------------------------------------------------------
    def start(self) -> LoggedProcess:
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            self.command,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            start_new_session=True,  # own process group: killpg reaches every child that stays in it
        )
        self._reader = threading.Thread(target=self._read, name=f"{self.name}-log", daemon=True)
        self._reader.start()
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._cond:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal(self, number: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(number)

    def wait(self, timeout: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        """Kill the whole process group (SIGKILL) and reap the process; safe to call more than once."""
        if self.proc is None:
            return
        for pid in [self.proc.pid, *in_session(self.proc.pid)]:  # the group, and any that left it
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL) if pid == self.proc.pid else os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=5)
        if self.proc.stdout is not None and (self._reader is None or not self._reader.is_alive()):
            self.proc.stdout.close()

    # --- the log ---------------------------------------------------------------------------------
    def log_text(self, last: int | None = None) -> str:
        with self._cond:
            lines = self.lines[-last:] if last else list(self.lines)
        return "\n".join(f"{t - self.started_at:8.3f}  {text}" for t, text in lines)

    def tail(self) -> str:
        """The last log lines, for assertion messages."""
        code = self.proc.poll() if self.proc is not None else None
        state = "running" if code is None else f"exited with {code}"
        return f"--- {self.name} log (last {LOG_TAIL} lines; process {state}) ---\n{self.log_text(LOG_TAIL)}"

    def find_log(self, pattern: str, since: float = 0.0) -> list[tuple[float, re.Match[str]]]:
        """Every log line matching ``pattern`` at or after monotonic time ``since``."""
        regex = re.compile(pattern)
        with self._cond:
            lines = list(self.lines)
        return [(t, m) for t, text in lines if t >= since and (m := regex.search(text))]

    def wait_for_log(self, pattern: str, timeout: float, since: float = 0.0) -> tuple[float, re.Match[str]]:
        """Wait until a log line at or after ``since`` matches ``pattern``; returns (its time, match).

        Fails with the log tail when the time runs out or the process ends first.
        """
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        seen = 0
        with self._cond:
            while True:
                for t, text in self.lines[seen:]:
                    if t >= since and (m := regex.search(text)):
                        return t, m
                seen = len(self.lines)
                remaining = deadline - time.monotonic()
                ended = self.proc is not None and self.proc.poll() is not None and not self._reader_alive()
                if remaining <= 0 or ended:
                    why = f"the {self.name} ended" if ended else f"no such line within {timeout:.0f} s"
                    raise AssertionError(f"waiting for log /{pattern}/: {why}\n{self.tail()}")
                self._cond.wait(min(remaining, 0.5))

    def _reader_alive(self) -> bool:
        return self._reader is not None and self._reader.is_alive()


class KioskProcess(LoggedProcess):
    """One running ``kiosk run``: full screen on ``display``, last good data in ``data_dir``/store."""

    name = "kiosk"

    def __init__(
        self,
        pack: Path,
        device: str,
        display: str,
        data_dir: Path,
        args: Sequence[str] = (),
        offline: bool = True,
        env: dict[str, str] | None = None,
    ) -> None:
        self.display = display
        command = kiosk_command("run", device, "--root", str(pack), *args)
        if offline:
            command.append("--offline")
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir / "store"  # the last good data store: a test may look at it
        command += ["--data-dir", str(self.data_dir)]
        super().__init__(command, kiosk_env(display, data_dir, env))

    def start(self) -> KioskProcess:
        super().start()
        return self

    def wait_running(self, timeout: float = 60.0) -> float:
        """Wait for the line the kiosk logs once its window is up and playing; returns its time."""
        t, _ = self.wait_for_log(r"running on layout", timeout)
        return t

    def problems(self) -> list[str]:
        """Log lines that mean something broke (tracebacks, errors, Qt fatal messages), without the
        lines of :data:`ENVIRONMENT_NOISE` that this machine (no D-Bus, no sound card) causes."""
        with self._cond:
            texts = [text for _, text in self.lines]
        return [
            t
            for t in texts
            if re.search(r"Traceback|\bERROR\b|\bCRITICAL\b|Fatal|Segmentation", t)
            and not any(re.search(noise, t) for noise in ENVIRONMENT_NOISE)
        ]


# --- processes in /proc ----------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # state, ppid, pgrp, session, ...


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid`` (children, grandchildren, ...)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None and stat[0] != "Z":
            parents[int(entry.name)] = int(stat[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        found += children
        frontier += children
    return found


def in_session(session_id: int) -> list[int]:
    """Every living process of a session (the kiosk starts one: it is the session leader). Catches
    workers that were re-parented to init after the kiosk died, which a walk down from the pid misses."""
    found = []
    for entry in Path("/proc").iterdir():
        stat = _stat(int(entry.name)) if entry.name.isdigit() else None
        if stat is not None and stat[0] != "Z" and int(stat[3]) == session_id:
            found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"
