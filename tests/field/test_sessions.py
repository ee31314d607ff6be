"""Twenty touch sessions in a row on the real kiosk: each started by a real click on the attract screen,
each ended by the idle reset, the attract screen back on the pixels before the next one.

Issue 9 saw a terminal that, once, after an idle reset, could not be started again by touch. The
shortest idle times the device file allows (30 s without touch, a 20 s warning) take 50 s per session;
``--speed 20`` runs the kiosk's clock 20 times as fast, so a session takes 2.5 s of real time.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.field.conftest import PORTRAIT, StartKiosk, wait_until
from tests.field.packs import touch_pack
from tests.field.screen import Screen, close
from tests.field.xinput import click
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

ATTRACT = (30, 120, 90)
SESSIONS = 20
SPEED = 20.0


def test_twenty_sessions_each_reset_by_idle_and_restarted_by_touch(
    tmp_path: Path, portrait_xserver: XServer, start_kiosk: StartKiosk
) -> None:
    pack = touch_pack(
        tmp_path / "pack",
        session={"idle_timeout": "30s", "idle_warning": "20s"},
        size=PORTRAIT,
        attract=("warten", ATTRACT),
    )
    pack.validate()
    kiosk = start_kiosk(pack.root, "stele", ["--speed", f"{SPEED:g}"], server=portrait_xserver)
    display = portrait_xserver.display
    spot = (PORTRAIT[0] // 2, PORTRAIT[1] // 3)  # on the attract loop, above its bar
    idle_times, reset_times, restart_times = [], [], []
    with Screen(display) as screen:

        def attract_shown() -> bool:
            return close(screen.pixel(*spot), ATTRACT)

        since = 0.0
        for n in range(1, SESSIONS + 1):
            back = wait_until(attract_shown, 10)
            assert back, f"session {n}: the attract screen is not there\n{kiosk.tail()}"
            touched = time.monotonic()
            click(display, *spot)
            started, _ = kiosk.wait_for_log(r"session started", 5, since=max(since, touched - 0.1))
            covered = wait_until(lambda: not attract_shown(), 5)
            assert covered, f"session {n}: the page never covered the attract loop\n{kiosk.tail()}"
            warned, _ = kiosk.wait_for_log(r"idle warning shown", 10, since=started)
            reset, match = kiosk.wait_for_log(r"session reset \((\w+)\)", 10, since=warned)
            assert match.group(1) == "idle", f"session {n} ended by {match.group(1)}\n{kiosk.tail()}"
            restart_times.append(started - touched)
            idle_times.append((warned - started) * SPEED)
            reset_times.append((reset - warned) * SPEED)
            since = reset
        assert wait_until(attract_shown, 10), f"the attract screen did not come back\n{kiosk.tail()}"
    print(
        f"{SESSIONS} sessions: touch to 'session started' {max(restart_times) * 1000:.0f} ms at worst; "
        f"idle warning after {min(idle_times):.0f}–{max(idle_times):.0f} kiosk s, "
        f"reset {min(reset_times):.0f}–{max(reset_times):.0f} kiosk s later"
    )
    assert len(kiosk.find_log(r"session started")) == SESSIONS, kiosk.tail()
    assert len(kiosk.find_log(r"session reset \(idle\)")) == SESSIONS, kiosk.tail()
    # timings as configured (the clock runs 20×; a poll of the log adds at most a few tenths)
    assert all(25 <= t <= 40 for t in idle_times), idle_times
    assert all(15 <= t <= 30 for t in reset_times), reset_times
    assert not kiosk.problems(), kiosk.tail()
