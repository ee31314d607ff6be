"""Field-test harness: the real ``kiosk run`` process on a real X server (Xvfb), over real time.

What it offers (for every test in ``tests/field/``; mark the module ``pytestmark = pytest.mark.field``):

Fixtures
    ``xserver``       a session-wide Xvfb (``SCREEN`` = 640×360, 24 bit) — :class:`xserver.XServer`,
                      ``.display`` is the ``$DISPLAY`` value. Missing Xvfb: skipped, but fails when ``CI``
                      is set. ``portrait_xserver``: another one of ``PORTRAIT`` = 540×960 (touch
                      terminals); ``xservers(size)`` any size.
    ``screen``        an Xlib connection for the test's thread — :class:`screen.Screen`:
                      ``grab(x, y, w, h)`` → PIL image, ``pixel(x, y)`` → (r, g, b), ~0.05 ms per pixel.
    ``start_kiosk``   ``start_kiosk(pack_root, device, args=(), offline=True, wait=True, server=None,
                      data_dir=None)`` → a running :class:`kioskproc.KioskProcess` (full screen on
                      ``server`` or the ``xserver``, ``--offline`` unless told, ``--data-dir`` in
                      ``data_dir`` or a fresh folder of the test's tmp folder,
                      waited until "running on layout"). Every kiosk is killed with its
                      process group at teardown; when a test fails, its log and a screenshot are attached
                      to the report (and saved under ``$FIELD_ARTIFACTS`` if set).
    ``pack``          a :class:`packs.Pack` in the test's tmp folder (files written as you call it;
                      ``pack.validate()`` runs ``kiosk validate --strict``).

Helpers (import from the modules)
    ``screen.Sampler(display, {name: (x, y)}, hz)``  a thread sampling points; ``.frames`` of ``Frame(t,
        colours)``; ``screen.close``/``on_segment`` compare colours; ``screen.xwd_image`` / ``save_screen``
        grab through ``xwd`` (an independent path).
    ``KioskProcess.wait_for_log(regex, timeout, since=t)``, ``.find_log``, ``.tail()`` (for messages),
        ``.problems()`` (error lines), ``.signal``, ``.kill``; ``kioskproc.descendants/in_session/alive``.
    ``xinput.click(display, x, y)``, ``xinput.key(display, "Return")``: XTest events through xdotool.
    ``packs.signage_pack(root, zones, playlists)``: a hall display of solid-colour slides.
    ``zone_point(pack_size, zone, fx, fy)``: a point of a layout zone on the screen; ``wait_until``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path

import pytest

from tests.field.kioskproc import KioskProcess
from tests.field.packs import Pack
from tests.field.screen import Screen, save_screen
from tests.field.xserver import XServer, missing_tools

SCREEN = (640, 360)  # small: Xvfb and Qt paint little, so the 2-core CI box keeps honest timings
PORTRAIT = (540, 960)  # a touch terminal at half its real 1080 × 1920
_KIOSKS_KEY = pytest.StashKey[list[KioskProcess]]()
_TMP_KEY = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def xservers() -> Iterator[Callable[[tuple[int, int]], XServer]]:
    """Xvfb servers by screen size, started on first use and shared by the whole session."""
    servers: dict[tuple[int, int], XServer] = {}

    def get(size: tuple[int, int]) -> XServer:
        if size not in servers:
            if missing := missing_tools():
                message = f"field tests need {', '.join(missing)} (./install.sh --dev installs them)"
                if os.environ.get("CI"):
                    pytest.fail(message)  # CI must run the field tests, never skip them quietly
                pytest.skip(message)
            servers[size] = XServer(*size).start()
        return servers[size]

    try:
        yield get
    finally:
        for server in servers.values():
            server.stop()


@pytest.fixture
def xserver(xservers: Callable[[tuple[int, int]], XServer]) -> XServer:
    """The landscape screen (``SCREEN``) most tests use."""
    return xservers(SCREEN)


@pytest.fixture
def portrait_xserver(xservers: Callable[[tuple[int, int]], XServer]) -> XServer:
    """A portrait screen (``PORTRAIT``) for touch terminals."""
    return xservers(PORTRAIT)


@pytest.fixture
def screen(xserver: XServer) -> Iterator[Screen]:
    with Screen(xserver.display) as connection:
        yield connection


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    return Pack(tmp_path / "pack")


StartKiosk = Callable[..., KioskProcess]


@pytest.fixture
def start_kiosk(request: pytest.FixtureRequest, xserver: XServer, tmp_path: Path) -> Iterator[StartKiosk]:
    started: list[KioskProcess] = []
    request.node.stash[_KIOSKS_KEY] = started

    def start(
        root: Path,
        device: str,
        args: Sequence[str] = (),
        offline: bool = True,
        wait: bool = True,
        env: dict[str, str] | None = None,
        server: XServer | None = None,
        data_dir: Path | None = None,
    ) -> KioskProcess:
        data = data_dir or tmp_path / f"kiosk-{len(started)}"
        display = (server or xserver).display
        kiosk = KioskProcess(root, device, display, data, args=args, offline=offline, env=env)
        started.append(kiosk)
        kiosk.start()
        if wait:
            kiosk.wait_running()
        return kiosk

    try:
        yield start
    finally:
        for kiosk in started:
            kiosk.kill()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when != "call" or not report.failed:
        return report
    kiosks = item.stash.get(_KIOSKS_KEY, [])
    for i, kiosk in enumerate(kiosks):
        report.sections.append((f"kiosk {i} log", kiosk.log_text()))
    folder = Path(os.environ.get("FIELD_ARTIFACTS") or item.stash.get(_TMP_KEY, Path("/tmp")))
    for display in dict.fromkeys(kiosk.display for kiosk in kiosks):
        try:
            shot = save_screen(display, folder / f"{item.name}-display{display[1:]}-failure.png")
            report.sections.append((f"screen {display} at failure", str(shot)))
        except Exception as exc:  # a failed picture must not hide the test's own failure
            report.sections.append((f"screen {display} at failure", f"could not be saved: {exc}"))
    return report


@pytest.fixture(autouse=True)
def _remember_tmp(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    request.node.stash[_TMP_KEY] = tmp_path


def zone_point(
    size: tuple[int, int],
    zone: tuple[int, int, int, int],
    fx: float = 0.5,
    fy: float = 0.5,
    screen: tuple[int, int] = SCREEN,
) -> tuple[int, int]:
    """Where a point of a layout zone (x, y, w, h on a reference canvas of ``size``) is on a ``screen``,
    at fractions ``fx``/``fy`` of its width/height (default the centre). The kiosk runs full screen."""
    sx, sy = screen[0] / size[0], screen[1] / size[1]
    x, y, w, h = zone
    return round((x + fx * w) * sx), round((y + fy * h) * sy)


def wait_until(predicate: Callable[[], object], timeout: float, poll: float = 0.05) -> float | None:
    """Poll ``predicate`` until it is true; the monotonic time it first was, or None on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return time.monotonic()
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll)
