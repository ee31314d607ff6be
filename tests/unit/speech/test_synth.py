"""Real speech: German and English synthesised by espeak-ng through pyttsx3 in a worker process."""

from __future__ import annotations

from kiosk.speech.synth import Synthesizer, wav_stats


def test_german_and_english_speech_is_real_audio(tmp_path) -> None:
    synth = Synthesizer(folder=tmp_path)
    try:
        de = synth.submit("Achtung, Sturmflut an der Ostseeküste. Bitte meiden Sie die Kaikante.", "de")
        en = synth.submit("Storm surge on the Baltic coast. Please keep away from the quay.", "en")
        results = {u.id: u for u in (synth.result(20), synth.result(20)) if u is not None}
        assert set(results) == {de, en}
        for uid, words in ((de, 11), (en, 12)):
            assert not results[uid].error
            duration, rms = wav_stats(results[uid].path)
            assert 0.25 * words < duration < 1.2 * words  # plausible for this many words
            assert rms > 0.02  # not silence
        assert wav_stats(results[de].path) != wav_stats(results[en].path)
    finally:
        synth.stop()


def test_leichte_sprache_is_spoken_slower(tmp_path) -> None:
    synth = Synthesizer(folder=tmp_path)
    try:
        text = "Das Wasser ist hoch. Gehen Sie nicht an das Ufer."
        synth.submit(text, "de")
        synth.submit(text, "ls")
        first, second = synth.result(20), synth.result(20)
        assert first is not None and second is not None
        assert wav_stats(second.path)[0] > 1.15 * wav_stats(first.path)[0]
    finally:
        synth.stop()


def test_a_dead_worker_is_replaced(tmp_path) -> None:
    synth = Synthesizer(folder=tmp_path)
    try:
        synth.start()
        assert synth.process is not None
        synth.process.kill()
        synth.process.join()
        uid = synth.submit("Hallo.", "de")  # noticed on submit: a new worker takes over
        result = synth.result(20)
        assert result is not None and result.id == uid and not result.error and synth.restarts == 1
    finally:
        synth.stop()
