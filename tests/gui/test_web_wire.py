"""On the wire: nothing of a web slide reaches a host off the allowlist, not even what the request
interceptor never sees (WebRTC's STUN over UDP, ``<link rel=preconnect>``'s TCP).

The page is served from 127.0.0.1 (allowlisted); 127.0.0.2 stands for any other host and records every
datagram and connection. The kiosk's Chromium switches are set when QtWebEngine starts, so the page runs in
a child process that starts the way ``kiosk run`` does (``prepare_qt`` with the device's allowlist); this
test process's own QtWebEngine was started by the test setup without an allowlist.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.devtools.platform_sim import PlatformSim
from tests.conftest import REPO
from tests.other_host import other_host, webrtc_and_preconnect_page

CHILD = """
import faulthandler
import sys
from pathlib import Path
faulthandler.enable()  # a crash names its Python frame in err.txt
from kiosk.runtime.app import prepare_qt
prepare_qt(["127.0.0.1"])  # what kiosk run does with the device's web_allowlist
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([sys.argv[0]])
from kiosk.config.models.slides import WebSlide
from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.theme import look_for
factory = SlideFactory(Path(sys.argv[2]), SlideContext(look=look_for(None, 0.5), allowlist=("127.0.0.1",)))
host = QWidget()
host.resize(640, 400)
widget = factory.make(WebSlide(type="web", url=sys.argv[1], alt={"de": "Test"}), (640, 400))
widget.setParent(host)
widget.resize(640, 400)
host.show()
clock = QElapsedTimer()
clock.start()
while not widget.view.title().startswith("done ") and clock.elapsed() < 20_000:
    app.processEvents()
    app.thread().msleep(20)
print("STATE", widget.state)
print("TITLE", widget.view.title(), flush=True)
widget.stop()
host.deleteLater()  # the page goes before its profile
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
factory.shutdown()
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
from kiosk.runtime.run import leave
leave(0)  # as kiosk run leaves: no interpreter teardown of QtWebEngine in no set order (test_session_web)
"""


def run_child(tmp_path: Path, url: str, flags: str | None = None) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if flags is not None:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    # files, not pipes: Chromium's helper processes could hold a pipe open after a crash
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.run(
            [sys.executable, "-c", CHILD, url, str(tmp_path)],
            cwd=REPO,
            env=env,
            stdout=stdout,
            stderr=stderr,
            timeout=60,
        )
    assert child.returncode == 0, err.read_text()[-2000:]
    lines = dict(line.split(" ", 1) for line in out.read_text().splitlines() if " " in line)
    return lines.get("STATE", ""), lines.get("TITLE", "")


def test_webrtc_and_preconnect_reach_no_other_host(tmp_path: Path) -> None:
    with other_host() as other, PlatformSim() as server:
        page = server.add_page("/rtc.html", webrtc_and_preconnect_page(other))
        state, title = run_child(tmp_path, page)
        assert state == "ready", title
        assert title.startswith("done "), title
        assert other.quiet_for(0.5), other.arrived  # UDP (STUN) and TCP (preconnect) alike
    # the page script hides WebRTC from the page; a fresh frame still has it (a page could always get
    # one that way), and there the Chromium switch keeps it from sending anything
    assert "page:absent" in title, title
    assert "page:candidate" not in title and "frame:candidate" not in title, title


def test_without_the_switches_the_other_host_hears_the_page(tmp_path: Path) -> None:
    """The control: the watch on 127.0.0.2 does hear a page when the kiosk's Chromium switches are
    overridden (an environment that sets a switch keeps it, by design): preconnects over TCP and STUN
    over UDP from the frame that the page script cannot reach."""
    flags = "--no-sandbox --disable-gpu --force-webrtc-ip-handling-policy=default --host-resolver-rules=MAP"
    with other_host() as other, PlatformSim() as server:
        page = server.add_page("/rtc.html", webrtc_and_preconnect_page(other))
        _, title = run_child(tmp_path, page, flags)
        assert not other.quiet_for(2.0)
        kinds = {arrival.split(" ", 1)[0] for arrival in other.arrived}
    assert kinds == {"tcp", "udp"}, other.arrived
    assert "page:absent" in title and "frame:candidate" in title, title
