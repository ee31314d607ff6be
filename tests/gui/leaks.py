"""What a GUI test leaves running: QTimers, threads (Python, thread pools, QThreads), child processes and
open file descriptors, compared before and after the test.

A kiosk runs for months; anything a test leaves running is either a test that does not clean up or a
product object that cannot be stopped. ``tests/gui/conftest.py`` takes a ``Snapshot`` before each GUI
test and, after it, waits (polling, while deferred deletes and garbage collection run) until nothing new
is left or the settle time is over, then fails with a readable list.

Some things live once per process and are started by the first test that needs them: Chromium's helper
processes and their sockets, the PulseAudio connection of QtMultimedia, the platform plugin. They are
not leaks of that test; ``PROCESS_WIDE`` names them, each with the reason.
"""

from __future__ import annotations

import gc
import os
import re
import threading
import time
from concurrent.futures import thread as futures_thread
from dataclasses import dataclass, field
from multiprocessing import resource_tracker
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QThread, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

SETTLE_S = 5.0  # a stopped worker thread or process ends well within this on 2 busy cores

#: (kind, regex on the description, why it may outlive the test that started it)
PROCESS_WIDE: tuple[tuple[str, str, str], ...] = (
    # Chromium keeps its zygotes, GPU and utility (network, storage, audio) processes for the life of
    # the browser, that is the QApplication; renderers of closed pages must end (they are not listed).
    ("process", r"QtWebEngineProcess.*--type=(zygote|gpu-process|utility)", "Chromium's browser helpers"),
    # multiprocessing starts one resource tracker per process, at the first spawned worker (speech).
    ("process", r"multiprocessing\.resource_tracker import main", "multiprocessing's resource tracker"),
    # Wake-up handles of event loops in Qt's and Chromium's own threads (multimedia, D-Bus, Chromium's
    # IO threads), started once per process; our threads are checked by name. MAX_EVENT_FDS catches a
    # steady growth.
    ("fd", r"anon_inode:\[?(eventfd|eventpoll|timerfd)\]?", "event-loop handles of process-wide threads"),
    # Chromium maps its resource packs and V8 snapshot once and keeps them
    ("fd", r"/Qt/(resources|translations/qtwebengine_locales)/", "Chromium's resource files"),
)
#: When Chromium's browser starts during a test (its first helper process appears), the handles it
#: opens for the life of the browser are indistinguishable by name from a test's own (sockets, pipes,
#: shared memory, an inotify watch); in that one test they are allowed, once per process.
CHROMIUM_START = r"QtWebEngineProcess.*--type=zygote"
CHROMIUM_HANDLES = r"→ (socket:|pipe:|anon_inode:inotify|/dev/shm/\.org\.chromium\.)"
MAX_EVENT_FDS = 48


@dataclass(frozen=True)
class Snapshot:
    """What is running at one moment, each item keyed and described for a person."""

    timers: dict[int, str] = field(default_factory=dict)
    threads: dict[int, str] = field(default_factory=dict)
    processes: dict[int, str] = field(default_factory=dict)
    fds: dict[int, str] = field(default_factory=dict)
    pool_threads: int = 0

    @classmethod
    def take(cls) -> Snapshot:
        return cls(
            timers=_active_timers(),
            threads=_threads(),
            processes=_descendants(),
            fds=_open_fds(),
            pool_threads=QThreadPool.globalInstance().activeThreadCount(),
        )


def new_since(before: Snapshot, after: Snapshot) -> list[str]:
    """Readable lines for everything in ``after`` that was not in ``before`` (allowances applied)."""
    lines = []
    chromium_started = any(
        re.search(CHROMIUM_START, d) and pid not in before.processes for pid, d in after.processes.items()
    )
    for kind, old, new in (
        ("active QTimer", before.timers, after.timers),
        ("thread", before.threads, after.threads),
        ("child process", before.processes, after.processes),
        ("open file descriptor", before.fds, after.fds),
    ):
        for key, description in new.items():
            if key in old and old[key] == description:
                continue
            if kind == "child process" and _allowed("process", description):
                continue
            if kind == "open file descriptor" and (
                _allowed("fd", description)
                or key in _tracker_fds()
                or (chromium_started and re.search(CHROMIUM_HANDLES, description))
            ):
                continue
            lines.append(f"{kind}: {description}")
    event_fds = sum(_allowed("fd", d) for d in after.fds.values())
    if event_fds > MAX_EVENT_FDS and event_fds > sum(_allowed("fd", d) for d in before.fds.values()):
        lines.append(f"event-loop file descriptors keep growing: {event_fds} open (limit {MAX_EVENT_FDS})")
    if after.pool_threads > before.pool_threads:
        lines.append(f"QThreadPool: {after.pool_threads} busy threads (was {before.pool_threads})")
    return lines


def settle(before: Snapshot, timeout_s: float = SETTLE_S) -> list[str]:
    """Let deferred deletes, garbage collection and ending threads run until nothing new is left (or
    ``timeout_s`` passed); returns what is still new."""
    deadline = time.monotonic() + timeout_s
    while True:
        _flush()
        left = new_since(before, Snapshot.take())
        if not left or time.monotonic() > deadline:
            return left
        _pause()


def _flush() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    gc.collect()  # in the GUI thread, as the product's collector does (runtime/gc_guard.py)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _pause(ms: int = 20) -> None:
    """One poll step of ``settle``: process events for ``ms`` while threads and processes end."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        threading.Event().wait(0.002)  # give the GIL to ending threads


def _allowed(kind: str, description: str) -> bool:
    return any(k == kind and re.search(pattern, description) for k, pattern, _ in PROCESS_WIDE)


def _tracker_fds() -> set[int]:
    """The pipe to multiprocessing's resource tracker (process-wide, see PROCESS_WIDE)."""
    fd = getattr(resource_tracker._resource_tracker, "_fd", None)
    return {fd} if isinstance(fd, int) else set()


# --- what is running -----------------------------------------------------------------------------------


def _roots() -> list[QObject]:
    app = QApplication.instance()
    roots: list[QObject] = [app] if app is not None else []
    roots.extend(QApplication.topLevelWidgets())
    return roots


def _active_timers() -> dict[int, str]:
    """Active QTimers under the application and the top-level widgets, and unparented ones that Python
    holds (found through the garbage collector's list of wrappers)."""
    found: dict[int, QTimer] = {}
    for root in _roots():
        for timer in root.findChildren(QTimer):
            found[_address(timer)] = timer
    for obj in gc.get_objects():
        if isinstance(obj, QTimer) and shiboken6.isValid(obj):
            found.setdefault(_address(obj), obj)
    timers = {}
    for address, timer in found.items():
        if shiboken6.isValid(timer) and timer.isActive():
            timers[address] = _describe_timer(timer)
    return timers


def _describe_timer(timer: QTimer) -> str:
    chain = []
    obj: QObject | None = timer
    while obj is not None and len(chain) < 6:
        name = obj.objectName()
        chain.append(f"{type(obj).__name__}{'(' + name + ')' if name else ''}")
        obj = obj.parent()
    shot = "single-shot " if timer.isSingleShot() else ""
    return f"{shot}{timer.interval()} ms, in {' ← '.join(chain)}"


def _address(obj: QObject) -> int:
    return int(shiboken6.getCppPointer(obj)[0])


def _threads() -> dict[int, str]:
    """Python threads (ThreadPoolExecutor workers included, by name) and running QThreads."""
    out: dict[int, str] = {}
    for thread in threading.enumerate():
        if thread is threading.main_thread() or not thread.is_alive():
            continue
        pooled = getattr(thread, "_target", None) is futures_thread._worker
        hint = " (a ThreadPoolExecutor not shut down)" if pooled else ""
        out[thread.ident or id(thread)] = f"{thread.name} [{type(thread).__name__}]{hint}"
    for root in _roots():
        for qthread in root.findChildren(QThread):
            if qthread.isRunning():
                out[_address(qthread)] = f"QThread {qthread.objectName() or type(qthread).__name__} (running)"
    return out


def _descendants() -> dict[int, str]:
    """Every process below this one (children, grandchildren …), zombies included, from /proc."""
    parents: dict[int, list[int]] = {}
    info: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue  # ended meanwhile
        # "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        pid = int(entry.name)
        parents.setdefault(int(ppid), []).append(pid)
        zombie = " (zombie: never waited for)" if state == "Z" else ""
        info[pid] = f"pid {pid} {cmdline[:160] or comm}{zombie}"
    out: dict[int, str] = {}
    todo = list(parents.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        out[pid] = info[pid]
        todo.extend(parents.get(pid, []))
    return out


def _open_fds() -> dict[int, str]:
    out: dict[int, str] = {}
    for entry in Path("/proc/self/fd").iterdir():
        try:
            out[int(entry.name)] = f"fd {entry.name} → {os.readlink(entry)}"
        except OSError:
            continue  # the fd of the listing itself, closed by now
    return out
