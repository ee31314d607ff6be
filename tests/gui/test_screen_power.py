"""A closed touch terminal: the screen off (the decision), no attract bar, no spoken hint, a touch starts
nothing; a severe warning wakes it and it is closed again after; sessions leave hourly counts and pause
the proof of play of what they cover. ``ScreenPower`` runs a real command (a stand-in ``xset`` on PATH,
since no X server here has DPMS) in its worker with a timeout, and falls back to black when it fails."""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import time, timedelta
from pathlib import Path

from kiosk.config.loader import ContentSet
from kiosk.config.models.playlist import TimeWindow
from kiosk.records.jsonl import read_log
from kiosk.runtime.screen_power import ScreenPower, detect
from tests.gui.session_kit import centre, pump, settled, shipped, spoken, stele, tap
from tests.gui.test_session_alerts import SEVERE

DEVICE = "stadthafen-stele"


def closed_stele() -> ContentSet:
    """The shipped stele, open 07:00–14:00 only: closed at the scenario's 14:30."""
    content = shipped()
    entry = content.devices[DEVICE]
    window = TimeWindow.model_validate({"from": "07:00", "to": "14:00"})
    assert window.start == time(7, 0)
    model = entry.model.model_copy(update={"opening_hours": [window]})
    devices = {**content.devices, DEVICE: dataclasses.replace(entry, model=model)}
    return dataclasses.replace(content, devices=devices)


def test_closed_terminal_is_dark_and_quiet_and_a_warning_wakes_it(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path, content=closed_stele()) as (shell, session, _clock):
        assert shell.player.plan is not None and not shell.player.plan.open
        assert shell.power.quiet and shell.power.decision.applied == "off"
        assert not session.attract.isVisible(), "the attract bar is drawn on a screen that is off"
        assert not session.hint_timer.isActive()
        tap(shell.window, centre(shell.window))
        pump(100)
        assert session.page is None and session.stack == [], "a touch on a closed terminal started a session"
        shell._alerts([SEVERE])
        qtbot.waitUntil(shell.overlay.isVisible, timeout=2_000)
        assert shell.power.decision.applied == "on" and not shell.power.quiet
        assert any("Sturmflut" in text for text in spoken(session)), "the warning must be heard"
        shell._alerts([])
        assert shell.power.decision.applied == "off" and shell.power.quiet
        assert not session.attract.isVisible()


def test_a_session_counts_per_page_and_hour_and_pauses_the_proof_of_play(qtbot, tmp_path: Path) -> None:
    records = tmp_path / "data" / "records"
    with stele(qtbot, tmp_path) as (shell, session, clock):
        assert not shell.power.quiet and session.attract.isVisible()
        assert shell.reports is not None and shell.reports.proof.current, "the attract loop is a showing"
        tap(shell.window, centre(shell.window))
        settled(qtbot, session)
        assert session.stack == ["start"]
        assert not shell.reports.proof.current, "the attract slide under the page is not seen"
        child = shell.content.pages["start"].model.children[0]
        session.open_page(child)
        settled(qtbot, session)
        session.end_session()
        pump(50)
        assert shell.reports.proof.current, "the attract loop is seen again after the session"
        # 14:30: the hour is flushed at 15:00 (and a second), not before
        due_ms = shell.reports._flush.remainingTime()
        assert 1_799_000 < due_ms <= 1_801_000, due_ms
        clock.set(clock.now() + timedelta(minutes=31))
        shell.reports._flush_hours()
        stats_file = records / "statistics.jsonl"
        qtbot.waitUntil(
            lambda: stats_file.exists() and stats_file.read_text().count("\n") == 2, timeout=3_000
        )
    stats = read_log(records, "statistics").records
    assert {r["page"] for r in stats} == {"start", child}
    for record in stats:
        assert set(record) == {"hour", "page", "views", "sessions", "speech_sessions", "language"}
        assert record["hour"] == "2025-10-18T14:00+02:00" and record["sessions"] == 1
        assert record["language"] == {"de": 1}
    proof = read_log(records, "proof-of-play").records
    assert proof and all(r["device"] == DEVICE and r["start"] <= r["end"] for r in proof)


def _stand_in_xset(folder: Path, dpms: bool, fail_off: bool = False) -> Path:
    """An ``xset`` that answers ``q`` like a server with (or without) DPMS and records what it is told."""
    script = folder / "xset"
    calls = folder / "calls"
    query = (
        "DPMS (Energy Star):\n  Standby: 600    Suspend: 600    Off: 600\n  DPMS is Enabled\n  Monitor is On"
    )
    if not dpms:
        query = "DPMS (Energy Star):\n  Server does not have the DPMS Extension"
    fail = 'case "$*" in *"force off"*) echo "xset: bad display" >&2; exit 1;; esac' if fail_off else ""
    script.write_text(
        f'#!/bin/sh\necho "$*" >> {calls}\n{fail}\nif [ "$1" = q ]; then printf "%s\\n" "{query}"; fi\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return calls


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_detection_reads_what_the_x_server_says(tmp_path: Path) -> None:
    _stand_in_xset(tmp_path, dpms=True)
    assert detect("xcb", _env(tmp_path)).describe == "DPMS via xset"
    _stand_in_xset(tmp_path, dpms=False)
    backend = detect("xcb", _env(tmp_path))
    assert backend.describe.startswith("none: black screen") and not backend.switches
    assert detect("offscreen", _env(tmp_path)).describe.startswith("none: black screen")
    assert detect("wayland", {"PATH": str(tmp_path)}).describe.startswith("none: black screen")


def test_power_commands_run_in_order_and_a_failure_falls_back_to_black(qtbot, tmp_path: Path) -> None:
    calls = _stand_in_xset(tmp_path, dpms=True)
    power = ScreenPower("xcb", env=_env(tmp_path))
    power.start()
    qtbot.waitUntil(lambda: power.backend is not None, timeout=5_000)
    qtbot.waitUntil(lambda: "s off -dpms" in calls.read_text(), timeout=5_000)  # open: never blanks by itself
    power.update(open=False)
    qtbot.waitUntil(lambda: "dpms force off" in calls.read_text(), timeout=5_000)
    power.update(takeover=True)
    # the wake is two commands: wait for the second, which comes after the second "force on"
    qtbot.waitUntil(lambda: calls.read_text().count("s off -dpms") == 2, timeout=5_000)
    assert calls.read_text().splitlines() == [
        "q",
        "dpms force on",
        "s off -dpms",
        "+dpms dpms 0 0 60",
        "dpms force off",
        "dpms force on",
        "s off -dpms",
    ]
    power.stop()

    broken = tmp_path / "broken"
    broken.mkdir()
    _stand_in_xset(broken, dpms=True, fail_off=True)
    power = ScreenPower("xcb", env=_env(broken))
    power.start()
    qtbot.waitUntil(lambda: power.backend is not None, timeout=5_000)
    power.update(open=False)
    qtbot.waitUntil(lambda: power.backend is not None and not power.backend.switches, timeout=5_000)
    assert power.backend is not None and "after a failure" in power.backend.describe
    assert power.quiet, "the decision stands: closed is black even without power switching"
    power.stop()
