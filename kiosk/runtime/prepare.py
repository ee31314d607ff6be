"""Turn a slide into a widget with its assets on the way: pictures and QR codes from worker threads,
videos from a runtime-owned player, web pages in the kiosk profile, data widgets from the data hub."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from kiosk.config.models.slides import (
    BackgroundGradient,
    BackgroundPicture,
    ClockSlide,
    DataSlide,
    ImageSlide,
    QrSlide,
    SlideBase,
    TextSlide,
    TickerSlide,
    VideoSlide,
    WebSlide,
)
from kiosk.data.present import Table, present
from kiosk.data.records import AlertRecord, NewsRecord
from kiosk.data.state import DataState
from kiosk.media.images import Framing
from kiosk.media.qrcode import QrMatrix
from kiosk.media.scrim import Scrim
from kiosk.runtime.assets import AssetLoader, TextOver
from kiosk.runtime.chromium import added_after_start
from kiosk.runtime.datahub import DataHub
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.slides.basic import ClockSlideWidget, NoticeSlideWidget, TextSlideWidget, TickerSlideWidget
from kiosk.ui.slides.brand import BrandFrame
from kiosk.ui.slides.composed import ComposedTextWidget, Plan
from kiosk.ui.slides.data import DataSlideWidget
from kiosk.ui.slides.picture import ImageSlideWidget, QrSlideWidget

if TYPE_CHECKING:  # QtWebEngine and QtMultimedia load with the first web or video slide built
    from kiosk.ui.slides.web import KioskProfile

log = logging.getLogger(__name__)


class DataFeed(QObject):
    """Keeps one data widget current; a child of the widget, so the connection dies with it."""

    def __init__(self, widget: DataSlideWidget, slide: DataSlide, factory: SlideFactory) -> None:
        super().__init__(widget)
        self.widget = widget
        self.slide = slide
        self.factory = factory

    def on_update(self, source_id: str, state: object) -> None:
        if source_id == self.slide.source and isinstance(state, DataState):
            self.widget.set_table(self.factory.table(self.slide, state))


class SlideFactory(QObject):
    """Creates slide widgets for one device; every widget reports ``ready`` or ``failed``."""

    def __init__(
        self,
        content_dir: Path,
        ctx: SlideContext,
        parent: QObject | None = None,
        web: bool = True,
        hub: DataHub | None = None,
        tz: ZoneInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.web = web
        self.hub = hub
        self.tz = tz or ZoneInfo("Europe/Berlin")
        self.content_dir = content_dir
        self.ctx = ctx
        self.assets = AssetLoader(parent=self)
        self.assets.image_ready.connect(self._image_ready)
        self.assets.qr_ready.connect(self._qr_ready)
        self.assets.backdrop_ready.connect(self._backdrop_ready)
        self.waiting: dict[str, SlideWidget] = {}
        self.plans: dict[str, Plan] = {}  # what each background picture on its way was made for
        self._profile: KioskProfile | None = None
        self._serial = 0

    @property
    def profile(self) -> KioskProfile:
        if self._profile is None:  # created on first use: a pure signage device may never need Chromium
            from kiosk.ui.slides.web import make_kiosk_profile

            self._profile = make_kiosk_profile(self.ctx.allowlist, None)
        return self._profile

    def replace_context(self, ctx: SlideContext) -> None:
        """A reloaded device file: new slides get the new context; open pages obey the new allowlist."""
        if ctx.allowlist != self.ctx.allowlist:
            late = added_after_start(ctx.allowlist)
            if late:  # Chromium's host rules are fixed when it starts (runtime/chromium.py)
                log.warning("web pages from %s can load only after a restart of the kiosk", ", ".join(late))
        self.ctx = ctx
        if self._profile is not None:
            self._profile.set_allowlist(ctx.allowlist)

    def make(self, slide: SlideBase, size: tuple[int, int]) -> SlideWidget:
        """A widget for ``slide`` sized ``size``; loading starts at once."""
        ctx = self.ctx
        if isinstance(slide, TextSlide):
            return self._text(slide, size)
        if isinstance(slide, ClockSlide):
            brand = ctx.look.brand  # the theme's header band goes where the clock is
            return BrandFrame(slide, ctx, brand, size) if brand is not None else ClockSlideWidget(slide, ctx)
        if isinstance(slide, TickerSlide):
            return TickerSlideWidget(slide, ctx, extra_items=self._feed_items(slide))
        if isinstance(slide, DataSlide):
            state = self.hub.state(slide.source) if self.hub else None
            data_widget = DataSlideWidget(slide, ctx, self.table(slide, state))
            if self.hub is not None:
                feed = DataFeed(data_widget, slide, self)
                self.hub.updated.connect(feed.on_update)
            return data_widget
        if isinstance(slide, ImageSlide):
            image_widget = ImageSlideWidget(slide, ctx)
            # contain fills its free bands with the picture itself, blurred: never the zone's white
            framing = Framing(focus=(slide.focus.x, slide.focus.y), bands=True)
            self.assets.request_image(
                self._wait(image_widget), self.content_dir / slide.image, size, slide.fit, framing
            )
            return image_widget
        if isinstance(slide, QrSlide):
            qr_widget = QrSlideWidget(slide, ctx)
            self.assets.request_qr(self._wait(qr_widget), slide.url)
            return qr_widget
        if isinstance(slide, VideoSlide):
            from kiosk.runtime.video import video_widget  # QtMultimedia only on a device that plays video

            return video_widget(slide, ctx, self.content_dir)
        if isinstance(slide, WebSlide):
            if not self.web:
                unavailable = SlideWidget(slide, ctx)
                unavailable.mark_failed(
                    "web pages are off: QtWebEngine cannot run as root without its sandbox"
                )
                return unavailable
            from kiosk.ui.slides.web import WebSlideWidget  # QtWebEngine only with a web slide

            return WebSlideWidget(slide, ctx, self.profile)
        return NoticeSlideWidget(slide, ctx)

    def _text(self, slide: TextSlide, size: tuple[int, int]) -> SlideWidget:
        """A text slide; with a background picture, that picture cut to its area and the scrim the
        text box needs are prepared off the GUI thread, and again whenever the zone's size changes."""
        background = slide.background
        if isinstance(background, BackgroundGradient):
            return ComposedTextWidget(slide, self.ctx)
        if not isinstance(background, BackgroundPicture):
            return TextSlideWidget(slide, self.ctx)
        widget = ComposedTextWidget(slide, self.ctx)
        if widget.wants_picture:  # not under the text in high contrast: the plain background there
            self._backdrop(widget, widget.plan(size))
            widget.picture_wanted.connect(lambda plan: self._backdrop(widget, plan))
        return widget

    def _backdrop(self, widget: ComposedTextWidget, plan: Plan) -> None:
        background = widget.composed.background
        assert isinstance(background, BackgroundPicture)
        text = None
        if plan.text_box is not None:
            box = plan.text_box.translated(-plan.picture.topLeft())
            light, dark = widget.light_dark()
            corners = (box.left(), box.top(), box.right() + 1, box.bottom() + 1)
            text = TextOver(corners, light, dark, fixed=background.scrim)
        framing = Framing(focus=(background.focus.x, background.focus.y))
        area = (plan.picture.width(), plan.picture.height())
        key = self._wait(widget)
        self.plans[key] = plan
        self.assets.request_backdrop(key, self.content_dir / background.image, area, framing, text)

    def table(self, slide: DataSlide, state: DataState | None) -> Table:
        heading = slide.heading.get(self.ctx.language) if slide.heading else ""
        return present(
            slide.widget, state, self.ctx.language, self.ctx.now(), self.tz, slide.max_items, heading
        )

    def _feed_items(self, slide: TickerSlide) -> tuple[str, ...]:
        """Headlines of the ticker's feed (news or warnings), if its source has fresh data."""
        state = self.hub.state(slide.source) if self.hub and slide.source else None
        if state is None or not state.available(self.ctx.now()):
            return ()
        items = [r.title for r in state.records if isinstance(r, NewsRecord)]
        items += [r.headline for r in state.records if isinstance(r, AlertRecord) and r.msg_type != "cancel"]
        return tuple(items[:20])

    def notice(self, slide: SlideBase, note: str = "") -> SlideWidget:
        """The stand-in for a slide that cannot be shown: its title and text alternative."""
        return NoticeSlideWidget(slide, self.ctx, note=note)

    def _wait(self, widget: SlideWidget) -> str:
        self._serial += 1
        key = f"asset-{self._serial}"
        self.waiting[key] = widget
        return key

    def _take(self, key: str) -> SlideWidget | None:
        widget = self.waiting.pop(key, None)
        # the widget may have been deleted meanwhile (plan changed before the picture arrived)
        return widget if widget is not None and shiboken6.isValid(widget) else None

    def _image_ready(self, key: str, image: QImage | None) -> None:
        widget = self._take(key)
        if isinstance(widget, ImageSlideWidget):
            widget.set_image(image)

    def _backdrop_ready(self, key: str, image: QImage | None, scrim: Scrim | None) -> None:
        plan = self.plans.pop(key, None)
        widget = self._take(key)
        if isinstance(widget, ComposedTextWidget):
            widget.set_backdrop(image, scrim, plan)

    def _qr_ready(self, key: str, matrix: QrMatrix | None) -> None:
        widget = self._take(key)
        if isinstance(widget, QrSlideWidget):
            if matrix is None:
                widget.mark_failed("the QR code could not be made")
            else:
                widget.set_matrix(matrix)

    def shutdown(self) -> None:
        self.assets.shutdown()
        if self._profile is not None:
            self._profile.deleteLater()
            self._profile = None
