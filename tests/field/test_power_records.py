"""Issue 11 (unattended for months), in the real ``kiosk run`` on Xvfb:

- **Screen power.** Outside opening hours the screen is off where the platform allows it; Xvfb has no
  DPMS, so the kiosk says "none: black screen" and the closed screen is black with nothing drawn, while
  the X screen saver is switched off for real (``xset q``: timeout 0) so it never blanks in opening hours.
  A severe manual warning wakes the closed screen and it goes dark again when the warning ends; at
  opening the slides are back. The log says each change once, here as JSON lines (``--log-json``).
- **Proof of play.** One record per showing, compared with the switches sampled on the screen; a SIGKILL
  right at a burst of writes (three zones switching at once) leaves a file whose every line is a record,
  and the next start appends to it.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.records.jsonl import read_log
from tests.field.conftest import StartKiosk, wait_until
from tests.field.kioskproc import KioskProcess
from tests.field.packs import signage_pack, text3
from tests.field.screen import Frame, Sampler, Screen, close
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

BLACK = (0, 0, 0)
ALERT = (0xB0, 0x00, 0x20)  # the test theme's "alert" colour: the overlay's background
RED, GREEN, BLUE = (200, 30, 30), (30, 160, 60), (40, 60, 200)
YELLOW, CYAN, WHITE = (220, 200, 20), (20, 190, 200), (235, 235, 235)


def _records(data: Path, name: str = "proof-of-play") -> list[dict[str, object]]:
    result = read_log(data / "store" / "records", name)  # the kiosk's --data-dir is data/store
    assert result.skipped == 0, f"{result.skipped} line(s) of {name} are not records"
    return result.records


def _json_lines(kiosk: KioskProcess) -> list[dict[str, object]]:
    """The kiosk's own log lines (JSON); Qt and Chromium write plain text to stderr beside them."""
    entries = []
    for _, line in kiosk.lines:
        if line.startswith("{"):
            entries.append(json.loads(line))  # a kiosk line that is no JSON object fails here
    return entries


def test_closed_screen_is_dark_a_warning_wakes_it_and_opening_brings_the_slides_back(
    pack_root: Path, xserver: XServer, screen: Screen, start_kiosk: StartKiosk, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    # 4× as fast: closed at 08:00 (1 s real), the warning 08:00:20–08:00:36 (6–10 s), open at 08:01 (16 s)
    kiosk = start_kiosk(
        pack_root, "feld", ["--at", "2026-12-02T07:59:56+01:00", "--speed", "4", "--log-json"], data_dir=data
    )
    kiosk.wait_for_log(r"screen power: none: black screen \(the X server has no DPMS\)", 10)
    query = subprocess.run(
        ["xset", "-display", xserver.display, "q"], capture_output=True, text=True, check=True
    )
    assert re.search(r"timeout:\s+0\s", query.stdout), (
        f"the X screen saver may blank the screen:\n{query.stdout}"
    )
    centre = (320, 180)
    off, _ = kiosk.wait_for_log(r"screen off \(closed\)", 10)
    assert wait_until(lambda: screen.pixel(*centre) == BLACK, 3), f"closed but not black\n{kiosk.tail()}"
    shot = screen.grab(0, 0, 640, 360)
    assert shot.getcolors() == [(640 * 360, BLACK)], "something is drawn on the closed screen"
    woke, _ = kiosk.wait_for_log(r"screen on \(emergency warning while closed\)", 12, since=off)
    assert wait_until(lambda: close(screen.pixel(8, 8), ALERT), 5), (
        f"no warning on the woken screen\n{kiosk.tail()}"
    )
    again, _ = kiosk.wait_for_log(r"screen off \(closed\)", 10, since=woke)
    assert wait_until(lambda: screen.pixel(*centre) == BLACK, 3), "the screen stayed lit after the warning"
    kiosk.wait_for_log(r"screen on \(open\)", 12, since=again)
    assert wait_until(lambda: any(close(screen.pixel(*centre), colour) for colour in (RED, GREEN)), 5), (
        f"no slide after opening\n{kiosk.tail()}"
    )
    kiosk.signal(15)
    assert kiosk.wait(15) == 0, kiosk.tail()
    changes = [(e.get("screen"), e.get("reason")) for e in _json_lines(kiosk) if "screen" in e]
    assert changes == [
        ("off", "closed"),
        ("on", "emergency warning while closed"),
        ("off", "closed"),
        ("on", "open"),
    ], "each change of screen power is said once"
    closing = datetime.fromisoformat("2026-12-02T08:00:00+01:00")
    opening = datetime.fromisoformat("2026-12-02T08:01:00+01:00")
    for record in _records(data):
        start, end = (datetime.fromisoformat(str(record[k])) for k in ("start", "end"))
        # a showing ends at closing (the switch may come a few ms after it) and none is seen while closed
        assert end.timestamp() <= closing.timestamp() + 0.5 or start >= opening, record


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    pack = signage_pack(
        tmp_path / "pack",
        {"main": (0, 0, 640, 360)},
        {"main": [("rot", RED, "8s"), ("gruen", GREEN, "8s")]},
        transition="cut",
    )
    device = {
        "name": "Feldtest",
        "role": "hall-display",
        "layout": "feld",
        "screen": {"width": 640, "height": 360},
        "zones": {"main": {"default": "main"}},
        "opening_hours": [{"from": "07:00", "to": "08:00"}, {"from": "08:01", "to": "09:00"}],
    }
    pack.device("feld", device)
    pack.write(
        "content/alerts/sturm.yaml",
        {
            "severity": "severe",
            "headline": text3("Sturmwarnung", "Storm warning"),
            "instruction": text3("Bleiben Sie im Haus", "Stay indoors"),
            "sender": "Hansestadt Rostock",
            "valid_from": "2026-12-02T08:00:20+01:00",
            "valid_until": "2026-12-02T08:00:36+01:00",
        },
    )
    pack.validate()
    return pack.root


ZONES = {"links": (0, 0, 213, 360), "mitte": (213, 0, 214, 360), "rechts": (427, 0, 213, 360)}
COLOURS = {
    "links": [("l-rot", RED), ("l-gruen", GREEN), ("l-blau", BLUE)],
    "mitte": [("m-gelb", YELLOW), ("m-cyan", CYAN), ("m-weiss", WHITE)],
    "rechts": [("r-blau", BLUE), ("r-rot", RED), ("r-gruen", GREEN)],
}
POINTS = {zone: (x + w // 2, y + h // 2) for zone, (x, y, w, h) in ZONES.items()}


def _segments(frames: list[Frame], zone: str) -> list[str]:
    """The slides seen in ``zone`` in order: a run of one slide's colour, however short, is a showing."""
    names = []
    for frame in frames:
        name = next((n for n, rgb in COLOURS[zone] if close(frame.colours[zone], rgb)), None)
        if name is not None and (not names or names[-1] != name):
            names.append(name)
    return names


def test_one_proof_of_play_record_per_switch_and_a_kill_leaves_a_valid_file(
    tmp_path: Path, screen: Screen, start_kiosk: StartKiosk
) -> None:
    pack = signage_pack(
        tmp_path / "pack",
        ZONES,
        {zone: [(name, rgb, "1s") for name, rgb in slides] for zone, slides in COLOURS.items()},
        transition="cut",
    )
    pack.validate()
    data = tmp_path / "data"
    kiosk = start_kiosk(pack.root, "feld", data_dir=data)
    with Sampler(screen.display, POINTS, hz=30) as sampler:
        time.sleep(8)
        kiosk.signal(15)
        assert kiosk.wait(15) == 0, kiosk.tail()
    records = _records(data)
    for zone in ZONES:
        mine = [r for r in records if r["zone"] == zone]
        shown = [str(r["slide"]) for r in mine]
        seen = _segments(sampler.frames, zone)
        # the sampler starts once the kiosk says it runs: the first showing may have begun unseen; the last
        # may have begun in the instant before the exit, between two of the sampler's frames
        at = next((k for k in (0, 1) if shown[k : k + len(seen)] == seen), None)
        assert len(seen) >= 6 and at is not None and len(shown) - len(seen) - at <= 1, (
            f"zone {zone}: records {shown}, on screen {seen}"
        )
        if len(shown) > at + len(seen):
            cut = mine[-1]
            length = datetime.fromisoformat(str(cut["end"])) - datetime.fromisoformat(str(cut["start"]))
            assert length.total_seconds() < 0.5, f"a showing of {length} that the screen never showed: {cut}"
        for record in mine[1:-1]:  # whole showings last their second (the first waits for its picture)
            length = datetime.fromisoformat(str(record["end"])) - datetime.fromisoformat(str(record["start"]))
            assert abs(length.total_seconds() - 1.0) < 0.3, record
    before = len(records)

    # killed at a switch, when three records are being written at once
    kiosk = start_kiosk(pack.root, "feld", data_dir=data)
    time.sleep(2.5)
    with screen_change(screen, POINTS["links"]):
        pass
    kiosk.signal(9)
    kiosk.wait(10)
    path = data / "store" / "records" / "proof-of-play.jsonl"
    assert path.read_bytes().endswith(b"\n"), "a SIGKILL left half a line"
    after_kill = _records(data)
    assert len(after_kill) > before, "the killed run wrote no record before it was killed"

    kiosk = start_kiosk(pack.root, "feld", data_dir=data)
    time.sleep(2.5)
    kiosk.signal(15)
    assert kiosk.wait(15) == 0, kiosk.tail()
    final = _records(data)
    assert final[: len(after_kill)] == after_kill and len(final) >= len(after_kill) + 3 * 2, (
        "the next start did not append to the file"
    )


class screen_change:
    """Wait (on exit of the ``with``) until the colour at ``point`` changes: a switch just happened."""

    def __init__(self, screen: Screen, point: tuple[int, int]) -> None:
        self.screen, self.point = screen, point

    def __enter__(self) -> None:
        self.before = self.screen.pixel(*self.point)

    def __exit__(self, *exc: object) -> None:
        assert wait_until(lambda: self.screen.pixel(*self.point) != self.before, 3, poll=0.002)
