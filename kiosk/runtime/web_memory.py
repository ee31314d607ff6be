"""A web page may not eat the kiosk: a renderer past its memory limit is ended and its slide fails.

Every few seconds the watch reads the resident memory of each shown web page's renderer process
(``/proc/PID/status``, ``VmRSS``). One past the limit is stopped and its process killed; QtWebEngine then
reports the renderer gone, the widget shows its text alternative and reports ``failed``, so the zone or
page keeps something on screen and the player skips the slide from then on. Logged once per page.
Killing is the only way that also works on a page that hangs in a loop (it no longer answers Stop), and
QtWebEngine has no call to end a renderer; ``setLifecycleState(Discarded)`` works only on hidden pages.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # QtWebEngine is loaded by the first web widget, never by the watch
    from kiosk.ui.slides.web import WebSlideWidget

WEB_MODULE = "kiosk.ui.slides.web"

log = logging.getLogger(__name__)

# A renderer showing a simple page is ~95 MB resident here (Chromium 140, measured); large sites take a
# few hundred. A page past 800 MB on a kiosk leaks or misbehaves. A constant, not an editor key: the device
# file has no web section to hold it, and no editor should have to tune it.
RENDERER_LIMIT_MB = 800
CHECK_MS = 5000


def resident_mb(pid: int, proc: Path = Path("/proc")) -> float | None:
    """Resident memory of process ``pid`` in MB, or ``None`` if it is gone or unreadable."""
    try:
        status = (proc / str(pid) / "status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                return int(parts[1]) / 1024  # the kernel writes kB
    return None


class RendererWatch(QObject):
    """Checks the renderers of every web widget in ``window`` on a timer."""

    def __init__(
        self,
        window: QWidget,
        limit_mb: float = RENDERER_LIMIT_MB,
        every_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.limit_mb = limit_mb
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> list[WebSlideWidget]:
        """One round; returns the widgets whose renderer was ended."""
        if not shiboken6.isValid(self.window) or WEB_MODULE not in sys.modules:
            return []  # no web widget was ever made: nothing to watch, and Chromium stays unloaded
        from kiosk.ui.slides.web import WebSlideWidget

        ended = []
        for widget in self.window.findChildren(WebSlideWidget):
            pid = widget.renderer_pid()
            size = resident_mb(pid) if pid > 0 else None
            if size is not None and size > self.limit_mb:
                self._end(widget, pid, size)
                ended.append(widget)
        return ended

    def _end(self, widget: WebSlideWidget, pid: int, size: float) -> None:
        log.error(
            "web page %s: its renderer uses %.0f MB (limit %.0f MB); ended, the slide is skipped",
            widget.web.url,
            size,
            self.limit_mb,
        )
        from PySide6.QtWebEngineCore import QWebEnginePage

        widget.page.triggerAction(QWebEnginePage.WebAction.Stop)
        try:
            os.kill(pid, signal.SIGKILL)  # QtWebEngine sees its renderer gone: renderProcessTerminated
        except OSError as error:  # gone meanwhile, or not ours: then fail the slide directly
            log.warning("renderer %d could not be ended: %s", pid, error)
        widget.mark_failed(f"its renderer used {size:.0f} MB, more than {self.limit_mb:.0f} MB")
