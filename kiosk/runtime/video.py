"""Video playback owned by the runtime: frames go to a widget through a video sink (so they can be
grabbed for previews and transition checks, which a QVideoWidget cannot)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink

from kiosk.config.models.slides import VideoSlide
from kiosk.media.audio_device import audio_missing
from kiosk.media.webvtt import read_captions
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.slides.picture import VideoSlideWidget

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

    def pause(self) -> None:
        """Hold the picture where it is ("stop moving content"); ``play()`` goes on from there."""
        self.playing = False
        self.player.pause()

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self.frame.emit(frame.toImage())
        if not self.playing:
            self.player.pause()  # first frame ready; wait for the switch

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self.error.emit(text or str(error))


def video_widget(slide: VideoSlide, ctx: SlideContext, content_dir: Path) -> VideoSlideWidget:
    """A video slide's widget with its player (a child: it dies with the widget) and its captions, for
    signage and for a page's video block alike. Captions do not depend on sound: a muted video shows
    them just the same. Playback starts with ``start()``; until then it is held at the first frame."""
    source = VideoSource(content_dir / slide.video, slide.muted, slide.play == "loop")
    widget = VideoSlideWidget(slide, ctx, source)
    source.setParent(widget)
    source.frame.connect(widget.set_frame)
    source.error.connect(widget.mark_failed)
    if slide.captions is not None:
        widget.set_captions(read_captions(content_dir / slide.captions))
        source.position.connect(widget.set_position)
    source.prepare()
    return widget
