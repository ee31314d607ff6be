"""``kiosk run``: load the content, build the device's window, play it until quit.

Everything a run may differ in comes in :class:`RunOptions` from the command line; nothing here is switched by
environment variables. A demo against the fake city platform passes a ``transform`` of the content and gets a
throw-away data store, so a technician's demo never leaves its fake warnings in the device's last good data.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

from kiosk.config.loader import ContentSet, LoadResult
from kiosk.runtime.app import has_display, load_device, qt_app, setup_logging, uses_web, web_allowed_here
from kiosk.runtime.identity import DEVICE_SETTING, choose_device
from kiosk.runtime.malloc_arenas import limit_arenas

log = logging.getLogger("kiosk")

ContentTransform = Callable[[ContentSet], ContentSet]


@dataclass(frozen=True)
class RunOptions:
    """How one ``kiosk run`` plays its device."""

    root: Path
    device: str | None = None
    windowed: bool = False
    size: tuple[int, int] | None = None
    exit_after: float | None = None
    screenshot: Path | None = None
    at: datetime | None = None
    speed: float = 1.0
    offline: bool = False
    data_dir: Path | None = None
    # a demo's change of the content (e.g. sources pointed at the fake platform), applied at every load;
    # with one, last good data goes to a throw-away folder
    transform: ContentTransform | None = None
    transform_note: str = ""
    log_json: bool = False  # one JSON object per log line (time, level, logger, message, fields)
    log_speech: bool = False  # one log line per spoken text (logger kiosk.spoken)
    # this machine's device name when none is given (install.sh --service writes it)
    device_setting: Path = DEVICE_SETTING


def run(options: RunOptions) -> int:
    """Show a device's screen until quit (or ``exit_after`` seconds). Returns the process exit code."""
    setup_logging(options.log_json)
    limit_arenas()  # before any worker thread: months of bursts of parsing (kiosk.runtime.malloc_arenas)
    if options.log_speech:
        logging.getLogger("kiosk.spoken").setLevel(logging.DEBUG)
    choice = choose_device(options.device, options.root, options.device_setting)
    if choice.name is None:  # a city kiosk never guesses which device it is
        print(f"kiosk run: {choice.problem}", file=sys.stderr)
        return 2
    if not has_display():
        print(
            "kiosk run: no display. On a device start it in the kiosk session; for a headless try "
            "set QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 2
    loaded = load_device(options.root, choice.name)
    if loaded is None:
        return 2
    content, name = loaded
    playing = None
    if content.devices[name].model.sync is not None:  # a synced device plays its current version
        from kiosk.runtime.fleet_sync import start_root

        synced, playing = start_root(options.root, options.data_dir)
        if playing is not None and (again := load_device(synced, name)) is not None:
            content, name = again
            log.info("playing synced content version %s (from %s)", playing, synced.parent.parent)
        elif playing is not None:
            log.error("synced version %s cannot be played; playing the content in %s", playing, options.root)
            playing = None
    scratch: Path | None = None
    data_dir = options.data_dir
    if options.transform is not None:
        content = options.transform(content)
        scratch = Path(tempfile.mkdtemp(prefix="kiosk-demo-data-"))
        data_dir = scratch
        log.info("%s; its data is kept in %s and removed at exit", options.transform_note, scratch)
    try:
        return _play(options, content, name, data_dir, choice.source, playing)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _clock(options: RunOptions, timezone: str) -> object:
    from kiosk.schedule.clock import RunClock, SystemClock

    if options.at is None and options.speed == 1.0:
        return SystemClock()
    start = options.at or datetime.now(UTC)
    clock = RunClock(start if start.tzinfo else start.replace(tzinfo=ZoneInfo(timezone)), options.speed)
    log.info(
        "playing as if it were %s%s",
        clock.now().astimezone(ZoneInfo(timezone)).isoformat(timespec="seconds"),
        f", {options.speed:g} times as fast as real time" if options.speed != 1.0 else "",
    )
    return clock


def _play(
    options: RunOptions,
    content: ContentSet,
    name: str,
    data_dir: Path | None,
    chosen_by: str,
    playing: str | None = None,
) -> int:
    stopping = threading.Event()
    # no other host even resolves; QtWebEngine only for a device with web content
    app = qt_app(content.devices[name].model.web_allowlist, uses_web(content, name))
    _quit_on_signals(app, stopping)  # from now on: a stop while the device is being built is kept
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from kiosk.runtime import service
    from kiosk.runtime.reload import ContentWatcher
    from kiosk.runtime.shell import Shell
    from kiosk.runtime.timing import DeadlineScheduler

    model = content.devices[name].model
    if not options.windowed:
        from kiosk.runtime.display import apply_rotation

        apply_rotation(model.screen.rotation)  # before measuring the screen: it turns width and height
    screen_size: tuple[int, int] | None = None
    if options.windowed:
        window_size = options.size or (model.screen.width, model.screen.height)
    else:  # full screen: the real screen, or the largest part of it at the device file's aspect
        geometry = QGuiApplication.primaryScreen().geometry()
        screen_size = (geometry.width(), geometry.height())
        window_size = service.full_screen_canvas(name, model, screen_size)
    service.log_start(name, chosen_by, model, options.root, window_size, options.windowed)
    scheduler = DeadlineScheduler()
    shell: Shell | None = None

    def arm(_deadline: datetime | None, delay_s: float) -> None:  # the scheduler runs on real time
        scheduler.arm(delay_s, lambda: shell.player.tick() if shell is not None else None)

    shell = Shell(
        content,
        name,
        window_size,
        kiosk_mode=not options.windowed,
        clock=_clock(options, model.timezone),  # type: ignore[arg-type]
        schedule_at=arm,
        web=web_allowed_here(),
        live=not options.offline,
        data_dir=data_dir,
    )
    watcher = ContentWatcher(content.root if playing else options.root, parent=shell, watch=playing is None)
    transform = options.transform

    def apply(result: LoadResult, changed: frozenset[str] = frozenset()) -> None:
        if transform is not None:  # reloaded content is changed the same way (e.g. still the platform)
            result = LoadResult(transform(result.content), result.issues, result.files)
        shell.apply_reload(result, changed)

    watcher.accepted.connect(apply)
    from kiosk.runtime.fleet_sync import FleetSync

    # the sync is there even without sync settings: a reloaded device file may bring them
    fleet = FleetSync(
        name, lambda: shell.content, options.data_dir, playing, live=not options.offline, parent=shell
    )

    def synced(result: LoadResult, changed: frozenset[str]) -> None:
        watcher.retarget(result.content.root, watch=False)  # the admin's reload reads the version shown
        apply(result, changed)

    fleet.applied.connect(synced)
    top: QWidget = shell.window
    if screen_size is not None and window_size != screen_size:
        from kiosk.ui.letterbox import Letterbox  # bars in the theme background, not a stretched layout

        top = Letterbox(shell.window, window_size, shell.window.palette().window().color().name())
        top.resize(*screen_size)  # without a window manager, full screen keeps the size it is given
        shell.window.show()
    dog = service.watch(shell, watcher, top, name)
    top.show() if options.windowed else top.showFullScreen()
    shell.start()
    fleet.start()
    from kiosk.runtime.admin import attach_admin

    admin = attach_admin(shell, app, watcher, kiosk_mode=not options.windowed)  # after the session's input
    from kiosk.runtime.fleet_health import FleetHealth

    fleet_health = FleetHealth(shell, reload=watcher.reload_now)  # doorbell, heartbeat, metrics (if set)
    watcher.accepted.connect(fleet_health.reloaded)
    admin.on_screenshot = lambda path: fleet_health.shots.send_file(path, "the admin menu")
    # the doorbell's "check now" asks the sync when there is one; the version on screen is the sync's
    fleet_health.check_now_hooks.append(
        lambda: fleet.check_now() if fleet.config() is not None else fleet_health.check_content()
    )
    fleet.applied.connect(lambda _result, _changed: fleet_health.set_content_version(fleet.playing or ""))
    if playing is not None:
        fleet_health.set_content_version(playing)
    fleet_health.start()
    from kiosk.runtime.health import LiveObjects

    # a leak shows here before it costs memory: logged at each new high (python -m bench --soak reads it)
    live = LiveObjects(lambda: (app, shell, top), parent=shell)  # type: ignore[arg-type,return-value]
    live.start()
    log.info("device %s (%s) running on layout %s", name, model.role, model.layout)
    outcome = {"code": 0}

    def finish() -> None:
        if options.screenshot is not None:
            ok = shell.window.grab().save(str(options.screenshot))
            if ok:
                log.info("screenshot saved to %s", options.screenshot)
            else:
                log.error("screenshot could not be saved to %s", options.screenshot)
                outcome["code"] = 1
        app.quit()  # type: ignore[attr-defined]

    if options.exit_after is not None:
        QTimer.singleShot(round(options.exit_after * 1000), finish)
    _log_unhandled()
    # a SIGTERM during start-up came before there was a loop to quit: then there is nothing to run
    code: int = 0 if stopping.is_set() else app.exec()  # type: ignore[attr-defined]
    live.report("at stop")
    dog.stopping()
    fleet.stop()
    fleet_health.stop()  # its goodbye: the retained status says offline at once
    watcher.shutdown()
    scheduler.shutdown()
    admin.stop()
    shell.stop()
    log.info("device %s stopped", name)
    leave(code or outcome["code"])


def leave(code: int) -> NoReturn:
    """End the process once the kiosk's own clean-up is done, without the interpreter's teardown.

    Python's exit then destroys the QApplication and QtWebEngine's objects in no set order, and a
    kiosk stopped while QtWebEngine was still starting its GPU process once died there with SIGSEGV
    (exit -11 where systemd and the tests expect 0). Nothing of ours is left to do: records, logs and
    the web profile are closed above, so the process leaves as the doctor's probes do.
    """
    _end_resource_tracker()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _end_resource_tracker(within_s: float = 1.0) -> None:
    """End and reap multiprocessing's resource tracker, a child the speech worker's queues started.

    It ends when its pipe closes. Left to our exit, it would end just after us, an orphan for init to reap
    when init gets round to it: measured 1.3–1.8 s in the test machine's init, a stopped kiosk's process
    group outliving it (systemd would see a leftover in the service's cgroup). Closed here, it is our
    child and gone before we are. The speech worker, which holds the pipe too, was ended in ``shell.stop``;
    should one linger, the wait is bounded and the tracker ends with the last holder, as before.
    """
    tracking = sys.modules.get("multiprocessing.resource_tracker")
    tracker = getattr(tracking, "_resource_tracker", None)
    fd, pid = getattr(tracker, "_fd", None), getattr(tracker, "_pid", None)
    if fd is None or pid is None:  # no queue was ever made (no speech), or CPython changed its insides
        return
    tracker._fd = tracker._pid = None  # type: ignore[union-attr]
    os.close(fd)
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            ended, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if ended:
            return
        time.sleep(0.01)
    log.warning("multiprocessing's resource tracker (pid %d) did not end within %.1f s", pid, within_s)


def _log_unhandled() -> None:
    """PySide6 does not hand an exception raised in a slot back to the emitter: it prints it and goes on.
    Into the log with it (the journal keeps it with the state changes around it), never silently."""

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)  # type: ignore[arg-type]
            return
        log.critical("unhandled error in an event handler: %s", error, exc_info=(kind, error, trace))  # type: ignore[arg-type]

    sys.excepthook = hook


def _quit_on_signals(app: object, stopping: threading.Event) -> None:
    """systemd stops the kiosk with SIGTERM: quit the event loop so ``shell.stop()`` ends the speech worker
    and the data threads cleanly. Python runs signal handlers only between bytecodes, so a timer gives the
    interpreter a moment every 200 ms while Qt waits."""
    from PySide6.QtCore import QTimer

    def stop(number: int, _frame: object) -> None:
        log.info("%s received: stopping", signal.Signals(number).name)  # a state change worth a line
        stopping.set()
        app.quit()  # type: ignore[attr-defined]

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, stop)
    wake = QTimer(app)  # type: ignore[arg-type]
    wake.timeout.connect(lambda: None)
    wake.start(200)
