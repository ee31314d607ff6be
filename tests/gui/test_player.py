"""The player with a travelling clock: switches at deadlines, prepares ahead, standby and closed hours,
and hot reload of editor files (valid change applied, invalid change rejected, last good kept)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.config.loader import load_content
from kiosk.runtime.reload import ContentWatcher
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.basic import TextSlideWidget
from kiosk.ui.slides.picture import ImageSlideWidget
from kiosk.ui.zone import StandbyWidget
from tests.gui.shell_kit import open_shell

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN)


class Armed:
    """Records what the player asks the scheduler for (tests move the clock instead of waiting)."""

    def __init__(self) -> None:
        self.deadlines: list[datetime | None] = []

    def __call__(self, deadline: datetime | None, delay: float) -> None:
        self.deadlines.append(deadline)


def start(qtbot, root: Path, clock: FixedClock, armed: Armed) -> Shell:
    content = load_content(root).content
    data = root.parent / "data"  # beside the pack, in the test's own folder
    shell = open_shell(qtbot, content, "stele", clock, data, (540, 960), schedule_at=armed)
    qtbot.waitUntil(shell.player.settled, timeout=10_000)
    return shell


def test_switches_at_the_resolvers_deadline_and_prepares_ahead(qtbot, minipack: Path) -> None:
    clock, armed = FixedClock(MONDAY_NOON), Armed()
    shell = start(qtbot, minipack, clock, armed)
    main = shell.window.zones["main"]
    assert isinstance(main.current, ImageSlideWidget)  # 'tag': hafen (10 s), then willkommen (20 s)
    deadline = armed.deadlines[-1]
    assert deadline is not None and MONDAY_NOON < deadline <= MONDAY_NOON + timedelta(seconds=10)
    staged = shell.player.zones["main"].staged
    assert "willkommen" in staged and staged["willkommen"].is_ready  # prepared before the switch
    prepared = staged["willkommen"]
    clock.set(deadline)
    shell.player.tick()
    assert main.current is prepared  # switched at once to the widget prepared ahead
    shell.stop()


def test_default_playlist_and_standby_outside_windows(qtbot, minipack: Path) -> None:
    clock, armed = FixedClock(datetime(2026, 11, 22, 12, 0, tzinfo=BERLIN)), Armed()  # Sunday: 'tag' off
    shell = start(qtbot, minipack, clock, armed)
    assert shell.player.plan is not None and shell.player.plan.zones["main"].reason == "default"
    assert isinstance(shell.window.zones["main"].current, TextSlideWidget)  # 'immer' starts with willkommen
    shell.stop()


def test_closed_outside_opening_hours(qtbot, minipack: Path) -> None:
    device = minipack / "device-config/stele.yaml"
    device.write_text(device.read_text() + 'opening_hours:\n  - {from: "07:00", to: "20:00"}\n')
    clock, armed = FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BERLIN)), Armed()
    shell = start(qtbot, minipack, clock, armed)
    current = shell.window.zones["main"].current
    assert isinstance(current, StandbyWidget) and current.closed
    assert shell.window.grab().toImage().pixelColor(270, 400).name() == "#000000"  # screen off
    clock.set(datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN))
    shell.player.tick()
    qtbot.waitUntil(shell.player.settled, timeout=5000)
    assert isinstance(shell.window.zones["main"].current, ImageSlideWidget)
    shell.stop()


def test_valid_edit_applies_and_invalid_edit_keeps_last_good(qtbot, minipack: Path, caplog) -> None:
    clock, armed = FixedClock(MONDAY_NOON), Armed()
    shell = start(qtbot, minipack, clock, armed)
    watcher = ContentWatcher(minipack, parent=shell)
    watcher.accepted.connect(shell.apply_reload)
    assert isinstance(shell.window.zones["main"].current, ImageSlideWidget)
    playlist = minipack / "content/playlists/tag.yaml"
    good = playlist.read_text()
    # a valid edit: the text slide first
    playlist.write_text(
        good.replace("  - hafen\n  - slide: willkommen\n    duration: 20s\n", "  - willkommen\n  - hafen\n")
    )
    with qtbot.waitSignal(watcher.accepted, timeout=2000):
        pass
    qtbot.waitUntil(lambda: isinstance(shell.window.zones["main"].current, TextSlideWidget), timeout=2000)
    # an invalid edit: nothing changes on screen, one clear error
    before = shell.window.zones["main"].current
    caplog.set_level(logging.ERROR, logger="kiosk.runtime.reload")
    playlist.write_text("name: Tag\nitems: [willkommen\n")
    with qtbot.waitSignal(watcher.rejected, timeout=2000):
        pass
    with qtbot.waitSignal(watcher.rejected, timeout=2000):
        playlist.write_text("name: Tag\nitems: [willkommen\n")  # saved again: not logged again
    assert shell.window.zones["main"].current is before
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "content/playlists/tag.yaml:3:1: error: YAML syntax error" in errors[0].getMessage()
    assert "is not closed" in errors[0].getMessage()
    watcher.shutdown()
    shell.stop()


@pytest.mark.parametrize("hours", [0, 6, 30])
def test_long_run_does_not_grow_widgets(qtbot, minipack: Path, hours: int) -> None:
    clock, armed = FixedClock(MONDAY_NOON), Armed()
    shell = start(qtbot, minipack, clock, armed)
    clock.advance(timedelta(hours=hours))
    for _ in range(60):  # sixty switches
        deadline = armed.deadlines[-1]
        assert deadline is not None
        clock.set(deadline)
        shell.player.tick()
        qtbot.waitUntil(shell.player.settled, timeout=5000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # old slides' deleteLater()
    children = len(shell.window.findChildren(object))
    for _ in range(60):
        clock.set(armed.deadlines[-1])  # type: ignore[arg-type]
        shell.player.tick()
        qtbot.waitUntil(shell.player.settled, timeout=5000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(shell.window.findChildren(object)) <= children + 5  # old slides are deleted, not piled up
    shell.stop()
