"""Build page screens and the accessibility panel for a session: looks per setting, pictures and QR
codes prepared in worker threads, live-data widgets fed by the data hub, web blocks in the session's
browser profile."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import ContentSet
from kiosk.config.models.device import Device
from kiosk.config.models.page import (
    Block,
    ContactBlock,
    ImageBlock,
    QrBlock,
    VideoBlock,
    WebBlock,
    WidgetBlock,
)
from kiosk.config.models.slides import VideoSlide, WebSlide
from kiosk.config.models.theme import Theme
from kiosk.data.present import Table, present
from kiosk.data.state import DataState
from kiosk.media.qrcode import QrMatrix, qr_matrix
from kiosk.navigation.model import page_view
from kiosk.navigation.sizes import min_cap_height_px, target_px
from kiosk.runtime.assets import AssetLoader
from kiosk.runtime.datahub import DataHub
from kiosk.session.settings import Settings
from kiosk.ui.pages.blocks import DataBlockView
from kiosk.ui.pages.measure import floor_px, large_text_factor
from kiosk.ui.pages.panel import AccessPanel
from kiosk.ui.pages.screen import PageEnv, PageScreen
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.theme import Look, look_for

if TYPE_CHECKING:  # QtWebEngine loads with the first web block built
    from kiosk.ui.slides.web import KioskProfile

log = logging.getLogger(__name__)

ICON_REF_PX = 150  # tile icon side in reference pixels (ui/pages/button.py draws it at this size)


class _Feed(QObject):
    """Keeps one page data widget current; a child of the widget, so the connection dies with it."""

    def __init__(self, widget: DataBlockView, source: str, table: Callable[[DataState], Table]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.source = source
        self.table = table

    def on_update(self, source_id: str, state: object) -> None:
        if source_id == self.source and isinstance(state, DataState):
            self.widget.set_table(self.table(state))


class PageFactory(QObject):
    """Makes ``PageScreen``s for (page, settings) and the ``AccessPanel`` of one touch device.

    ``size`` is the window size; target sizes and the large-text factor use the device's pixel pitch
    scaled to it (a preview window at half size keeps the proportions of the real screen).
    ``preload()`` prepares every page picture and QR code in worker threads and emits ``preloaded``;
    screens built earlier get late pictures pushed in.
    """

    preloaded = Signal()

    def __init__(
        self,
        content: ContentSet,
        device: str,
        size: tuple[int, int],
        parent: QObject | None = None,
        *,
        web: bool = True,
        hub: DataHub | None = None,
        now: Callable[[], datetime] | None = None,
        assets: AssetLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.device_id = device
        self.size = size
        self.web = web
        self.hub = hub
        self.device: Device = content.devices[device].model
        self.tz = ZoneInfo(self.device.timezone)
        self.now = now or (lambda: datetime.now(UTC).astimezone(self.tz))
        layout = content.layouts[self.device.layout].model
        ref = layout.reference_size
        self.scale = min(size[0] / ref.width, size[1] / ref.height)
        # one window pixel on the glass (equals the panel's pitch when the window fills the screen)
        self.pitch_mm = self.device.screen.pixel_pitch_mm * self.device.screen.width / size[0]
        self.target_px = target_px(self.pitch_mm)
        self.own_assets = assets is None
        self.assets = assets or AssetLoader(parent=self)
        self.assets.image_ready.connect(self._image_ready)
        self.assets.qr_ready.connect(self._qr_ready)
        self.images: dict[str, QImage | None] = {}
        self.qr_codes: dict[str, QrMatrix] = {}
        self.pending: set[str] = set()
        self.screens: list[PageScreen] = []
        self._looks: dict[tuple[bool, bool], Look] = {}

    # --- looks ----------------------------------------------------------------------------------------
    @property
    def theme(self) -> Theme | None:
        entry = self.content.themes.get(self.device.theme)
        return entry.model if entry else None

    def look(self, settings: Settings) -> Look:
        """The look for a session's settings: high-contrast palette, large-text factor (0.7° at the
        viewing distance, at least the theme's ``large_text_scale``)."""
        key = (settings.high_contrast, settings.large_text)
        if key not in self._looks:
            theme = self.theme
            look = look_for(theme, self.scale, settings.high_contrast)
            if settings.large_text:
                minimum = theme.large_text_scale if theme else 1.6
                factor = large_text_factor(
                    look, self.device.screen.viewing_distance_m, self.pitch_mm, minimum
                )
                look = replace(look, text_scale=factor)
            self._looks[key] = look
        return self._looks[key]

    def env(self, settings: Settings, profile: KioskProfile | None = None) -> PageEnv:
        look = self.look(settings)
        language = settings.language
        return PageEnv(
            look=look,
            language=language,
            target_px=self.target_px,
            size=self.size,
            languages=tuple(self.device.languages),
            label_floor_px=floor_px(
                look, min_cap_height_px(self.device.screen.viewing_distance_m, self.pitch_mm)
            ),
            make_block=lambda block, parent: self._make_block(
                block, parent, look, language, profile, settings.motion_paused
            ),
            image_for=self.images.get,
            qr_for=self.qr_for,
        )

    # --- screens --------------------------------------------------------------------------------------
    def build(self, page_id: str, settings: Settings, profile: KioskProfile | None = None) -> PageScreen:
        """The screen of ``page_id``; raises ``PageMissing`` if the page does not exist."""
        view = page_view(self.content, page_id, settings.language)
        screen = PageScreen(view, self.env(settings, profile), at_home=page_id == self.device.home_page)
        self.screens = [s for s in self.screens if shiboken6.isValid(s)] + [screen]
        return screen

    def panel(self, settings: Settings) -> AccessPanel:
        return AccessPanel(settings, self.env(settings), list(self.device.languages))

    # --- assets ---------------------------------------------------------------------------------------
    def preload(self) -> None:
        """Prepare every picture and QR code the pages use, in worker threads."""
        pictures: dict[str, tuple[int, int]] = {}
        margin = round(40 * self.scale)
        picture_box = (self.size[0] - 2 * margin, round(self.size[1] * 0.4))
        icon = round(ICON_REF_PX * self.scale)
        urls: set[str] = set()
        for entry in self.content.pages.values():
            page = entry.model
            if page.icon:
                pictures.setdefault(page.icon, (icon, icon))
            for block in page.blocks:
                if isinstance(block, ImageBlock):
                    pictures[block.image] = picture_box  # the larger box wins
                elif isinstance(block, QrBlock):
                    urls.add(block.url)
                elif isinstance(block, ContactBlock) and block.url is not None:
                    urls.add(block.url)  # shown as the card's website code
        self.pending = {f"img:{p}" for p in pictures} | {f"qr:{u}" for u in urls}
        if not self.pending:
            self.preloaded.emit()
            return
        for path, box in pictures.items():
            self.assets.request_image(f"img:{path}", self.content.content_dir / path, box, "contain")
        for url in urls:
            self.assets.request_qr(f"qr:{url}", url)

    def qr_for(self, url: str) -> QrMatrix:
        if url not in self.qr_codes:
            # not preloaded (yet): encoding a short URL takes a few milliseconds, done here once
            self.qr_codes[url] = qr_matrix(url)
        return self.qr_codes[url]

    def _image_ready(self, key: str, image: QImage | None) -> None:
        if not key.startswith("img:"):
            return  # a shared loader also serves others
        path = key.removeprefix("img:")
        self.images[path] = image
        for screen in self.screens:
            if shiboken6.isValid(screen):
                screen.set_image(path, image)
        self._done(key)

    def _qr_ready(self, key: str, matrix: QrMatrix | None) -> None:
        if not key.startswith("qr:"):
            return
        if matrix is not None:  # without one the block shows its link as text
            self.qr_codes[key.removeprefix("qr:")] = matrix
        self._done(key)

    def _done(self, key: str) -> None:
        if key in self.pending:
            self.pending.discard(key)
            if not self.pending:
                self.preloaded.emit()

    # --- live blocks ----------------------------------------------------------------------------------
    def _ctx(self, look: Look, language: str) -> SlideContext:
        return SlideContext(
            look=look,
            language=language,
            now=self.now,
            reduce_motion=self.device.reduce_motion,
            allowlist=tuple(self.device.web_allowlist),
        )

    def _make_block(
        self,
        block: Block,
        parent: QWidget,
        look: Look,
        language: str,
        profile: KioskProfile | None,
        motion_paused: bool = False,
    ) -> QWidget | None:
        ctx = self._ctx(look, language)
        if isinstance(block, WidgetBlock):
            widget_block = block

            def table(state: DataState | None) -> Table:
                return present(
                    widget_block.widget, state, language, self.now(), self.tz, widget_block.max_items
                )

            state = self.hub.state(block.source) if self.hub else None
            view = DataBlockView(table(state), look, parent)
            if self.hub is not None:
                self.hub.updated.connect(_Feed(view, block.source, table).on_update)
            return view
        if isinstance(block, WebBlock):
            if not self.web or profile is None:
                # the text alternative; web content only ever runs in a session's own off-the-record
                # profile, so nothing of it can outlive the session (runtime/session_web.py)
                return None
            from kiosk.ui.slides.web import WebSlideWidget

            slide_web = WebSlide(type="web", url=block.url, alt=block.alt)
            web = WebSlideWidget(slide_web, ctx, profile, parent)
            web.setFixedHeight(round(self.size[1] * 0.45))
            return web
        if isinstance(block, VideoBlock):
            return self._video(block, ctx, parent, motion_paused)
        return None

    def _video(self, block: VideoBlock, ctx: SlideContext, parent: QWidget, paused: bool) -> QWidget:
        """A page's video: always muted (see ``VideoBlock``), looping while the page is open, its captions
        drawn in the session's look (high contrast, large text) like everything else on the page."""
        from kiosk.runtime.video import video_widget  # QtMultimedia only where a page has a video

        slide = VideoSlide(
            type="video", video=block.video, alt=block.alt, muted=True, play="loop", captions=block.captions
        )
        widget = video_widget(slide, ctx, self.content.content_dir)
        widget.setParent(parent)
        # no taller than a 16:9 picture across the page: bands above and below would only push the rest
        # of the page (and, on a short viewport, the video's own bottom with its captions) out of view
        width = self.size[0] - 2 * round(40 * self.scale)
        widget.setFixedHeight(min(round(self.size[1] * block.height), round(width * 9 / 16)))
        if not paused:  # "stop moving content": held at its first frame, with that moment's caption
            widget.start()  # the page is shown as it is built
        return widget

    def replace_content(self, content: ContentSet) -> None:
        """New content: pages change, pictures are prepared again, the device's settings are re-read."""
        self.content = content
        self.device = content.devices[self.device_id].model
        self.images.clear()
        self.qr_codes.clear()
        self._looks.clear()
        self.preload()

    def shutdown(self) -> None:
        if self.own_assets:
            self.assets.shutdown()


__all__ = ["PageFactory"]
