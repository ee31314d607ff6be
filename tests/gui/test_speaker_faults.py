"""The speaker under faults: hostile long text, a worker that cannot start, shutdown with a hung worker."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from kiosk.runtime.speaker import Speaker


@pytest.fixture
def speaker(qapp: object) -> Iterator[Speaker]:
    speaker = Speaker(160, hang_timeout_s=3.0)
    yield speaker
    speaker.shutdown()
    speaker.deleteLater()


def test_new_speech_does_not_wait_for_a_stopped_long_sentence(qtbot, speaker: Speaker) -> None:
    # no ". " and no ", ": once one 100 000-character chunk (about 9 s of synthesis)
    asked = speaker.synth.next_id
    speaker.say("Wort " * 20_000, "de")
    qtbot.waitUntil(lambda: speaker.synth.next_id > asked, timeout=5_000)  # being synthesised now
    t0 = time.perf_counter()
    with qtbot.waitSignal(speaker.started, timeout=30_000):
        speaker.say("Bitte warten Sie hier.", "de")  # a touch: new speech must start at once (EN 5.1.3.5)
    assert time.perf_counter() - t0 < 1.0
    assert speaker.synth.restarts == 0  # and the worker is not killed as "hung" for a sentence nobody wants


def test_speech_survives_a_transient_worker_start_failure(qtbot, speaker: Speaker) -> None:
    qtbot.waitUntil(speaker.synth.alive, timeout=20_000)
    real_start, calls = speaker.synth.start, []

    def flaky_start() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(24, "Too many open files")  # EMFILE / EAGAIN / ENOMEM while spawning
        real_start()

    speaker.synth.start = flaky_start  # type: ignore[method-assign]
    assert speaker.synth.process is not None
    speaker.synth.process.kill()
    speaker.synth.process.join()
    speaker.say("Zwei.", "de")  # submit() finds the worker dead, restart fails once
    qtbot.waitUntil(lambda: bool(calls), timeout=5_000)
    with qtbot.waitSignal(speaker.started, timeout=10_000):
        speaker.say("Drei.", "de")
    assert speaker._thread.is_alive()


def test_shutdown_with_a_hung_worker_is_quick_and_starts_no_new_one(qtbot, qapp: object) -> None:
    speaker = Speaker(160, hang_timeout_s=3.0)
    try:
        qtbot.waitUntil(speaker.synth.alive, timeout=20_000)
        assert speaker.synth.process is not None and speaker.synth.process.pid is not None
        os.kill(speaker.synth.process.pid, signal.SIGSTOP)
        asked = speaker.synth.next_id
        speaker.say("Ein neuer Satz, der nicht im Speicher ist.", "de")
        qtbot.waitUntil(lambda: speaker.synth.next_id > asked, timeout=5_000)  # sent to the hung worker
        starts: list[float] = []
        real_start = speaker.synth.start

        def counting_start() -> None:
            starts.append(time.perf_counter())
            real_start()

        speaker.synth.start = counting_start  # type: ignore[method-assign]
        t0 = time.perf_counter()
        speaker.shutdown()
        blocked = time.perf_counter() - t0
    finally:
        speaker.deleteLater()
    assert not starts, "a fresh worker was spawned during shutdown"
    assert blocked < 1.5
