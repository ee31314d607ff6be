"""Speech for the runtime: text goes to the synthesis worker process off the GUI thread; the finished
WAV plays through QtMultimedia, and newer speech replaces older. With no audio device it stays silent
(logged once) and nothing else changes."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QSoundEffect

from kiosk.speech.synth import Synthesizer, Utterance

log = logging.getLogger(__name__)


class Speaker(QObject):
    """``say(text, language)``; ``spoken(text, wav_path)`` when an utterance starts playing."""

    spoken = Signal(str, str)
    _ready = Signal(object, str)

    def __init__(self, rate_wpm: int = 160, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synth = Synthesizer(rate_wpm)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech")
        self.effect = QSoundEffect(self)
        self.latest = 0
        self.log: list[str] = []  # what was spoken, for tests and the accessibility log
        self.last_wav = ""
        self._ready.connect(self._play)
        self._silent_logged = False

    def say(self, text: str, language: str) -> None:
        self.latest += 1
        ticket = self.latest
        self.pool.submit(self._synthesize, ticket, text, language)

    def _synthesize(self, ticket: int, text: str, language: str) -> None:  # worker thread
        self.synth.submit(text, language)
        result: Utterance | None = self.synth.result(timeout_s=20.0)
        if result is None or result.error:
            log.error("speech synthesis failed: %s", result.error if result else "the worker did not answer")
            return
        if ticket == self.latest:  # newer speech replaces older
            self._ready.emit(result, text)

    def _play(self, utterance: Utterance, text: str) -> None:
        self.effect.stop()
        self.effect.setSource(QUrl.fromLocalFile(str(utterance.path)))
        self.effect.play()
        self.log.append(text)
        self.last_wav = str(utterance.path)
        self.spoken.emit(text, str(utterance.path))
        if self.effect.status() == QSoundEffect.Status.Error and not self._silent_logged:
            log.info("no audio output: speech is synthesised but not heard here")
            self._silent_logged = True

    def stop(self) -> None:
        """Interrupt at once (any touch or key will call this)."""
        self.latest += 1
        self.effect.stop()

    def shutdown(self) -> None:
        self.stop()
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.synth.stop()
