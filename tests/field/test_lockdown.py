"""Lockdown and the admin screen on the real kiosk, under a real window manager (openbox, its own default
key bindings) on its own Xvfb: every key of the escape table leaves the kiosk full screen, focused and
alive; the hidden gesture asks for the PIN; three wrong PINs lock the entry, also after a restart; the
right PIN and the menu's exit end the process cleanly.

Real input only: XTest through xdotool (a click is a touch, a held button a held finger). What the test
checks is what the X server says (``_NET_ACTIVE_WINDOW``, ``_NET_WM_STATE``, the window's geometry),
the pixels, the kiosk's log and its exit code.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.field.conftest import StartKiosk, wait_until
from tests.field.kioskproc import KioskProcess
from tests.field.packs import touch_pack
from tests.field.screen import Screen, close
from tests.field.xinput import xdotool
from tests.field.xserver import XServer, missing_tools
from tests.kiosk_cli import kiosk_command

pytestmark = pytest.mark.field

SIZE = (540, 960)
PIN = "135792"
ADMIN_BACKGROUND = (0x1B, 0x1F, 0x24)
BUTTON = (0x3A, 0x43, 0x50)
# what a passer-by (or a keyboard left behind) might try; F1, F11 and F12 are the stele's keypad keys
ESCAPE_TABLE = [
    "alt+F4",
    "alt+Tab",
    *[f"ctrl+{letter}" for letter in "wqntpsorl"],
    *[f"F{n}" for n in range(1, 13)],
    "Escape",
    "ctrl+alt+BackSpace",
    "Super_L",
    "super+Tab",
]


@contextlib.contextmanager
def _with_window_manager(size: tuple[int, int]) -> Iterator[XServer]:
    missing = missing_tools() + ([] if shutil.which("openbox") else ["openbox"])
    if missing:
        message = f"the lockdown field test needs {', '.join(missing)} (./install.sh --dev installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = XServer(*size).start()
    wm = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env={**os.environ, "DISPLAY": server.display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: _root_prop(server.display, "_NET_SUPPORTING_WM_CHECK") != "", 15)
        yield server
    finally:
        wm.terminate()
        wm.wait(timeout=10)
        server.stop()


@pytest.fixture(scope="module")
def wm_server() -> Iterator[XServer]:
    """An Xvfb of its own with openbox on it (the session's shared servers stay without a manager)."""
    with _with_window_manager(SIZE) as server:
        yield server


@pytest.fixture(scope="module")
def wm_landscape() -> Iterator[XServer]:
    """The same on a landscape screen: the portrait stele is shown letterboxed (ui/letterbox.py)."""
    with _with_window_manager((SIZE[1], SIZE[0])) as server:
        yield server


def _x(display: str, *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args], env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, timeout=10
    )
    return done.stdout.strip()


def _root_prop(display: str, name: str) -> str:
    done = subprocess.run(
        ["xprop", "-display", display, "-root", name], capture_output=True, text=True, timeout=10, check=False
    )
    return done.stdout.strip() if "not found" not in done.stdout and done.returncode == 0 else ""


def _window_state(display: str, window: str) -> str:
    return subprocess.run(
        ["xprop", "-display", display, "-id", window, "_NET_WM_STATE"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    ).stdout


def _kiosk_window(display: str) -> str:  # the top-level window: the letterbox frame if there is one
    found = wait_until(lambda: _x(display, "search", "--onlyvisible", "--name", "Feldstele"), 20)
    assert found, "no kiosk window on the screen"
    return _x(display, "search", "--onlyvisible", "--name", "Feldstele").split()[0]


def _in_front(display: str, window: str, size: tuple[int, int] = SIZE) -> bool:
    geometry = _x(display, "getwindowgeometry", window)
    return (
        _x(display, "getactivewindow") == window
        and "_NET_WM_STATE_FULLSCREEN" in _window_state(display, window)
        and f"Geometry: {size[0]}x{size[1]}" in geometry
        and "Position: 0,0" in geometry
    )


def _set_pin(config: Path) -> None:
    done = subprocess.run(
        kiosk_command("admin", "set-pin", "--pin-stdin"),
        input=PIN + "\n",
        env={**os.environ, "XDG_CONFIG_HOME": str(config)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _gesture(display: str, x: int = 8, y: int = 8) -> None:
    """Three quick taps in the top-left corner, then a finger held there 5.5 s (the hold is 5 s)."""
    xdotool(display, "mousemove", str(x), str(y))
    for _ in range(3):
        xdotool(display, "click", "1")
        time.sleep(0.15)
    xdotool(display, "mousedown", "1")
    time.sleep(5.5)
    xdotool(display, "mouseup", "1")


def _type_pin(display: str, digits: str) -> None:
    xdotool(display, "key", "--delay", "60", *digits, "Return")


def _start(start_kiosk: StartKiosk, tmp_path: Path, server: XServer, state: str = "kiosk") -> KioskProcess:
    pack = tmp_path / "pack"
    if not pack.exists():
        touch_pack(pack, size=SIZE).validate()
    config = tmp_path / "config"
    if not config.exists():
        _set_pin(config)
    return start_kiosk(
        pack, "stele", server=server, data_dir=tmp_path / state, env={"XDG_CONFIG_HOME": str(config)}
    )


def _first_button(screen: Screen) -> tuple[int, int] | None:
    picture = screen.grab(0, 0, SIZE[0] // 2, SIZE[1]).convert("RGB")
    return next(
        (
            (x, y)
            for y in range(0, SIZE[1] - 16, 4)
            for x in range(0, SIZE[0] // 2 - 16, 4)
            # a block of the colour, not the anti-aliased edge of a letter
            if all(close(picture.getpixel((x + dx, y + dy)), BUTTON) for dx in (0, 16) for dy in (0, 16))
        ),
        None,
    )


def test_no_key_of_the_escape_table_leaves_or_closes_the_kiosk(
    tmp_path: Path, wm_server: XServer, start_kiosk: StartKiosk
) -> None:
    kiosk = _start(start_kiosk, tmp_path, wm_server)
    display = wm_server.display
    window = _kiosk_window(display)
    assert wait_until(lambda: _in_front(display, window), 10), _window_state(display, window)
    for keys in ESCAPE_TABLE:
        since = time.monotonic()
        xdotool(display, "key", keys)
        time.sleep(0.4)  # what a window manager or the kiosk would do with the key has happened by then
        assert kiosk.alive(), f"{keys} ended the kiosk\n{kiosk.tail()}"
        back = wait_until(lambda: _in_front(display, window), 3)
        assert back, f"after {keys}: {_x(display, 'getactivewindow')} {_window_state(display, window)}"
        if keys == "alt+F4":  # openbox asked the window to close: refused
            kiosk.wait_for_log(r"request to close the kiosk window was refused", 5, since=since)
    assert kiosk.find_log(r"a shortcut key was swallowed"), kiosk.tail()
    assert not kiosk.problems(), kiosk.tail()


def test_letterboxed_the_frame_is_guarded_and_the_gesture_is_in_the_pictures_corner(
    tmp_path: Path, wm_landscape: XServer, start_kiosk: StartKiosk
) -> None:
    """A portrait stele on a landscape screen sits in a letterbox frame: the frame is the window that is
    kept full screen and in front, the keys are swallowed there too, and the admin corner is the top-left
    corner of the kiosk's picture (the bars are not the kiosk)."""
    display = wm_landscape.display
    screen_size = (SIZE[1], SIZE[0])
    kiosk = _start(start_kiosk, tmp_path, wm_landscape)
    window = _kiosk_window(display)
    assert wait_until(lambda: _in_front(display, window, screen_size), 10), _window_state(display, window)
    for keys in ("alt+F4", "ctrl+w", "ctrl+q", "Escape", "F5", "Super_L"):
        xdotool(display, "key", keys)
        time.sleep(0.4)
        assert kiosk.alive(), f"{keys} ended the kiosk\n{kiosk.tail()}"
        assert wait_until(lambda: _in_front(display, window, screen_size), 3), f"after {keys}\n{kiosk.tail()}"
    picture_width = round(SIZE[0] * SIZE[0] / SIZE[1])  # 540×960 scaled to the screen's height
    left = (screen_size[0] - picture_width) // 2
    since = time.monotonic()
    _gesture(display, 8, 8)  # the screen's corner is a bar: nothing
    time.sleep(0.5)
    assert not kiosk.find_log(r"PIN pad shown", since=since), kiosk.tail()
    _gesture(display, left + 8, 8)
    kiosk.wait_for_log(r"PIN pad shown", 5, since=since)
    _type_pin(display, PIN)
    kiosk.wait_for_log(r"admin PIN accepted", 10, since=since)
    assert not kiosk.problems(), kiosk.tail()


def test_the_kiosk_comes_back_in_front_after_the_window_manager_or_another_window(
    tmp_path: Path, wm_server: XServer, start_kiosk: StartKiosk
) -> None:
    """openbox's own bindings reach the window manager, not the kiosk: show the desktop (Super+D), lower
    the window (Alt+Escape), go to another desktop (Ctrl+Alt+Right); and another program's window comes
    up. Each time the kiosk is back full screen and in front within a few seconds."""
    kiosk = _start(start_kiosk, tmp_path, wm_server)
    display = wm_server.display
    window = _kiosk_window(display)
    assert wait_until(lambda: _in_front(display, window), 10)
    times = {}
    other = subprocess.Popen(
        ["xmessage", "-center", "another program"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.monotonic()
        assert wait_until(lambda: _x(display, "search", "--name", "xmessage"), 10), "xmessage never came up"
        back = wait_until(lambda: _in_front(display, window), 5)
        assert back, f"another window stayed in front\n{kiosk.tail()}"
        times["xmessage"] = back - started
    finally:
        other.kill()
        other.wait(timeout=5)
    for keys in ("super+d", "alt+Escape", "ctrl+alt+Right"):
        started = time.monotonic()
        xdotool(display, "key", keys)
        time.sleep(0.3)
        back = wait_until(lambda: _in_front(display, window), 8)
        assert back, f"after {keys} the kiosk stayed away: {_window_state(display, window)}\n{kiosk.tail()}"
        times[keys] = back - started
    print("back in front after " + ", ".join(f"{k}: {t:.1f} s" for k, t in times.items()))
    assert kiosk.alive() and not kiosk.problems(), kiosk.tail()


def test_wrong_pins_are_refused_and_locked_also_after_a_restart(
    tmp_path: Path, wm_server: XServer, start_kiosk: StartKiosk
) -> None:
    display = wm_server.display
    kiosk = _start(start_kiosk, tmp_path, wm_server)
    with Screen(display) as screen:
        since = time.monotonic()
        _gesture(display)
        kiosk.wait_for_log(r"admin screen asked for \(gesture\): PIN pad shown", 5, since=since)
        assert wait_until(lambda: close(screen.pixel(SIZE[0] // 2, 8), ADMIN_BACKGROUND), 3)
        for n in (1, 2, 3):
            _type_pin(display, "000000")
            kiosk.wait_for_log(rf"admin PIN refused: wrong \({n} in a row\)", 10, since=since)
        _, locked = kiosk.wait_for_log(r"entry locked for (\d+) s", 5, since=since)
        assert locked.group(1) == "30"
        _type_pin(display, PIN)  # right, but the entry is locked
        kiosk.wait_for_log(r"admin PIN refused: entry locked for another", 10, since=since)
        assert not kiosk.find_log(r"admin PIN accepted"), kiosk.tail()
        assert close(screen.pixel(SIZE[0] // 2, 8), ADMIN_BACKGROUND)  # still the PIN pad, no menu
    assert not any(PIN in line or "000000" in line for _, line in kiosk.lines), "a PIN in the log"
    kiosk.kill()  # a power cut: the lock is on disk already

    again = _start(start_kiosk, tmp_path, wm_server)  # same state folder
    since = time.monotonic()
    _gesture(display)
    again.wait_for_log(r"PIN pad shown", 5, since=since)
    _type_pin(display, PIN)
    again.wait_for_log(r"admin PIN refused: entry locked for another", 10, since=since)
    assert not again.find_log(r"admin PIN accepted"), again.tail()


def test_the_right_pin_and_exit_end_the_kiosk_cleanly(
    tmp_path: Path, wm_server: XServer, start_kiosk: StartKiosk
) -> None:
    display = wm_server.display
    kiosk = _start(start_kiosk, tmp_path, wm_server)
    since = time.monotonic()
    _gesture(display)
    kiosk.wait_for_log(r"PIN pad shown", 5, since=since)
    with Screen(display) as screen:
        assert wait_until(lambda: _first_button(screen) is not None, 5), "no PIN pad on the screen"
        pad = _first_button(screen)  # the "1" of the number pad
        _type_pin(display, PIN)
        kiosk.wait_for_log(r"admin PIN accepted: admin menu shown", 10, since=since)
        # the exit button is the first button of the menu (top left), found by its colour once the
        # menu has replaced the pad
        assert wait_until(lambda: _first_button(screen) not in (None, pad), 5), "no menu on the screen"
        spot = _first_button(screen)
        assert spot is not None
    xdotool(display, "mousemove", str(spot[0] + 20), str(spot[1] + 20), "click", "1")
    kiosk.wait_for_log(r"admin exit", 5, since=since)
    assert kiosk.wait(timeout=20) == 0, kiosk.tail()
    assert kiosk.find_log(r"device stele stopped"), kiosk.tail()
    assert not kiosk.problems(), kiosk.tail()


KEY_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Tasten</title></head>
<body style="margin:0;background:rgb(20,140,140)"><div style="height:40px;background:#f1c40f"></div>
<script>
function report(what) { new Image().src = "/key?k=" + encodeURIComponent(what) + "&t=" + Date.now(); }
document.addEventListener("keydown", function (e) {
  report((e.ctrlKey ? "ctrl+" : "") + (e.altKey ? "alt+" : "") + (e.metaKey ? "meta+" : "") + e.key);
});
window.addEventListener("beforeprint", function () { report("PRINT"); });
</script></body></html>"""
TEAL = (20, 140, 140)


def test_a_web_page_gets_no_shortcut(tmp_path: Path, xserver: XServer, start_kiosk: StartKiosk) -> None:
    """A page that reports every key it gets: it gets a plain letter (so it does have the keyboard),
    never a key of the escape table, and Ctrl+P never starts printing."""
    from kiosk.devtools.platform_sim import PlatformSim
    from tests.field.conftest import SCREEN
    from tests.field.packs import Pack, text3

    with PlatformSim() as site:
        pack = Pack(tmp_path / "pack")
        pack.layout("feld", {"main": (0, 0, *SCREEN)}, SCREEN)
        url = site.add_page("/tasten", KEY_PAGE)
        site.add_route("/key", "", content_type="image/gif")
        pack.slide(
            "tasten",
            {
                "type": "web",
                "title": text3("Tasten"),
                "url": url,
                "alt": text3("Eine Seite", "A page"),
                "duration": "1m",
                "transition": "cut",
            },
        )
        pack.playlist("main", ["tasten"])
        pack.hall_device(SCREEN, {"main": "main"}, web_allowlist=["127.0.0.1"])
        pack.validate()
        kiosk = start_kiosk(pack.root, "feld")
        display = xserver.display
        with Screen(display) as screen:
            shown = wait_until(lambda: close(screen.pixel(SCREEN[0] // 2, SCREEN[1] // 2), TEAL), 30)
        assert shown, f"the page was never shown\n{kiosk.tail()}"
        xdotool(display, "mousemove", str(SCREEN[0] // 2), str(SCREEN[1] // 2), "click", "1")  # focus it

        def keys_seen() -> list[str]:
            return [r.query.get("k", "") for r in site.requests if r.path == "/key"]

        xdotool(display, "key", "a")
        assert wait_until(lambda: "a" in keys_seen(), 10), f"the page never got a key\n{kiosk.tail()}"
        for keys in ESCAPE_TABLE:
            xdotool(display, "key", keys)
        xdotool(display, "key", "b")
        assert wait_until(lambda: "b" in keys_seen(), 10), kiosk.tail()
        time.sleep(0.5)
        assert keys_seen() == ["a", "b"], f"the page got shortcuts: {keys_seen()}"
        assert kiosk.alive() and not kiosk.problems(), kiosk.tail()
