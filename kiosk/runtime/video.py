"""Video playback owned by the runtime: frames go to a widget through a video sink (so they can be
grabbed for previews and transition checks, which a QVideoWidget cannot)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink

from kiosk.media.audio_device import audio_missing

log = logging.getLogger(__name__)


class VideoSource(QObject):
    """Plays one file; ``frame(QImage)`` for every new frame, ``error(str)`` once if it cannot play."""

    frame = Signal(QImage)
    error = Signal(str)
    position = Signal(int)  # media position in ms, for captions

    def __init__(self, path: Path, muted: bool, loop: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.sink = QVideoSink(self)
        self.player.setVideoSink(self.sink)
        self.audio: QAudioOutput | None = None
        # no audio output at all when muted (nothing can leak sound in a public place), nor where there is
        # no audio device (QtMultimedia would warn at every video; audio_missing() says it once)
        if not muted and audio_missing() is None:
            self.audio = QAudioOutput(self)
            self.player.setAudioOutput(self.audio)
        self.player.setLoops(QMediaPlayer.Loops.Infinite if loop else 1)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.player.errorOccurred.connect(self._on_error)
        self.player.positionChanged.connect(self.position.emit)
        self.playing = False
        self.player.setSource(QUrl.fromLocalFile(str(path)))

    def prepare(self) -> None:
        """Decode up to the first frame, then hold it (the slide is not visible yet)."""
        self.player.play()

    def play(self) -> None:
        self.playing = True
        self.player.play()

    def stop(self) -> None:
        self.playing = False
        self.player.stop()

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self.frame.emit(frame.toImage())
        if not self.playing:
            self.player.pause()  # first frame ready; wait for the switch

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self.error.emit(text or str(error))
