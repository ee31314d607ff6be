"""Allowlisted web pages in an off-the-record browser profile, ready only once really painted."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.config.allowlist import url_allowed
from kiosk.config.models.slides import WebSlide
from kiosk.ui.slides.base import SlideContext, SlideWidget

log = logging.getLogger(__name__)


class AllowlistInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request (navigation, scripts, images) whose host is not on the device allowlist."""

    def __init__(self, allowlist: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowlist = allowlist

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # called on Chromium's IO thread
        url = info.requestUrl().toString()
        if url.startswith(("data:", "blob:")):
            return
        if not url_allowed(url, self.allowlist):
            info.block(True)


def make_kiosk_profile(allowlist: tuple[str, ...], parent: QObject | None = None) -> QWebEngineProfile:
    """An off-the-record profile (nothing reaches the disk) locked down for public use."""
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    settings = profile.settings()
    for attribute, value in (
        (QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False),
        (QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False),
        (QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False),
        (QWebEngineSettings.WebAttribute.PluginsEnabled, False),
        (QWebEngineSettings.WebAttribute.FullScreenSupportEnabled, False),
        (QWebEngineSettings.WebAttribute.PdfViewerEnabled, False),
        (QWebEngineSettings.WebAttribute.NavigateOnDropEnabled, False),
        (QWebEngineSettings.WebAttribute.ShowScrollBars, False),
    ):
        settings.setAttribute(attribute, value)
    # owned by the profile, so the Python override lives exactly as long as the profile uses it
    interceptor = AllowlistInterceptor(allowlist, profile)
    profile.setUrlRequestInterceptor(interceptor)
    profile.kiosk_interceptor = interceptor  # type: ignore[attr-defined]  # a Python reference, or the override is lost
    profile.downloadRequested.connect(_refuse_download)
    return profile


def _refuse_download(download: QWebEngineDownloadRequest) -> None:
    download.cancel()


class WebSlideWidget(SlideWidget):
    """A web page; ``ready`` fires when Chromium has painted real content, not at ``loadFinished``."""

    POLL_MS = 60
    PAINT_TIMEOUT_MS = 8000

    def __init__(
        self, slide: WebSlide, ctx: SlideContext, profile: QWebEngineProfile, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, ctx, parent)
        self.web = slide
        self.view = QWebEngineView(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.page = QWebEnginePage(profile, self.view)
        self.page.setZoomFactor(slide.zoom * self.look.scale)
        self.view.setPage(self.page)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)
        self.setAccessibleName(self.tr_text(slide.alt))
        self.poll = QTimer(self)
        self.poll.setInterval(self.POLL_MS)
        self.poll.timeout.connect(self._check_painted)
        self.waited = 0
        self.view.loadFinished.connect(self._loaded)
        self.reload_timer = QTimer(self)
        if slide.reload is not None:
            self.reload_timer.timeout.connect(self.view.reload)
        if not url_allowed(slide.url, ctx.allowlist):
            QTimer.singleShot(
                0, lambda: self.mark_failed(f"{slide.url} is not on the device's web_allowlist")
            )
        else:
            self.view.load(QUrl(slide.url))

    def _loaded(self, ok: bool) -> None:
        if not ok:
            self.mark_failed(f"{self.web.url} could not be loaded")
            return
        self.poll.start()

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

    def start(self) -> None:
        if self.web.reload is not None:
            self.reload_timer.start(round(self.web.reload.total_seconds() * 1000))

    def stop(self) -> None:
        self.poll.stop()
        self.reload_timer.stop()
        self.view.stop()
