"""Web slides in the running shell: a page that breaks after it was shown keeps the zone on its text and
is skipped from then on; a hot reload that narrows ``web_allowlist`` is enforced on the next request."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.config.loader import load_content
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.basic import TextSlideWidget
from kiosk.ui.slides.web import WebSlideWidget
from tests.gui.shell_kit import running_shell

MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # minipack 'tag' plays
WAIT_MS = 20_000
PAGE = (
    '<body style="margin:0;background:#c0392b"><h1 style="color:#fff">Seite</h1>'
    '<div style="height:200px;background:#f1c40f"></div></body>'
)


def web_minipack(root: Path, page: str, allowlist: str) -> None:
    device = root / "device-config/stele.yaml"
    device.write_text(device.read_text().replace('["www.rostock.de"]', allowlist))
    (root / "content/slides/seite.yaml").write_text(
        f"type: web\nurl: {page}\nalt: {{de: Die Seite der Stadt, en: The page, ls: Die Seite}}\n"
    )
    playlist = root / "content/playlists/tag.yaml"
    playlist.write_text(playlist.read_text().replace("  - hafen\n", "  - seite\n"))


@contextmanager
def running(qtbot, root: Path) -> Iterator[tuple[Shell, FixedClock, list[datetime | None]]]:
    clock, deadlines = FixedClock(MONDAY_NOON), []

    def arm(deadline: datetime | None, _delay: float) -> None:
        deadlines.append(deadline)

    content, data = load_content(root).content, root.parent / "data"  # beside the pack
    with running_shell(qtbot, content, "stele", clock, data, (540, 960), schedule_at=arm) as shell:
        qtbot.waitUntil(shell.player.settled, timeout=WAIT_MS)
        yield shell, clock, deadlines


def next_switch(qtbot, shell: Shell, clock: FixedClock, deadlines: list[datetime | None]) -> None:
    deadline = deadlines[-1]
    assert deadline is not None
    clock.set(deadline)
    shell.player.tick()
    qtbot.waitUntil(shell.player.settled, timeout=WAIT_MS)


def test_a_page_ended_while_shown_keeps_its_text_and_is_skipped(qtbot, minipack: Path, caplog) -> None:
    with PlatformSim() as server:
        web_minipack(minipack, server.add_page("/page.html", PAGE), '["127.0.0.1"]')
        with running(qtbot, minipack) as (shell, clock, deadlines):
            main = shell.window.zones["main"]
            page = main.current
            assert isinstance(page, WebSlideWidget) and page.is_ready
            shell.renderers.limit_mb = 1  # every renderer is past this one
            assert shell.renderers.check() == [page]
            qtbot.waitUntil(lambda: page.state == "failed", timeout=WAIT_MS)
            assert main.current is page  # the zone keeps something on screen: the slide's own text
            assert page.alternative is not None and page.alternative.isVisible()
            assert not page.view.isVisible()
            assert "seite" in shell.player.failed
            next_switch(qtbot, shell, clock, deadlines)
            assert isinstance(main.current, TextSlideWidget)  # willkommen, 20 s
            next_switch(qtbot, shell, clock, deadlines)
            assert isinstance(main.current, TextSlideWidget)  # the broken page is not shown again
            qtbot.waitUntil(lambda: not main.findChildren(WebSlideWidget), timeout=WAIT_MS)  # nor made again
    skipped = [r.getMessage() for r in caplog.records if "skipped from now on" in r.getMessage()]
    assert len(skipped) == 1, skipped


def js(qtbot, widget: WebSlideWidget, script: str) -> Any:
    box: list[Any] = []
    widget.page.runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=WAIT_MS)
    return box[0]


def fetch(qtbot, widget: WebSlideWidget, server: PlatformSim, url: str, name: str) -> None:
    """The page loads ``url``, then a picture from its own host: once that arrives, ``url`` was decided."""
    js(qtbot, widget, f"new Image().src = '{url}'; new Image().src = '{server.url}/{name}'; 1")
    qtbot.waitUntil(lambda: server.count(f"/{name}") == 1, timeout=WAIT_MS)


def test_a_reload_that_narrows_the_allowlist_blocks_the_next_request(qtbot, minipack: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    with PlatformSim() as server:
        port = server.port
        web_minipack(minipack, server.add_page("/page.html", PAGE), '["127.0.0.1", "localhost"]')
        with running(qtbot, minipack) as (shell, _clock, _deadlines):
            page = shell.window.zones["main"].current
            assert isinstance(page, WebSlideWidget) and page.is_ready
            assert shell.interaction is not None
            session_profile = shell.interaction.web.profile()  # a session's profile, as a web page makes
            fetch(qtbot, page, server, f"http://localhost:{port}/before.png", "mark-1.png")
            assert server.count("/before.png") == 1
            device = minipack / "device-config/stele.yaml"
            device.write_text(device.read_text().replace('["127.0.0.1", "localhost"]', '["127.0.0.1"]'))
            shell.apply_reload(load_content(minipack))  # what the content watcher hands over
            fetch(qtbot, page, server, f"http://localhost:{port}/after.png", "mark-2.png")
            assert server.count("/after.png") == 0, server.requests  # the page already shown obeys at once
            assert not session_profile.allows(f"http://localhost:{port}/")  # the session's too
            assert shell.pages.device.web_allowlist == ["127.0.0.1"]  # and web blocks built from now on
    assert any("applying web_allowlist" in r.getMessage() for r in caplog.records)
