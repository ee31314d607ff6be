"""The shell with the shipped devices, its sources on the fake platform (loopback): a storm surge at the
Warnemünde gauge raises a banner on every device (not a takeover) and makes the gauge poll every minute;
a warning reads in the passer-by's language; a warning that ends early leaves an all-clear for a while."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import load_content
from kiosk.data.emergency import ActiveAlert
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from kiosk.i18n.tagged import untagged
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import FixedClock
from kiosk.speech.marks import marked
from kiosk.speech.plan import plan
from kiosk.ui.alert import AlertBanner, AlertOverlay
from kiosk.ui.theme import look_for
from tests.conftest import EDITOR_DIRS, REPO
from tests.gui.fit_kit import fit_problems, shown
from tests.gui.shell_kit import running_shell

SCENARIO = datetime(2025, 10, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
MOW = "mow.DE-MV-HRO-W001-20251018-001"
DASHBOARD = "/api31/dashboard/130030000000.json"
GAUGE = "/pegel/WARNEMUENDE/W/currentmeasurement.json"
PEGEL = "pegel-warnemuende"


def pack(root: Path, base: str) -> Path:
    """The shipped pack with NINA and the gauge on loopback, every other source on a path that 404s."""
    for name in EDITOR_DIRS:
        shutil.copytree(REPO / name, root / name)
    urls = {"nina-rostock": DASHBOARD, PEGEL: GAUGE}
    for path in (root / "device-config/sources").glob("*.yaml"):
        lines = [
            line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("url:")
        ]
        url = base + urls.get(path.stem, f"/none/{path.stem}")
        path.write_text("\n".join([*lines, f"url: {url}"]) + "\n", encoding="utf-8")
    return root


def measurement(value: float) -> str:
    return json.dumps({"timestamp": "2025-10-18T14:30:00+02:00", "value": value, "trend": 1})


def theme_colour(shell: Shell, name: str) -> QColor:
    model = shell.content.devices[shell.device_id].model
    return QColor(getattr(shell.content.themes[model.theme].model.normal, name))


def share_of(shell: Shell, colour: QColor, top: int, bottom: int) -> float:
    image = shell.window.grab().toImage()
    samples = [image.pixelColor(x, y) for x in range(3, image.width(), 23) for y in range(top, bottom, 3)]
    return sum(c == colour for c in samples) / len(samples)


def poll(qtbot, shell: Shell, source: str) -> None:
    """One poll of ``source`` now, waited for."""
    with qtbot.waitSignal(
        shell.hub.updated, timeout=10_000, check_params_cb=lambda sid, _state: sid == source
    ):
        shell.hub._refresh(source)


@pytest.mark.parametrize("device", ["sporthalle-schmarl", "stadthafen-stele"])
def test_storm_surge_banner_on_every_device_and_the_gauge_polls_faster(
    qtbot, tmp_path: Path, device: str
) -> None:
    with PlatformSim() as sim:
        sim.add_route(DASHBOARD, "[]")  # NINA: no warning; only the gauge speaks
        sim.add_route(GAUGE, measurement(630.0))  # 130 cm above mean water (gauge zero 5 m below MW)
        content = load_content(pack(tmp_path / "pack", sim.url)).content
        clock = FixedClock(SCENARIO)
        with running_shell(qtbot, content, device, clock, tmp_path / "data", live=True, start=False) as shell:
            shell.start()
            banner = shell.banner
            qtbot.waitUntil(banner.isVisible, timeout=10_000)
            assert banner.text.text() == "⚠ Sturmflut: Wasserstand +1,3 m über Mittelwasser"
            assert not shell.overlay.isVisible(), "a storm surge alone took over the screen"
            assert banner.geometry().top() == 0 and banner.width() == shell.window.width()
            assert share_of(shell, theme_colour(shell, "warning"), 2, banner.height() - 2) > 0.5
            assert shell.tone.plays == 0  # a banner, no chime
            hub, gauge = shell.hub, shell.hub.coordinators[PEGEL]
            # during the surge the gauge is polled every minute, not every five
            assert gauge.source.refresh == timedelta(minutes=5)
            assert gauge.next_due == hub.polled_at[PEGEL] + timedelta(minutes=1)
            assert 0 < hub.timers[PEGEL].remainingTime() <= 61_000  # (QTimer is coarse: ±5 %)

            sim.add_route(GAUGE, measurement(592.0))  # 92 cm: below the threshold (and its 5 cm hysteresis)
            poll(qtbot, shell, PEGEL)
            qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5_000)
            assert gauge.next_due == clock.now() + timedelta(minutes=5)  # back to its normal interval
            assert hub.timers[PEGEL].remainingTime() > 250_000

            sim.add_route(GAUGE, measurement(600.0))  # exactly 100 cm: the banner again
            poll(qtbot, shell, PEGEL)
            qtbot.waitUntil(banner.isVisible, timeout=5_000)
            assert "+1,0 m" in banner.text.text()


def english_cap() -> dict[str, Any]:
    cap: dict[str, Any] = json.loads((default_fixtures_dir() / f"nina/warnings_{MOW}.json").read_text())
    cap["info"].append(
        {
            **cap["info"][0],
            "language": "en-US",
            "headline": "Storm surge on the Baltic coast",
            "instruction": "Keep away from piers and beaches.",
        }
    )
    return cap


def test_warning_in_the_sessions_language_and_an_all_clear_after_it_ends(qtbot, tmp_path: Path) -> None:
    with PlatformSim() as sim:
        dashboard = json.loads((default_fixtures_dir() / "nina/dashboard_130030000000.json").read_text())
        sim.add_route(DASHBOARD, json.dumps(dashboard[:1]))  # the storm-surge warning only
        sim.add_route(f"/api31/warnings/{MOW}.json", json.dumps(english_cap()))
        sim.add_route(GAUGE, measurement(560.0))  # no surge
        content = load_content(pack(tmp_path / "pack", sim.url)).content
        clock = FixedClock(SCENARIO)
        stele = "stadthafen-stele"
        with running_shell(
            qtbot, content, stele, clock, tmp_path / "data", (540, 960), live=True, start=False
        ) as shell:
            shell.start()
            overlay, session = shell.overlay, shell.interaction
            assert session is not None
            qtbot.waitUntil(overlay.isVisible, timeout=10_000)
            assert overlay.headline.text().startswith("Sturmflut an der Ostseeküste")
            session.start_session()
            session.apply_settings(replace(session.settings, language="en"))
            assert overlay.headline.text() == "Storm surge on the Baltic coast"
            assert overlay.instruction.text() == "Keep away from piers and beaches."
            assert overlay.severity.text() == "SEVERE WARNING"
            text, language = shell._alert_speech()
            assert language == "en" and text.startswith("Severe warning. Storm surge on the Baltic coast.")
            session.apply_settings(replace(session.settings, language="ls"))  # Leichte Sprache: German
            assert untagged(overlay.headline.text()).startswith("Sturmflut an der Ostseeküste")
            text, language = shell._alert_speech()  # the German text is spoken as German, not as ls
            assert language == "ls" and "de" in {span.language for span in plan(text, language)}
            session.apply_settings(replace(session.settings, language="en"))

            # the authority cancels it: the takeover goes, "All clear" stays for ten minutes
            sim.add_route(DASHBOARD, "[]")
            clock.set(SCENARIO + timedelta(minutes=1))
            poll(qtbot, shell, "nina-rostock")
            qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=5_000)
            banner = shell.banner
            assert banner.isVisible()
            assert banner.text.text() == "✓ All clear: Storm surge on the Baltic coast"
            speaker = session.speaker
            assert speaker is not None  # the terminal that spoke the warning says that it is over
            qtbot.waitUntil(lambda: bool(speaker.log), timeout=5_000)
            assert speaker.log[-1].text == "All clear. Storm surge on the Baltic coast."
            assert speaker.log[-1].language == "en"
            assert share_of(shell, theme_colour(shell, "accent"), 2, banner.height() - 2) > 0.5
            session.end_session()  # the next passer-by reads the device's language again
            assert banner.text.text().startswith("✓ Entwarnung: Sturmflut an der Ostseeküste")
            clock.set(SCENARIO + timedelta(minutes=11, seconds=1))
            shell.hub._update_alerts()  # what the hub's alert timer does when the ten minutes are over
            assert not banner.isVisible()


RAIN = ActiveAlert("dwd.1", "moderate", "DWD", {"de": "Amtliche WARNUNG vor STARKREGEN"})
SURGE = ActiveAlert(
    "surge.pegel.WARNEMÜNDE",
    "moderate",
    "PEGELONLINE",
    {
        "de": "Sturmflut: Wasserstand +1,3 m über Mittelwasser",
        "en": "Storm surge: water level +1.3 m above mean water",
    },
    kind="surge",
)
CLEARED = ActiveAlert("all-clear.mow.1", "minor", "MOWAS", {"de": "Sturmflut"}, kind="all-clear")
STORM = ActiveAlert("mow.1", "severe", "MOWAS", {"de": "Sturmflut"})


@pytest.mark.parametrize("size", [(640, 360), (540, 960), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_banner_shows_a_warning_and_the_surge_and_fits(qtbot, tmp_path: Path, size: tuple[int, int]) -> None:
    window = QWidget()
    window.resize(*size)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    theme = load_content(REPO).content.themes["rostock"].model
    banner = AlertBanner(look_for(theme, size[0] / 1080), "de", window)
    banner.show_alerts([RAIN, SURGE, CLEARED])  # an all-clear waits while a warning is on
    assert banner.text.text().split("\n") == [
        "⚠ Warnung: Amtliche WARNUNG vor STARKREGEN",
        "⚠ Sturmflut: Wasserstand +1,3 m über Mittelwasser",
    ]
    problems = fit_problems(shown(banner), window, banner.geometry(), shot=tmp_path / "banner.png")
    assert not problems, "\n".join(problems)
    assert banner.height() <= window.height() * AlertBanner.MAX_SHARE and not banner.calm
    banner.language = "en"
    banner.show_alerts([SURGE])
    assert banner.text.text() == "⚠ Storm surge: water level +1.3 m above mean water"
    banner.show_alerts([CLEARED])
    # German: no English text; tagged German, so that it is spoken with the German voice
    assert untagged(banner.text.text()) == "✓ All clear: Sturmflut" and banner.calm
    assert marked(banner.text.text())[-1] == ("de", "Sturmflut")
    banner.show_alerts([STORM, SURGE])  # the takeover covers everything: no strip under it
    assert not banner.isVisible()
    overlay = AlertOverlay(banner.look, "de", ZoneInfo("Europe/Berlin"), window)
    overlay.show_alerts([STORM, SURGE])
    assert overlay.more.text() == "+ 1 weitere Warnung"  # the surge is one more warning
    overlay.show_alerts([STORM, CLEARED])
    assert overlay.more.text() == "" and not overlay.more.isVisible()  # an all-clear is none
