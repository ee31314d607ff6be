"""Review of issue 9: a reload of the device file re-applies its language to a warning already on screen."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.loader import load_content
from kiosk.data.present_words import t
from kiosk.schedule.clock import FixedClock
from tests.gui.shell_kit import running_shell

NOW = datetime(2026, 1, 10, 20, 0, tzinfo=ZoneInfo("Europe/Berlin"))
ALERT = """\
active: true
severity: severe
headline: {de: Sturmflut am Stadthafen, en: Storm surge at the city harbour, ls: Sturm·flut}
instruction: {de: Meiden Sie das Ufer., en: Keep away from the water., ls: Gehen Sie nicht ans Wasser.}
sender: Hansestadt Rostock
valid_from: "2026-01-10T18:00:00+01:00"
valid_until: "2026-01-11T12:00:00+01:00"
devices: []
"""


def test_a_new_default_language_reaches_the_takeover_on_screen(qtbot, minipack: Path, tmp_path: Path) -> None:
    (minipack / "content/alerts").mkdir(parents=True, exist_ok=True)
    (minipack / "content/alerts/sturmflut.yaml").write_text(ALERT, encoding="utf-8")
    result = load_content(minipack)
    assert result.ok, [i.format() for i in result.issues]
    clock = FixedClock(NOW)
    with running_shell(
        qtbot, result.content, "stele", clock, tmp_path / "data", (270, 480), speech=False
    ) as shell:
        assert shell.overlay.isVisible() and shell.overlay.headline.text() == "Sturmflut am Stadthafen"
        device = minipack / "device-config/stele.yaml"
        device.write_text(device.read_text(encoding="utf-8") + "default_language: en\n", encoding="utf-8")
        reloaded = load_content(minipack)
        assert reloaded.ok, [i.format() for i in reloaded.issues]
        shell.apply_reload(reloaded)
        assert shell.overlay.isVisible()
        assert shell.overlay.headline.text() == "Storm surge at the city harbour"
        assert shell.overlay.severity.text() == t("severe", "en").upper()
