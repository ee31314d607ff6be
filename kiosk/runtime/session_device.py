"""What a touch terminal takes from its device file while it runs: the session timer (on real time, also
with ``kiosk run --speed``), the spoken attract hint, and a reload of the file (timings, keypad, languages,
web allowlist) applied without a restart.

A mixin of ``Interaction`` (``runtime/interaction.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from kiosk.config.models.device import Device
from kiosk.navigation.strings import ui_text
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.screens import key_codes
from kiosk.runtime.session_web import SessionWeb
from kiosk.runtime.speaker import Speaker
from kiosk.schedule.clock import Clock, real_seconds
from kiosk.session.controller import SessionController
from kiosk.session.effects import Effects
from kiosk.session.machine import Phase, SessionMachine
from kiosk.ui.attract import AttractBar
from kiosk.ui.explore import InputFilter


class SessionDevice:
    closed = False  # outside opening hours with the screen off (``set_closed``)
    on_page: Callable[[str], None] = staticmethod(lambda page: None)  # a page opened (statistics)
    if TYPE_CHECKING:  # provided by Interaction
        model: SessionController
        speaker: Speaker | None
        filter: InputFilter
        web: SessionWeb
        attract: AttractBar
        hint_timer: QTimer
        timer: QTimer
        clock: Clock

        @property
        def device(self) -> Device: ...
        @property
        def machine(self) -> SessionMachine: ...
        @property
        def phase(self) -> Phase: ...
        def now(self) -> datetime: ...
        def run(self, effects: Effects) -> None: ...

    def _arm_attract_hint(self) -> None:
        every = self.device.speech.attract_hint
        if every is None or self.phase is not Phase.ATTRACT:
            self.hint_timer.stop()
        else:
            self.hint_timer.start(timer_ms(every, minimum_ms=60_000))

    def set_closed(self, closed: bool) -> None:
        """The screen goes off (closed, no warning) or on again: while off there is no attract bar, no
        spoken hint, and a touch or a key starts no session (``schedule.power``)."""
        self.closed = self.model.closed = closed
        if self.phase is Phase.ATTRACT:
            self.attract.setVisible(not closed)
        if closed:
            self.hint_timer.stop()
        else:
            self._arm_attract_hint()

    def _attract_hint(self) -> None:
        if self.phase is Phase.ATTRACT and self.speaker is not None and not self.closed:
            self.speaker.say(
                ui_text("speech_hint", self.device.default_language), self.device.default_language
            )

    def replace_device(self, device: Device) -> None:
        """The device file changed: timings, keypad, languages and the web allowlist apply at once; a
        passer-by's own settings stay until their session ends (then the new defaults apply)."""
        effects = self.model.replace_device(device)
        self.filter.keys = key_codes(device)
        self.filter.debounce_ms = round(device.keypad.debounce.total_seconds() * 1000)
        self.filter.set_long_press_ms(timer_ms(device.speech.long_press, minimum_ms=500))
        self.web.set_allowlist(tuple(device.web_allowlist))
        self.attract.set_languages(device.languages)
        self.run(effects)
        self._arm_attract_hint()

    def _arm(self) -> None:
        deadline = self.machine.deadline()
        if deadline is None:
            self.timer.stop()
            return
        # at most an hour per arming (QTimer's int): tick() re-arms when the deadline is still ahead
        self.timer.start(timer_ms(timedelta(seconds=real_seconds(self.clock, deadline - self.now())), 1))
