"""Speech for the runtime: text → sentences → synthesis off the GUI thread → an interruptible player.

``say()`` turns the text into normalised sentences, each in its voice (kiosk.speech.plan), and hands
the ones not in the cache to a speech thread, which keeps the synthesis worker process
(kiosk.speech.synth) busy with at most two sentences at a time: sentence 1 plays as soon as it is ready,
the rest follow gaplessly (a switch of voice is one more chunk), and a stop or a newer ``say()`` wastes
at most one sentence of work. Results come back to the GUI thread through a queued
signal. Labels such as "Zurück" are spoken again and again, so synthesised sentences stay in a small
in-memory LRU cache (never on disk). With no audio device the player consumes the audio at real time
without sound (logged once) and everything else, the log included, works the same.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from kiosk.config.loader import ContentSet
from kiosk.runtime.audio_out import PcmPlayer
from kiosk.speech.plan import NO_WORDS, Lexicon, Span, plan
from kiosk.speech.synth import Synthesizer, Utterance

log = logging.getLogger(__name__)
# what was spoken, one line per utterance, only with ``kiosk run --log-speech`` (field tests, accessibility
# reviews): off by default, since what a passer-by hears may be personal
SPOKEN = logging.getLogger("kiosk.spoken")

CACHE_BYTES = 4 * 1024 * 1024  # ≈ 95 s of 22 kHz speech: every label and the last few pages
IN_FLIGHT = 2  # sentences handed to the worker ahead: the next is ready when the current one ends
VOLUME_RANGE_DB = 30.0  # step 1 is 30 dB below step 10, linear in dB in between


def volume_gain(step: int) -> float:
    """Linear gain for a volume step 1…10 (10 = full scale, each step ≈ 3.3 dB)."""
    step = max(1, min(10, step))
    return float(10 ** (-(10 - step) * VOLUME_RANGE_DB / 9 / 20))


def words_of(content: ContentSet) -> Lexicon:
    """The speech words of every ``content/speech`` file, merged in file-name order."""
    files = [content.speech[name].model for name in sorted(content.speech)]
    return Lexicon.of((f.abbreviations, f.names) for f in files)


LOG_LENGTH = 500
MAX_TEXT = 10_000  # characters of one utterance (about 12 minutes of speech)


@dataclass(frozen=True)
class SpokenEntry:
    """What was asked to be spoken, when, and when its first sample reached the output (or never)."""

    text: str
    language: str
    t_request: float
    t_first_sample: float | None = None
    #: what the voice says: normalised chunks, each with the language whose voice speaks it
    chunks: tuple[Span, ...] = ()


@dataclass(frozen=True)
class _Job:
    generation: int
    index: int
    text: str
    language: str
    attempt: int = 0


class Speaker(QObject):
    """Speaks one utterance at a time; any newer ``say()`` or ``stop()`` replaces it at once.

    Signals:
        started(str): the first audio sample of an utterance went to the output.
        finished(): an utterance played to its end (not emitted when it was stopped or replaced).
    """

    started = Signal(str)
    finished = Signal()
    _ready = Signal(object, object)  # _Job, Utterance: from the speech thread, queued to the GUI thread

    def __init__(
        self,
        rate_wpm: int = 160,
        parent: QObject | None = None,
        *,
        hang_timeout_s: float = 10.0,
        cache_bytes: int = CACHE_BYTES,
        use_device: bool = True,
    ) -> None:
        super().__init__(parent)
        self.rate_wpm = rate_wpm
        self.synth = Synthesizer(rate_wpm)
        self.player = PcmPlayer(self, use_device=use_device)
        # what was spoken, newest last; bounded, because a kiosk speaks for months
        self.log: deque[SpokenEntry] = deque(maxlen=LOG_LENGTH)
        self.volume = 10
        self.hang_timeout_s = hang_timeout_s
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple[str, str, int], Utterance] = OrderedDict()
        self._cache_size = 0
        self._generation = 0  # written by the GUI thread only; the speech thread reads it to drop old jobs
        self.words: Lexicon = NO_WORDS  # the content's speech words (abbreviations, names): set_words()
        self._chunks: list[Span] = []
        self._audio: list[Utterance | None] = []
        self._fed = 0
        self._text = ""
        self._last: tuple[str, str] | None = None
        self._start = 0
        self._entry = -1
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._ready.connect(self._on_ready)
        self.player.first_sample.connect(self._on_first_sample)
        self.player.drained.connect(self._on_drained)
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    # -- the API -------------------------------------------------------------------------------------
    @property
    def speaking(self) -> bool:
        """Audio of an utterance is playing, paused or still being synthesised."""
        return self.player.active

    @property
    def alive(self) -> bool:
        """The speech thread runs (it ends only at ``shutdown``): the watchdog's health check asks."""
        return self._thread.is_alive() or self.synth.closing

    @property
    def paused(self) -> bool:
        return self.player.paused

    def say(self, text: str, language: str, start: int = 0) -> None:
        """Speak ``text`` instead of whatever is being spoken; returns at once. ``start``: begin at that
        sentence (Resume after Pause goes on where it stopped, not from the top)."""
        self.stop()
        text = text.strip()
        if not text:
            return
        if len(text) > MAX_TEXT:  # a feed's text can be anything; nobody listens to an hour of speech
            log.warning("speech cut to %d of %d characters", MAX_TEXT, len(text))
            text = text[:MAX_TEXT]
        self._last = (text, language)
        self._text = text
        chunks = plan(text, language, self.words)  # the one place text is normalised for speech
        self.log.append(SpokenEntry(text, language, time.perf_counter(), chunks=tuple(chunks)))
        if SPOKEN.isEnabledFor(logging.DEBUG):
            SPOKEN.debug("spoken (%s): %s", language, " ".join(text.split()))
        self._entry = len(self.log) - 1  # the newest; stays right because only a new say() appends
        self._start = max(0, start)
        self._chunks = chunks[self._start :] or chunks[-1:]
        self._audio = [self._cache_get(chunk.text, chunk.language) for chunk in self._chunks]
        self._fed = 0
        self.player.start_utterance()
        for index, chunk in enumerate(self._chunks):
            if self._audio[index] is None:
                self._jobs.put(_Job(self._generation, index, chunk.text, chunk.language))
        self._feed_ready()

    def set_words(self, words: Lexicon) -> None:
        """Use the content's speech words from the next ``say()`` on (content loaded or reloaded)."""
        self.words = words

    def stop(self) -> None:
        """Silence at once: the player stops, queued sentences and pending synthesis are dropped."""
        self._generation += 1
        self._chunks, self._audio, self._fed = [], [], 0
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None:  # shutting down: keep the end marker for the thread
                self._jobs.put(None)
                break
        self.player.stop()

    def position(self) -> tuple[str, str, int] | None:
        """(text, language, sentence index) of what is at the output now; None when nothing is."""
        if not self.player.active or self._last is None:
            return None
        played, index = self.player.samples_played, 0  # not what was written: the output buffers 200 ms
        for audio in self._audio[: self._fed]:
            length = len(audio.pcm) // 2 if audio is not None else 0
            if played < length:
                break
            played -= length
            index += 1
        return (*self._last, self._start + index)

    def repeat(self) -> None:
        """Speak the last utterance again, from its beginning."""
        if self._last is not None:
            self.say(*self._last)

    def pause(self) -> None:
        self.player.pause()

    def resume(self) -> None:
        self.player.resume()

    def set_volume(self, step: int) -> None:
        """Volume step 1…10, linear in dB over 30 dB; applies to the samples written from now on."""
        self.volume = max(1, min(10, step))
        self.player.set_gain(volume_gain(self.volume))

    def audio_for(self, text: str, language: str) -> tuple[bytes, int] | None:
        """The synthesised audio of a whole utterance if all its sentences are cached (tests, tools)."""
        chunks = plan(text, language, self.words)
        parts = [self._cache.get((chunk.text, chunk.language, self.rate_wpm)) for chunk in chunks]
        if not parts or any(part is None for part in parts):
            return None
        return b"".join(p.pcm for p in parts if p is not None), next(p.rate for p in parts if p is not None)

    def clear_cache(self) -> None:
        """Forget every synthesised sentence (benchmarks; a content reload could call it too)."""
        self._cache.clear()
        self._cache_size = 0

    def shutdown(self) -> None:
        """Stop speaking and end the speech thread and the worker process."""
        self.stop()
        self.synth.closing = True  # a worker that dies now is not replaced
        self._jobs.put(None)
        self._thread.join(timeout=0.2)
        if self._thread.is_alive():  # waiting on a busy or hung worker: kill it, the thread then ends
            process = self.synth.process
            if process is not None:
                process.kill()
            self._thread.join(timeout=3.0)
        self.player.close()

    # -- GUI thread ----------------------------------------------------------------------------------
    def _feed_ready(self) -> None:
        while self._fed < len(self._audio):
            audio = self._audio[self._fed]
            if audio is None:
                return  # the next sentence is still being made: wait, in order
            if audio.pcm:
                self.player.feed(audio.pcm, audio.rate)
            self._fed += 1
        self.player.end_utterance()

    def _on_ready(self, job: _Job, audio: Utterance) -> None:
        if audio.error:
            log.error("speech synthesis failed for %r: %s", job.text[:60], audio.error)
        else:
            self._cache_put((job.text, job.language, self.rate_wpm), audio)
        if job.generation == self._generation and job.index < len(self._audio):
            self._audio[job.index] = audio
            self._feed_ready()

    def _on_first_sample(self) -> None:
        if 0 <= self._entry < len(self.log):
            self.log[self._entry] = replace(self.log[self._entry], t_first_sample=self.player.t_first_sample)
        self.started.emit(self._text)

    def _on_drained(self) -> None:
        self.finished.emit()

    def _cache_get(self, chunk: str, language: str) -> Utterance | None:
        key = (chunk, language, self.rate_wpm)
        audio = self._cache.get(key)
        if audio is not None:
            self._cache.move_to_end(key)
        return audio

    def _cache_put(self, key: tuple[str, str, int], audio: Utterance) -> None:
        if key in self._cache or len(audio.pcm) > self.cache_bytes:
            return
        self._cache[key] = audio
        self._cache_size += len(audio.pcm)
        while self._cache_size > self.cache_bytes and self._cache:
            _, old = self._cache.popitem(last=False)
            self._cache_size -= len(old.pcm)

    # -- speech thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        # a supervision boundary: the worker may die or hang, and starting one may fail (no memory, too
        # many open files); none of that may end this thread, or the kiosk would be mute until restart
        waiting: list[_Job] = []
        in_flight: dict[int, _Job] = {}
        failing = False
        try:
            while True:
                try:
                    if not self._turn(waiting, in_flight):
                        return
                    if failing:
                        log.info("speech works again")
                        failing = False
                except Exception:
                    if self.synth.closing:
                        return
                    if not failing:
                        log.exception("speech failed; trying again every second")
                        failing = True
                    for job in [*waiting, *in_flight.values()]:  # let the player finish what it waits for
                        self._ready.emit(job, Utterance(0, b"", 0, "speech is failing"))
                    waiting.clear()
                    in_flight.clear()
                    time.sleep(1.0)
        finally:
            self.synth.stop()

    def _turn(self, waiting: list[_Job], in_flight: dict[int, _Job]) -> bool:
        """One round of the speech thread: take jobs, submit, collect one result. False: shut down."""
        if not self.synth.alive() and self.synth.process is None:
            self.synth.start()  # warm now: the first say() should not wait for a process start
        if not waiting and not in_flight:
            job = self._jobs.get()
            if job is None:
                return False
            waiting.append(job)
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None:
                return False
            waiting.append(job)
        waiting[:] = [job for job in waiting if job.generation == self._generation]
        while waiting and len(in_flight) < IN_FLIGHT:
            job = waiting.pop(0)
            in_flight[self.synth.submit(job.text, job.language)] = job
        if not in_flight:
            return True
        result = self.synth.result(timeout_s=self.hang_timeout_s)
        if self.synth.closing:
            return False
        if result is None:  # the worker was replaced: what it held is lost, ask again once
            lost = [in_flight[uid] for uid in sorted(in_flight)]
            in_flight.clear()
            for job in lost:
                if job.attempt == 0:
                    waiting.append(replace(job, attempt=1))
                else:
                    self._ready.emit(job, Utterance(0, b"", 0, "the speech worker failed twice"))
            waiting.sort(key=lambda j: (j.generation, j.index))
            return True
        done = in_flight.pop(result.id, None)
        if done is not None:
            self._ready.emit(done, result)
        return True
