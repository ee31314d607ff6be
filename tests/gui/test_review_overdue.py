"""Review of issue 9: the player's safety net looks again at the deadline, not every 3 s until it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.loader import load_content
from kiosk.runtime.player import OVERDUE_S
from kiosk.schedule.clock import FixedClock, real_seconds
from tests.gui.shell_kit import running_shell

SATURDAY_NIGHT = datetime(2025, 10, 18, 2, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_an_early_check_waits_for_the_deadline(qtbot, minipack: Path, tmp_path: Path) -> None:
    """QTimer takes at most an hour, so a deadline further away wakes the net early; it must then wait for
    the deadline (plus its margin) instead of polling every 3 s through a night of closed hours."""
    clock = FixedClock(SATURDAY_NIGHT)
    content = load_content(minipack).content
    with running_shell(
        qtbot, content, "stele", clock, tmp_path / "data", (270, 480), speech=False, show=False
    ) as shell:
        player = shell.player
        assert player.plan is not None
        ahead = real_seconds(clock, player.plan.next_deadline - clock.now())
        assert ahead > 2 * OVERDUE_S, ahead  # the case: the net wakes while the deadline is still ahead
        player._overdue.start(0)  # what the hourly cap of a far deadline does
        qtbot.waitUntil(lambda: player._overdue.remainingTime() > 1000, timeout=2000)
        assert player._overdue.remainingTime() >= (ahead + OVERDUE_S - 1) * 1000
