"""Shared set-up for session tests: the shipped stele in a window, a clock that travels, helpers to tap."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config.loader import ContentSet, load_content
from kiosk.paths import bundled_root
from kiosk.runtime.interaction import Interaction
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import FixedClock
from tests.gui.shell_kit import running_shell

SCENARIO = datetime(2025, 10, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
SIZE = (540, 960)  # half the stele: pitch and target sizes scale with it
_SHIPPED: ContentSet | None = None


def shipped() -> ContentSet:
    global _SHIPPED  # loading the pack takes ~0.1 s; every session test uses the same
    if _SHIPPED is None:
        _SHIPPED = load_content(bundled_root()).content
    return _SHIPPED


@contextmanager
def stele(
    qtbot,
    tmp_path: Path,
    content: ContentSet | None = None,
    web: bool = False,
    device: str = "stadthafen-stele",
) -> Iterator[tuple[Shell, Interaction, FixedClock]]:
    clock = FixedClock(SCENARIO)
    with running_shell(qtbot, content or shipped(), device, clock, tmp_path / "data", SIZE, web=web) as shell:
        assert shell.interaction is not None
        yield shell, shell.interaction, clock


def pump(ms: int = 50) -> None:
    """Process events for ``ms`` of real time. Deliberately real time, for what takes time in the real
    world: how long a finger holds, the gap between two taps, audio that plays meanwhile. To wait for
    something to happen, wait for it (``settled``, ``qtbot.waitUntil``)."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def settled(qtbot: QtBot, session: Interaction) -> None:
    """Wait until a page just opened takes taps: its settle time (against the second tap of a double
    tap) is over."""
    qtbot.waitUntil(lambda: not session._settle.isActive(), timeout=5_000)


def centre(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), widget.rect().center())


def handle(window: QWidget) -> QWindow:
    """The window's QWindow: input sent there takes the real path (platform → QWindow → widget), through
    the kiosk's input filter; QTest calls on a widget would skip it."""
    native = window.windowHandle()
    assert native is not None
    return native


def press(window: QWidget, pos: QPoint) -> None:
    QTest.mousePress(handle(window), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def move(window: QWidget, pos: QPoint) -> None:
    QTest.mouseMove(handle(window), pos)


def release(window: QWidget, pos: QPoint) -> None:
    QTest.mouseRelease(handle(window), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def tap(window: QWidget, pos: QPoint, hold_ms: int = 30) -> None:
    """Press and release where a finger would (``pos`` in window coordinates)."""
    press(window, pos)
    pump(hold_ms)
    release(window, pos)
    pump(20)


def key(window: QWidget, name: str) -> None:
    QTest.keyClick(handle(window), getattr(Qt.Key, f"Key_{name}"))
    pump(30)


def spoken(interaction: Interaction) -> list[str]:
    assert interaction.speaker is not None
    return [entry.text for entry in interaction.speaker.log]


def travel(clock: FixedClock, interaction: Interaction, seconds: float) -> None:
    clock.set(clock.now() + timedelta(seconds=seconds))
    interaction.tick()
    pump(20)
