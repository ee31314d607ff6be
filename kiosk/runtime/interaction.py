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
from functools import partial

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.config.loader import ContentSet
from kiosk.config.models.device import Device
from kiosk.config.models.page import WebBlock
from kiosk.navigation.model import PageView
from kiosk.navigation.strings import ui_text
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.pages import PageFactory
from kiosk.runtime.speaker import Speaker
from kiosk.schedule.clock import Clock
from kiosk.session.machine import Change, Phase, SessionMachine, Timing
from kiosk.session.settings import Settings
from kiosk.ui.attract import AttractBar
from kiosk.ui.explore import DOUBLE_TAP_MS, FocusRing, InputFilter, item_at
from kiosk.ui.idle import Notice
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pages.panel import AccessPanel
from kiosk.ui.pages.screen import PageScreen
from kiosk.ui.slides.web import make_kiosk_profile
from kiosk.ui.theme import Look

log = logging.getLogger(__name__)
KEY_ACTIONS = ("up", "down", "enter", "back", "help", "volume_up", "volume_down")
# Stop CSS animations, transitions and videos of embedded web pages ("pause moving content", WCAG 2.2.2)
MOTION_JS = """(function(paused){
  var id='kiosk-motion-pause', old=document.getElementById(id);
  if (old) old.remove();
  if (paused) {
    var s=document.createElement('style'); s.id=id;
    s.textContent='*,*::before,*::after{animation-play-state:paused!important;transition:none!important;'
      + 'scroll-behavior:auto!important}';
    (document.head||document.documentElement).appendChild(s);
  }
  document.querySelectorAll('video,audio').forEach(function(m){ if (paused) m.pause(); });
  return paused;
})(%s)"""


def key_codes(device: Device) -> dict[int, str]:
    """Qt key codes of the device's keypad keys → action names (the pure config only knows names)."""
    codes: dict[int, str] = {}
    for action in KEY_ACTIONS:
        key = getattr(Qt.Key, f"Key_{getattr(device.keypad, action)}", None)
        if key is not None:
            codes[int(key.value)] = action
    return codes


class Interaction(QObject):
    """Runs sessions on one touch terminal window."""

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
        self.content = content
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
        self.profile: QWebEngineProfile | None = None  # per session, off the record, dropped at reset
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
        self._settle = QTimer(self)  # after a session starts, a second tap must not hit a tile
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

    def _arm_attract_hint(self) -> None:
        every = self.device.speech.attract_hint
        if every is None or self.phase is not Phase.ATTRACT:
            self.hint_timer.stop()
        else:
            self.hint_timer.start(timer_ms(every, minimum_ms=60_000))

    def _attract_hint(self) -> None:
        if self.phase is Phase.ATTRACT and self.speaker is not None:
            self.speaker.say(
                ui_text("speech_hint", self.device.default_language), self.device.default_language
            )

    def stop(self) -> None:
        self.filter.remove()
        self.timer.stop()
        self.hint_timer.stop()
        self.countdown.stop()
        self._close_session_widgets()
        self._drop_profile()

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

    def _arm(self) -> None:
        deadline = self.machine.deadline()
        if deadline is None:
            self.timer.stop()
            return
        delay = max(0.0, (deadline - self.now()).total_seconds())
        self.timer.start(max(1, round(delay * 1000)))

    def _activity(self) -> None:
        change = self.machine.activity(self.now())
        if change is Change.EXTENDED:
            self._close_notice()
            log.info("session extended (%d left)", self.machine.extensions_left)
        self._arm()

    def start_session(self, speech: bool = False, panel: bool = False) -> None:
        if self.machine.activity(self.now()) is not Change.STARTED:
            return
        log.info("session started%s", " in speech mode" if speech else "")
        self.pages_seen = 0
        self.on_session(True)
        self.hint_timer.stop()
        self.attract.hide()
        self.settings = Settings.defaults(self.device)
        if speech:
            self.settings = replace(self.settings, speech=True)
        self._apply_speech_setting()
        self.stack = [self.device.home_page or ""]
        self._open_top(announce=not panel)
        if panel:
            self.open_panel()
        self.filter.capture = True
        self._settle.start(DOUBLE_TAP_MS)
        self._arm()

    def end_session(self) -> None:
        """The passer-by chose to finish (or a test ends it): the same wipe as an idle reset."""
        if self.machine.end() is Change.RESET:
            self._reset("ended")
        self._arm()

    def _reset(self, why: str) -> None:
        log.info("session reset (%s) after %d page(s)", why, self.pages_seen)
        if self.speaker is not None:
            self.speaker.stop()
        self._close_session_widgets()
        self.stack = []
        self.settings = Settings.defaults(self.device)
        self._apply_speech_setting()
        self._drop_profile()
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

    def _drop_profile(self) -> None:
        """Cookies, storage, cache and history of the session go with its profile (off the record: in
        memory only). The profile must outlive the pages using it ("Release of profile requested but
        WebEnginePage still not deleted"): it goes once the last of them, already deleteLater'd, is gone;
        a zero timer alone does not order the two when the reset runs outside the event loop."""
        profile, self.profile = self.profile, None
        if profile is None:
            return
        profile.clearHttpCache()
        profile.clearAllVisitedLinks()
        store = profile.cookieStore()
        if store is not None:
            store.deleteAllCookies()
        users = [page for page in self.window.findChildren(QWebEnginePage) if page.profile() is profile]
        if not users:
            QTimer.singleShot(0, profile.deleteLater)
            return
        left = {id(page) for page in users}

        def page_gone(key: int) -> None:
            left.discard(key)
            if not left:  # out of the page's destructor first: the timer holds the last reference
                QTimer.singleShot(0, profile.deleteLater)

        for page in users:
            page.destroyed.connect(partial(page_gone, id(page)))

    def session_profile(self) -> QWebEngineProfile:
        if self.profile is None:
            self.profile = make_kiosk_profile(tuple(self.device.web_allowlist), None)
        return self.profile

    # --- screens ------------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.settings.language

    def top(self) -> QWidget | None:
        for widget in (self.notice, self.panel, self.page):
            if widget is not None and widget.isVisible():
                return widget
        return None

    def items(self) -> list[QWidget]:
        top = self.top()
        items = getattr(top, "items", None)
        return list(items()) if callable(items) else []

    def _open_top(self, announce: bool = True) -> None:
        page_id = self.stack[-1]
        old = self.page
        try:
            screen = self.screens.make_screen(page_id, self.settings, self.session_profile)
        except Exception:  # supervision boundary: a broken page must not end the session or the kiosk
            log.exception("page %s could not be built", page_id)
            if len(self.stack) > 1:
                self.stack.pop()
            self._error(ui_text("error_page_missing", self.lang))
            return
        self._connect_page(screen)
        self.page = screen
        for view in screen.findChildren(QWebEngineView):
            view.loadFinished.connect(lambda ok, v=view: self._motion(v))
        self.window.add_layer(screen, "page")
        screen.show()
        self.window.arrange_layers()
        if old is not None and shiboken6.isValid(old):
            old.hide()
            old.deleteLater()
        self.pages_seen += 1
        self._focus(None, speak=False)
        if announce:
            self.say(self.screens.announcement(screen))

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
        self.stack.append(page_id)
        self._open_top()

    def back(self) -> None:
        if self.notice is not None:
            self._close_notice()
        elif self.panel is not None:
            self.close_panel()
        elif len(self.stack) > 1:
            self.stack.pop()
            self._open_top()
        else:
            self.say(self.screens.announcement(self.page) if self.page else "")

    def home(self) -> None:
        self._close_notice()
        self.close_panel(announce=False)
        self.stack = self.stack[:1]
        self._open_top()

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

    def help(self) -> None:
        """Layered help: the focused item's own help first, then the page's, then how to use the kiosk."""
        layers = []
        if self.focused is not None and self.focused.accessibleDescription():
            layers.append(self.focused.accessibleDescription())
        page_help = self.screens.help_text(self.page) if self.page is not None else ""
        if page_help:
            layers.append(page_help)
        layers.append(
            ui_text("speech_hint", self.lang)
            if not self.settings.speech
            else ui_text("double_tap_hint", self.lang)
        )
        text = layers[min(self.help_level, len(layers) - 1)]
        self.help_level = (self.help_level + 1) % len(layers)
        self._show_notice(text, [(ui_text("close", self.lang), self._close_notice)])
        self.say(text)

    def _error(self, text: str) -> None:
        """Errors are shown and spoken (even outside speech mode: the passer-by must learn what happened)."""
        if self.page is not None:
            self._show_notice(text, [(ui_text("close", self.lang), self._close_notice)])
        self.say(text, force=True)

    def repeat(self) -> None:
        if self.speaker is not None:
            self.speaker.repeat()

    def toggle_pause(self) -> None:
        if self.speaker is None:
            return
        if self.speaker.paused:
            self.speaker.resume()
        else:
            self.speaker.pause()
        if self.page is not None:
            self.page.set_paused(self.speaker.paused)

    # --- notices (help, idle warning) ---------------------------------------------------------------
    def _show_notice(self, text: str, buttons: list[tuple[str, Callable[[], None]]]) -> None:
        self._close_notice()
        notice = Notice(self.look_for_settings(self.settings), self.screens.target_px(), text, buttons)
        self.notice = notice
        self.window.add_layer(notice, "notice")
        notice.show()
        self.window.arrange_layers()
        self._focus(None, speak=False)

    def _close_notice(self) -> None:
        notice, self.notice = self.notice, None
        self.countdown.stop()
        if notice is not None and shiboken6.isValid(notice):
            notice.hide()
            notice.deleteLater()
            self._focus(None, speak=False)

    def _show_warning(self) -> None:
        seconds = round(self.machine.remaining(self.now()).total_seconds())
        buttons: list[tuple[str, Callable[[], None]]] = []
        if self.machine.extensions_left:
            buttons.append((ui_text("more_time", self.lang), lambda: None))  # the touch itself extends
        buttons.append((ui_text("end_session", self.lang), self.end_session))
        text = ui_text("idle_warning", self.lang, s=seconds)
        self._show_notice(text, buttons)
        self.countdown.start()
        log.info("idle warning shown (%d s)", seconds)
        self.say(text)

    def _update_countdown(self) -> None:
        if self.notice is None or self.phase is not Phase.WARNING:
            self.countdown.stop()
            return
        seconds = round(self.machine.remaining(self.now()).total_seconds())
        self.notice.set_text(ui_text("idle_warning", self.lang, s=seconds))

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
            self._open_top(announce=False)
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
            self._apply_motion()

    def _apply_motion(self) -> None:
        for view in self.page.findChildren(QWebEngineView) if self.page is not None else []:
            self._motion(view)

    def _motion(self, view: QWebEngineView) -> None:
        if shiboken6.isValid(view):
            view.page().runJavaScript(MOTION_JS % ("true" if self.settings.motion_paused else "false"))

    def _apply_speech_setting(self) -> None:
        self.machine.speech = self.settings.speech
        if self.speaker is not None:
            self.speaker.set_volume(self.settings.volume)
        self._update_capture()

    def _restyle(self) -> None:
        look = self.look_for_settings(self.settings)
        self.ring.look = look
        self.attract.set_look(look)

    def _update_capture(self) -> None:
        # attract: touches start a session; speech mode: touches explore; otherwise widgets get them
        self.filter.capture = self.phase is Phase.ATTRACT or self.settings.speech
        self.filter.pass_through = [self.attract.access] if self.phase is Phase.ATTRACT else []

    def set_speech(self, on: bool) -> None:
        if on == self.settings.speech:
            return
        self.settings = replace(self.settings, speech=on)
        self._apply_speech_setting()
        self.say(ui_text("speech_on" if on else "speech_off", self.lang), force=True)

    # --- speech and focus ---------------------------------------------------------------------------
    def say(self, text: str, language: str | None = None, force: bool = False) -> None:
        """Speak in speech mode (``force``: also outside it, e.g. 'speech off')."""
        if self.speaker is None or not text or not (self.settings.speech or force):
            return
        self.speaker.say(text, language or self.lang)

    def _speak_item(self, item: QWidget) -> None:
        language = item.property("speech_language") or self.lang
        self.say(item.accessibleName(), str(language))

    def _focus(self, item: QWidget | None, speak: bool = True) -> None:
        self.focused = item
        self.help_level = 0
        if item is not None:
            ensure = getattr(self.top(), "ensure_visible", None)
            if callable(ensure):
                ensure(item)
        self.ring.follow(item)
        if item is not None and speak:
            self._speak_item(item)

    def move_focus(self, step: int) -> None:
        items = self.items()
        if not items:
            return
        index = items.index(self.focused) if self.focused in items else (-1 if step > 0 else 0)
        self._focus(items[(index + step) % len(items)])  # wraps: focus can always move on (no trap)

    def activate(self, item: QWidget | None) -> None:
        if item is None:
            self.move_focus(1)
            return
        if isinstance(item, QAbstractButton) and item.isEnabled():
            item.click()
        else:
            self._speak_item(item)  # static text: read it again

    # --- input --------------------------------------------------------------------------------------
    def _interrupted(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()  # before anything else (EN 5.1.3.5)
        if self.phase is not Phase.ATTRACT:
            self._activity()

    def _pressed(self, pos: QPoint) -> None:
        if self.phase is not Phase.ATTRACT and self.settings.speech:
            self._explore(pos)

    def _explore(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT or not self.settings.speech or self._settle.isActive():
            return
        item = item_at(self.items(), pos)
        if item is not None and item is not self.focused:
            self._focus(item)

    def _released(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT and not self._on(self.attract.access, pos):
            self.start_session()

    def _double_tapped(self, pos: QPoint) -> None:
        if self.phase is not Phase.ATTRACT and self.settings.speech and not self._settle.isActive():
            self.activate(self.focused)

    def _long_pressed(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT:
            self.start_session(speech=True)
        elif not self.settings.speech:
            self.set_speech(True)
            self.say(self.screens.announcement(self.top()) if self.top() else "")

    def _key(self, action: str) -> None:
        if self.phase is Phase.ATTRACT:
            self.start_session(speech=action == "help")
            return
        if action in ("up", "down"):
            self.move_focus(-1 if action == "up" else 1)
        elif action == "enter":
            self.activate(self.focused)
        elif action == "back":
            self.back()
        elif action == "help":
            if not self.settings.speech:
                self.set_speech(True)
                top = self.top()
                self.say(self.screens.announcement(top) if top is not None else "")
            else:
                self.help()
        elif action in ("volume_up", "volume_down"):
            step = self.settings.volume + (1 if action == "volume_up" else -1)
            self.settings = self.settings.with_volume(step)
            if self.speaker is not None:
                self.speaker.set_volume(self.settings.volume)
            self.say(ui_text("volume_level", self.lang, n=self.settings.volume, of=10), force=True)

    def _attract_access(self) -> None:
        self.start_session(panel=True)

    @staticmethod
    def _on(widget: QWidget, pos: QPoint) -> bool:
        return widget.isVisible() and widget.rect().contains(widget.mapFromGlobal(pos))


class Screens:
    """The controller's view of the page factory: screens, the panel, and what to say about them."""

    def __init__(self, factory: PageFactory, content: ContentSet) -> None:
        self.factory = factory
        self.content = content

    def make_screen(
        self, page_id: str, settings: Settings, profile: Callable[[], QWebEngineProfile]
    ) -> PageScreen:
        entry = self.content.pages.get(page_id)
        # Chromium only for pages that embed the web: a profile costs memory and start-up time
        web = entry is not None and any(isinstance(b, WebBlock) for b in entry.model.blocks)
        return self.factory.build(page_id, settings, profile() if web else None)

    def make_panel(self, settings: Settings) -> AccessPanel:
        return self.factory.panel(settings)

    def announcement(self, screen: QWidget | None) -> str:
        view = getattr(screen, "view", None)
        if isinstance(view, PageView):
            return view.announcement
        if isinstance(screen, AccessPanel):
            return screen.title.accessibleName()
        return ""

    def help_text(self, screen: QWidget | None) -> str:
        view = getattr(screen, "view", None)
        return view.help if isinstance(view, PageView) else ""

    def target_px(self) -> int:
        return self.factory.target_px
