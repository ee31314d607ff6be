"""The player's safety net: a deadline the scheduler lost is noticed, logged once and played, on a clock
that really runs (sped up, so the test takes seconds)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.loader import load_content
from kiosk.runtime.player import OVERDUE_S
from kiosk.schedule.clock import RunClock
from tests.field.packs import signage_pack
from tests.gui.shell_kit import running_shell

START = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
SLIDES = [("rot", (200, 0, 0), "2s"), ("gruen", (0, 160, 0), "2s"), ("blau", (0, 0, 200), "2s")]


def test_a_lost_deadline_is_logged_once_and_played(qtbot, tmp_path: Path, caplog) -> None:
    root = tmp_path / "pack"
    signage_pack(root, {"main": (0, 0, 640, 360)}, {"main": SLIDES})
    content = load_content(root).content
    lost: list[float] = []  # a scheduler that never fires: the first round's bug, on purpose
    clock = RunClock(START, speed=10.0)  # a 2 s slide lasts 0.2 s of real time

    def arm(_deadline: datetime | None, delay: float) -> None:
        lost.append(delay)

    with running_shell(
        qtbot, content, "feld", clock, tmp_path / "data", schedule_at=arm, start=False
    ) as shell:
        with caplog.at_level(logging.INFO, logger="kiosk.runtime.player"):
            shell.start()
            seen: list[str] = []

            def switched_twice() -> bool:
                slide = shell.player.zones["main"].shown[1]
                if slide and (not seen or seen[-1] != slide):
                    seen.append(slide)
                return len(seen) >= 3

            qtbot.waitUntil(switched_twice, timeout=int((3 * OVERDUE_S + 5) * 1000))
        assert len(set(seen)) >= 2, seen  # it went on switching although no scheduler job ever fired
        missed = [r for r in caplog.records if "without a switch" in r.getMessage()]
        assert len(missed) == 1, [r.getMessage() for r in missed]  # once, not at every rescue
        assert all(0.0 < delay <= 0.3 for delay in lost), lost  # the real delays of 2 s at 10× speed
