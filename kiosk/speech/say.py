"""``kiosk say``: speak a text with the kiosk's voice, or write it to a WAV file (no Qt).

Exit codes: 0 spoken (or written); 1 nothing was heard or written (no audio device, the player failed,
no speech came back); 2 a wrong argument (an unknown language is refused by the parser, a WAV path in a
folder that does not exist here). Every failure is one line on stderr: the raw output of ALSA or of the
player is not shown (``media.audio_device``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.media.audio_device import check_audio
from kiosk.paths import output_problem
from kiosk.speech.plan import plan
from kiosk.speech.synth import VOICES, Synthesizer, pcm_stats, write_wav

PLAY_TIMEOUT_S = 120.0  # a player that hangs (a stuck sound server) must not hang the command


@dataclass(frozen=True)
class SayRequest:
    text: str
    language: str = "de"
    rate_wpm: int = 160
    out: Path | None = None


def known_languages() -> tuple[str, ...]:
    return tuple(VOICES)


def run(request: SayRequest) -> int:
    """Synthesise ``request.text`` and play it (or write it); returns the exit code."""
    if request.out is not None and (problem := output_problem(request.out)):
        return _fail(f"cannot write {request.out}: {problem}", 2)
    if request.out is None:
        audio = check_audio()
        if audio.missing:  # before synthesising: nothing could be heard anyway
            return _fail(f"no audio device: {audio.reason} (use --out FILE.wav to keep the speech)", 1)
    synth = Synthesizer(rate_wpm=request.rate_wpm)
    pcm, rate = b"", 0
    try:
        # normalised, and each span in its own voice (inline [Name]{de} markup), one after the other
        for chunk in plan(request.text, request.language):
            synth.submit(chunk.text, chunk.language)
            result = synth.result(timeout_s=30.0)
            if result is None or result.error:
                why = result.error if result else "the speech worker did not answer"
                return _fail(f"no speech: {why}", 1)
            pcm, rate = pcm + result.pcm, result.rate
    finally:
        synth.stop()
    if not pcm:
        return _fail("no speech: the text has nothing to say", 1)
    duration, _ = pcm_stats(pcm, rate)
    if request.out is not None:
        try:
            write_wav(request.out, pcm, rate)
        except OSError as exc:
            request.out.unlink(missing_ok=True)
            return _fail(f"could not write {request.out}: {exc.strerror or exc}", 1)
        print(f"wrote {request.out} ({duration:.1f} s, voice for '{request.language}')")
        return 0
    return _play(pcm, rate, duration)


def _play(pcm: bytes, rate: int, duration: float) -> int:
    """Raw PCM through a pipe to a player: nothing spoken is written to disk."""
    if aplay := shutil.which("aplay"):
        command = [aplay, "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate), "-"]
    elif paplay := shutil.which("paplay"):
        command = [paplay, "--raw", "--format=s16le", "--channels=1", f"--rate={rate}"]
    else:
        return _fail(f"no audio player here (aplay, paplay); made {duration:.1f} s of speech, use --out", 1)
    try:
        done = subprocess.run(command, input=pcm, capture_output=True, check=False, timeout=PLAY_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return _fail(f"no audio device: {Path(command[0]).name} did not finish in {PLAY_TIMEOUT_S:.0f} s", 1)
    if done.returncode != 0:
        # ALSA's library prints its whole search for a card; its player's last line says what failed
        lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        why = lines[-1].strip() if lines else f"exit code {done.returncode}"
        return _fail(f"no audio device: {why}", 1)
    return 0


def _fail(message: str, code: int) -> int:
    print(f"kiosk say: {message}", file=sys.stderr)
    return code


__all__ = ["SayRequest", "known_languages", "run"]
