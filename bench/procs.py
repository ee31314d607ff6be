"""What the bench reads from /proc: a process tree, its PSS and CPU time, threads and descriptors, the
machine and its load. Linux only, no product code: the same reading for the kiosk and for Chromium."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (field 3, the state, is index 0)."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def tree(root: int) -> list[int]:
    """``root`` and all its live descendants (zombies left out)."""
    parents: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[0] != "Z":
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if _stat(pid) is not None:
            found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def pss_kb(pid: int) -> int:
    """Proportional set size: shared pages divided among the processes sharing them, so a tree's sum is
    what it really costs (RSS would count Qt's libraries once per process)."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and of its children that were waited for."""
    fields = _stat(pid)
    if fields is None:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / TICK  # utime stime cutime cstime


def status(pid: int, key: str) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def fds(pid: int) -> int:
    try:
        return len(os.listdir(PROC / str(pid) / "fd"))
    except OSError:
        return 0


@dataclass
class TreeWatch:
    """Samples a process tree while it runs: peak PSS and the CPU time of every process seen."""

    root: int
    peak_pss_kb: int = 0
    peak_processes: int = 0
    cpu: dict[int, float] = field(default_factory=dict)  # last CPU seconds seen per process

    def sample(self) -> None:
        pids = tree(self.root)
        self.peak_pss_kb = max(self.peak_pss_kb, sum(pss_kb(pid) for pid in pids))
        self.peak_processes = max(self.peak_processes, len(pids))
        for pid in pids:
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_s(pid))

    def cpu_total(self) -> float:
        return sum(self.cpu.values())


def watch(proc: subprocess.Popen[bytes], seconds: float, every: float = 1.0) -> tuple[TreeWatch, float]:
    """Sample ``proc``'s tree for ``seconds`` (from now), then return the watch and the wall time."""
    tw = TreeWatch(proc.pid)
    start = time.monotonic()
    while time.monotonic() - start < seconds and proc.poll() is None:
        tw.sample()
        time.sleep(every)
    tw.sample()
    return tw, time.monotonic() - start


def stop(proc: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM the process group the bench started, then SIGKILL what is left of it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=timeout)
        except (OSError, subprocess.TimeoutExpired):
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, 9)
            proc.wait()


def timed(command: list[str], env: dict[str, str], done: Callable[[], bool], timeout: float = 120) -> float:
    """Wall seconds from spawning ``command`` to its exit; ``done()`` must then hold (picture written)."""
    start = time.monotonic()
    proc = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
    elapsed = time.monotonic() - start
    if proc.returncode != 0 or not done():
        tail = (proc.stdout + proc.stderr).decode(errors="replace")[-800:]
        raise RuntimeError(f"{command[0]} failed ({proc.returncode}):\n{tail}")
    return elapsed


def spread(values: list[float]) -> dict[str, float | list[float]]:
    """Median, min and max of a figure's runs (the table shows median and min–max)."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def load() -> list[float]:
    return [float(v) for v in (PROC / "loadavg").read_text().split()[:3]]


def machine() -> dict[str, object]:
    model = ""
    for line in (PROC / "cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kb = status_meminfo("MemTotal")
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_mb": round(mem_kb / 1024),
        "kernel": os.uname().release,
    }


def status_meminfo(key: str) -> int:
    for line in (PROC / "meminfo").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0
