"""Review of issue 9: a device-file change that a reload cannot apply is said, never logged as applied."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.loader import load_content
from kiosk.schedule.clock import FixedClock
from tests.gui.shell_kit import running_shell

NOW = datetime(2025, 10, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def test_a_new_speech_rate_is_logged_as_restart_to_apply(
    qtbot, minipack: Path, tmp_path: Path, caplog
) -> None:
    """The speech worker process gets its rate when it starts; a reload does not restart it."""
    content = load_content(minipack).content
    clock = FixedClock(NOW)
    with running_shell(
        qtbot, content, "stele", clock, tmp_path / "data", (270, 480), speech=False, show=False
    ) as shell:
        device = minipack / "device-config/stele.yaml"
        device.write_text(device.read_text(encoding="utf-8") + "speech: {rate_wpm: 120}\n", encoding="utf-8")
        result = load_content(minipack)
        assert result.ok, [i.format() for i in result.issues]
        with caplog.at_level(logging.INFO, logger="kiosk.runtime.shell"):
            shell.apply_reload(result)
        restart = [r.getMessage() for r in caplog.records if "restart the kiosk" in r.getMessage()]
        assert restart and "speech rate" in restart[0], caplog.text
