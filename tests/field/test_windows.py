"""Wall-clock windows and a takeover switch at their boundaries while the real kiosk runs, and the item a
takeover interrupted resumes where it was.

Windows and takeovers are written to the minute, so the kiosk is started with ``--at`` 20 s before a
minute boundary (its clock then runs in real time from there): one window opens, another closes and a
takeover begins at 10:01:00, 20 s after the start, all three in one run, each in its own zone.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.field.conftest import SCREEN, StartKiosk, wait_until, zone_point
from tests.field.packs import Pack
from tests.field.playback import BERLIN, KioskClock, analyse, compare, describe
from tests.field.screen import Sampler
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

START = datetime(2026, 12, 7, 10, 0, 40, tzinfo=BERLIN)  # a Monday, 20 s before 10:01
ZONES = {"auf": (0, 0, 213, 360), "zu": (213, 0, 213, 360), "tk": (426, 0, 214, 360)}
SLIDES = {
    "schiefer": ((90, 100, 110), "1m"),
    "orange": ((240, 130, 20), "1m"),
    "tuerkis": ((20, 190, 190), "1m"),
    "rosa": ((230, 80, 160), "1m"),
    "rot": ((200, 30, 40), "7s"),
    "gruen": ((30, 170, 60), "7s"),
    "gelb": ((240, 220, 30), "10s"),
}
# What each zone must do, in kiosk time on 2026-12-07 (checked against `kiosk schedule` by hand once;
# written out here so the test states the rules instead of re-running the resolver).
EXPECTED = {
    "auf": [("10:01:00", "schiefer", "orange")],  # the window 10:01–10:30 opens
    "zu": [("10:01:00", "tuerkis", "rosa")],  # the window 09:00–10:01 closes
    "tk": [
        # tk-grund (rot 7 s, gruen 7 s) runs from midnight: at 10:00:40 rot is 4 s in
        ("10:00:43", "rot", "gruen"),
        ("10:00:50", "gruen", "rot"),
        ("10:00:57", "rot", "gruen"),
        ("10:01:00", "gruen", "gelb"),  # the takeover cuts gruen 3 s in ...
        ("10:01:10", "gelb", "gruen"),  # ... and after 10 s gruen resumes for its last 4 s
        ("10:01:14", "gruen", "rot"),
    ],
}


def _pack(root: Path) -> Pack:
    pack = Pack(root)
    pack.layout("drei", ZONES, SCREEN)
    for name, (rgb, duration) in SLIDES.items():
        pack.colour_slide(name, rgb, duration)
    pack.playlist("auf-grund", ["schiefer"])
    pack.playlist("auf-fenster", ["orange"], windows=[{"from": "10:01", "to": "10:30"}])
    pack.playlist("zu-fenster", ["tuerkis"], windows=[{"from": "09:00", "to": "10:01"}])
    pack.playlist("zu-grund", ["rosa"])
    pack.playlist("tk-grund", ["rot", "gruen"])
    pack.playlist("tk-einschub", ["gelb"], priority=90, takeover={"at": ["10:01"], "duration": "10s"})
    zones = {
        "auf": {"playlists": ["auf-fenster"], "default": "auf-grund"},
        "zu": {"playlists": ["zu-fenster"], "default": "zu-grund"},
        "tk": {"playlists": ["tk-einschub"], "default": "tk-grund"},
    }
    size = {"width": SCREEN[0], "height": SCREEN[1]}
    pack.device(
        "feld", {"name": "Feldtest", "role": "hall-display", "layout": "drei", "screen": size, "zones": zones}
    )
    pack.validate()
    return pack


def _kiosk_instant(hms: str) -> float:
    hour, minute, second = (int(v) for v in hms.split(":"))
    return START.replace(hour=hour, minute=minute, second=second).timestamp()


def test_windows_and_a_takeover_switch_at_their_boundaries(
    tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk
) -> None:
    pack = _pack(tmp_path / "pack")
    points = {zone: zone_point(SCREEN, rect) for zone, rect in ZONES.items()}
    sampler = Sampler(xserver.display, points, hz=25).start()  # from before the start: nothing is missed
    try:
        kiosk = start_kiosk(pack.root, "feld", ["--at", START.replace(tzinfo=None).isoformat()])
        clock = KioskClock.from_log(kiosk, START)
        last = max(_kiosk_instant(hms) for switches in EXPECTED.values() for hms, _, _ in switches)
        wait_until(lambda: clock.kiosk_time(time.monotonic()) > last + 1.5, timeout=60)
    finally:
        sampler.stop()
    start, end = clock.mono(START.timestamp()) + 1.0, clock.mono(last + 1.5)  # judged once the kiosk is up
    colours = {name: rgb for name, (rgb, _) in SLIDES.items()}
    failures = []
    for zone, switches in EXPECTED.items():
        zone_colours = {n: c for n, c in colours.items() if any(n in (o, w) for _, o, w in switches)}
        report = analyse(sampler.frames, zone, zone_colours)
        expected = [(clock.mono(_kiosk_instant(hms)), old, new) for hms, old, new in switches]
        result = compare(report, expected, start, end)
        print(f"zone {zone}: {result.figures()}")
        problems = result.problems + ([f"blank frames: {report.blank[:3]}"] if report.blank else [])
        if problems:
            failures.append(f"zone {zone}:\n  " + "\n  ".join(problems) + "\n" + describe(report, start))
    assert not failures, "\n".join(failures) + "\n" + kiosk.tail()
    # the log says so too: a state change each, once
    for zone, line in (
        ("auf", "scheduled (auf-fenster)"),
        ("zu", "default (zu-grund)"),
        ("tk", "takeover (tk-einschub)"),
    ):
        assert len(kiosk.find_log(re.escape(f"zone {zone}: {line}"))) == 1, kiosk.tail()
    assert not kiosk.problems(), kiosk.tail()
