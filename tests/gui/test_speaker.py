"""The Speaker end to end: real synthesis, the PcmPlayer on this machine's null output (no audio device),
timings taken on the player itself and levels measured on the samples it wrote."""

from __future__ import annotations

import math
import os
import signal
import time
from array import array
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.runtime.speaker import Speaker, volume_gain
from kiosk.speech.plan import NO_WORDS, Lexicon
from kiosk.speech.synth import pcm_stats

LONG_DE = (
    "Willkommen am Stadthafen in Rostock. Hier legen im Sommer die großen Segelschiffe an. "
    "Die Fähre nach Gedser fährt jeden Tag um 14.30 Uhr. Bitte halten Sie Abstand zur Kaikante."
)


@pytest.fixture
def speaker(qapp: object) -> Iterator[Speaker]:
    speaker = Speaker(160, hang_timeout_s=3.0)
    speaker.player.tap = bytearray()
    yield speaker
    speaker.shutdown()
    speaker.deleteLater()


def rms(pcm: bytes | bytearray) -> float:
    samples = array("h")
    samples.frombytes(bytes(pcm))
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768


def test_german_and_english_are_spoken_sentence_by_sentence(qtbot, speaker: Speaker) -> None:
    for text, language in (("Hallo. Guten Tag.", "de"), ("Good morning. Welcome.", "en")):
        assert speaker.player.tap is not None
        speaker.player.tap.clear()
        with (
            qtbot.waitSignal(speaker.started, timeout=20_000) as started,
            qtbot.waitSignal(speaker.finished, timeout=20_000),
        ):
            speaker.say(text, language)
            assert speaker.speaking
        assert started.args == [text] and not speaker.speaking
        audio = speaker.audio_for(text, language)
        assert audio is not None
        duration, level = pcm_stats(*audio)
        assert 0.8 < duration < 4.0 and level > 0.02  # two short sentences of real speech
        assert bytes(speaker.player.tap) == audio[0]  # played whole, gapless, in order, at full volume
        entry = speaker.log[-1]
        assert (entry.text, entry.language) == (text, language)
        assert entry.t_first_sample is not None and entry.t_first_sample > entry.t_request
    assert speaker.player.null_output  # this machine has no audio device


class StopPad(QWidget):
    """A widget whose touch and mouse handlers silence the speaker, as every kiosk screen does."""

    def __init__(self, speaker: Speaker) -> None:
        super().__init__()
        self.speaker = speaker
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.resize(200, 200)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress):
            self.speaker.stop()
            event.accept()
            return True
        return super().event(event)


@pytest.mark.parametrize("how", ["mouse", "touch"])
def test_a_touch_silences_the_player_within_100_ms(qtbot, speaker: Speaker, how: str) -> None:
    pad = StopPad(speaker)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    with qtbot.waitSignal(speaker.started, timeout=20_000):
        speaker.say(LONG_DE, "de")
    qtbot.waitUntil(lambda: speaker.player.utterance_samples > 22050 // 2, timeout=5_000)  # 0.5 s in
    assert speaker.player.state == "playing"
    t_event = time.perf_counter()
    if how == "mouse":
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
    else:
        QTest.touchEvent(pad, QTest.createTouchDevice()).press(0, QPoint(50, 50)).commit()
    written = speaker.player.samples_written
    qtbot.waitUntil(lambda: speaker.player.t_stop is not None, timeout=2_000)
    qtbot.wait(300)  # deliberately real time: no sample may be written after the stop
    t_stop, t_last = speaker.player.t_stop, speaker.player.t_last_write
    assert t_stop is not None and t_last is not None
    assert t_stop - t_event < 0.100 and t_last <= t_stop
    assert speaker.player.samples_written == written and speaker.player.state == "idle"
    assert not speaker.speaking
    if how == "mouse":
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))


def test_stop_before_the_first_sample_drops_pending_synthesis(qtbot, speaker: Speaker) -> None:
    heard: list[str] = []
    speaker.started.connect(heard.append)
    speaker.say(LONG_DE + " Das ist neu und noch nicht im Speicher.", "de")
    speaker.stop()
    written = speaker.player.samples_written
    qtbot.wait(1_000)  # deliberately real time: longer than the first sentence takes to synthesise
    assert not heard and speaker.player.samples_written == written and not speaker.speaking


def test_repeat_plays_the_last_utterance_again_from_the_cache(qtbot, speaker: Speaker) -> None:
    text = "Zurück. Startseite."
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say(text, "de")
    assert speaker.player.tap is not None
    first = bytes(speaker.player.tap)
    speaker.player.tap.clear()
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        t_repeat = time.perf_counter()
        speaker.repeat()
        t_first = speaker.player.t_first_sample  # cached: the first sample is written inside repeat()
    assert bytes(speaker.player.tap) == first
    assert t_first is not None and t_first - t_repeat < 0.02
    assert [e.text for e in speaker.log] == [text, text]


def test_pause_stops_the_sample_flow_and_resume_continues(qtbot, speaker: Speaker) -> None:
    text = "Die Fähre nach Gedser fährt jeden Tag um 14.30 Uhr."
    with qtbot.waitSignal(speaker.started, timeout=20_000):
        speaker.say(text, "de")
    qtbot.waitUntil(lambda: speaker.player.utterance_samples > 22050 // 3, timeout=5_000)
    speaker.pause()
    assert speaker.paused and speaker.speaking and speaker.player.state == "paused"
    written = speaker.player.samples_written
    qtbot.wait(400)  # deliberately real time: paused means no sample flows meanwhile
    assert speaker.player.samples_written == written
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.resume()
        assert not speaker.paused
    audio = speaker.audio_for(text, "de")
    assert audio is not None and speaker.player.tap == audio[0]  # nothing lost, nothing twice


def test_new_speech_replaces_the_old(qtbot, speaker: Speaker) -> None:
    finished: list[None] = []
    speaker.finished.connect(lambda: finished.append(None))
    with qtbot.waitSignal(speaker.started, timeout=20_000):
        speaker.say(LONG_DE, "de")
    qtbot.waitUntil(lambda: speaker.player.utterance_samples > 22050 // 4, timeout=5_000)
    assert speaker.player.tap is not None
    before = len(speaker.player.tap)
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say("Hilfe.", "en")
    audio = speaker.audio_for("Hilfe.", "en")
    assert audio is not None and bytes(speaker.player.tap[before:]) == audio[0]
    assert len(finished) == 1  # the replaced utterance did not "finish"
    assert [(e.text, e.language) for e in speaker.log] == [(LONG_DE, "de"), ("Hilfe.", "en")]


def test_volume_steps_change_the_gain_of_written_samples(qtbot, speaker: Speaker) -> None:
    text = "Lautstärke."
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say(text, "de")
    audio = speaker.audio_for(text, "de")
    assert audio is not None
    reference = rms(audio[0])
    levels = {}
    for step in (10, 5, 1):
        assert speaker.player.tap is not None
        speaker.player.tap.clear()
        speaker.set_volume(step)
        with qtbot.waitSignal(speaker.finished, timeout=20_000):
            speaker.repeat()
        levels[step] = 20 * math.log10(rms(speaker.player.tap) / reference)
    assert abs(levels[10]) < 0.01
    assert levels[5] == pytest.approx(-50 / 3, abs=0.3)  # 5 steps of 30/9 dB
    assert levels[1] == pytest.approx(-30, abs=0.5)
    assert volume_gain(0) == volume_gain(1) and volume_gain(11) == 1.0


def test_a_dead_worker_is_replaced_while_the_speaker_keeps_working(qtbot, speaker: Speaker) -> None:
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say("Eins.", "de")
    process = speaker.synth.process
    assert process is not None
    process.kill()
    process.join()
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say("Zwei.", "de")
    assert speaker.synth.restarts == 1 and speaker.log[-1].t_first_sample is not None


def test_a_hung_worker_is_replaced_and_the_sentence_asked_again(qtbot, speaker: Speaker) -> None:
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say("Eins.", "de")
    process = speaker.synth.process
    assert process is not None and process.pid is not None
    os.kill(process.pid, signal.SIGSTOP)
    t_say = time.perf_counter()
    with qtbot.waitSignal(speaker.started, timeout=20_000):
        speaker.say("Drei.", "de")
    assert speaker.synth.restarts == 1 and time.perf_counter() - t_say >= speaker.hang_timeout_s


def test_the_cache_is_bounded(qtbot) -> None:
    speaker = Speaker(160, cache_bytes=120_000)  # ≈ 2.7 s of audio
    try:
        for word in ("Eins.", "Zwei.", "Drei.", "Vier.", "Fünf.", "Sechs."):
            with qtbot.waitSignal(speaker.started, timeout=20_000):
                speaker.say(word, "de")
        assert 0 < speaker._cache_size <= 120_000
        assert speaker.audio_for("Sechs.", "de") is not None and speaker.audio_for("Eins.", "de") is None
        speaker.clear_cache()
        assert speaker._cache_size == 0 and speaker.audio_for("Sechs.", "de") is None
    finally:
        speaker.shutdown()
        speaker.deleteLater()


def test_a_german_name_in_english_is_played_with_the_german_voice(qtbot, speaker: Speaker) -> None:
    text = "Walk to the Kröpeliner Tor."
    played = {}
    for words in (Lexicon.of([({}, {"de": ["Kröpeliner Tor"]})]), NO_WORDS):
        speaker.set_words(words)
        assert speaker.player.tap is not None
        speaker.player.tap.clear()
        with qtbot.waitSignal(speaker.finished, timeout=20_000):
            speaker.say(text, "en")
        entry = speaker.log[-1]
        played[words is NO_WORDS] = (bytes(speaker.player.tap), [c.language for c in entry.chunks])
        assert entry.text == text  # the log keeps what was shown; the chunks what the voice said
    (with_name, voices), (without, one_voice) = played[False], played[True]
    assert voices == ["en", "de"] and one_voice == ["en"]
    # the English part sounds the same either way; the name does not: it has the German voice
    head = speaker.audio_for("Walk to the", "en")
    assert head is not None and with_name.startswith(head[0]) and with_name != without
