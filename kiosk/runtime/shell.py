"""Composition of one device: content, window, zones, the player, and (optionally) hot reload."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from kiosk.config.loader import ContentSet, LoadResult
from kiosk.config.models.device import Device
from kiosk.data.emergency import ActiveAlert
from kiosk.data.present_words import t
from kiosk.media.audio_device import audio_missing
from kiosk.records.place import records_dir
from kiosk.runtime.datahub import DataHub, default_data_dir
from kiosk.runtime.player import Player
from kiosk.runtime.prepare import SlideFactory
from kiosk.runtime.reports import Reports
from kiosk.runtime.screen_power import ScreenPower
from kiosk.runtime.theme_files import load_brand, load_fonts
from kiosk.runtime.tone import AlertTone
from kiosk.runtime.web_memory import RendererWatch
from kiosk.schedule.clock import Clock
from kiosk.schedule.resolver import DevicePlan
from kiosk.ui.alert import AlertBanner, AlertOverlay, word
from kiosk.ui.main_window import MainWindow
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.theme import look_for

if TYPE_CHECKING:  # the touch-terminal parts (pages, session, speech) load only on a touch terminal
    from kiosk.runtime.interaction import Interaction
    from kiosk.runtime.speaker import Speaker

log = logging.getLogger(__name__)


class Shell(QObject):
    """Builds the window for a device and plays it."""

    def __init__(
        self,
        content: ContentSet,
        device: str,
        size: tuple[int, int],
        kiosk_mode: bool,
        clock: Clock,
        schedule_at: Callable[[datetime | None, float], None] | None = None,
        web: bool = True,
        animate: bool = True,
        live: bool = True,
        speech: bool = True,
        data_dir: Path | None = None,
        records: bool = True,
    ) -> None:
        super().__init__()
        self.content = content
        self.device_id = device
        model = content.devices[device].model
        self.layout = content.layouts[model.layout].model
        theme = content.themes.get(model.theme)
        if theme is not None:
            load_fonts(content.content_dir, theme.model.font_files)
        ref = self.layout.reference_size
        look = look_for(theme.model if theme else None, min(size[0] / ref.width, size[1] / ref.height))
        # where the readers stand: every signage text (and the emergency overlay) is sized from it; the
        # pitch is that of one window pixel, so a preview window at half size keeps the real proportions
        self.look = replace(
            look,
            viewing_distance_m=model.screen.viewing_distance_m,
            pixel_pitch_mm=model.screen.pixel_pitch_mm * model.screen.width / size[0],
            low_vision=model.screen.low_vision_factor,
            brand=load_brand(content.content_dir, theme.model.brand) if theme is not None else None,
        )
        self.window = MainWindow(model.name, self.layout, self.look, kiosk_mode)
        self.window.resize(*size)
        tz = ZoneInfo(model.timezone)
        self.clock = clock
        self.ctx = self._context(model, animate)
        self.hub = DataHub(content, device, clock, data_dir or default_data_dir(), live=live, parent=self)
        self.factory = SlideFactory(content.content_dir, self.ctx, parent=self, web=web, hub=self.hub, tz=tz)
        self.player = Player(content, device, self.window, self.factory, clock, schedule_at, animate=animate)
        # screen power and the records for the city (a preview picture records nothing)
        self.power = ScreenPower(QGuiApplication.platformName(), switching=kiosk_mode, parent=self)
        folder = records_dir(data_dir)
        self.reports = Reports(device, model.records, folder, clock, tz, self) if records else None
        self.player.on_plan = self._plan
        self.player.on_shown = self._shown
        self.renderers = RendererWatch(self.window, parent=self)  # web pages past their memory limit end
        self.overlay = AlertOverlay(self.look, model.default_language, tz, self.window)
        self.banner = AlertBanner(self.look, model.default_language, self.window)
        self.window.overlays = [self.banner, self.overlay]
        self.tone = AlertTone(self)
        # touch terminals also speak a warning (closed functionality: usable without sight)
        # (a picture from ``kiosk preview`` needs no voice: no speech worker process for it)
        self.speaker: Speaker | None = None
        if model.role == "touch-terminal" and speech:
            from kiosk.runtime.speaker import Speaker, words_of

            self.speaker = Speaker(model.speech.rate_wpm, self)
            self.speaker.set_words(words_of(content))
        self.seen_alerts: set[str] = set()
        self.takeovers: list[ActiveAlert] = []
        self.worst: ActiveAlert | None = None
        self.hub.alerts_changed.connect(self._alerts)
        self.interaction: Interaction | None = None
        if model.role == "touch-terminal" and model.home_page is not None:
            from kiosk.runtime.headphones import HeadphoneWatch
            from kiosk.runtime.interaction import Interaction
            from kiosk.runtime.pages import PageFactory
            from kiosk.runtime.screens import Screens

            self.pages = PageFactory(
                content,
                device,
                size,
                self,
                web=web,
                hub=self.hub,
                now=self.ctx.now,
                assets=self.factory.assets,
            )
            self.interaction = Interaction(
                self.window,
                content,
                device,
                clock,
                self.speaker,
                Screens(self.pages),
                self.pages.look,
                on_session=self._session,
            )
            self.interaction.alert_text = self._alert_speech
            self.interaction.on_page = self._page_view
            self.interaction.language_shown.connect(self._alert_language)
            # plugging headphones in starts reading aloud (R02); without any audio there is nothing to
            # watch (and QtMultimedia would print a sound-server error)
            self.headphones = HeadphoneWatch(self) if audio_missing() is None else None
            if self.headphones is not None:
                self.headphones.plugged.connect(self.interaction.headphones_plugged)

    def _context(self, model: Device, animate: bool) -> SlideContext:
        tz = ZoneInfo(model.timezone)
        clock = self.clock
        return SlideContext(
            look=self.look,
            language=model.default_language,
            now=lambda: clock.now().astimezone(tz),
            # a picture (preview, golden, watch) holds tickers where they start: the same at any machine load
            reduce_motion=model.reduce_motion or not animate,
            allowlist=tuple(model.web_allowlist),
        )

    def start(self) -> None:
        self.power.start()
        self.hub.start()  # last good data first, so data slides have something on their first frame
        self.player.start()
        self.renderers.start()
        if self.interaction is not None:
            self.pages.preload()
            self.interaction.start()
            self.interaction.set_closed(self.power.quiet)  # started closed: no attract bar either

    def _session(self, active: bool) -> None:
        # nothing moves or switches under someone using the terminal (WCAG 2.2.2); the resolver is
        # time-anchored, so the loop resumes with what plays now
        if active:
            self.player.pause()
        else:
            self.player.resume()
            if self.reports is not None:
                self.reports.session_ended()
        self._cover("session", active)

    # --- screen power and records ---------------------------------------------------------------------
    def _plan(self, plan: DevicePlan) -> None:
        self._power(open=plan.open)

    def _power(self, open: bool | None = None, takeover: bool | None = None) -> None:
        """Closed and no warning: the screen off, nothing drawn, nothing spoken, no session starts."""
        was_quiet = self.power.quiet
        self.power.update(open=open, takeover=takeover)
        quiet = self.power.quiet
        if quiet == was_quiet:
            return
        if quiet:
            self.banner.hide()  # a moderate warning's strip is not drawn on a screen that is off
        else:
            self.banner.show_alerts(self.hub.alerts)
        if self.interaction is not None:
            self.interaction.set_closed(quiet)
        self.window.arrange_layers()

    def _shown(self, zone: str, playlist: str | None, slide: str | None) -> None:
        if self.reports is not None:
            self.reports.shown(zone, playlist, slide)

    def _cover(self, why: str, covered: bool) -> None:
        """A session's page or an emergency overlay hides the zones: their showings pause (proof of play
        counts only what was seen)."""
        if self.reports is not None:
            self.reports.cover(why, covered)

    def _page_view(self, page: str) -> None:
        if self.reports is not None and self.interaction is not None:
            self.reports.page_view(page, self.interaction.settings)

    def _alerts(self, alerts: list[ActiveAlert]) -> None:
        self.overlay.show_alerts(alerts)
        self.banner.show_alerts(alerts)
        self.window.arrange_layers()  # the banner may push a session's page down, or free its strip
        new = {a.id for a in alerts if a.takeover} - self.seen_alerts
        ended = {f"all-clear.{a.id}" for a in self.takeovers}
        self.takeovers = [a for a in alerts if a.takeover]
        if self.interaction is not None:
            self.interaction.model.set_alert(bool(self.takeovers))  # input only replays the warning
        self._power(takeover=bool(self.takeovers))
        self._cover("alert", bool(self.takeovers))
        if self.power.quiet:
            self.banner.hide()
        self._speak_all_clear([a for a in alerts if a.id in ended and a.id not in self.seen_alerts])
        if new:
            self.tone.play()  # heard as well as seen
            self.worst = next(a for a in alerts if a.id in new)
            if self.speaker is not None:
                text, language = self._alert_speech()
                if self.interaction is not None:
                    self.interaction.voice.say(text, language)  # Repeat brings it back
                else:
                    self.speaker.say(text, language)
        self.seen_alerts = {a.id for a in alerts}

    def _speak_all_clear(self, cleared: list[ActiveAlert]) -> None:
        """A touch terminal that spoke a takeover also says when it is over (heard as well as seen)."""
        if not cleared or self.speaker is None:
            return
        language = self.interaction.lang if self.interaction is not None else self.ctx.language
        text = f"{word('all_clear', language)}. {cleared[0].text('headline', language)}."
        if self.interaction is not None:
            self.interaction.voice.say(text, language)
        else:
            self.speaker.say(text, language)

    def _alert_language(self, language: str) -> None:
        """Warnings on screen in the passer-by's language (the device's again after a reset)."""
        if language == self.overlay.language and language == self.banner.language:
            return
        self.overlay.language = self.banner.language = language
        self.overlay.show_alerts(self.hub.alerts)
        self.banner.show_alerts(self.hub.alerts)
        self.window.arrange_layers()

    def _alert_speech(self) -> tuple[str, str]:
        """The newest takeover warning as spoken text, in the passer-by's language if a session runs."""
        alert = (
            self.worst if self.worst in self.takeovers else (self.takeovers[0] if self.takeovers else None)
        )
        language = self.interaction.lang if self.interaction is not None else self.ctx.language
        if alert is None:
            return "", language
        text = f"{t(alert.severity, language)}. {alert.text('headline', language)}. "
        return text + alert.text("instruction", language), language

    def apply_reload(self, result: LoadResult, changed: frozenset[str] = frozenset()) -> None:
        """Take validated new content and re-apply the whole device: its allowlist, session timings, keypad,
        languages, motion and data sources at once. What cannot change without a blank frame (layout,
        theme, role, time zone, screen) or a new speech worker (speech rate) is logged as "restart to
        apply". ``changed``: files whose bytes changed under the same name (a synced version)."""
        new = result.content
        entry = new.devices.get(self.device_id)
        if entry is None:
            log.error("device %s is gone from the new content; keeping the last good content", self.device_id)
            return
        device, old = entry.model, self.content.devices[self.device_id].model
        theme = new.themes.get(device.theme)
        old_theme = self.content.themes.get(old.theme)
        needs_restart = [
            key
            for key, changed in (
                ("layout", device.layout != old.layout or new.layouts[device.layout].model != self.layout),
                ("theme", (theme.model if theme else None) != (old_theme.model if old_theme else None)),
                ("role", device.role != old.role or (device.home_page is None) != (old.home_page is None)),
                ("timezone", device.timezone != old.timezone),
                ("screen", device.screen != old.screen),
                # the speech worker process is given its rate when it starts
                ("speech rate", device.speech.rate_wpm != old.speech.rate_wpm),
                ("records", device.records != old.records),  # its files are opened at start
            )
            if changed
        ]
        if needs_restart:
            log.warning(
                "%s of %s changed: restart the kiosk to apply it", ", ".join(needs_restart), self.device_id
            )
        keys = sorted(k for k in type(device).model_fields if getattr(device, k) != getattr(old, k))
        if keys:
            log.info("device %s: applying %s", self.device_id, ", ".join(keys))
        self.content = new
        if theme is not None:  # a font file replaced under the same name: slides built from now on use it
            load_fonts(new.content_dir, theme.model.font_files)
        if self.speaker is not None:
            from kiosk.runtime.speaker import words_of

            self.speaker.set_words(words_of(new))
        self.ctx = self._context(device, self.player.animate)
        self.factory.replace_context(self.ctx)
        self.factory.content_dir = new.content_dir  # a synced version lives in a folder of its own
        # during a session the warnings stay in the passer-by's language (it ends with the session)
        language = self.interaction.lang if self.interaction is not None else device.default_language
        relabel = language != self.overlay.language
        self.overlay.language = self.banner.language = language
        self.hub.replace_content(new)
        if relabel:  # a warning on screen is drawn again in the new language (no tone, no speech again)
            self.overlay.show_alerts(self.hub.alerts)
            self.banner.show_alerts(self.hub.alerts)
            self.window.arrange_layers()
        self.player.replace_content(new, changed)
        if self.interaction is not None:
            self.pages.replace_content(new)  # new or changed page pictures are prepared again
            self.interaction.replace_device(device)

    def stop(self) -> None:
        self.renderers.stop()
        if self.interaction is not None:
            self.interaction.stop()
        if self.speaker is not None:
            self.speaker.shutdown()
        self.hub.stop()
        self.player.stop()
        if self.reports is not None:
            self.reports.stop()  # the showings on screen now end now
        self.power.stop()
        for zone in self.window.zones.values():
            zone.clear()
        self.factory.shutdown()
