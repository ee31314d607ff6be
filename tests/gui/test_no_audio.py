"""On a machine without a sound card (this one, CI) the kiosk's audio objects open nothing: Qt prints no
"PulseAudioService" or "QSoundEffect" warnings, speech still runs at real time on the null output, the
chime is a no-op, and a video with sound plays without an audio output."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.media.audio_device import check_audio
from kiosk.runtime.speaker import Speaker
from kiosk.runtime.tone import AlertTone
from kiosk.runtime.video import VideoSource
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not check_audio().missing, reason="this machine has a sound card or server")
NOISE = ("PulseAudio", "pa_context", "QSoundEffect", "ALSA", "audio device")


def qt_noise(qtlog) -> list[str]:
    return [r.message for r in qtlog.records if any(word in r.message for word in NOISE)]


def test_speech_tone_and_video_open_no_audio(qtbot, qtlog, tmp_path: Path) -> None:
    speaker = Speaker(160, hang_timeout_s=3.0)
    tone = AlertTone()
    video = VideoSource(REPO / "content/videos/hafen-loop.mp4", muted=False, loop=False)
    try:
        with qtbot.waitSignal(speaker.finished, timeout=30_000):
            speaker.say("Hallo.", "de")
        assert speaker.player.null_output and speaker.log[-1].t_first_sample is not None
        assert tone.effect is None
        tone.play()
        assert tone.plays == 1 and tone.effect is None
        assert video.audio is None  # not even asked for an audio output
        with qtbot.waitSignal(video.frame, timeout=10_000):
            video.prepare()  # the picture still comes
        assert qt_noise(qtlog) == []
    finally:
        video.stop()
        speaker.shutdown()
        for obj in (speaker, tone, video):
            obj.deleteLater()
