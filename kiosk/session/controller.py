"""The session controller: what each input and each settings change does (pure; events in, effects out).

``SessionCore`` (``kiosk.session.core``) holds the session's state and the rules of its layers; this
adds the input (touch, double tap, long press, keypad keys), help, and the settings. Every input first
silences speech, which the adapter does before it asks here (EN 301 549 5.1.3.5). Under an emergency
takeover (``alert_only``) input only replays the warning.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kiosk.navigation.strings import plain, ui_text
from kiosk.session import orientation
from kiosk.session.core import LOOK_FIELDS, SessionCore
from kiosk.session.effects import (
    Activate,
    ApplySettings,
    ClosePanel,
    Cue,
    Effects,
    Focus,
    Layer,
    OpenPanel,
    Repeat,
    Say,
    ShowPage,
    TogglePause,
)
from kiosk.session.machine import Phase
from kiosk.session.settings import Settings

FOCUS_KEYS = ("up", "down", "enter", "help")  # moving over the warning's buttons is not yet "more time"


class SessionController(SessionCore):
    # --- emergency ----------------------------------------------------------------------------------
    def set_alert(self, on: bool) -> None:
        """An emergency takeover covers the session (or is over): a model flag, not read from the screen."""
        self.alert_only = on

    def under_alert(self, now: datetime, text: str, language: str) -> Effects:
        """Any input while an emergency takes the screen: the warning again, nothing else."""
        e = Effects()
        if self.phase is not Phase.ATTRACT:
            self.activity(now, e)
        if text:
            e.add(Say(text, language))
        return e

    # --- touch --------------------------------------------------------------------------------------
    def pressed(self, now: datetime, index: int | None) -> Effects:
        """A finger down (``index``: the item under it, if any)."""
        e = Effects()
        if self.phase is Phase.ATTRACT:
            return e
        if not (self.phase is Phase.WARNING and self.settings.speech):
            self.activity(
                now, e
            )  # in speech mode a touch explores the warning; elsewhere it says "still here"
        if self.settings.speech:
            e.items.extend(self.explore(index).items)
        return e

    def touched_web(self, now: datetime) -> Effects:
        """A finger on a web page (never captured, so never in speech mode): still there."""
        return self.activity(now) if self.phase is not Phase.ATTRACT else Effects()

    def double_tapped(self, now: datetime) -> Effects:
        if self.phase is not Phase.ATTRACT and self.settings.speech:
            return self.activate(now)
        return Effects()

    def read_aloud(self, now: datetime) -> Effects:
        """A long touch or headphones plugged in: a new session in speech mode on the attract screen,
        else speech mode in the running one."""
        if self.phase is Phase.ATTRACT:
            return self.start(now, speech=True)
        return self.start_speech()

    def start_speech(self, e: Effects | None = None) -> Effects:
        """Speech mode in a running session: that it is on, how it works, then where one is."""
        e = e if e is not None else Effects()
        if self.settings.speech:
            return e
        self._change(e, replace(self.settings, speech=True), confirm=False)
        self._say(e, orientation.intro(self.lang))
        top = self.top()
        if top is not None and top is not Layer.NOTICE:
            self._say(e, orientation.announcement(self.screens[top], self.lang))
        return e

    # --- keys ---------------------------------------------------------------------------------------
    def key(self, action: str, now: datetime) -> Effects:
        if self.phase is Phase.ATTRACT:
            # any keypad key: whoever reaches for the keys may not see the screen (EZ Access)
            return self.start(now, speech=bool(action))
        e = Effects()
        if not (self.phase is Phase.WARNING and action in FOCUS_KEYS):
            self.activity(now, e)
        if action in ("up", "down"):
            self.move_focus(-1 if action == "up" else 1, e)
        elif action == "enter":
            self.activate(now, e)
        elif action == "back":
            self.back(e)
        elif action == "help":
            if not self.settings.speech:
                # the first press starts speech mode and shows, as well as says, how it works
                self._change(e, replace(self.settings, speech=True), confirm=False)
                self._say(e, ui_text("speech_on", self.lang))
            self.help(e)
        elif action in ("volume_up", "volume_down"):
            self.change_volume(1 if action == "volume_up" else -1, e)
        elif action == "repeat":
            e.add(Cue(plain(ui_text("repeat", self.lang))))
            e.add(Repeat())
        elif action == "pause":
            e.add(TogglePause())
        return e

    def move_focus(self, step: int, e: Effects | None = None) -> Effects:
        """Up/Down over every item. Past the end the list says so first; the next press wraps (no trap)."""
        e = e if e is not None else Effects()
        items = self.items()
        if not items:
            return e
        self.help_level = 0
        if self.focus is None or self.focus >= len(items):
            index = 0 if step > 0 else len(items) - 1
        elif 0 <= self.focus + step < len(items):
            index = self.focus + step
        elif self._edge != step:
            self._edge = step
            e.add(Focus(self.focus))  # the highlight stays on the last item
            cue = ui_text("end_of_list" if step > 0 else "top_of_list", self.lang)
            e.add(Cue(cue))
            self._say(e, cue)
            return e
        else:
            index = (self.focus + step) % len(items)
        self._edge = 0
        self._set_focus(e, index)
        return e

    def explore(self, index: int | None) -> Effects:
        """A finger over item ``index`` (speech mode): read it, never operate it (EN 5.5.2)."""
        e = Effects()
        if self.phase is Phase.ATTRACT or not self.settings.speech:
            return e
        if index is not None and index != self.focus:
            self.help_level, self._edge = 0, 0
            self._set_focus(e, index)
        return e

    def activate(self, now: datetime, e: Effects | None = None) -> Effects:
        e = e if e is not None else Effects()
        items = self.items()
        if self.focus is None or self.focus >= len(items):
            if self.phase is Phase.WARNING:
                self.more_time(now, e)  # "are you still there?": a double tap or Enter says yes
            else:
                self.move_focus(1, e)
        elif items[self.focus].action:
            e.add(Activate(self.focus))
        else:
            self._say_item(e, self.focus)  # static text: read it again
        return e

    def help(self, e: Effects | None = None) -> Effects:
        """Layered help that knows the mode: in speech mode how it works comes first, then the focused
        item's own help, then the page's; in touch mode the last layer says how to start speech mode."""
        e = e if e is not None else Effects()
        layers = [ui_text("speech_usage", self.lang)] if self.settings.speech else []
        items = self.items()
        if self.focus is not None and self.focus < len(items) and items[self.focus].help:
            layers.append(items[self.focus].help)
        page = self.screens.get(Layer.PAGE)
        if page is not None and page.help:
            layers.append(page.help)
        if not self.settings.speech:
            layers.append(ui_text("speech_hint", self.lang))
        level = self.help_level
        text = layers[min(level, len(layers) - 1)]
        self._show_notice(e, "help", text, ((ui_text("close", self.lang), "close"),))
        self.help_level = (level + 1) % len(layers)
        self._say(e, text)
        return e

    # --- settings -----------------------------------------------------------------------------------
    def change_settings(self, new: Settings) -> Effects:
        """A choice in the panel: takes effect at once and is confirmed in the language it leaves."""
        e = Effects()
        self._change(e, new)
        return e

    def change_volume(self, step: int, e: Effects | None = None) -> Effects:
        """One volume step (keypad Vol±), announced even outside speech mode."""
        e = e if e is not None else Effects()
        new = self.settings.with_volume(self.settings.volume + step)
        level = orientation.confirmation(replace(new, volume=0), new)[0]
        e.add(Cue(level))
        if new == self.settings:  # at the end of the range: say the level again
            self._say(e, level, force=True)
        self._change(e, new)
        return e

    def _change(self, e: Effects, new: Settings, confirm: bool = True) -> None:
        old = self.settings
        if new == old:
            return
        self.settings = new
        self.machine.speech = new.speech
        restyle = any(getattr(old, f) != getattr(new, f) for f in LOOK_FIELDS)
        e.add(ApplySettings(old, new, restyle=restyle))
        if restyle and Layer.PAGE in self.screens:
            items = self.items()
            self._refocus = (
                items[self.focus].key if self.focus is not None and self.focus < len(items) else ""
            )
            self._quiet.add(Layer.PAGE)
            self._pending = self.stack
            e.add(ShowPage(self.stack))
            if Layer.PANEL in self.screens:  # stays the top layer until the new panel is shown
                self._quiet.add(Layer.PANEL)
                e.add(ClosePanel())
                e.add(OpenPanel(new))
        if confirm:
            text, force = orientation.confirmation(old, new)
            self._say(e, text, force=force)
