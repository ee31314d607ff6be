"""The alert chime, played through QtMultimedia; with no audio device it is a logged no-op."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QSoundEffect

from kiosk.media.tone import chime

log = logging.getLogger(__name__)


class AlertTone(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = chime(Path(tempfile.gettempdir()) / "smile-city-alert-chime.wav")
        self.effect = QSoundEffect(self)
        self.effect.setSource(QUrl.fromLocalFile(str(self.path)))
        self.effect.setVolume(0.8)
        self.plays = 0

    def play(self) -> None:
        self.plays += 1
        if self.effect.status() == QSoundEffect.Status.Error:
            log.info("alert tone not played: no audio output here")
            return
        self.effect.play()
