"""Speech synthesis in a worker process that owns the espeak-ng engine.

pyttsx3's espeak driver runs espeak-ng asynchronously (``AUDIO_OUTPUT_RETRIEVAL``), so ``runAndWait``
can return before the audio is complete (measured: about 1 request in 100 came back 3 s late), sleeps
10 ms per loop turn, writes every utterance to a WAV file, prints to stdout and can hang in ``stop()``
(../shared/PLATFORM-FACTS.md, ACCESSIBILITY.md §6). So the worker drives espeak-ng through pyttsx3's own
ctypes binding (``pyttsx3.drivers._espeak``; pyttsx3 is pinned below 3) in ``AUDIO_OUTPUT_SYNCHRONOUS``
mode: ``Synth`` returns when the sentence is done and the samples arrive in memory through the callback.
Nothing spoken ever touches the disk (a kiosk runs for months, and what a visitor had read out is nobody
else's business). The engine lives alone in a child process: the caller sends (id, text, language) and
gets back 16-bit mono PCM and its sample rate; a worker that dies or stops answering is replaced.
Playing is the runtime's business.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing as mp
import queue
import re
import time
import wave
from array import array
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

from kiosk import i18n

log = logging.getLogger(__name__)

# each language's espeak-ng voice and rate factor are facts of its module in kiosk/i18n
VOICES = {lang.code: lang.voice for lang in i18n.languages()}
SLOWER = {lang.code: lang.speech_rate for lang in i18n.languages() if lang.speech_rate != 1}
POLL_S = 0.05  # how often a waiting caller looks whether the worker is still alive
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Utterance:
    """One synthesised request: ``pcm`` is 16-bit signed mono, native byte order, at ``rate`` Hz."""

    id: int
    pcm: bytes
    rate: int
    error: str = ""


def _worker(requests: Any, results: Any, rate_wpm: int) -> None:  # runs in the child
    from pyttsx3.drivers import _espeak

    sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 100)
    pieces: list[bytes] = []

    def collect(wav: Any, count: int, events: Any) -> int:
        if count > 0 and wav:
            pieces.append(ctypes.string_at(wav, count * 2))
        return 0  # go on

    _espeak.SetSynthCallback(collect)
    parent = mp.parent_process()
    while True:
        try:
            item = requests.get(timeout=1.0)
        except queue.Empty:
            # the kiosk process died (crash, SIGKILL): a worker holding its own pipe end would never see
            # end-of-file and linger for ever, so it watches its parent instead
            if parent is not None and not parent.is_alive():
                return
            continue
        if item is None:
            return
        uid, text, language = item
        pieces.clear()
        try:
            if sample_rate <= 0:
                raise RuntimeError("espeak-ng could not be initialised")
            if _espeak.SetVoiceByName(VOICES.get(language, "gmw/de").encode()) != _espeak.EE_OK:
                _espeak.SetVoiceByName(b"gmw/de")
            _espeak.SetParameter(_espeak.RATE, round(rate_wpm * SLOWER.get(language, 1.0)), 0)
            _espeak.Synth(text, flags=_espeak.CHARS_UTF8 | _espeak.ENDPAUSE)
            pcm = b"".join(pieces)
            results.put((uid, pcm, sample_rate, "" if pcm else "synthesis produced no audio"))
        except Exception as exc:  # report, never die silently: the caller decides what to do
            results.put((uid, b"", 0, f"{type(exc).__name__}: {exc}"))


class Synthesizer:
    """``submit(text, language)`` → id; ``result(timeout)`` → Utterance. Replaces a dead or hung worker.

    Not thread-safe: one thread submits and collects (the runtime's speech thread, or a command).
    """

    def __init__(self, rate_wpm: int = 160) -> None:
        self.rate_wpm = rate_wpm
        self.ctx = mp.get_context("spawn")  # no forked Qt state in the child
        self.process: SpawnProcess | None = None
        self.requests: Any = None
        self.results: Any = None
        self.next_id = 0
        self.restarts = -1
        self.closing = False  # set by the owner at shutdown: no more restarts

    def start(self) -> None:
        """Start a fresh worker (it warms up by itself; requests queue meanwhile)."""
        self.requests, self.results = self.ctx.Queue(), self.ctx.Queue()
        self.process = self.ctx.Process(
            target=_worker, args=(self.requests, self.results, self.rate_wpm), daemon=True
        )
        self.process.start()
        self.restarts += 1

    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def submit(self, text: str, language: str) -> int:
        """Queue one text for synthesis; a dead worker is replaced first."""
        if not self.alive():
            if self.process is not None:
                log.warning("speech worker died (exit code %s): starting a new one", self.process.exitcode)
            self.start()
        self.next_id += 1
        # espeak takes a C string: a NUL would end the text there, and other control characters are noise
        self.requests.put((self.next_id, _CONTROL.sub(" ", text), language))
        return self.next_id

    def result(self, timeout_s: float = 10.0) -> Utterance | None:
        """The next finished utterance, in submission order.

        Returns:
            ``None`` if the worker died or gave no answer within ``timeout_s``: it has then been replaced
            and every request still outstanding is lost (the caller submits again what it still needs).
        """
        end = time.monotonic() + timeout_s
        while True:
            try:
                uid, pcm, rate, error = self.results.get(timeout=POLL_S)
                return Utterance(uid, pcm, rate, error)
            except queue.Empty:
                pass
            if self.closing:
                return None  # shutting down: no new worker
            if not self.alive():
                code = self.process.exitcode if self.process is not None else None
                log.warning("speech worker died (exit code %s): starting a new one", code)
            elif time.monotonic() >= end:
                log.warning("speech worker gave no answer within %.1f s: replacing it", timeout_s)
            else:
                continue
            self.restart()
            return None

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        """End the worker (killed if it does not quit in 1 s)."""
        if self.process is not None and self.process.is_alive():
            with contextlib.suppress(Exception):
                self.requests.put(None)
            self.process.join(timeout=1.0)
            if self.process.is_alive():
                self.process.kill()  # a hung engine: pyttsx3's stop() itself can hang
                self.process.join(timeout=1.0)
        for channel in (self.requests, self.results):
            if channel is not None:
                # a big request stuck in the pipe of a dead worker must not block the interpreter's exit
                channel.cancel_join_thread()
                channel.close()
        self.requests = self.results = None
        self.process = None


def pcm_stats(pcm: bytes, rate: int) -> tuple[float, float]:
    """(duration in s, RMS level 0…1) of 16-bit mono PCM: what tests check to know speech was made."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    if not samples or rate <= 0:
        return 0.0, 0.0
    rms = (sum(s * s for s in samples) / len(samples)) ** 0.5 / 32768
    return len(samples) / rate, rms


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    """Write 16-bit mono PCM as a WAV file (only when someone asks for a file, e.g. ``kiosk say --out``)."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)


def wav_stats(path: Path) -> tuple[float, float]:
    """(duration in s, RMS level 0…1) of a mono 16-bit WAV file."""
    with wave.open(str(path), "rb") as wav:
        return pcm_stats(wav.readframes(wav.getnframes()), wav.getframerate())


__all__ = ["Synthesizer", "Utterance", "pcm_stats", "wav_stats", "write_wav"]
