"""A field soak: ten minutes of kiosk time (``--speed 10``: one minute of real time) of playback on the
real kiosk, every switch asserted (in order, on time, crossfaded, no blank frame).

Slides last 10, 15 and 20 s of kiosk time (1–2 s of real time), so the real-time crossfade (0.7 s)
always ends before the next switch. Times are judged in real time: ±250 ms real is ±2.5 s of kiosk time.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.field.conftest import SCREEN, StartKiosk, wait_until
from tests.field.packs import signage_pack
from tests.field.playback import BERLIN, Cycle, KioskClock, analyse, compare, cycle_switches, describe
from tests.field.screen import Sampler
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

SPEED = 10.0
KIOSK_MINUTES = 10.0
START = datetime(2026, 12, 7, 10, 0, 0, tzinfo=BERLIN)
SLIDES = [("rot", (200, 30, 40), 10), ("gruen", (30, 170, 60), 15), ("blau", (40, 70, 210), 20)]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_ten_minutes_of_playback_every_switch_on_time(
    tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk
) -> None:
    slides = [(name, rgb, f"{seconds}s") for name, rgb, seconds in SLIDES]
    pack = signage_pack(tmp_path / "pack", {"main": (0, 0, *SCREEN)}, {"main": slides})
    pack.validate()
    args = ["--at", START.replace(tzinfo=None).isoformat(), "--speed", f"{SPEED:g}"]
    centre = (SCREEN[0] // 2, SCREEN[1] // 2)
    with Sampler(xserver.display, {"main": centre}, hz=50) as sampler:
        kiosk = start_kiosk(pack.root, "feld", args)
        clock = KioskClock.from_log(kiosk, START, SPEED)
        rss_start = _rss_kb(kiosk.pid)
        end_kiosk = START.timestamp() + KIOSK_MINUTES * 60 + 2 * SPEED  # two real seconds more
        wait_until(
            lambda: clock.kiosk_time(time.monotonic()) >= end_kiosk, KIOSK_MINUTES * 60 / SPEED + 60, poll=0.5
        )
        rss_end = _rss_kb(kiosk.pid)
    start = clock.mono(START.timestamp()) + 1.0  # once the kiosk is up
    end = clock.mono(START.timestamp() + KIOSK_MINUTES * 60)
    report = analyse(sampler.frames, "main", {name: rgb for name, rgb, _ in SLIDES})
    cycle = Cycle(tuple((name, float(seconds)) for name, _, seconds in SLIDES))
    result = compare(report, cycle_switches(cycle, clock, start, end), start, end)
    memory = f"kiosk RSS {rss_start // 1024} → {rss_end // 1024} MiB"
    print(f"soak, {KIOSK_MINUTES:g} kiosk minutes at {SPEED:g}×: {result.figures()}; {memory}")
    context = f"{describe(report, start)}\n{kiosk.tail()}"
    assert not result.problems, "\n".join(result.problems) + "\n" + context
    assert len(result.offsets) >= 35, f"only {len(result.offsets)} switches judged\n{context}"
    assert all(s.blends >= 3 for s in report.switches if start <= s.at < end), (
        f"a switch without crossfade\n{context}"
    )
    assert not report.blank, f"{len(report.blank)} blank frames, first {report.blank[:5]}\n{context}"
    assert not kiosk.problems(), kiosk.tail()
