"""Hostile web pages in the real kiosk on a real X server: one that hangs in an endless loop, one that
opens dialogs without end, one that tries WebRTC and preconnects to another host.

What a passer-by and the city would see: the kiosk stays responsive (the other zone keeps its beat, a
touch still starts a session), the hanging slide leaves on time, no dialog window ever appears on the X
server, and nothing reaches a host that is not on the allowlist (127.0.0.2, UDP included).
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.devtools.platform_sim import PlatformSim
from tests.field.conftest import SCREEN, StartKiosk, wait_until
from tests.field.kioskproc import command_line, descendants
from tests.field.packs import Pack, text3, touch_pack
from tests.field.screen import RGB, Frame, Sampler, Screen, close
from tests.field.xinput import click
from tests.field.xserver import XServer
from tests.other_host import DONE_COLOUR, other_host, webrtc_and_preconnect_page

pytestmark = pytest.mark.field

MAGENTA, YELLOW = (200, 0, 200), (241, 196, 15)
BLUE, RED, GREEN = (40, 70, 210), (200, 30, 40), (30, 170, 60)
ORANGE, TEAL = (230, 120, 20), (20, 140, 140)
DONE = tuple(int(DONE_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
# a stripe of a second colour: the kiosk shows a page once it has really painted (more than one colour)
STRIPE = '<div style="height:40px;background:#f1c40f"></div>'


def page(background: RGB, script: str, body_attributes: str = "") -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>Feld</title></head><body {body_attributes} '
        f'style="margin:0;background:rgb{background}">{STRIPE}<script>{script}</script></body></html>'
    )


def web_slide(pack: Pack, name: str, url: str, duration: str) -> None:
    pack.slide(
        name,
        {
            "type": "web",
            "title": text3(f"Seite {name}"),
            "url": url,
            "alt": text3(f"Eine Seite ({name})", f"A page ({name})"),
            "duration": duration,
            "transition": "cut",
        },
    )


def intervals(frames: list[Frame], point: str, colour: RGB) -> list[tuple[float, float]]:
    """(start, end) of each whole run of frames showing ``colour`` at ``point``: a run already going at
    the first frame or still going at the last is only partly seen and left out."""
    runs: list[tuple[float, float]] = []
    start: float | None = None
    for i, frame in enumerate(frames):
        shown = close(frame.colours[point], colour, 20)
        if shown and start is None:
            start = frame.t if i > 0 else -1.0
        elif not shown and start is not None:
            if start >= 0:
                runs.append((start, frame.t))
            start = None
    return runs


def cpu_seconds(pid: int) -> float:
    """User and system time a process has used so far (clock ticks of /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def busiest_renderer(kiosk_pid: int, seconds: float, window: float = 1.0) -> float:
    """Watch the kiosk's QtWebEngine processes for ``seconds``: the largest share of one core any of them
    used over ``window`` seconds (renderers are forked from the zygote and keep its command line)."""
    history: dict[int, list[tuple[float, float]]] = {}
    busiest = 0.0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        now = time.monotonic()
        for pid in descendants(kiosk_pid):
            if "QtWebEngineProcess" not in command_line(pid):
                continue
            samples = history.setdefault(pid, [])
            samples.append((now, cpu_seconds(pid)))
            old = [(t, used) for t, used in samples if now - t >= window]
            if old:
                t0, used0 = old[-1]
                busiest = max(busiest, (samples[-1][1] - used0) / (now - t0))
        time.sleep(0.25)
    return busiest


def visible_windows(display: str) -> list[str]:
    """Names of the windows the X server shows (a dialog would be one more)."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "."],
        env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    names = []
    for window in found.stdout.split():
        named = subprocess.run(
            ["xdotool", "getwindowname", window],
            env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        names.append(named.stdout.strip())
    return names


# painted first (and so shown by the kiosk), then it never answers again
HANG = "setTimeout(function () { while (true) {} }, 1500);"


def test_a_hanging_page_leaves_on_time_and_the_other_zone_keeps_its_beat(
    tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk
) -> None:
    with PlatformSim() as site:
        pack = Pack(tmp_path / "pack")
        width, height = SCREEN
        pack.layout("feld", {"web": (0, 0, width, 240), "band": (0, 240, width, height - 240)}, SCREEN)
        pack.colour_slide("blau", BLUE, "3s", "cut")
        web_slide(pack, "haengt", site.add_page("/haengt", page(MAGENTA, HANG)), "5s")
        pack.playlist("web", ["blau", "haengt"])
        pack.colour_slide("rot", RED, "2s", "cut")
        pack.colour_slide("gruen", GREEN, "2s", "cut")
        pack.playlist("band", ["rot", "gruen"])
        pack.hall_device((width, height), {"web": "web", "band": "band"}, web_allowlist=["127.0.0.1"])
        pack.validate()
        kiosk = start_kiosk(pack.root, "feld")
        points = {"web": (width // 2, 160), "band": (width // 2, 300)}
        with Screen(xserver.display) as screen:
            shown = wait_until(lambda: close(screen.pixel(*points["web"]), MAGENTA, 20), 30)
            assert shown, f"the hanging page never showed\n{kiosk.tail()}"
        with Sampler(xserver.display, points, hz=20) as sampler:
            # two rounds of the web zone (8 s each), the observation itself; meanwhile the page's loop
            # really spins (from 1.5 s after it loaded until its slide is gone)
            spinning = busiest_renderer(kiosk.pid, 18.0)
        frames = sampler.frames
    # an idle renderer uses a few per cent; a spinning one all the core it gets (2 cores, shared)
    assert spinning > 0.3, f"no renderer was busy ({spinning:.0%} of a core): the page did not hang"
    hung = intervals(frames, "web", MAGENTA)
    assert hung, "the hanging page was not on screen in the observed time"
    on_screen = [round(end - start, 2) for start, end in hung]
    assert all(4.5 <= n <= 5.75 for n in on_screen), f"the hanging slide stayed {on_screen} s, not 5"
    blue = intervals(frames, "web", BLUE)
    assert blue and all(2.5 <= end - start <= 3.75 for start, end in blue), blue
    beats = intervals(frames, "band", RED) + intervals(frames, "band", GREEN)
    lengths = sorted(round(end - start, 2) for start, end in beats)
    assert len(beats) >= 6, lengths  # 18 s of 2 s slides, while a renderer spins on one of two cores
    assert all(1.5 <= length <= 2.6 for length in lengths), lengths
    print(f"hanging page on screen {on_screen} s; band slides {lengths} s; renderer {spinning:.0%} busy")
    assert kiosk.alive(), kiosk.tail()
    assert not kiosk.problems(), kiosk.problems()


DIALOGS = f"""
var shade = 0;
setInterval(function () {{
  alert('Achtung!'); confirm('Wirklich?'); prompt('Ihr Name?', '');
  shade = 1 - shade;  // only a page whose dialogs return at once gets here
  document.body.style.background = shade ? 'rgb{TEAL}' : 'rgb{ORANGE}';
}}, 400);
navigator.geolocation.getCurrentPosition(function () {{}}, function () {{}});
window.addEventListener('beforeunload', function (e) {{ e.preventDefault(); e.returnValue = 'bleib'; }});
"""


def test_dialogs_never_appear_and_a_touch_still_starts_a_session(
    tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk
) -> None:
    with PlatformSim() as site:
        pack = touch_pack(tmp_path / "pack")
        dialogs = site.add_page("/dialoge", page(ORANGE, DIALOGS, 'onbeforeunload="return 1"'))
        web_slide(pack, "warten", dialogs, "1m")  # the attract loop: the dialog page
        device_file = pack.root / "device-config/stele.yaml"
        device: dict[str, Any] = yaml.safe_load(device_file.read_text(encoding="utf-8"))
        pack.device("stele", {**device, "web_allowlist": ["127.0.0.1"]})
        pack.validate()
        kiosk = start_kiosk(pack.root, "stele")
        spot = (SCREEN[0] // 2, 75)  # on the attract loop: below the page's stripe, above the bar
        with Screen(xserver.display) as screen:
            seen: set[str] = set()

            def shades() -> set[str]:
                colour = screen.pixel(*spot)
                seen.update(name for name, c in (("orange", ORANGE), ("teal", TEAL)) if close(colour, c, 20))
                return seen

            assert wait_until(shades, 30), f"the dialog page never showed\n{kiosk.tail()}"
            time.sleep(3.0)  # ~7 rounds of alert, confirm and prompt: the observation itself
            windows = visible_windows(xserver.display)
            assert windows == ["Feldstele"], windows  # the kiosk's window, and no dialog over it
            ran = wait_until(lambda: shades() == {"orange", "teal"}, 5)
            assert ran, f"the page's script never ran past its dialogs\n{kiosk.tail()}"
            touched = time.monotonic()
            click(xserver.display, *spot)
            started, _ = kiosk.wait_for_log(r"session started", 5, since=touched - 0.1)
            assert started - touched < 2.0, f"a touch took {started - touched:.2f} s to start a session"
            assert visible_windows(xserver.display) == ["Feldstele"]
    for kind in ("alert()", "confirm()", "prompt()", "geolocation"):
        lines = [t for _, t in kiosk.lines if "web page 127.0.0.1" in t and kind.lower() in t.lower()]
        assert len(lines) == 1, f"{kind}: {lines}"  # once per page, not once per call
    assert not kiosk.problems(), kiosk.problems()


def test_webrtc_and_preconnects_reach_no_other_host(
    tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk
) -> None:
    with other_host() as other, PlatformSim() as site:
        pack = Pack(tmp_path / "pack")
        pack.layout("feld", {"main": (0, 0, *SCREEN)}, SCREEN)
        web_slide(pack, "rtc", site.add_page("/rtc", webrtc_and_preconnect_page(other)), "1m")
        pack.playlist("main", ["rtc"])
        pack.hall_device(SCREEN, {"main": "main"}, web_allowlist=["127.0.0.1"])
        pack.validate()
        kiosk = start_kiosk(pack.root, "feld")
        centre = (SCREEN[0] // 2, SCREEN[1] // 2)
        with Screen(xserver.display) as screen:
            tried = wait_until(lambda: close(screen.pixel(*centre), DONE, 20), 30)
        assert tried, f"the page never finished its attempts\n{kiosk.tail()}"
        assert other.quiet_for(2.0), f"reached 127.0.0.2: {other.arrived}\n{kiosk.tail()}"
        assert site.requests, "the page was never loaded"
    assert kiosk.alive(), kiosk.tail()
    assert not kiosk.problems(), kiosk.problems()
