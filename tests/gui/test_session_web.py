"""A web page in a session keeps what it stores only for that session: an idle reset leaves no cookie,
no web storage, no IndexedDB for the next passer-by, and nothing of it ever reaches the disk (issue 4:
"after an idle reset nothing of the session remains … web storage on disk")."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
import yaml
from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from PySide6.QtGui import QInputDevice
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import ContentSet, load_content
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.runtime.interaction import Interaction
from kiosk.session.machine import Phase
from kiosk.ui.explore import DOUBLE_TAP_MS
from tests.conftest import EDITOR_DIRS, REPO
from tests.gui.helpers import serve_page
from tests.gui.session_kit import handle, key, pump, stele, tap, travel

PAGE_ID = "web-speicher"
WAIT_MS = 30_000  # generous for 2 shared cores; a load takes ~0.2 s here

# Reads a cookie, localStorage, sessionStorage and IndexedDB; writes a fresh mark into all four only when
# it found nothing from before; then reports both in its title ("done {json}"), the last thing it does.
STORAGE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head>
<body style="margin:0;background:#1d4f91;color:#ffffff;font:32px sans-serif"><p id="out">…</p>
<script>
const load = Math.random().toString(36).slice(2);
function idb() {
  return new Promise((resolve) => {
    const open = indexedDB.open("kiosk", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("s");
    open.onerror = () => resolve({db: null, value: "error:" + open.error});
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction("s").objectStore("s").get("mark");
      get.onsuccess = () => resolve({db: db, value: get.result || ""});
      get.onerror = () => resolve({db: db, value: "error:" + get.error});
    };
  });
}
function put(db, mark) {
  return new Promise((resolve) => {
    if (!db) { resolve(); return; }
    const tx = db.transaction("s", "readwrite");
    tx.objectStore("s").put(mark, "mark");
    tx.oncomplete = () => resolve();
    tx.onerror = () => resolve();
  });
}
(async () => {
  const cookie = (document.cookie.match(/(?:^|; )kiosk=([^;]*)/) || [])[1] || "";
  const stored = await idb();
  const found = {
    cookie: cookie,
    local: localStorage.getItem("kiosk") || "",
    session: sessionStorage.getItem("kiosk") || "",
    idb: stored.value,
  };
  let wrote = "";
  if (!Object.values(found).some(Boolean)) {
    wrote = "m" + Math.random().toString(36).slice(2);
    document.cookie = "kiosk=" + wrote + "; max-age=31536000; path=/";  // a persistent cookie
    localStorage.setItem("kiosk", wrote);
    sessionStorage.setItem("kiosk", wrote);
    await put(stored.db, wrote);
  }
  const report = {load: load, found: found, wrote: wrote};
  document.getElementById("out").textContent = JSON.stringify(report);
  document.title = "done " + JSON.stringify(report);
})();
</script></body></html>"""

# names QtWebEngine/Chromium give what they store (profile folder, cookie jar, storage, cache, NSS db)
WEB_TRACES = ("QtWebEngine", "Cookies", "Local Storage", "IndexedDB", "Cache", "Session Storage", ".pki")
ENV_DIRS = ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")


def web_pack(root: Path, url: str) -> ContentSet:
    """The shipped pack with a detail page embedding the page at ``url``, a tile on the home page."""
    for name in EDITOR_DIRS:
        shutil.copytree(REPO / name, root / name)
    page = {
        "title": {"de": "Speichertest", "en": "Storage test", "ls": "Speicher·test"},
        "view": "detail",
        "blocks": [
            {
                "type": "web",
                "url": url,
                "alt": {"de": "Eine Testseite.", "en": "A test page.", "ls": "Eine Test·seite."},
            }
        ],
    }
    (root / f"content/pages/{PAGE_ID}.yaml").write_text(yaml.safe_dump(page, allow_unicode=True))
    start = root / "content/pages/start.yaml"
    start.write_text(start.read_text(encoding="utf-8") + f"  - {PAGE_ID}\n", encoding="utf-8")
    device = root / "device-config/stadthafen-stele.yaml"
    text = device.read_text(encoding="utf-8")
    assert "web_allowlist:\n" in text
    device.write_text(text.replace("web_allowlist:\n", "web_allowlist:\n  - 127.0.0.1\n"), encoding="utf-8")
    result = load_content(root)
    assert PAGE_ID in result.content.pages and PAGE_ID in result.content.pages["start"].model.children
    assert "127.0.0.1" in result.content.devices["stadthafen-stele"].model.web_allowlist
    return result.content


def web_view(session: Interaction) -> QWebEngineView:
    assert session.page is not None and session.stack[-1] == PAGE_ID
    views = session.page.findChildren(QWebEngineView)
    assert len(views) == 1, views
    return views[0]


def report(qtbot, view: QWebEngineView, after: str | None = None) -> dict[str, Any]:
    """What the page found and wrote, once its script is done (a new load if ``after`` is given)."""

    def parsed() -> dict[str, Any] | None:
        title = view.title()
        if not title.startswith("done "):
            return None
        data: dict[str, Any] = json.loads(title.removeprefix("done "))
        return data if data["load"] != after else None

    qtbot.waitUntil(lambda: parsed() is not None, timeout=WAIT_MS)
    result = parsed()
    assert result is not None
    return result


def js(qtbot, view: QWebEngineView, script: str) -> Any:
    """Run ``script`` in the page and wait for its result."""
    box: list[Any] = []
    view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=WAIT_MS)
    return box[0]


def open_storage_page(qtbot, session: Interaction) -> QWebEngineView:
    session.open_page(PAGE_ID)
    view = web_view(session)
    qtbot.waitUntil(lambda: view.url().path() == "/speicher.html", timeout=WAIT_MS)
    return view


def start_session(session: Interaction) -> None:
    session.start_session()  # what a touch on the attract screen does (the input filter is off here)
    assert session.phase is Phase.INTERACTIVE and session.stack == ["start"]
    pump(50)


def files_under(folders: list[Path]) -> list[str]:
    return sorted(str(p) for folder in folders for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


def deleted(obj: object) -> Callable[[], bool]:
    def check() -> bool:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return not shiboken6.isValid(obj)

    return check


def test_web_storage_lives_only_as_long_as_the_session(qtbot, qtlog, tmp_path: Path, monkeypatch) -> None:
    # (3) set-up: everything Chromium could write to lands in empty folders of this test, set before the
    # shell (and with it the first browser profile) is built
    home = tmp_path / "env"
    folders = [home / name.lower() for name in ENV_DIRS]
    for name, folder in zip(ENV_DIRS, folders, strict=True):
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    with PlatformSim() as sim:
        content = web_pack(tmp_path / "pack", serve_page(sim, "/speicher.html", STORAGE_HTML))
        with stele(qtbot, tmp_path, content=content, web=True) as (_shell, session, clock):
            assert session.profile is None  # no Chromium until a page embeds the web
            before_web = files_under(folders)  # e.g. libpulse's runtime link (QtMultimedia's alert tone)
            start_session(session)
            assert session.profile is None  # the home page has no web block

            # (1) within a session the page sees its own data: on reload and on a second visit
            view = open_storage_page(qtbot, session)
            profile = session.profile
            assert isinstance(profile, QWebEngineProfile) and view.page().profile() is profile
            assert profile.isOffTheRecord()
            assert profile.httpCacheType() is QWebEngineProfile.HttpCacheType.MemoryHttpCache
            assert (
                profile.persistentCookiesPolicy()
                is QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
            )
            first = report(qtbot, view)
            mark = first["wrote"]
            assert first["found"] == {"cookie": "", "local": "", "session": "", "idb": ""}, first
            assert mark.startswith("m"), first

            view.reload()
            again = report(qtbot, view, after=first["load"])
            assert again["found"] == {"cookie": mark, "local": mark, "session": mark, "idb": mark}, again
            assert again["wrote"] == ""

            session.back()  # a new page screen, the same session profile
            assert session.stack == ["start"]
            view = open_storage_page(qtbot, session)
            assert view.page().profile() is profile
            revisit = report(qtbot, view)
            found = revisit["found"]
            # sessionStorage belongs to one tab (a new page here); the rest to the session's profile
            assert (found["cookie"], found["local"], found["idb"]) == (mark, mark, mark), revisit
            old_page = view.page()
            order: list[str] = []
            old_page.destroyed.connect(lambda: order.append("page"))
            profile.destroyed.connect(lambda: order.append("profile"))

            # (2) idle reset: speech off, 90 s to the warning, 30 s more to the reset
            travel(clock, session, 90)
            assert session.phase is Phase.WARNING
            travel(clock, session, 30)
            assert session.phase is Phase.ATTRACT and session.stack == [] and session.page is None
            assert session.profile is None
            qtbot.waitUntil(deleted(profile), timeout=5000)  # the profile object itself is gone
            assert order == ["page", "profile"], order  # and the page using it went before it
            del view, old_page

            start_session(session)
            view = open_storage_page(qtbot, session)
            fresh = session.profile
            assert fresh is not None and fresh.isOffTheRecord()
            after = report(qtbot, view)
            assert after["found"] == {"cookie": "", "local": "", "session": "", "idb": ""}, after
            assert after["wrote"] not in ("", mark)
            # the page's own script aside, ask the page directly: only the new session's mark is there
            seen = js(
                qtbot,
                view,
                "JSON.stringify([document.cookie, localStorage.length, localStorage.getItem('kiosk')])",
            )
            assert json.loads(seen) == [f"kiosk={after['wrote']}", 1, after["wrote"]]

            session.end_session()
            assert session.profile is None
            qtbot.waitUntil(deleted(fresh), timeout=5000)
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()

    # (3) nothing of it reached the disk: no cookie jar, no Local Storage, no IndexedDB, no cache
    # libpulse (the audio output) may drop its runtime link whenever a sink is first probed, and the kiosk
    # caches its own scaled content pictures by hash in the XDG cache: neither is web data
    ours = ("/pulse/", "/smile-city-touchpoint/images/")
    written = [p for p in files_under(folders) if p not in before_web and not any(o in p for o in ours)]
    assert written == [], "written to disk by the web session:\n" + "\n".join(written)
    assert not any(part in path for path in before_web for part in WEB_TRACES), before_web
    warnings = [r.message for r in qtlog.records if "profile" in r.message.lower()]
    assert warnings == [], warnings  # e.g. "Release of profile requested but WebEnginePage still not deleted"


# The same page, reached the way a passer-by does (taps through the kiosk's input filter), in a child
# process: a segfault must fail this test, not end the test run. An application-wide Python event filter
# crashed PySide6 6.11 here (PySide::getWrapperForQObject on QtWebEngine's QtQuick delegate item); the
# filter now sits on the window's QWindow.
CHILD = """
import faulthandler
import sys
from pathlib import Path
faulthandler.enable()  # a crash names its Python frame in err.txt
from kiosk.runtime.app import prepare_qt
prepare_qt()
from PySide6.QtCore import QPoint
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from kiosk.config.loader import load_content
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import FixedClock
from tests.gui.session_kit import SCENARIO, SIZE, pump, tap
shell = Shell(load_content(Path(sys.argv[1])).content, "stadthafen-stele", SIZE, kiosk_mode=False, live=False,
              clock=FixedClock(SCENARIO), schedule_at=lambda d, s: None, animate=False, web=True,
              data_dir=Path(sys.argv[2]))
shell.window.show()
shell.start()
pump(300)
tap(shell.window, QPoint(270, 300))
shell.interaction.open_page(sys.argv[3])
view = shell.interaction.page.findChildren(QWebEngineView)[0]
for _ in range(300):
    pump(50)
    if view.title().startswith("done "):
        break
tap(shell.window, QPoint(270, 100))
pump(300)
shell.stop()
print("TITLE", view.title()[:5])
# and leave as `kiosk run` does: the interpreter's own teardown destroys QApplication and QtWebEngine's
# objects in no set order, which now and then ends in SIGSEGV after the work is done (seen once in CI
# under load); that hazard is the product's `leave()`, not the input filter this test guards
from kiosk.runtime.run import leave
leave(0)
"""


def test_web_page_with_the_input_filter_does_not_crash(tmp_path: Path) -> None:
    with PlatformSim() as sim:
        web_pack(tmp_path / "pack", serve_page(sim, "/speicher.html", STORAGE_HTML))
        # files, not pipes: Chromium's helper processes would hold a pipe open after a crash
        out, err = tmp_path / "out.txt", tmp_path / "err.txt"
        with out.open("w") as stdout, err.open("w") as stderr:
            child = subprocess.run(
                [sys.executable, "-c", CHILD, str(tmp_path / "pack"), str(tmp_path / "data"), PAGE_ID],
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                stdout=stdout,
                stderr=stderr,
                timeout=30,
            )
    assert child.returncode == 0, out.read_text()[-500:] + err.read_text()[-2000:]
    assert "TITLE done " in out.read_text()


def touch(window: QWidget, pos: QPoint) -> None:
    """A finger down and up, sent to the window's QWindow (the real path, through the input filter)."""
    device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    QTest.touchEvent(handle(window), device).press(0, pos).commit()
    pump(40)
    QTest.touchEvent(handle(window), device).release(0, pos).commit()
    pump(40)


@pytest.mark.parametrize("how", ["touch", "tap", "key"])
def test_input_inside_a_web_page_keeps_the_session(qtbot, tmp_path: Path, how: str) -> None:
    """A reader touching, clicking or typing in an embedded page is there: no idle reset under them.
    (QtWebEngine takes touch itself, so no mouse press follows a finger on a web page.)"""
    with PlatformSim() as sim:
        content = web_pack(tmp_path / "pack", serve_page(sim, "/speicher.html", STORAGE_HTML))
        with stele(qtbot, tmp_path, content=content, web=True) as (shell, session, clock):
            start_session(session)
            view = open_storage_page(qtbot, session)
            report(qtbot, view)  # loaded and painted
            pump(DOUBLE_TAP_MS + 100)  # the page's settle time is over: input reaches its widgets
            inside = view.mapTo(shell.window, view.rect().center())
            travel(clock, session, 60)  # 30 s before the idle warning
            if how == "touch":
                touch(shell.window, inside)
            elif how == "tap":
                tap(shell.window, inside)
            else:
                key(shell.window, "A")
            travel(clock, session, 60)  # 120 s after the start, 60 s after the input
            assert session.phase is Phase.INTERACTIVE and session.stack[-1] == PAGE_ID
            travel(clock, session, 31)  # 91 s after the input: now the warning comes
            assert session.phase is Phase.WARNING
