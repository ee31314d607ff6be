"""What a session is asked to do, as events for the pure controller: the input filter's signals (touch,
double tap, long touch, keypad), the buttons of pages, panel and notices, and calls of the shell.

A mixin of ``Interaction`` (``runtime/interaction.py``): each handler asks the controller and applies its
answer (``run``); the only decisions here are Qt's own: where a finger is (which item), whether the
settle time after a new page still swallows taps. Every input first silences speech (EN 301 549 5.1.3.5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import ContentSet
from kiosk.session.controller import SessionController
from kiosk.session.effects import Effects, TogglePause
from kiosk.session.machine import Phase
from kiosk.session.settings import Settings
from kiosk.ui.attract import AttractBar
from kiosk.ui.explore import InputFilter, item_at

if TYPE_CHECKING:
    from kiosk.runtime.voice import Voice


class SessionInput:
    if TYPE_CHECKING:  # provided by Interaction
        model: SessionController
        voice: Voice
        filter: InputFilter
        attract: AttractBar
        alert_text: Callable[[], tuple[str, str]] | None
        _settle: QTimer

        @property
        def phase(self) -> Phase: ...
        @property
        def content(self) -> ContentSet: ...
        def now(self) -> datetime: ...
        def run(self, effects: Effects) -> None: ...
        def refresh(self) -> None: ...
        def items(self) -> list[QWidget]: ...

    def connect_input(self) -> None:
        self.filter.interrupted.connect(self._interrupted)
        self.filter.pressed.connect(self._pressed)
        self.filter.touched.connect(self._touched)
        self.filter.moved.connect(self._explore)
        self.filter.released.connect(self._released)
        self.filter.double_tapped.connect(self._double_tapped)
        self.filter.long_pressed.connect(self._long_pressed)
        self.filter.key_action.connect(self._key)

    def _ask(self, event: Callable[[], Effects]) -> None:
        """The controller reads the top layer as it is now, answers, and the answer is applied."""
        self.refresh()
        self.run(event())

    # --- the session, as the shell and the widgets ask for it ---------------------------------------
    def start_session(self, speech: bool = False, panel: bool = False, language: str | None = None) -> None:
        self._ask(lambda: self.model.start(self.now(), speech=speech, panel=panel, language=language))

    def choose_language(self, code: str) -> None:
        """The language choice of the home page: the session goes on in that language."""
        self._ask(lambda: self.model.change_settings(replace(self.model.settings, language=code)))

    def end_session(self) -> None:
        self._ask(self.model.end)

    def tick(self) -> None:
        """The machine's deadline came: the warning starts or the session ends."""
        self._ask(lambda: self.model.tick(self.now()))

    def more_time(self) -> None:
        self._ask(lambda: self.model.more_time(self.now()))

    def open_page(self, page_id: str) -> None:
        self._ask(lambda: self.model.open_page(page_id, page_id in self.content.pages))

    def back(self) -> None:
        self._ask(self.model.back)

    def home(self) -> None:
        self._ask(self.model.home)

    def help(self) -> None:
        self._ask(self.model.help)

    def open_panel(self) -> None:
        self._ask(self.model.open_panel)

    def close_panel(self) -> None:
        self._ask(self.model.close_panel)

    def apply_settings(self, new: Settings) -> None:
        self._ask(lambda: self.model.change_settings(new))

    def change_volume(self, step: int) -> None:
        self._ask(lambda: self.model.change_volume(step))

    def start_speech(self) -> None:
        self._ask(self.model.start_speech)

    def repeat(self) -> None:
        self.voice.repeat()

    def toggle_pause(self) -> None:
        effects = Effects()
        effects.add(TogglePause())
        self.run(effects)

    def say(self, text: str, language: str | None = None, force: bool = False) -> None:
        """Say ``text`` by the session's one rule: in speech mode (``force``: also outside it)."""
        self.run(self.model.say(text, language, force=force))

    # --- input --------------------------------------------------------------------------------------
    def _interrupted(self) -> None:
        self.voice.interrupt()  # before anything else (EN 5.1.3.5)

    def _alert_only(self) -> bool:
        """Under an emergency takeover every input replays the warning and does nothing else."""
        if not self.model.alert_only or self.alert_text is None:
            return False
        text, language = self.alert_text()
        self.run(self.model.under_alert(self.now(), text, language))
        return True

    def _index_at(self, pos: QPoint) -> int | None:
        if self._settle.isActive():
            return None  # a page just opened: the finger of the tap that opened it is not exploring
        self.refresh()
        items = self.items()
        item = item_at(items, pos)
        return items.index(item) if item is not None else None

    def _pressed(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT:
            return
        index = self._index_at(pos) if self.model.settings.speech else None
        self.run(self.model.pressed(self.now(), index))

    def _touched(self, pos: QPoint) -> None:
        self.run(self.model.touched_web(self.now()))

    def _explore(self, pos: QPoint) -> None:
        if self.phase is Phase.ATTRACT or not self.model.settings.speech or self._settle.isActive():
            return
        self.run(self.model.explore(self._index_at(pos)))

    def _released(self, pos: QPoint) -> None:
        on_access = any(self._on(button, pos) for button in self.attract.buttons())
        if self.phase is Phase.ATTRACT and not on_access and not self._alert_only():
            self.start_session()

    def _double_tapped(self, pos: QPoint) -> None:
        if self._alert_only() or self._settle.isActive():
            return
        self._ask(lambda: self.model.double_tapped(self.now()))

    def _long_pressed(self, pos: QPoint) -> None:
        self.read_aloud()

    def read_aloud(self) -> None:
        """Start reading aloud (a long touch, headphones plugged in); nothing under an emergency."""
        if not self._alert_only():
            self._ask(lambda: self.model.read_aloud(self.now()))

    def _key(self, action: str) -> None:
        if not self._alert_only():
            self._ask(lambda: self.model.key(action, self.now()))

    def _attract_access(self) -> None:
        self.start_session(panel=True)

    @staticmethod
    def _on(widget: QWidget, pos: QPoint) -> bool:
        return widget.isVisible() and widget.rect().contains(widget.mapFromGlobal(pos))
