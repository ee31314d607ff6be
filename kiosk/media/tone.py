"""The alert tone: a two-note chime written as a small WAV file (no binary asset in the repo)."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050


def chime(
    path: Path,
    notes: tuple[float, ...] = (988.0, 784.0, 988.0, 784.0),
    note_s: float = 0.35,
    volume: float = 0.6,
) -> Path:
    """Write the chime to ``path`` (mono, 16 bit) and return it."""
    frames = bytearray()
    per_note = int(RATE * note_s)
    for freq in notes:
        for i in range(per_note):
            envelope = min(1.0, i / (0.01 * RATE)) * math.exp(-3.0 * i / per_note)  # no click, soft decay
            sample = volume * envelope * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", round(sample * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return path
