"""How a session listens and speaks: focus, explore-by-touch, double-tap, long touch, the keypad.

A mixin of ``Interaction`` (``runtime/interaction.py``), kept apart so each file stays readable: that one
owns the session's screens and state, this one turns the input filter's signals into actions. Every
input first silences speech (EN 301 549 5.1.3.5); in speech mode a touch only speaks what is under the
finger (EN 5.5.2); under an emergency takeover input only replays the warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.runtime.screens import Screens
from kiosk.runtime.speaker import Speaker
from kiosk.runtime.voice import Voice
from kiosk.session.machine import Phase
from kiosk.session.settings import Settings
from kiosk.ui.attract import AttractBar
from kiosk.ui.explore import FocusRing, item_at


class SessionInput:
    if TYPE_CHECKING:  # provided by Interaction
        settings: Settings
        screens: Screens
        voice: Voice
        speaker: Speaker | None
        ring: FocusRing
        attract: AttractBar
        focused: QWidget | None
        help_level: int
        alert_text: Callable[[], tuple[str, str]] | None
        _settle: QTimer

        @property
        def phase(self) -> Phase: ...
        @property
        def lang(self) -> str: ...
        def alert(self) -> QWidget | None: ...
        def top(self) -> QWidget | None: ...
        def items(self) -> list[QWidget]: ...
        def start_session(self, speech: bool = False, panel: bool = False) -> None: ...
        def start_speech(self) -> None: ...
        def change_volume(self, step: int) -> None: ...
        def more_time(self) -> None: ...
        def back(self) -> None: ...
        def help(self) -> None: ...
        def repeat(self) -> None: ...
        def toggle_pause(self) -> None: ...
        def _activity(self) -> None: ...
        def _sync_pause_label(self) -> None: ...

    # --- speech and focus ---------------------------------------------------------------------------
    def say(self, text: str, language: str | None = None, force: bool = False, control: bool = False) -> None:
        """Speak in speech mode (``force``: also outside it, e.g. 'speech off')."""
        if not text or not (self.settings.speech or force):
            return
        self.voice.say(text, language or self.lang, control=control)
        if not control:
            self._sync_pause_label()

    def _speak_item(self, item: QWidget) -> None:
        language = item.property("speech_language") or self.lang
        self.say(item.accessibleName(), str(language), control=bool(item.property("speech_control")))

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
            if self.phase is Phase.WARNING:
                self.more_time()  # "are you still there?" – a double-tap or Enter says yes
            else:
                self.move_focus(1)
            return
        if isinstance(item, QAbstractButton) and item.isEnabled():
            item.click()
        else:
            self._speak_item(item)  # static text: read it again

    # --- input --------------------------------------------------------------------------------------
    def _interrupted(self) -> None:
        self.voice.interrupt()  # before anything else (EN 5.1.3.5)

    def _alert_only(self) -> bool:
        """Under an emergency takeover every input replays the warning and does nothing else."""
        if self.alert() is None or self.alert_text is None:
            return False
        text, language = self.alert_text()
        if self.phase is not Phase.ATTRACT:
            self._activity()
        self.voice.say(text, language)
        return True

    def _pressed(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT:
            return
        if not (self.phase is Phase.WARNING and self.settings.speech):
            self._activity()  # in speech mode a touch explores the warning; elsewhere it says "still here"
        if self.settings.speech:
            self._explore(pos)

    def _touched(self, pos: QPoint) -> None:
        """A finger on a web page (only reported while touches are not captured, so never in speech
        mode): the passer-by is still there."""
        if self.phase is not Phase.ATTRACT:
            self._activity()

    def _explore(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT or not self.settings.speech or self._settle.isActive():
            return
        item = item_at(self.items(), pos)
        if item is not None and item is not self.focused:
            self._focus(item)

    def _released(self, pos: QPoint) -> None:
        on_access = self._on(self.attract.access, pos)
        if self.phase is Phase.ATTRACT and not on_access and not self._alert_only():
            self.start_session()

    def _double_tapped(self, pos: QPoint) -> None:
        if self._alert_only():
            return
        if self.phase is not Phase.ATTRACT and self.settings.speech and not self._settle.isActive():
            self.activate(self.focused)

    def _long_pressed(self, pos: QPoint) -> None:
        self.read_aloud()

    def read_aloud(self) -> None:
        """Start reading aloud (a long touch, headphones plugged in): a new session on the attract screen,
        else speech mode in the running one; nothing while an emergency takes the screen."""
        if self._alert_only():
            return
        if self.phase is Phase.ATTRACT:
            self.start_session(speech=True)
        else:
            self.start_speech()

    def _key(self, action: str) -> None:
        if self._alert_only():
            return
        if self.phase is Phase.ATTRACT:
            # any keypad key: whoever reaches for the keys may not see the screen (EZ Access)
            self.start_session(speech=bool(action))
            return
        if self.phase is Phase.WARNING and action in ("up", "down", "enter", "help"):
            pass  # moving over the warning's buttons, or choosing one, is not yet "more time"
        else:
            self._activity()
        if action in ("up", "down"):
            self.move_focus(-1 if action == "up" else 1)
        elif action == "enter":
            self.activate(self.focused)
        elif action == "back":
            self.back()
        elif action == "help":
            if self.settings.speech:
                self.help()
            else:
                self.start_speech()
        elif action in ("volume_up", "volume_down"):
            self.change_volume(1 if action == "volume_up" else -1)
        elif action == "repeat":
            self.repeat()
        elif action == "pause":
            self.toggle_pause()

    def _attract_access(self) -> None:
        self.start_session(panel=True)

    @staticmethod
    def _on(widget: QWidget, pos: QPoint) -> bool:
        return widget.isVisible() and widget.rect().contains(widget.mapFromGlobal(pos))
