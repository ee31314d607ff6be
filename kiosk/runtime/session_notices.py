"""What a session shows above its page: context help, errors and the idle warning.

A mixin of ``Interaction`` (``runtime/interaction.py``). A notice is seen *and* heard in the same words
(EN 301 549 5.1.3.1, 5.1.5); help is layered (the focused item, then the page, then how to use the
terminal: EZ Access); the idle warning counts down on screen, offers "more time" and "finish", and its
buttons can be reached with the keypad before the time runs out (WCAG 2.2.1).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from kiosk.navigation.strings import ui_text
from kiosk.runtime.screens import Screens
from kiosk.session.machine import Phase, SessionMachine
from kiosk.session.settings import Settings
from kiosk.ui.idle import Notice
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pages.screen import PageScreen
from kiosk.ui.theme import Look

log = logging.getLogger("kiosk.runtime.interaction")


class SessionNotices:
    if TYPE_CHECKING:  # provided by Interaction
        window: MainWindow
        machine: SessionMachine
        settings: Settings
        screens: Screens
        page: PageScreen | None
        notice: Notice | None
        focused: QWidget | None
        focus_before_notice: QWidget | None
        help_level: int
        countdown: QTimer
        look_for_settings: Callable[[Settings], Look]

        @property
        def phase(self) -> Phase: ...
        @property
        def lang(self) -> str: ...
        def now(self) -> datetime: ...
        def items(self) -> list[QWidget]: ...
        def more_time(self) -> None: ...
        def end_session(self) -> None: ...
        def say(
            self, text: str, language: str | None = None, force: bool = False, control: bool = False
        ) -> None: ...
        def _focus(self, item: QWidget | None, speak: bool = True) -> None: ...

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
        level = self.help_level
        text = layers[min(level, len(layers) - 1)]
        if self.notice is None:
            self.focus_before_notice = self.focused  # back there when the help closes
        self._show_message(text)
        self.help_level = (level + 1) % len(layers)  # showing the notice moved the focus, which zeroed it
        self.say(text)

    def _error(self, text: str) -> None:
        """Errors are shown and spoken (even outside speech mode: the passer-by must learn what happened)."""
        if self.page is not None:
            self._show_message(text)
        self.say(text, force=True)

    # --- notices (help, idle warning) ---------------------------------------------------------------
    def _show_notice(self, text: str, buttons: list[tuple[str, Callable[[], None]]]) -> None:
        self._close_notice()
        notice = Notice(self.look_for_settings(self.settings), self.screens.target_px(), text, buttons)
        self.notice = notice
        self.window.add_layer(notice, "notice")
        notice.show()
        self.window.arrange_layers()
        self._focus(None, speak=False)

    def _show_message(self, text: str) -> None:
        self._show_notice(text, [(ui_text("close", self.lang), self._close_notice)])

    def _close_notice(self) -> None:
        notice, self.notice = self.notice, None
        self.countdown.stop()
        if notice is not None and shiboken6.isValid(notice):
            notice.hide()
            notice.deleteLater()
            back = self.focus_before_notice
            self.focus_before_notice = None
            self._focus(back if back is not None and back in self.items() else None, speak=False)

    def _warning_text(self) -> str:
        seconds = round(self.machine.remaining(self.now()).total_seconds())
        return ui_text("idle_warning", self.lang, s=seconds)

    def _show_warning(self) -> None:
        buttons: list[tuple[str, Callable[[], None]]] = []
        if self.machine.extensions_left:
            buttons.append((ui_text("more_time", self.lang), self.more_time))
        buttons.append((ui_text("end_session", self.lang), self.end_session))
        text = self._warning_text()
        if self.notice is None:
            self.focus_before_notice = self.focused
        self._show_notice(text, buttons)
        self.countdown.start()
        log.info("idle warning shown (%.0f s)", self.machine.remaining(self.now()).total_seconds())
        self.say(text)

    def _update_countdown(self) -> None:
        if self.notice is None or self.phase is not Phase.WARNING:
            self.countdown.stop()
            return
        self.notice.set_text(self._warning_text())
