"""The interactive side of a touch terminal: sessions, page navigation, explore-by-touch, keypad, speech.

attract loop ──touch──▶ session on the home page ──idle──▶ warning (seen and heard) ──▶ reset ──▶ attract
The pure ``SessionMachine`` decides *when*; this controller decides *what*: which screen is on top, what
is focused, what is spoken. Every user action first silences speech (EN 301 549 5.1.3.5). In speech mode
a touch only speaks what is under the finger and a double-tap or Enter activates it (EN 5.5.2); the
keypad moves a visible focus over every item including static text (EN 5.1.6.1, EZ Access). A reset
wipes everything a passer-by left: pages, settings, speech, volume and the whole web profile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import ContentSet
from kiosk.config.models.device import Device
from kiosk.navigation.strings import ui_text
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.screens import Screens, key_codes
from kiosk.runtime.session_device import SessionDevice
from kiosk.runtime.session_input import SessionInput
from kiosk.runtime.session_notices import SessionNotices
from kiosk.runtime.session_privacy import SessionPrivacy
from kiosk.runtime.session_web import SessionWeb
from kiosk.runtime.speaker import Speaker
from kiosk.runtime.voice import Voice
from kiosk.schedule.clock import Clock
from kiosk.session.machine import Change, Phase, SessionMachine, Timing
from kiosk.session.settings import VOLUME_STEPS, Settings
from kiosk.ui.attract import AttractBar
from kiosk.ui.explore import DOUBLE_TAP_MS, FocusRing, InputFilter
from kiosk.ui.idle import Notice
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pages.panel import AccessPanel
from kiosk.ui.pages.screen import PageScreen
from kiosk.ui.theme import Look

log = logging.getLogger(__name__)


class Interaction(SessionPrivacy, SessionDevice, SessionNotices, SessionInput, QObject):
    """Runs sessions on one touch terminal window. ``language_shown(str)``: the session's language (the
    device's default after a reset), whenever the screens are styled anew."""

    language_shown = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        content: ContentSet,
        device_id: str,
        clock: Clock,
        speaker: Speaker | None,
        screens: Screens,
        look_for_settings: Callable[[Settings], Look],
        on_session: Callable[[bool], None] = lambda active: None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.device: Device = content.devices[device_id].model
        self.clock = clock
        self.speaker = speaker
        self.screens = screens
        self.look_for_settings = look_for_settings
        self.on_session = on_session
        self.machine = SessionMachine(Timing.of(self.device.session))
        self.settings = Settings.defaults(self.device)
        self.stack: list[str] = []
        self.page: PageScreen | None = None  # the page on top of the attract loop
        self.panel: AccessPanel | None = None  # the accessibility panel, above the page
        self.notice: Notice | None = None  # help or idle warning, above everything of the session
        self.focused: QWidget | None = None
        self.help_level = 0
        self.focus_before_notice: QWidget | None = None
        self.web = SessionWeb(window, tuple(self.device.web_allowlist))
        self.voice = Voice(speaker)
        self.alert_text: Callable[[], tuple[str, str]] | None = None  # set by the shell
        self.pages_seen = 0
        look = look_for_settings(self.settings)
        self.ring = FocusRing(look, window)
        self.attract = AttractBar(look, self.device.languages, screens.target_px(), window)
        self.attract.access.clicked.connect(self._attract_access)
        self.filter = InputFilter(
            window,
            key_codes(self.device),
            timer_ms(self.device.speech.long_press, minimum_ms=500),
            debounce_ms=round(self.device.keypad.debounce.total_seconds() * 1000),
        )
        self.filter.pass_through = [self.attract.access]
        self.filter.capture = True  # attract: a touch starts a session, it never clicks a slide
        self.filter.interrupted.connect(self._interrupted)
        self.filter.pressed.connect(self._pressed)
        self.filter.touched.connect(self._touched)
        self.filter.moved.connect(self._explore)
        self.filter.released.connect(self._released)
        self.filter.double_tapped.connect(self._double_tapped)
        self.filter.long_pressed.connect(self._long_pressed)
        self.filter.key_action.connect(self._key)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._update_countdown)
        self._settle = QTimer(self)  # after a page opens, the second tap of a double-tap must not hit it
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._update_capture)
        self.hint_timer = QTimer(self)  # the spoken attract hint, if the device asks for one
        self.hint_timer.timeout.connect(self._attract_hint)
        window.add_layer(self.attract, "chrome")
        window.add_layer(self.ring, "ring")

    def start(self) -> None:
        self._apply_speech_setting()  # the default volume from the first warning on, not full volume
        self.filter.install()
        self.attract.show()
        self.window.arrange_layers()
        self._arm_attract_hint()

    def stop(self) -> None:
        self.filter.remove()
        self.timer.stop()
        self.hint_timer.stop()
        self.countdown.stop()
        self._close_session_widgets()
        self.web.drop()

    # --- session ------------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.machine.phase

    def now(self) -> datetime:
        return self.clock.now()

    def tick(self) -> None:
        """The machine's deadline came: the warning starts or the session ends."""
        change = self.machine.tick(self.now())
        if change is Change.WARNED:
            self._show_warning()
        elif change is Change.RESET:
            self._reset("idle")
        self._arm()

    def _activity(self) -> None:
        change = self.machine.activity(self.now())
        if change is Change.EXTENDED:
            self._close_notice()
            log.info("session extended (%d left)", self.machine.extensions_left)
        self._arm()

    def more_time(self) -> None:
        if self.phase is Phase.WARNING:
            self._activity()

    def start_session(self, speech: bool = False, panel: bool = False) -> None:
        if self.closed or self.machine.activity(self.now()) is not Change.STARTED:
            return  # closed: the screen is off and stays so
        log.info("session started%s", " in speech mode" if speech else "")
        self.pages_seen = 0
        self.on_session(True)
        self.hint_timer.stop()
        self.attract.hide()
        self.settings = Settings.defaults(self.device)
        if speech:
            self.settings = replace(self.settings, speech=True)
        self._apply_speech_setting()
        if not self._open_top([self.device.home_page or ""], announce=not panel):
            self.end_session()  # no home page, no session: back to the loop rather than a blank screen
            return
        if panel:
            self.open_panel()
        self._arm()

    def end_session(self) -> None:
        """The passer-by chose to finish (or a test ends it): the same wipe as an idle reset."""
        if self.machine.end() is Change.RESET:
            self._reset("ended")
        self._arm()

    def _reset(self, why: str) -> None:
        log.info("session reset (%s) after %d page(s)", why, self.pages_seen)
        self.voice.reset()
        self._close_session_widgets()
        self.stack = []
        self.settings = Settings.defaults(self.device)
        self._apply_speech_setting()
        self.web.drop()
        self._restyle()
        self.attract.show()
        self.filter.capture = True
        self.window.arrange_layers()
        self._arm_attract_hint()
        self.on_session(False)

    def _close_session_widgets(self) -> None:
        self.countdown.stop()
        for widget in (self.notice, self.panel, self.page):
            if widget is not None and shiboken6.isValid(widget):
                widget.hide()
                widget.deleteLater()
        self.notice = self.panel = self.page = None
        self._focus(None, speak=False)

    @property
    def profile(self) -> object:
        """The session's browser profile (None until a page embeds the web, and after a reset)."""
        return self.web.current

    # --- screens ------------------------------------------------------------------------------------
    @property
    def content(self) -> ContentSet:
        return self.screens.content  # the page factory's: replaced there on a content reload

    @property
    def lang(self) -> str:
        return self.settings.language

    def alert(self) -> QWidget | None:
        """The emergency overlay, if one covers the session."""
        return next(
            (o for o in self.window.overlays if o.isVisible() and o.geometry() == self.window.rect()), None
        )

    def top(self) -> QWidget | None:
        if self.alert() is not None:
            return None  # nothing of the session can be operated under an emergency takeover
        for widget in (self.notice, self.panel, self.page):
            if widget is not None and widget.isVisible():
                return widget
        return None

    def items(self) -> list[QWidget]:
        top = self.top()
        items = getattr(top, "items", None)
        return list(items()) if callable(items) else []

    def _open_top(self, stack: list[str] | None = None, announce: bool = True) -> bool:
        """Show the last page of ``stack`` (default: the current one again). The stack changes only
        when the page could be built, so what is shown and where Back leads never drift apart."""
        stack = list(self.stack if stack is None else stack)
        page_id = stack[-1]
        old = self.page
        try:
            screen = self.screens.make_screen(page_id, self.settings, self.web.profile)
        except Exception:  # supervision boundary: a broken page must not end the session or the kiosk
            log.exception("page %s could not be built", page_id)
            self._error(ui_text("error_page_missing", self.lang))
            return False
        self.stack = stack
        self._connect_page(screen)
        self.page = screen
        SessionWeb.watch_motion(screen, lambda: self.settings.motion_paused)
        self.window.add_layer(screen, "page")
        screen.show()
        self.window.arrange_layers()
        if old is not None and shiboken6.isValid(old):
            old.hide()
            old.deleteLater()
        self.pages_seen += 1
        self.on_page(page_id)
        self._focus(None, speak=False)
        self._sync_pause_label()
        # the second tap of a quick double-tap (a habit from the desktop) must not open the next level
        self.filter.capture = True
        self._settle.start(DOUBLE_TAP_MS)
        if announce:
            self.say(self.screens.announcement(screen))
        return True

    def _connect_page(self, screen: PageScreen) -> None:
        screen.navigate.connect(self.open_page)
        screen.back_requested.connect(self.back)
        screen.home_requested.connect(self.home)
        screen.help_requested.connect(self.help)
        screen.repeat_requested.connect(self.repeat)
        screen.pause_requested.connect(self.toggle_pause)
        screen.access_requested.connect(self.open_panel)

    def open_page(self, page_id: str) -> None:
        if page_id not in self.content.pages:
            log.error("page %s is not in the content", page_id)
            self._error(ui_text("error_page_missing", self.lang))
            return
        self._open_top([*self.stack, page_id])

    def back(self) -> None:
        if self.notice is not None:
            self._close_notice()
        elif self.panel is not None:
            self.close_panel()
        elif len(self.stack) > 1:
            self._open_top(self.stack[:-1])
        else:
            self.say(self.screens.announcement(self.page) if self.page else "")

    def home(self) -> None:
        self._close_notice()
        self.close_panel(announce=False)
        self._open_top(self.stack[:1])

    def open_panel(self) -> None:
        if self.panel is not None:
            return
        panel = self.screens.make_panel(self.settings)
        panel.changed.connect(self.apply_settings)
        panel.close_requested.connect(self.close_panel)
        self.panel = panel
        self.window.add_layer(panel, "panel")
        panel.show()
        self.window.arrange_layers()
        self._focus(None, speak=False)
        self.say(self.screens.announcement(panel))

    def close_panel(self, announce: bool = True) -> None:
        panel, self.panel = self.panel, None
        if panel is None:
            return
        panel.hide()
        panel.deleteLater()
        self._focus(None, speak=False)
        if announce and self.page is not None:
            self.say(self.screens.announcement(self.page))

    def repeat(self) -> None:
        self.voice.repeat()

    def toggle_pause(self) -> None:
        self.voice.toggle_pause()
        self._sync_pause_label()

    def _sync_pause_label(self) -> None:
        if self.page is not None:
            self.page.set_paused(self.voice.held is not None)

    # --- settings -----------------------------------------------------------------------------------
    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        if new.volume != old.volume and self.speaker is not None:
            self.speaker.set_volume(new.volume)
        if new.speech != old.speech:
            self._apply_speech_setting()
            self.say(ui_text("speech_on" if new.speech else "speech_off", new.language), force=True)
        looks = (old.language, old.large_text, old.high_contrast)
        if looks != (new.language, new.large_text, new.high_contrast):
            focused = self.focused.objectName() if self.focused is not None else ""
            self._restyle()
            self._open_top(announce=False)  # on failure the old screen stays: still usable
            panel, self.panel = self.panel, None
            if panel is not None:
                panel.hide()
                panel.deleteLater()
                self.open_panel()
            # the keypad user stays on the item they just chose, in the rebuilt screen
            again = next((w for w in self.items() if focused and w.objectName() == focused), None)
            if again is not None:
                self._focus(again, speak=False)
        elif self.panel is not None:
            self.panel.set_settings(new)
        if new.motion_paused != old.motion_paused:
            SessionWeb.apply_motion(self.page, new.motion_paused)

    def _apply_speech_setting(self) -> None:
        self.machine.speech = self.settings.speech
        if self.speaker is not None:
            self.speaker.set_volume(self.settings.volume)
        self._update_capture()

    def _restyle(self) -> None:
        look = self.look_for_settings(self.settings)
        self.ring.look = look
        self.attract.set_look(look)
        self.language_shown.emit(self.settings.language)  # warnings on screen follow the passer-by

    def _update_capture(self) -> None:
        # attract: touches start a session; speech mode: touches explore; otherwise widgets get them
        if self._settle.isActive():
            return  # a page just opened: capturing until the settle time is over
        self.filter.capture = self.phase is Phase.ATTRACT or self.settings.speech
        self.filter.pass_through = [self.attract.access] if self.phase is Phase.ATTRACT else []

    def start_speech(self) -> None:
        """Speech mode from the Help key or a long touch: say so, then where the passer-by is."""
        if self.settings.speech:
            return
        self.apply_settings(replace(self.settings, speech=True))
        top = self.top()
        self.say(self.screens.announcement(top) if top is not None else "")

    def change_volume(self, step: int) -> None:
        """One volume step (keypad Vol±), announced; an open panel shows the new level too."""
        self.apply_settings(self.settings.with_volume(self.settings.volume + step))
        self.say(ui_text("volume_level", self.lang, n=self.settings.volume, of=VOLUME_STEPS), force=True)
