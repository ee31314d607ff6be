"""Speech synthesis in a worker process that owns the pyttsx3 engine.

pyttsx3's espeak driver blocks until a whole utterance is synthesised, keeps writing to the last file
after ``save_to_file``, prints to stdout, and can hang in ``stop()`` (../shared/PLATFORM-FACTS.md). So
the engine lives alone in a child process: the caller sends (id, text, language) and gets back the path
of a finished WAV file; a worker that dies or hangs is replaced. Playing is the runtime's business.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing as mp
import queue
import tempfile
import time
import wave
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

VOICES = {
    "de": "gmw/de",
    "ls": "gmw/de",
    "en": "gmw/en",
    "da": "gmw/da",
    "sv": "gmw/sv",
    "pl": "zlw/pl",
    "uk": "zle/uk",
    "fr": "roa/fr",
    "es": "roa/es",
    "tr": "trk/tr",
}
SLOWER = {"ls": 0.8}  # Leichte Sprache: German, slower


@dataclass(frozen=True)
class Utterance:
    id: int
    path: Path
    error: str = ""


def _wait_for_file(path: Path, timeout_s: float = 5.0) -> bool:
    # pyttsx3 may return before the file is complete: wait until its size stops changing
    end, last, steady = time.monotonic() + timeout_s, -1, 0
    while time.monotonic() < end:
        size = path.stat().st_size if path.exists() else -1
        steady = steady + 1 if size > 44 and size == last else 0
        if steady >= 2:
            return True
        last = size
        time.sleep(0.03)
    return False


def _worker(requests: Any, results: Any, folder: str, rate_wpm: int) -> None:  # runs in the child
    import pyttsx3

    with contextlib.redirect_stdout(io.StringIO()):  # "Audio saved to …" is not our log
        engine = pyttsx3.init()
        warm = Path(folder) / "warmup.wav"
        # the first long file after start can come back early: warm up with a sentence of some length
        engine.save_to_file("Guten Tag. Dies ist eine Probe der Sprachausgabe.", str(warm))
        engine.runAndWait()
        while True:
            item = requests.get()
            if item is None:
                return
            uid, text, language = item
            path = Path(folder) / f"utt-{uid}.wav"
            try:
                rate = round(rate_wpm * SLOWER.get(language, 1.0))
                # rate, voice, rate: setting only voice-then-rate let the rate get lost now and then
                # (measured: Leichte Sprache at full speed in about 1 of 3 utterances); this order held
                engine.setProperty("rate", rate)
                engine.setProperty("voice", VOICES.get(language, "gmw/de"))
                engine.setProperty("rate", rate)
                engine.save_to_file(text, str(path))
                ok = False
                for _ in range(3):  # the espeak driver can return before writing; pumping it again helps
                    engine.runAndWait()
                    ok = _wait_for_file(path, timeout_s=3.0)
                    if ok:
                        break
                results.put((uid, str(path), "" if ok else "synthesis produced no audio"))
            except Exception as exc:  # report, never die silently: the caller decides what to do
                results.put((uid, str(path), f"{type(exc).__name__}: {exc}"))


class Synthesizer:
    """``submit(text, language)`` → id; ``result(timeout)`` → Utterance. Restarts a dead or hung worker."""

    def __init__(self, rate_wpm: int = 160, folder: Path | None = None) -> None:
        self.rate_wpm = rate_wpm
        self.folder = folder or Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        self.ctx = mp.get_context("spawn")  # no forked Qt state in the child
        self.process: SpawnProcess | None = None
        self.requests: Any = None
        self.results: Any = None
        self.next_id = 0
        self.restarts = -1

    def start(self) -> None:
        self.requests, self.results = self.ctx.Queue(), self.ctx.Queue()
        self.process = self.ctx.Process(
            target=_worker, args=(self.requests, self.results, str(self.folder), self.rate_wpm), daemon=True
        )
        self.process.start()
        self.restarts += 1

    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def submit(self, text: str, language: str) -> int:
        if not self.alive():
            self.start()
        self.next_id += 1
        self.requests.put((self.next_id, text, language))
        return self.next_id

    def result(self, timeout_s: float = 10.0) -> Utterance | None:
        """The next finished utterance; ``None`` (and a restarted worker) if it took too long."""
        try:
            uid, path, error = self.results.get(timeout=timeout_s)
        except queue.Empty:
            self.restart()
            return None
        return Utterance(uid, Path(path), error)

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            with contextlib.suppress(Exception):
                self.requests.put(None)
            self.process.join(timeout=1.0)
            if self.process.is_alive():
                self.process.kill()  # a hung engine: pyttsx3's stop() itself can hang
                self.process.join(timeout=1.0)
        self.process = None


def wav_stats(path: Path) -> tuple[float, float]:
    """(duration in s, RMS level 0…1) of a mono 16-bit WAV: what tests check to know speech was made."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        duration = wav.getnframes() / wav.getframerate()
    samples = memoryview(frames).cast("h")
    if not samples:
        return duration, 0.0
    rms = (sum(s * s for s in samples) / len(samples)) ** 0.5 / 32768
    return duration, rms


__all__ = ["Synthesizer", "Utterance", "wav_stats"]
