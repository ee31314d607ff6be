"""Emergency takeover over every zone of both shipped devices, in a time-travel test: a NINA warning
served on loopback appears within one poll, clears at its expiry, and clears when the source drops it."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor

from kiosk.config.loader import load_content
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from kiosk.schedule.clock import FixedClock
from tests.conftest import EDITOR_DIRS, REPO
from tests.gui.shell_kit import running_shell

SCENARIO = datetime(2025, 10, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
WARNING_ID = "mow.DE-MV-HRO-W001-20251018-001"
DASHBOARD = "/api31/dashboard/130030000000.json"


def unlist_warning(sim: PlatformSim) -> None:
    """The NINA dashboard without the storm-surge warning (the fixtures serve it with it)."""
    dashboard = json.loads((default_fixtures_dir() / "nina/dashboard_130030000000.json").read_text())
    sim.add_route(DASHBOARD, json.dumps([item for item in dashboard if item["id"] != WARNING_ID]))


def pack(root: Path, base: str) -> Path:
    for name in EDITOR_DIRS:
        shutil.copytree(REPO / name, root / name)
    for path in (root / "device-config/sources").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("url:")]
        url = f"{base}{DASHBOARD}" if path.stem == "nina-rostock" else f"{base}/none/{path.stem}"
        path.write_text("\n".join([*lines, f"url: {url}"]) + "\n", encoding="utf-8")  # all on loopback
    return root


@pytest.mark.parametrize("device", ["stadthafen-stele", "sporthalle-schmarl"])
def test_warning_takes_over_every_zone_and_clears(qtbot, tmp_path: Path, monkeypatch, device: str) -> None:
    with PlatformSim() as sim:
        root = pack(tmp_path / "pack", sim.url)
        content = load_content(root).content
        clock = FixedClock(SCENARIO)
        model = content.devices[device].model
        with running_shell(qtbot, content, device, clock, tmp_path / "data", live=True, start=False) as shell:
            with qtbot.waitSignal(shell.hub.alerts_changed, timeout=10_000):
                shell.start()
            overlay = shell.overlay
            assert overlay.isVisible() and overlay.geometry() == shell.window.rect()  # over every zone
            assert "Sturmflut" in overlay.headline.text() and "MOWAS" in overlay.meta.text()
            assert overlay.severity.text() == "UNWETTERWARNUNG"  # words and a sign, not colour alone
            image = shell.window.grab().toImage()
            alert = QColor(content.themes[model.theme].model.normal.alert)
            samples = [
                image.pixelColor(x, y)
                for x in range(5, image.width(), 37)
                for y in range(5, image.height(), 41)
            ]
            assert sum(c == alert for c in samples) > 0.6 * len(samples)
            assert shell.tone.plays == 1  # the chime, once per new warning
            if device == "stadthafen-stele":  # a touch terminal also speaks it
                speaker = shell.speaker
                assert speaker is not None
                qtbot.waitUntil(
                    lambda: bool(speaker.log) and speaker.log[0].t_first_sample is not None, timeout=45_000
                )
                entry = speaker.log[0]
                assert entry.text.startswith("Unwetterwarnung. Sturmflut an der Ostseeküste")
                qtbot.waitUntil(
                    lambda: speaker.audio_for(entry.text, entry.language) is not None, timeout=45_000
                )
                audio = speaker.audio_for(entry.text, entry.language)
                assert audio is not None
                from kiosk.speech.synth import pcm_stats

                duration, rms = pcm_stats(*audio)
                assert duration > 3 and rms > 0.02
            # it clears at its expiry (2025-10-19 11:00) without a new poll
            clock.set(datetime(2025, 10, 19, 11, 0, 1, tzinfo=ZoneInfo("Europe/Berlin")))
            shell.hub._update_alerts()
            assert not overlay.isVisible()
            # and when the source stops listing it
            clock.set(SCENARIO + timedelta(minutes=1))
            shell.hub._update_alerts()
            assert overlay.isVisible()
            unlist_warning(sim)

            def cleared() -> bool:
                shell.hub._refresh("nina-rostock")  # the next poll (ignored while one is still running)
                return not overlay.isVisible()

            qtbot.waitUntil(cleared, timeout=10_000)
            assert (
                shell.banner.isVisible() and "STARKREGEN" in shell.banner.text.text()
            )  # the moderate one stays


def test_moderate_only_gives_a_banner_and_closed_screens_wake(qtbot, tmp_path: Path, monkeypatch) -> None:
    with PlatformSim() as sim:
        root = pack(tmp_path / "pack", sim.url)
        content = load_content(root).content
        night = datetime(2025, 10, 18, 23, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # the hall is closed
        clock = FixedClock(night)
        data = tmp_path / "data"
        with running_shell(
            qtbot, content, "sporthalle-schmarl", clock, data, live=True, start=False
        ) as shell:
            with qtbot.waitSignal(shell.hub.alerts_changed, timeout=10_000):
                shell.start()
            assert shell.player.plan is not None and not shell.player.plan.open
            assert shell.overlay.isVisible()  # a warning wakes a screen that is off for opening hours
