"""Review of issue 9: a slide still loading when its zone closes is dropped, not shown over the closed zone.

A web page that takes longer than its slot was kept "waiting" when the next deadline put the zone on
standby; when it finished loading (or its grace ran out and its text alternative stood in) it was presented
anyway and stayed on the closed screen until the next deadline: the next morning.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import shiboken6

from kiosk.config.loader import load_content
from kiosk.devtools.platform_sim import LoggedRequest, PlatformSim, Reply
from kiosk.schedule.clock import FixedClock
from kiosk.ui.zone import StandbyWidget
from tests.field.packs import Pack, text3
from tests.gui.shell_kit import running_shell

BERLIN = ZoneInfo("Europe/Berlin")
BEFORE_CLOSING = datetime(2025, 10, 20, 17, 59, 55, tzinfo=BERLIN)  # a Monday
AFTER_CLOSING = datetime(2025, 10, 20, 18, 0, 1, tzinfo=BERLIN)
PAGE = b"<!doctype html><html><body style='background:#c0392b'><h1>Hafen</h1></body></html>"


@contextmanager
def held_page() -> Iterator[tuple[str, threading.Event, list[str], list[str]]]:
    """A page of the fake platform that is answered only once the test releases it: (url, release,
    asked, answered)."""
    release = threading.Event()
    asked: list[str] = []
    answered: list[str] = []

    def respond(request: LoggedRequest) -> Reply:
        asked.append(request.path)
        release.wait(30)
        answered.append(request.path)
        return Reply(PAGE, content_type="text/html")

    with PlatformSim() as platform:
        platform.add_responder("/seite.html", respond)
        try:
            yield platform.url_for("/seite.html"), release, asked, answered
        finally:
            release.set()  # before the platform stops: it joins the thread that waits here


def _pack(root: Path, url: str) -> Path:
    pack = Pack(root)
    pack.layout("feld", {"main": (0, 0, 640, 360)}, (640, 360))
    pack.slide("seite", {"type": "web", "url": url, "alt": text3("Der Hafen"), "duration": "10s"})
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    pack.playlist("tag", ["seite"], windows=[{"days": days, "from": "07:00", "to": "18:00"}])
    pack.device(
        "feld",
        {
            "name": "Feldtest",
            "role": "hall-display",
            "layout": "feld",
            "screen": {"width": 640, "height": 360},
            "zones": {"main": {"playlists": ["tag"]}},
            "web_allowlist": ["127.0.0.1"],
        },
    )
    return root


def test_a_page_loading_at_closing_time_is_not_shown_over_the_closed_zone(qtbot, tmp_path: Path) -> None:
    with held_page() as (url, release, asked, answered):
        result = load_content(_pack(tmp_path / "pack", url))
        assert result.ok, [i.format() for i in result.issues]
        clock = FixedClock(BEFORE_CLOSING)
        data = tmp_path / "data"
        with running_shell(qtbot, result.content, "feld", clock, data, (640, 360), speech=False) as shell:
            state, zone = shell.player.zones["main"], shell.window.zones["main"]
            loading = state.waiting
            assert loading is not None, "the page should still be loading"
            qtbot.waitUntil(lambda: bool(asked), timeout=10_000)  # its request waits at the server
            clock.set(AFTER_CLOSING)
            shell.player.tick()  # the window's end: the zone closes
            assert isinstance(zone.current, StandbyWidget)
            release.set()  # now the page arrives
            qtbot.waitUntil(lambda: bool(answered), timeout=10_000)

            def settled() -> bool:  # shown or failed, or retired by the player (hidden, deleted later)
                return not shiboken6.isValid(loading) or loading.state != "preparing" or loading.isHidden()

            qtbot.waitUntil(settled, timeout=15_000)
            assert isinstance(zone.current, StandbyWidget), f"the closed zone shows {zone.current!r}"
            assert state.waiting is None
