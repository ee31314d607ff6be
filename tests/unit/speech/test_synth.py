"""Real speech: German and English synthesised by espeak-ng (pyttsx3's binding) in a worker process, handed
back as PCM in memory."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from kiosk.speech.synth import Synthesizer, Utterance, pcm_stats, wav_stats, write_wav


def _results(synth: Synthesizer, count: int) -> dict[int, Utterance]:
    results = [synth.result(20) for _ in range(count)]
    return {u.id: u for u in results if u is not None}


def test_german_and_english_speech_is_real_audio() -> None:
    synth = Synthesizer()
    try:
        de = synth.submit("Achtung, Sturmflut an der Ostseeküste. Bitte meiden Sie die Kaikante.", "de")
        en = synth.submit("Storm surge on the Baltic coast. Please keep away from the quay.", "en")
        results = _results(synth, 2)
        assert set(results) == {de, en}
        for uid, words in ((de, 11), (en, 12)):
            assert not results[uid].error and results[uid].rate == 22050
            duration, rms = pcm_stats(results[uid].pcm, results[uid].rate)
            assert 0.25 * words < duration < 1.2 * words  # plausible for this many words
            assert rms > 0.02  # not silence
        assert results[de].pcm != results[en].pcm
    finally:
        synth.stop()


def test_leichte_sprache_is_spoken_slower() -> None:
    synth = Synthesizer()
    try:
        text = "Das Wasser ist hoch. Gehen Sie nicht an das Ufer."
        synth.submit(text, "de")
        synth.submit(text, "ls")
        first, second = synth.result(20), synth.result(20)
        assert first is not None and second is not None
        assert pcm_stats(second.pcm, second.rate)[0] > 1.15 * pcm_stats(first.pcm, first.rate)[0]
    finally:
        synth.stop()


def test_a_dead_worker_is_replaced() -> None:
    synth = Synthesizer()
    try:
        synth.start()
        assert synth.process is not None
        synth.process.kill()
        synth.process.join()
        uid = synth.submit("Hallo.", "de")  # noticed on submit: a new worker takes over
        result = synth.result(20)
        assert result is not None and result.id == uid and not result.error and synth.restarts == 1
        # dying while a request is outstanding is noticed at once, not after the timeout
        synth.submit("Noch einmal.", "de")
        synth.process.kill()
        assert synth.result(20) is None and synth.restarts == 2 and synth.alive()
    finally:
        synth.stop()


def test_a_hung_worker_is_replaced_after_the_timeout() -> None:
    synth = Synthesizer()
    try:
        synth.submit("Hallo.", "de")
        assert synth.result(20) is not None
        assert synth.process is not None and synth.process.pid is not None
        os.kill(synth.process.pid, signal.SIGSTOP)  # alive but silent, as a hung espeak would be
        synth.submit("Hallo.", "de")
        assert synth.result(1.0) is None and synth.restarts == 1
        uid = synth.submit("Wieder da.", "de")
        result = synth.result(20)
        assert result is not None and result.id == uid and pcm_stats(result.pcm, result.rate)[1] > 0.02
    finally:
        synth.stop()


def test_many_requests_come_back_complete_and_in_time() -> None:
    synth = Synthesizer()
    try:
        synth.submit("Hallo.", "de")
        assert synth.result(20) is not None  # started and warm
        longest = 0.0
        for _ in range(40):  # pyttsx3's own loop returned early about once in 100 requests
            start = time.perf_counter()
            synth.submit("Zurück zur Startseite.", "de")
            result = synth.result(5)
            longest = max(longest, time.perf_counter() - start)
            assert result is not None and not result.error
            assert 0.8 < pcm_stats(result.pcm, result.rate)[0] < 3
        assert longest < 1.0
    finally:
        synth.stop()


def test_wav_round_trip(tmp_path: Path) -> None:
    synth = Synthesizer()
    synth.submit("Zurück.", "de")
    result = synth.result(20)
    synth.stop()
    assert result is not None
    write_wav(tmp_path / "z.wav", result.pcm, result.rate)
    assert wav_stats(tmp_path / "z.wav") == pcm_stats(result.pcm, result.rate)


def test_markup_is_read_as_characters_not_obeyed() -> None:
    """No SSML: a feed cannot make the kiosk pause, play a file or change its voice."""
    synth = Synthesizer()
    try:
        plain = synth.submit("Achtung b", "de")
        marked = synth.submit('Achtung <break time="30s"/> b', "de")
        results = _results(synth, 2)
        short = pcm_stats(results[plain].pcm, results[plain].rate)[0]
        long = pcm_stats(results[marked].pcm, results[marked].rate)[0]
        assert short < long < 10  # the tag's characters are spoken (longer), its 30 s pause is not made
    finally:
        synth.stop()
