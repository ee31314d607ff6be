"""One way to build the kiosk's ``Shell`` in a GUI test: in a window, offline, without animations, with a
scheduler that never fires (the test moves the clock and calls ``player.tick``) and its last-good data in
the test's own folder. Every default can be overridden, e.g. ``live=True`` for sources that a test points
at the fake platform, or ``schedule_at=`` a recorder of the deadlines the player asks for."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.config.loader import ContentSet
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import Clock

Scheduler = Callable[[datetime | None, float], None]


def never_fires(_deadline: datetime | None, _delay: float) -> None:
    """A scheduler that never fires: the test decides when time passes."""


def open_shell(
    qtbot,
    content: ContentSet,
    device: str,
    clock: Clock,
    data_dir: Path,
    size: tuple[int, int] | None = None,
    *,
    schedule_at: Scheduler = never_fires,
    live: bool = False,
    animate: bool = False,
    speech: bool = True,
    web: bool = True,
    show: bool = True,
    start: bool = True,
) -> Shell:
    """A shell for ``device`` (``size``: half the device's screen unless given), shown and exposed and
    started unless told otherwise; the caller stops it (or use ``running_shell``)."""
    if size is None:
        screen = content.devices[device].model.screen
        size = (screen.width // 2, screen.height // 2)
    shell = Shell(
        content,
        device,
        size,
        kiosk_mode=False,
        clock=clock,
        schedule_at=schedule_at,
        web=web,
        animate=animate,
        live=live,
        speech=speech,
        data_dir=data_dir,
    )
    qtbot.addWidget(shell.window)
    if show:
        shell.window.show()
        qtbot.waitExposed(shell.window)
    if start:
        shell.start()
    return shell


@contextmanager
def running_shell(qtbot, *args: Any, **options: Any) -> Iterator[Shell]:
    """``open_shell`` (the same arguments) for a ``with`` block, stopped at its end whatever happens in
    it. With ``start=False`` the test starts it itself (e.g. inside ``qtbot.waitSignal``)."""
    shell = open_shell(qtbot, *args, **options)
    try:
        yield shell
    finally:
        shell.stop()
