"""What ``kiosk run`` adds for a device that runs unattended for months: the start line (device, content
version, screen), a layout fitted to a screen unlike the device file's, and the systemd notifications.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from kiosk.config.models.device import Device
from kiosk.runtime.health import checker
from kiosk.runtime.identity import content_version, fitted_size, mismatch_note, orientation, same_aspect
from kiosk.runtime.reload import ContentWatcher
from kiosk.runtime.sdnotify import Watchdog
from kiosk.runtime.shell import Shell

log = logging.getLogger("kiosk")


def screen_facts() -> tuple[tuple[int, int], float, str]:
    """The primary screen: size in logical pixels, device pixel ratio, name."""
    screen = QGuiApplication.primaryScreen()
    geometry = screen.geometry()
    return (geometry.width(), geometry.height()), screen.devicePixelRatio(), screen.name()


def full_screen_canvas(name: str, model: Device, screen: tuple[int, int]) -> tuple[int, int]:
    """The size the layout is drawn at on ``screen``: all of it, or (another aspect) the largest part of
    the device file's aspect; a difference is logged once, here."""
    wanted = (model.screen.width, model.screen.height)
    note = mismatch_note(name, screen, wanted)
    if note is not None:
        log.warning("%s", note) if not same_aspect(screen, wanted) else log.info("%s", note)
    return screen if same_aspect(screen, wanted) else fitted_size(screen, wanted)


def log_start(
    name: str, chosen_by: str, model: Device, root: Path, canvas: tuple[int, int], windowed: bool
) -> None:
    (width, height), dpr, screen_name = screen_facts()
    log.info(
        "starting device %s (%s; %s), content %s from %s; screen %d×%d %s, DPR %g (output %s); %s %d×%d",
        name,
        model.role,
        chosen_by,
        content_version(root),
        root,
        width,
        height,
        orientation(width, height),
        dpr,
        screen_name or "?",
        "window" if windowed else "layout",
        *canvas,
    )


class _FirstPaint(QObject):
    """Calls back once, after the first paint of a top-level widget (then the frame is on screen)."""

    def __init__(self, top: QWidget, then: Callable[[], None]) -> None:
        super().__init__(top)
        self.then: Callable[[], None] | None = then
        top.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self.then)  # after this paint is flushed to the screen
            self.then = None
            obj.removeEventFilter(self)
        return False


def watch(shell: Shell, watcher: ContentWatcher, top: QWidget, name: str) -> Watchdog:
    """READY=1 after the first frame, then WATCHDOG=1 pings while the kiosk is healthy."""
    speaker = shell.speaker
    health = checker(
        lambda: (shell.hub.workers, shell.factory.assets.workers, watcher.workers),
        (lambda: speaker.alive) if speaker is not None else None,
    )
    dog = Watchdog(health, parent=shell)
    first = _FirstPaint(top, lambda: dog.set_ready(f"playing {name}"))
    first.setObjectName("first-paint")
    return dog
