"""The alert chime, played through QtMultimedia; with no audio device it is a logged no-op."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl

from kiosk.media.audio_device import audio_missing
from kiosk.media.tone import chime

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)
START_DELAY_MS = 3000


class AlertTone(QObject):
    """The chime. The sound effect is made only where there is audio (``media.audio_device``): made
    without, QtMultimedia warns at once and at every play; the missing device is said in one line."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # one file per user: a chime another user's kiosk left in /tmp is not writable, and the kiosk
        # did not start at all (found running as the service user after a run as root); written with the
        # sound effect, not here: computing it takes 30–50 ms of the start, and without audio it is unused
        self.path = Path(tempfile.gettempdir()) / f"smile-city-alert-chime-{os.getuid()}.wav"
        self.effect: QSoundEffect | None = None
        self.plays = 0
        if audio_missing() is None:
            # off the first frame: QtMultimedia takes tens of ms to load, and the chime is loaded
            # (asynchronously) long before a warning can come in
            QTimer.singleShot(START_DELAY_MS, self, self._prepare)  # not after the tone is gone

    def _prepare(self) -> None:
        if self.effect is None:
            self._make_effect()

    def _make_effect(self) -> QSoundEffect:
        from PySide6.QtMultimedia import QSoundEffect

        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(chime(self.path))))
        effect.setVolume(0.8)
        self.effect = effect
        return effect

    def play(self) -> None:
        self.plays += 1
        effect = self.effect
        if effect is None:
            if audio_missing() is not None:
                return  # said once already: "no audio device: …"
            effect = self._make_effect()  # a speaker came since the start
        if effect.status() == type(effect).Status.Error:
            log.info("alert tone not played: no audio output here")
            return
        effect.play()
