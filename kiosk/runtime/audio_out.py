"""An interruptible PCM player: 16-bit mono pushed in small pieces to a QAudioSink.

QSoundEffect and pyttsx3's own ``aplay`` cannot be cut short reliably, and a blind visitor must be able to
silence the kiosk with any touch (EN 301 549 5.1.3.5). So we push the audio ourselves: a timer tops up a
short device buffer every few milliseconds, stop is ``reset()`` of that buffer plus dropping what we hold,
pause is ``suspend()``, and the volume is our own gain on the samples.

Without an audio device (CI, this build machine, a kiosk whose speaker is unplugged) the player writes to
a null output that consumes samples at real time through the same timer and bookkeeping, so the state,
position and timing of speech are the same everywhere and measurable in tests. Where there is no sound
card and no sound server at all (``media.audio_device``), QtMultimedia is not even asked: it would print
its own warnings each time; the one line "no audio device: …" says it instead.
"""

from __future__ import annotations

import logging
import time
from array import array

from PySide6.QtCore import QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from kiosk.media.audio_device import audio_missing

log = logging.getLogger(__name__)

TICK_MS = 10  # top-up interval: half a chunk, so the device buffer never runs dry between ticks
DEVICE_BUFFER_MS = 200  # device buffer: survives a GUI stall this long; reset() drops it at once
NULL_BUFFER_MS = 40  # the null output's pretend buffer: the lead it may run ahead of real time


class _NullOutput:
    """Pretends to be a device: a buffer of ``NULL_BUFFER_MS`` that drains at the sample rate."""

    is_null = True

    def __init__(self, rate: int) -> None:
        self.capacity = rate * 2 * NULL_BUFFER_MS // 1000 // 2 * 2
        self.bytes_per_s = rate * 2
        self.fill = 0.0
        self.t_last = time.perf_counter()
        self.suspended = False

    def _drain(self) -> None:
        now = time.perf_counter()
        if not self.suspended:
            self.fill = max(0.0, self.fill - (now - self.t_last) * self.bytes_per_s)
        self.t_last = now

    def bytes_free(self) -> int:
        self._drain()
        return int(self.capacity - self.fill) // 2 * 2

    def write(self, data: bytes) -> int:
        accepted = min(len(data), self.bytes_free())
        self.fill += accepted
        return accepted

    def pending(self) -> int:
        self._drain()
        return int(self.fill)

    def reset(self) -> None:
        self.fill = 0.0

    def suspend(self) -> None:
        self._drain()
        self.suspended = True

    def resume(self) -> None:
        self.t_last = time.perf_counter()
        self.suspended = False

    def close(self) -> None:
        self.reset()


class _DeviceOutput:
    """The default audio output through QAudioSink in push mode."""

    is_null = False

    def __init__(self, sink: QAudioSink, io: QIODevice) -> None:
        self.sink, self.io = sink, io

    @classmethod
    def open(cls, rate: int, parent: QObject) -> _DeviceOutput | None:
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            return None
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(fmt):
            log.error("audio output %s does not take %d Hz mono 16-bit", device.description(), rate)
            return None
        sink = QAudioSink(device, fmt, parent)
        sink.setBufferSize(rate * 2 * DEVICE_BUFFER_MS // 1000 // 2 * 2)
        io = sink.start()
        if io is None or sink.error() != QtAudio.Error.NoError:
            sink.deleteLater()
            return None
        return cls(sink, io)

    def bytes_free(self) -> int:
        return int(self.sink.bytesFree()) // 2 * 2

    def write(self, data: bytes) -> int:
        return max(0, int(self.io.write(data)))

    def pending(self) -> int:
        return max(0, int(self.sink.bufferSize()) - int(self.sink.bytesFree()))

    def reset(self) -> None:
        self.sink.reset()
        # keep the sink open: a sink that sleeps clips the first syllables of the next utterance (P9)
        io = self.sink.start()
        if io is not None:
            self.io = io

    def suspend(self) -> None:
        self.sink.suspend()

    def resume(self) -> None:
        self.sink.resume()

    def close(self) -> None:
        self.sink.stop()
        self.sink.deleteLater()


def apply_gain(pcm: bytes, gain: float) -> bytes:
    """16-bit samples times ``gain``, clipped; unchanged bytes for gain 1."""
    if gain == 1.0:
        return pcm
    samples = array("h")
    samples.frombytes(pcm)
    return array("h", [max(-32768, min(32767, int(s * gain))) for s in samples]).tobytes()


class PcmPlayer(QObject):
    """Plays one utterance at a time from PCM pieces fed in order; stop, pause and gain act at once.

    Use: ``start_utterance()``, then ``feed(pcm, rate)`` per sentence as it is ready, then
    ``end_utterance()``; ``drained`` follows when the last sample has been played out.

    Attributes:
        samples_written: Samples handed to the output since the player was made.
        t_first_sample: ``time.perf_counter()`` when the current utterance's first sample was written.
        t_stop: When ``stop()`` last ran; ``t_last_write`` when samples were last written.
        tap: Set to a ``bytearray`` to collect every sample written (after gain), for tests.
    """

    first_sample = Signal()
    drained = Signal()

    def __init__(self, parent: QObject | None = None, *, use_device: bool = True) -> None:
        super().__init__(parent)
        self.use_device = use_device
        self.gain = 1.0
        self.samples_written = 0
        self.utterance_samples = 0
        self.t_first_sample: float | None = None
        self.t_stop: float | None = None
        self.t_last_write: float | None = None
        self.tap: bytearray | None = None
        self.paused = False
        self.active = False  # an utterance is under way: queued, playing or paused
        self._ended = True
        self._buffer = bytearray()
        self._rate = 0
        self._out: _NullOutput | _DeviceOutput | None = None
        self._null_logged = False
        self._reopen = False
        self._devices: QMediaDevices | None = None  # made once there is audio to watch (see _open)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def samples_played(self) -> int:
        """Samples of the current utterance that have left the output's buffer (heard, not just written)."""
        queued = self._out.pending() // 2 if self._out is not None else 0
        return max(0, self.utterance_samples - queued)

    @property
    def state(self) -> str:
        """``idle``, ``playing`` or ``paused``."""
        if not self.active:
            return "idle"
        return "paused" if self.paused else "playing"

    @property
    def null_output(self) -> bool:
        return self._out is None or self._out.is_null

    def start_utterance(self) -> None:
        """Drop whatever is playing or queued; the next ``feed`` starts a new utterance."""
        self._silence()
        if self.use_device and self._devices is None and self._out is not None and audio_missing() is None:
            self._reopen = True  # a sound card or server appeared since: try it for this utterance
        if self._reopen and self._out is not None:
            self._out.close()
            self._out = None
        self._reopen = False
        self.active = True
        self._ended = False
        self.utterance_samples = 0
        self.t_first_sample = None

    def feed(self, pcm: bytes, rate: int) -> None:
        """Append the next piece of the current utterance; plays at once if nothing is ahead of it."""
        if not self.active or self._ended:
            return
        if self._out is None or rate != self._rate:
            self._open(rate)
        self._buffer += pcm[: len(pcm) // 2 * 2]
        self._tick()  # the first sample goes out now, not on the next timer tick
        if self.active and not self._timer.isActive():
            self._timer.start()

    def end_utterance(self) -> None:
        """No more pieces for this utterance: ``drained`` follows once it has played out."""
        if self.active:
            self._ended = True
            self._tick()
            if self.active and not self._timer.isActive():
                self._timer.start()

    def stop(self) -> None:
        """Silence at once: the device buffer is dropped, nothing more is written."""
        self._silence()
        self.t_stop = time.perf_counter()

    def pause(self) -> None:
        if self.active and not self.paused:
            self.paused = True
            if self._out is not None:
                self._out.suspend()

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            if self._out is not None:
                self._out.resume()
            self._tick()

    def set_gain(self, gain: float) -> None:
        """Linear gain for samples written from now on (what is already in the device buffer stays)."""
        self.gain = max(0.0, gain)

    def close(self) -> None:
        self._silence()
        if self._out is not None:
            self._out.close()
            self._out = None

    def _outputs_changed(self) -> None:
        self._reopen = True

    def _silence(self) -> None:
        self._timer.stop()
        self._buffer.clear()
        if self._out is not None:
            self._out.reset()
        self.active = False
        self.paused = False
        self._ended = True

    def _open(self, rate: int) -> None:
        if self._out is not None:
            self._out.close()
        self._rate = rate
        # audio_missing() has said so in one line already: nothing is opened, nothing more is logged
        missing = audio_missing() if self.use_device else "no audio device asked for"
        if missing is None:
            if self._devices is None:
                # a speaker or headphones plugged in (or out) later: the new default at the next utterance
                self._devices = QMediaDevices(self)
                self._devices.audioOutputsChanged.connect(self._outputs_changed)
            self._out = _DeviceOutput.open(rate, self)
        else:
            self._out = None
        if self._out is None:
            if not self._null_logged and missing is None:  # a transition, not a steady state: logged once
                log.warning("no audio output: speech plays to a null output at real time and is not heard")
            self._null_logged = True
            self._out = _NullOutput(rate)
        elif self._null_logged:
            log.warning("audio output available again: speech is heard")
            self._null_logged = False

    def _tick(self) -> None:
        out = self._out
        if not self.active or self.paused:
            return
        size = min(out.bytes_free(), len(self._buffer)) if out is not None else 0
        if out is not None and size > 0:
            piece = apply_gain(bytes(self._buffer[:size]), self.gain)
            accepted = out.write(piece)
            if accepted > 0:
                del self._buffer[:accepted]
                if self.tap is not None:
                    self.tap += piece[:accepted]
                self.samples_written += accepted // 2
                self.utterance_samples += accepted // 2
                self.t_last_write = time.perf_counter()
                if self.t_first_sample is None:
                    self.t_first_sample = self.t_last_write
                    self.first_sample.emit()
        if self._ended and not self._buffer and (out is None or out.pending() == 0):
            self._timer.stop()
            self.active = False
            self.drained.emit()
