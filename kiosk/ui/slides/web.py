"""Allowlisted web pages, ready only once really painted; whatever goes wrong shows the slide's own text.

A page that cannot be shown as meant (off the allowlist, a failed load, a login wanted, its renderer
gone or ended for using too much memory) gives way to the slide's title and text alternative, as plain
text, in the widget itself, and the widget reports ``failed``, also after it was shown: the zone or page
keeps something on screen and skips the slide from then on. Chromium's error page, with the address on
it, is never shown. Nothing here waits on the page: a page that hangs in a loop costs its own renderer
process, never the GUI.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.config.models.slides import WebSlide
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.slides.basic import NoticeSlideWidget
from kiosk.ui.slides.web_page import KioskPage, KioskProfile, make_kiosk_profile

log = logging.getLogger(__name__)

__all__ = ["KioskProfile", "WebSlideWidget", "make_kiosk_profile"]


class WebSlideWidget(SlideWidget):
    """A web page; ``ready`` fires when Chromium has painted real content, not at ``loadFinished``."""

    moves_by_itself = True  # a still picture of it would freeze during a crossfade

    POLL_MS = 60
    PAINT_TIMEOUT_MS = 8000

    def __init__(
        self, slide: WebSlide, ctx: SlideContext, profile: KioskProfile, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, ctx, parent)
        self.web = slide
        self.view = QWebEngineView(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.page = KioskPage(profile, self.view)
        self.page.setZoomFactor(slide.zoom * self.look.scale)
        self.view.setPage(self.page)
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.view)
        self.alternative: NoticeSlideWidget | None = None
        self.setAccessibleName(self.tr_text(slide.alt))
        self.poll = QTimer(self)
        self.poll.setInterval(self.POLL_MS)
        self.poll.timeout.connect(self._check_painted)
        self.waited = 0
        self.view.loadFinished.connect(self._loaded)
        # queued: these come from inside Chromium's navigation and login handling
        self.page.refused.connect(self.mark_failed, Qt.ConnectionType.QueuedConnection)
        self.page.renderProcessTerminated.connect(self._renderer_gone, Qt.ConnectionType.QueuedConnection)
        self.reload_timer = QTimer(self)
        if slide.reload is not None:
            self.reload_timer.timeout.connect(self.view.reload)
        if not profile.allows(slide.url):
            QTimer.singleShot(
                0, lambda: self.mark_failed(f"{slide.url} is not on the device's web_allowlist")
            )
        else:
            self.view.load(QUrl(slide.url))

    def _loaded(self, ok: bool) -> None:
        if not ok:
            self.mark_failed(f"{self.web.url} could not be loaded")
            return
        if self.state == "preparing":
            self.poll.start()

    def _renderer_gone(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        self.mark_failed(f"its renderer process ended ({status.name}, exit code {code})")

    def _check_painted(self) -> None:
        # loadFinished(True) is not "painted": a grab right after it is pure white (PLATFORM-FACTS)
        self.waited += self.POLL_MS
        image = self.view.grab().toImage()
        if image.isNull() or image.width() < 2:
            return
        step_x, step_y = max(1, image.width() // 12), max(1, image.height() // 12)
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
        if len(colours) > 1 or self.waited >= self.PAINT_TIMEOUT_MS:
            self.poll.stop()
            self.mark_ready()

    def mark_failed(self, reason: str) -> None:
        """Show the text alternative instead of the page; ``failed`` also after the page was shown."""
        if self.state == "failed":
            return
        self.poll.stop()
        self.reload_timer.stop()
        if self.alternative is None:
            self.alternative = NoticeSlideWidget(self.slide, self.ctx, self)
            self.stack.addWidget(self.alternative)
        self.stack.setCurrentWidget(self.alternative)
        self.view.stop()
        self.state = "failed"
        self.failed.emit(reason)

    def renderer_pid(self) -> int:
        """The page's renderer process (0 when it has none, or after the slide failed)."""
        return 0 if self.state == "failed" else self.page.renderProcessPid()

    def start(self) -> None:
        if self.web.reload is not None and self.state != "failed":
            self.reload_timer.start(round(self.web.reload.total_seconds() * 1000))

    def stop(self) -> None:
        self.poll.stop()
        self.reload_timer.stop()
        self.view.stop()
