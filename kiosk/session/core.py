"""The rules of a session on a touch terminal, without Qt: its layers, focus, help and notices (pure).

attract ──touch/key/long press──▶ home page ──idle──▶ warning ──▶ wipe ──▶ attract
The controller owns what a session *is*: the page stack, which layer is on top (page, accessibility
panel, notice), the keypad focus, the help level, the settings, and whether an emergency takes the
screen (alert-only: every input replays the warning and does nothing else). It answers each event with
``Effects`` (``kiosk.session.effects``) that the Qt adapter applies; what the adapter built comes back
as ``page_shown`` / ``panel_shown`` / ``notice_shown`` with a plain description of its items.

Speech mode (EN 301 549 5.1.3.1, 5.5.2): a touch reads what is under the finger, a double tap or Enter
operates it. Orientation (ACCESSIBILITY.md R04, R24, R36): the start says that reading aloud is on and
how to use it; items are read with role, state and position; a screen says how many items the keypad
reaches; the end of a list is said before the focus wraps; every settings change is confirmed in the new
language; closing help or the panel says where one is; help knows the mode.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from kiosk.config.models.device import Device
from kiosk.navigation.strings import ui_text
from kiosk.session import orientation
from kiosk.session.effects import (
    ApplySettings,
    CloseNotice,
    ClosePanel,
    Cue,
    Effects,
    Focus,
    Item,
    Layer,
    OpenPanel,
    Say,
    Screen,
    SessionStarted,
    Settle,
    ShowNotice,
    ShowPage,
    Wipe,
)
from kiosk.session.machine import Change, Phase, SessionMachine, Timing
from kiosk.session.settings import Settings

log = logging.getLogger("kiosk.runtime.interaction")  # one logger for the session, as before the split
LOOK_FIELDS = ("language", "large_text", "high_contrast")  # a change builds the screens anew


class SessionCore:
    """The session's state and the rules of its layers; ``SessionController`` adds input and settings."""

    def __init__(self, device: Device) -> None:
        self.device = device
        self.machine = SessionMachine(Timing.of(device.session))
        self.settings = Settings.defaults(device)
        self.machine.speech = self.settings.speech
        self.stack: tuple[str, ...] = ()
        self.screens: dict[Layer, Screen] = {}  # the open layers as last reported
        self.focus: int | None = None  # index into the top layer's items
        self.help_level = 0
        self.alert_only = False  # an emergency takeover covers the session
        self.closed = False  # outside opening hours, the screen off: no session starts
        self.pages_seen = 0
        self._back_to: tuple[int, str] | None = None  # focus to restore when a notice closes
        self._edge = 0  # the end-of-list cue was given for this direction (+1/-1); the next step wraps
        self._pending: tuple[str, ...] = ()  # the stack of the page being built
        self._quiet: set[Layer] = set()  # layers being rebuilt (new look): shown without announcing
        self._refocus = ""  # the key of the item to focus again in a rebuilt screen
        self._trail: dict[int, str] = {}  # stack depth → the item that opened the next page
        self._returning = False  # Back: the page shown next focuses the item that was opened from it
        self._intro = False  # the next page announcement begins with how speech mode works
        self._panel_next = False  # open the panel once the home page is shown
        self._notice_kind = ""  # help, message, warning

    # --- what is where ------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.machine.phase

    @property
    def lang(self) -> str:
        return self.settings.language

    def top(self) -> Layer | None:
        if self.alert_only:
            return None  # nothing of the session can be operated under an emergency takeover
        return next(
            (layer for layer in (Layer.NOTICE, Layer.PANEL, Layer.PAGE) if layer in self.screens), None
        )

    def items(self) -> tuple[Item, ...]:
        top = self.top()
        return self.screens[top].items if top is not None else ()

    def refresh(self, layer: Layer, screen: Screen) -> None:
        """The adapter's latest reading of a layer (labels change state, scroll buttons come and go)."""
        if layer not in self.screens:
            return
        old = self.screens[layer]
        self.screens[layer] = screen
        if layer is self.top() and self.focus is not None and self.focus < len(old.items):
            key = old.items[self.focus].key
            again = self._index_of(key, screen)
            if again is not None:
                self.focus = again
            elif self.focus >= len(screen.items):
                self.focus = None

    # --- session ------------------------------------------------------------------------------------
    def start(
        self, now: datetime, speech: bool = False, panel: bool = False, language: str | None = None
    ) -> Effects:
        """A new session with the device's defaults (``language``: one of the offered languages, chosen
        on the attract screen)."""
        e = Effects()
        if self.closed or self.machine.activity(now) is not Change.STARTED:
            return e  # closed: the screen is off and stays so
        defaults = Settings.defaults(self.device)
        if language in self.device.languages:
            defaults = replace(defaults, language=language)
        log.info("session started%s (%s)", " in speech mode" if speech else "", defaults.language)
        self.pages_seen = 0
        old = self.settings
        self.settings = replace(defaults, speech=True) if speech else defaults
        self.machine.speech = self.settings.speech
        self._intro, self._panel_next = speech and not panel, panel
        e.add(SessionStarted())
        e.add(ApplySettings(old, self.settings))
        self._show_page(e, (self.device.home_page or "",))
        return e

    def end(self) -> Effects:
        """The passer-by chose to finish: the same wipe as an idle reset."""
        e = Effects()
        if self.machine.end() is Change.RESET:
            self._wipe(e, "ended")
        return e

    def tick(self, now: datetime) -> Effects:
        e = Effects()
        change = self.machine.tick(now)
        if change is Change.WARNED:
            self._show_warning(e, now)
        elif change is Change.RESET:
            self._wipe(e, "idle")
        return e

    def activity(self, now: datetime, e: Effects | None = None) -> Effects:
        e = e if e is not None else Effects()
        if self.machine.activity(now) is Change.EXTENDED:
            self._close_notice(e, tell=False)
            log.info("session extended (%d left)", self.machine.extensions_left)
        return e

    def more_time(self, now: datetime, e: Effects | None = None) -> Effects:
        e = e if e is not None else Effects()
        return self.activity(now, e) if self.phase is Phase.WARNING else e

    def _wipe(self, e: Effects, why: str) -> None:
        log.info("session reset (%s) after %d page(s)", why, self.pages_seen)
        old = self.settings
        self.settings = Settings.defaults(self.device)
        self.machine.speech = self.settings.speech
        self.stack, self.screens, self.focus, self.help_level = (), {}, None, 0
        self._back_to, self._edge, self._quiet, self._refocus = None, 0, set(), ""
        self._trail, self._returning = {}, False
        self._intro = self._panel_next = False
        e.add(Wipe(why, self.pages_seen))
        e.add(ApplySettings(old, self.settings, restyle=True))

    def replace_device(self, device: Device) -> Effects:
        """A reloaded device file: timings at once; a passer-by keeps their settings until the reset."""
        e = Effects()
        self.device = device
        self.machine.timing = Timing.of(device.session)
        if self.phase is Phase.ATTRACT:
            old, self.settings = self.settings, Settings.defaults(device)
            self.machine.speech = self.settings.speech
            e.add(ApplySettings(old, self.settings, restyle=True))
        return e

    # --- layers -------------------------------------------------------------------------------------
    def _show_page(self, e: Effects, stack: tuple[str, ...]) -> None:
        self._pending = stack
        e.add(ShowPage(stack))

    def page_shown(self, screen: Screen) -> Effects:
        """The adapter built the page of the pending stack: it is the page now, and Back leads from it."""
        e = Effects()
        self.stack = self._pending
        self.screens[Layer.PAGE] = screen
        self.pages_seen += 1
        quiet = Layer.PAGE in self._quiet
        self._quiet.discard(Layer.PAGE)
        returning, self._returning = self._returning, False
        e.add(Settle())
        again = None
        if self.top() is Layer.PAGE:
            again = self._take_refocus(screen) if quiet or returning else None
            self._set_focus(e, again, speak=False)
        if not quiet:
            self._say(e, orientation.intro(self.lang) if self._intro else "")
            self._say(e, orientation.announcement(screen, self.lang))
            if again is not None:  # back where one was: on the item that opened the page just left
                self._say_item(e, again)
        self._intro = False
        if self._panel_next:
            self._panel_next = False
            self.open_panel(e)
        return e

    def page_failed(self) -> Effects:
        """The page could not be built: the old one stays (no page at all: back to the attract loop)."""
        e = Effects()
        self._quiet.discard(Layer.PAGE)
        self._returning, self._refocus = False, ""
        if Layer.PAGE not in self.screens:
            self._panel_next = False
            if self.machine.end() is Change.RESET:
                self._wipe(e, "ended")
            return e
        self.error(e, ui_text("error_page_missing", self.lang))
        return e

    def open_page(self, page_id: str, known: bool) -> Effects:
        e = Effects()
        if not known:
            log.error("page %s is not in the content", page_id)
            self.error(e, ui_text("error_page_missing", self.lang))
        else:
            items = self.items() if self.top() is Layer.PAGE else ()
            focused = self.focus if self.focus is not None and self.focus < len(items) else None
            self._trail[len(self.stack)] = items[focused].key if focused is not None else ""
            self._show_page(e, (*self.stack, page_id))
        return e

    def open_panel(self, e: Effects | None = None) -> Effects:
        e = e if e is not None else Effects()
        if Layer.PANEL not in self.screens:
            e.add(OpenPanel(self.settings))
        return e

    def panel_shown(self, screen: Screen) -> Effects:
        e = Effects()
        self.screens[Layer.PANEL] = screen
        quiet = Layer.PANEL in self._quiet
        self._quiet.discard(Layer.PANEL)
        if self.top() is Layer.PANEL:
            self._set_focus(e, self._take_refocus(screen) if quiet else None, speak=False)
        if not quiet:
            self._say(e, orientation.announcement(screen, self.lang))
        return e

    def close_panel(self, e: Effects | None = None, tell: bool = True) -> Effects:
        e = e if e is not None else Effects()
        if self.screens.pop(Layer.PANEL, None) is None:
            return e
        e.add(ClosePanel())
        self._set_focus(e, None, speak=False)
        if tell and Layer.PAGE in self.screens:
            self._say(e, ui_text("panel_closed", self.lang))
            self._say(e, orientation.announcement(self.screens[Layer.PAGE], self.lang))
        return e

    def back(self, e: Effects | None = None) -> Effects:
        e = e if e is not None else Effects()
        if Layer.NOTICE in self.screens:
            self._close_notice(e, tell=True)
        elif Layer.PANEL in self.screens:
            self.close_panel(e)
        elif len(self.stack) > 1:
            self._refocus, self._returning = self._trail.pop(len(self.stack) - 1, ""), True
            self._show_page(e, self.stack[:-1])
        elif Layer.PAGE in self.screens:  # Back on the home page: where one is, seen and heard
            where = orientation.announcement(self.screens[Layer.PAGE], self.lang)
            e.add(Cue(where))
            self._say(e, where)
        return e

    def home(self) -> Effects:
        e = Effects()
        self._close_notice(e, tell=False)
        self.close_panel(e, tell=False)
        self._trail.clear()
        self._show_page(e, self.stack[:1])
        return e

    # --- notices ------------------------------------------------------------------------------------
    def _show_notice(self, e: Effects, kind: str, text: str, buttons: tuple[tuple[str, str], ...]) -> None:
        if Layer.NOTICE not in self.screens and self.focus is not None:
            items = self.items()
            self._back_to = (self.focus, items[self.focus].key if self.focus < len(items) else "")
        if Layer.NOTICE in self.screens:
            e.add(CloseNotice())
        self._notice_kind = kind
        e.add(ShowNotice(text, buttons, countdown=kind == "warning"))

    def notice_shown(self, screen: Screen) -> Effects:
        e = Effects()
        self.screens[Layer.NOTICE] = screen
        self._set_focus(e, None, speak=False)
        return e

    def _close_notice(self, e: Effects, tell: bool) -> None:
        if self.screens.pop(Layer.NOTICE, None) is None:
            return
        kind, self._notice_kind = self._notice_kind, ""
        self.help_level = 0  # Help pressed again later starts from its first layer
        e.add(CloseNotice())
        back, self._back_to = self._back_to, None
        items = self.items()
        again = (
            back[0] if back is not None and back[0] < len(items) and items[back[0]].key == back[1] else None
        )
        self._set_focus(e, again, speak=False)
        top = self.top()
        if tell and top is not None:
            # where the passer-by is now: the screen, and the item they were on
            self._say(e, ui_text("help_closed", self.lang) if kind == "help" else "")
            self._say(e, orientation.announcement(self.screens[top], self.lang))
            if again is not None:
                self._say_item(e, again)

    def error(self, e: Effects, text: str) -> None:
        """Errors are shown and spoken, also outside speech mode: the passer-by must learn what happened."""
        if Layer.PAGE in self.screens:
            self._show_notice(e, "message", text, ((ui_text("close", self.lang), "close"),))
        self._say(e, text, force=True)

    def warning_text(self, now: datetime) -> str:
        seconds = round(self.machine.remaining(now).total_seconds())
        return ui_text("idle_warning", self.lang, s=seconds)

    def _show_warning(self, e: Effects, now: datetime) -> None:
        buttons = [(ui_text("more_time", self.lang), "more_time")] if self.machine.extensions_left else []
        buttons.append((ui_text("end_session", self.lang), "end_session"))
        text = self.warning_text(now)
        self._show_notice(e, "warning", text, tuple(buttons))
        log.info("idle warning shown (%.0f s)", self.machine.remaining(now).total_seconds())
        self._say(e, text)

    def notice_command(self, command: str, now: datetime) -> Effects:
        """A button of the notice was operated."""
        if command == "more_time":
            return self.more_time(now)
        if command == "end_session":
            return self.end()
        e = Effects()
        self._close_notice(e, tell=True)
        return e

    # --- speech and focus ---------------------------------------------------------------------------
    def _say(
        self, e: Effects, text: str, language: str | None = None, force: bool = False, control: bool = False
    ) -> None:
        """Speech mode decides here, once: outside it only what is ``force``d is spoken."""
        if text and (self.settings.speech or force):
            e.add(Say(text, language or self.lang, control=control))

    def say(self, text: str, language: str | None = None, force: bool = False) -> Effects:
        """Something to say for the session (a page reading out, a test): by the same one rule."""
        e = Effects()
        self._say(e, text, language, force=force)
        return e

    def say_item_text(self, index: int) -> Say | None:
        items = self.items()
        if not 0 <= index < len(items):
            return None
        item = items[index]
        text = orientation.item_text(item, index, len(items), self.lang)
        return Say(text, item.language or self.lang, control=item.control)

    def _say_item(self, e: Effects, index: int) -> None:
        said = self.say_item_text(index)
        if said is not None and self.settings.speech:
            e.add(said)

    def _set_focus(self, e: Effects, index: int | None, speak: bool = True) -> None:
        self.focus = index
        e.add(Focus(index))
        if index is not None and speak:
            self._say_item(e, index)

    def _take_refocus(self, screen: Screen) -> int | None:
        key, self._refocus = self._refocus, ""
        return self._index_of(key, screen)

    @staticmethod
    def _index_of(key: str, screen: Screen) -> int | None:
        return next((i for i, item in enumerate(screen.items) if key and item.key == key), None)
