"""The Qt side of sessions on a touch terminal: applies what the pure session controller decides.

attract loop ──touch──▶ session on the home page ──idle──▶ warning (seen and heard) ──▶ reset ──▶ attract
The rules live in ``kiosk.session.controller`` (stack, layer on top, focus, help, notices, settings,
alert-only mode), tested without a QApplication. This adapter builds the widgets, describes them to the
controller (``session_view``), turns input into events (``session_input``) and applies the returned
effects in order: show a page, open the panel, show a notice, say, focus, activate, wipe. It decides
nothing about the session itself, only Qt matters: timers, layers, the input filter's capture.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.config.loader import ContentSet
from kiosk.config.models.device import Device
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.screens import Screens, key_codes
from kiosk.runtime.session_device import SessionDevice
from kiosk.runtime.session_input import SessionInput
from kiosk.runtime.session_privacy import SessionPrivacy
from kiosk.runtime.session_view import describe
from kiosk.runtime.session_web import SessionWeb
from kiosk.runtime.speaker import Speaker
from kiosk.runtime.voice import Voice
from kiosk.schedule.clock import Clock
from kiosk.session import effects as fx
from kiosk.session.controller import SessionController
from kiosk.session.effects import Effects, Layer
from kiosk.session.machine import Phase, SessionMachine
from kiosk.session.settings import Settings
from kiosk.ui.attract import AttractBar
from kiosk.ui.cue import Cue
from kiosk.ui.explore import DOUBLE_TAP_MS, FocusRing, InputFilter
from kiosk.ui.idle import Notice
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pages.panel import AccessPanel
from kiosk.ui.pages.screen import PageScreen
from kiosk.ui.theme import Look

log = logging.getLogger(__name__)


class Interaction(SessionPrivacy, SessionDevice, SessionInput, QObject):
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
        self.model = SessionController(content.devices[device_id].model)
        self.clock = clock
        self.speaker = speaker
        self.screens = screens
        self.look_for_settings = look_for_settings
        self.on_session = on_session
        self.page: PageScreen | None = None  # the page on top of the attract loop
        self.panel: AccessPanel | None = None  # the accessibility panel, above the page
        self.notice: Notice | None = None  # help or idle warning, above everything of the session
        self.focused: QWidget | None = None
        self.widgets: dict[Layer, list[QWidget]] = {}  # each layer's items, as described to the model
        self.web = SessionWeb(window, tuple(self.device.web_allowlist))
        self.voice = Voice(speaker)
        self.alert_text: Callable[[], tuple[str, str]] | None = None  # set by the shell
        look = look_for_settings(self.settings)
        self.ring = FocusRing(look, window)
        self.cue = Cue(look, window)
        self.attract = AttractBar(look, self.device.languages, screens.target_px(), window)
        self.attract.access.clicked.connect(self._attract_access)
        self.attract.language_chosen.connect(lambda code: self.start_session(language=code))
        self.filter = InputFilter(
            window,
            key_codes(self.device),
            timer_ms(self.device.speech.long_press, minimum_ms=500),
            debounce_ms=round(self.device.keypad.debounce.total_seconds() * 1000),
        )
        self.filter.pass_through = self.attract.buttons()
        self.filter.capture = True  # attract: a touch starts a session, it never clicks a slide
        self.connect_input()
        # Pause and Repeat look and say whether they can act: after each input (it silences speech) and
        # whenever an utterance starts or ends
        self.filter.interrupted.connect(self._sync_pause_label)
        if speaker is not None:
            speaker.started.connect(self._sync_pause_label)
            speaker.finished.connect(self._sync_pause_label)
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
        window.add_layer(self.cue, "ring")  # above the session's screens, under the privacy blank

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

    # --- the model ----------------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self.model.settings

    @property
    def device(self) -> Device:  # the controller's: one copy
        return self.model.device

    @property
    def machine(self) -> SessionMachine:
        return self.model.machine

    @property
    def phase(self) -> Phase:
        return self.model.phase

    @property
    def stack(self) -> list[str]:
        return list(self.model.stack)

    @property
    def lang(self) -> str:
        return self.settings.language

    @property
    def content(self) -> ContentSet:
        return self.screens.content  # the page factory's: replaced there on a content reload

    @property
    def profile(self) -> object:
        """The session's browser profile (None until a page embeds the web, and after a reset)."""
        return self.web.current

    def now(self) -> datetime:
        return self.clock.now()

    def top(self) -> QWidget | None:
        layer = self.model.top()
        return (
            {Layer.PAGE: self.page, Layer.PANEL: self.panel, Layer.NOTICE: self.notice}[layer]
            if layer
            else None
        )

    def items(self) -> list[QWidget]:
        layer = self.model.top()
        return list(self.widgets.get(layer, [])) if layer is not None else []

    def run(self, effects: Effects) -> None:
        """Apply the controller's answer, in order; then the one timer and the input capture follow."""
        for effect in effects.items:
            self._apply(effect)
        self._arm()
        self._update_capture()

    def _shown(self, layer: Layer, widget: QWidget) -> fx.Screen:
        screen, self.widgets[layer] = describe(widget)
        return screen

    def refresh(self) -> None:
        """Tell the controller what the top layer holds now (states and scroll buttons change)."""
        layer = self.model.top()
        widget = self.top()
        if layer is not None and widget is not None and shiboken6.isValid(widget):
            self.model.refresh(layer, self._shown(layer, widget))

    # --- effects ------------------------------------------------------------------------------------
    def _apply(self, effect: fx.Effect) -> None:
        if isinstance(effect, fx.Say):
            self.voice.say(effect.text, effect.language, control=effect.control)
            if not effect.control:
                self._sync_pause_label()
        elif isinstance(effect, fx.Cue):
            self.cue.show_text(effect.text)
        elif isinstance(effect, fx.Focus):
            self._focus(effect.index)
        elif isinstance(effect, fx.Activate):
            items = self.items()
            item = items[effect.index] if effect.index < len(items) else None
            if isinstance(item, QAbstractButton) and item.isEnabled():
                item.click()
        elif isinstance(effect, fx.ShowPage):
            self._show_page(effect.stack)
        elif isinstance(effect, fx.OpenPanel):
            self._open_panel(effect.settings)
        elif isinstance(effect, fx.ClosePanel):
            self._drop("panel")
        elif isinstance(effect, fx.ShowNotice):
            self._show_notice(effect)
        elif isinstance(effect, fx.CloseNotice):
            self.countdown.stop()
            self._drop("notice")
        elif isinstance(effect, fx.Settle):
            self.filter.capture = True
            self._settle.start(DOUBLE_TAP_MS)
        elif isinstance(effect, fx.ApplySettings):
            self._apply_settings(effect)
        elif isinstance(effect, fx.Repeat):
            self.voice.repeat()
        elif isinstance(effect, fx.TogglePause):
            self.voice.toggle_pause()
            self._sync_pause_label()
        elif isinstance(effect, fx.SessionStarted):
            self.on_session(True)
            self.hint_timer.stop()
            self.attract.hide()
        elif isinstance(effect, fx.Wipe):
            self._wipe()

    def _focus(self, index: int | None) -> None:
        items = self.items()
        item = items[index] if index is not None and index < len(items) else None
        self.focused = item
        if item is not None:
            ensure = getattr(self.top(), "ensure_visible", None)
            if callable(ensure):
                ensure(item)
        self.ring.follow(item)

    def _drop(self, name: str) -> None:
        widget = getattr(self, name)
        setattr(self, name, None)
        self.widgets.pop(Layer(name), None)
        if widget is not None and shiboken6.isValid(widget):
            widget.hide()
            widget.deleteLater()

    def _show_page(self, stack: tuple[str, ...]) -> None:
        page_id = stack[-1]
        try:
            screen = self.screens.make_screen(page_id, self.settings, self.web.profile)
        except Exception:  # supervision boundary: a broken page must not end the session or the kiosk
            log.exception("page %s could not be built", page_id)
            self.run(self.model.page_failed())
            return
        old = self.page
        screen.navigate.connect(self.open_page)
        screen.back_requested.connect(self.back)
        screen.home_requested.connect(self.home)
        screen.help_requested.connect(self.help)
        screen.repeat_requested.connect(self.repeat)
        screen.pause_requested.connect(self.toggle_pause)
        screen.access_requested.connect(self.open_panel)
        screen.language_requested.connect(self.choose_language)
        self.page = screen
        SessionWeb.watch_motion(screen, lambda: self.settings.motion_paused)
        self.window.add_layer(screen, "page")
        screen.show()
        self.window.arrange_layers()
        if old is not None and shiboken6.isValid(old):
            old.hide()
            old.deleteLater()
        self.on_page(page_id)
        self._sync_pause_label()
        self.run(self.model.page_shown(self._shown(Layer.PAGE, screen)))

    def _open_panel(self, settings: Settings) -> None:
        self._drop("panel")
        panel = self.screens.make_panel(settings)
        panel.changed.connect(self.apply_settings)
        panel.close_requested.connect(self.close_panel)
        self.panel = panel
        self.window.add_layer(panel, "panel")
        panel.show()
        self.window.arrange_layers()
        self.run(self.model.panel_shown(self._shown(Layer.PANEL, panel)))

    def _show_notice(self, effect: fx.ShowNotice) -> None:
        self.countdown.stop()
        self._drop("notice")
        buttons = [(label, self._notice_command(command)) for label, command in effect.buttons]
        notice = Notice(self.look_for_settings(self.settings), self.screens.target_px(), effect.text, buttons)
        self.notice = notice
        self.window.add_layer(notice, "notice")
        notice.show()
        self.window.arrange_layers()
        if effect.countdown:
            self.countdown.start()
        self.run(self.model.notice_shown(self._shown(Layer.NOTICE, notice)))

    def _notice_command(self, command: str) -> Callable[[], None]:
        return lambda: self.run(self.model.notice_command(command, self.now()))

    def _update_countdown(self) -> None:
        if self.notice is None or self.phase is not Phase.WARNING:
            self.countdown.stop()
            return
        self.notice.set_text(self.model.warning_text(self.now()))

    def _apply_settings(self, effect: fx.ApplySettings) -> None:
        old, new = effect.old, effect.new
        self._apply_speech_setting()
        self._sync_blank()
        if effect.restyle:
            self._restyle()
        elif self.panel is not None:
            self.panel.set_settings(new)
        if new.motion_paused != old.motion_paused:
            SessionWeb.apply_motion(self.page, new.motion_paused)

    def _wipe(self) -> None:
        self.voice.reset()
        self.cue.hide()
        self._close_session_widgets()
        self.web.drop()
        self.attract.show()
        self.filter.capture = True
        self.window.arrange_layers()
        self._arm_attract_hint()
        self.on_session(False)

    def _close_session_widgets(self) -> None:
        self.countdown.stop()
        for name in ("notice", "panel", "page"):
            self._drop(name)
        self._focus(None)

    def _sync_pause_label(self, *_args: object) -> None:
        if self.page is not None and shiboken6.isValid(self.page):
            voice = self.voice
            self.page.set_speech_state(voice.held is not None, voice.can_pause, voice.repeatable is not None)

    def _apply_speech_setting(self) -> None:
        if self.speaker is not None:
            self.speaker.set_volume(self.settings.volume)
        self._update_capture()

    def _restyle(self) -> None:
        look = self.look_for_settings(self.settings)
        self.ring.look = look
        self.cue.set_look(look)
        self.attract.set_look(look)
        self.language_shown.emit(self.settings.language)  # warnings on screen follow the passer-by

    def _update_capture(self) -> None:
        # attract: touches start a session; speech mode: touches explore; otherwise widgets get them
        if self._settle.isActive():
            return  # a page just opened: capturing until the settle time is over
        self.filter.capture = self.phase is Phase.ATTRACT or self.settings.speech
        self.filter.pass_through = self.attract.buttons() if self.phase is Phase.ATTRACT else []
