"""Is there anything to play sound on? Asked before any audio is opened.

Without a sound card and a sound server, opening audio does not fail quietly: ``aplay`` prints eight
lines of "ALSA lib … cannot find card '0'", QtMultimedia warns "PulseAudioService: pa_context_connect()
failed" and "QSoundEffect: playback of this format is not supported", every time. So ``kiosk say`` and
the kiosk look first, say it in one line ("no audio device: …") and open nothing. Looking costs a few
``stat`` calls, so the kiosk asks again at every utterance: a speaker plugged in later is used.

The check is cautious in one direction only: audio is "missing" when there is neither a sound card
(``/proc/asound/cards``) nor a sound server (a PipeWire or PulseAudio socket, ``$PULSE_SERVER``,
``$PIPEWIRE_REMOTE``). Whenever either exists, the audio is opened as before (a blind visitor must never
lose speech to a wrong guess) and its own errors are reported.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

CARDS = Path("/proc/asound/cards")
_CARD_LINE = re.compile(r"^\s*\d+\s+\[[^\]]*\]:\s*(.+)$")
# sockets of a sound server, relative to the user's runtime folder, and system-wide ones
USER_SOCKETS = ("pulse/native", "pipewire-0")
SYSTEM_SOCKETS = (Path("/run/pulse/native"), Path("/var/run/pulse/native"))


@dataclass(frozen=True)
class AudioCheck:
    """What there is to play sound on."""

    cards: tuple[str, ...] = ()  # ALSA sound cards, as the kernel names them
    servers: tuple[str, ...] = ()  # sound servers reachable: a socket path or an environment variable

    @property
    def missing(self) -> bool:
        return not self.cards and not self.servers

    @property
    def reason(self) -> str:
        """Why nothing can be heard, for a person ("" when something is there)."""
        return "no sound card and no sound server (PipeWire or PulseAudio)" if self.missing else ""


def check_audio(
    env: Mapping[str, str] | None = None,
    cards_file: Path = CARDS,
    system_sockets: tuple[Path, ...] = SYSTEM_SOCKETS,
) -> AudioCheck:
    """Look for sound cards and sound servers without opening any of them."""
    env = os.environ if env is None else env
    return AudioCheck(_cards(cards_file), _servers(env, system_sockets))


def _cards(cards_file: Path) -> tuple[str, ...]:
    try:
        text = cards_file.read_text(encoding="utf-8", errors="replace")
    except OSError:  # no ALSA in this kernel (containers, CI): no card
        return ()
    return tuple(m.group(1).strip() for line in text.splitlines() if (m := _CARD_LINE.match(line)))


def _servers(env: Mapping[str, str], system_sockets: tuple[Path, ...]) -> tuple[str, ...]:
    found = [f"${name}" for name in ("PULSE_SERVER", "PIPEWIRE_REMOTE") if env.get(name)]
    runtime = env.get("XDG_RUNTIME_DIR") or (f"/run/user/{os.getuid()}" if hasattr(os, "getuid") else "")
    candidates = [Path(runtime) / name for name in USER_SOCKETS] if runtime else []
    found += [str(path) for path in (*candidates, *system_sockets) if _is_socket(path)]
    return tuple(found)


def _is_socket(path: Path) -> bool:
    try:
        return path.is_socket()
    except OSError:  # a runtime folder of another user: not ours to use
        return False


class _Report:
    """Says once that audio is missing and once that it is back (a transition, not every utterance)."""

    def __init__(self) -> None:
        self.missing: bool | None = None

    def note(self, check: AudioCheck) -> None:
        if check.missing and self.missing is not True:
            log.warning("no audio device: %s; speech and the alert tone are not heard", check.reason)
        elif not check.missing and self.missing is True:
            log.warning("audio device available again (%s)", ", ".join(check.cards or check.servers))
        self.missing = check.missing


_REPORT = _Report()  # one per process: the machine's sound is a fact of the process, not of a widget


def audio_missing() -> str | None:
    """Why no sound can be played here (logged once per change), or ``None`` if a device may be there."""
    check = check_audio()
    _REPORT.note(check)
    return check.reason if check.missing else None


__all__ = ["AudioCheck", "audio_missing", "check_audio"]
