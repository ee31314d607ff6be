"""Playback over real time: the real kiosk on Xvfb switches every slide, in order, on time, through a
transition and never through a blank frame; zones switch independently.

This is the test that found the scheduler defect of issue 9 (after the first switch nothing fired
again: the re-armed APScheduler job was removed when the running one returned).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.field.conftest import SCREEN, StartKiosk, zone_point
from tests.field.packs import signage_pack
from tests.field.playback import Cycle, KioskClock, analyse, compare, cycle_switches, describe
from tests.field.screen import Sampler
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

RED, GREEN, BLUE = (200, 30, 40), (30, 170, 60), (40, 70, 210)
AMBER, VIOLET = (240, 170, 20), (140, 40, 160)
SAMPLE_HZ = 50  # a crossfade of 700 ms is ~35 frames; a blank frame of one paint would be ≥ 1 frame


def _sample(display: str, points: dict[str, tuple[int, int]], seconds: float) -> tuple[Sampler, float, float]:
    sampler = Sampler(display, points, SAMPLE_HZ).start()
    start = time.monotonic()
    time.sleep(seconds)  # the observation window itself: the sampler records meanwhile
    sampler.stop()
    return sampler, start, time.monotonic()


def test_a_zone_cycles_three_2s_slides_for_30s(
    tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk
) -> None:
    slides = [("rot", RED, "2s"), ("gruen", GREEN, "2s"), ("blau", BLUE, "2s")]
    pack = signage_pack(tmp_path / "pack", {"main": (0, 0, *SCREEN)}, {"main": slides}, size=SCREEN)
    pack.validate()
    kiosk = start_kiosk(pack.root, "feld")
    clock = KioskClock.real()
    sampler, start, end = _sample(xserver.display, {"main": zone_point(SCREEN, (0, 0, *SCREEN))}, 30.0)
    colours = {name: rgb for name, rgb, _ in slides}
    report = analyse(sampler.frames, "main", colours)
    cycle = Cycle(tuple((name, 2.0) for name, _, _ in slides))
    # the first second after the kiosk came up may still hold its start-up; judge from then on
    result = compare(report, cycle_switches(cycle, clock, start, end), start + 1.0, end - 1.0)
    problems = result.problems
    print(f"one zone, 3 × 2 s: {result.figures()}")  # the figures, with -s
    context = f"{describe(report, start)}\n{kiosk.tail()}"
    assert not problems, "\n".join(problems) + "\n" + context
    in_20s = [s for s in report.switches if start <= s.at < start + 20.0]
    assert len(in_20s) >= 9, f"only {len(in_20s)} changes in 20 s\n{context}"
    for switch in report.switches:  # every change is a crossfade, seen as blends of the two slides
        assert switch.blends >= 3, f"no transition from {switch.old} to {switch.new}\n{context}"
    assert not report.blank, f"{len(report.blank)} blank frames, first {report.blank[:5]}\n{context}"
    assert not kiosk.problems(), kiosk.tail()


def test_two_zones_switch_independently(tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk) -> None:
    left_zone, right_zone = (0, 0, 320, 360), (320, 0, 320, 360)
    left = [("rot", RED, "2s"), ("gruen", GREEN, "2s"), ("blau", BLUE, "2s")]
    right = [("bernstein", AMBER, "3s"), ("violett", VIOLET, "3s")]
    pack = signage_pack(
        tmp_path / "pack",
        {"links": left_zone, "rechts": right_zone},
        {"links": left, "rechts": right},
        size=SCREEN,
    )
    pack.validate()
    kiosk = start_kiosk(pack.root, "feld")
    clock = KioskClock.real()
    points = {"links": zone_point(SCREEN, left_zone), "rechts": zone_point(SCREEN, right_zone)}
    sampler, start, end = _sample(xserver.display, points, 20.0)
    failures = []
    for zone, slides, seconds in (("links", left, 2.0), ("rechts", right, 3.0)):
        colours = {name: rgb for name, rgb, _ in slides}
        report = analyse(sampler.frames, zone, colours)
        cycle = Cycle(tuple((name, seconds) for name, _, _ in slides))
        result = compare(report, cycle_switches(cycle, clock, start, end), start + 1.0, end - 1.0)
        print(f"zone {zone}: {result.figures()}")
        problems = result.problems
        problems += [f"{len(report.blank)} blank frames, first {report.blank[:3]}"] if report.blank else []
        if problems:
            failures.append(f"zone {zone}:\n  " + "\n  ".join(problems) + "\n" + describe(report, start))
    assert not failures, "\n".join(failures) + "\n" + kiosk.tail()
