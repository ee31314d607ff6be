"""WebVTT captions as plain text cues: the part of the format editors write (and subtitle tools export).

Handled: the ``WEBVTT`` header (with optional text and header lines), cue ids, ``hh:mm:ss.ttt`` and
``mm:ss.ttt`` timings, cue settings (ignored: the kiosk places captions itself), multi-line cues, NOTE,
STYLE and REGION blocks (skipped). Markup inside a cue (``<v Name>``, ``<b>``, ``<i>``, ``<c.class>``,
timestamps) is dropped and entities are decoded, so what reaches the screen is always plain text.

A file that breaks these rules is an error with its line and a hint, found by ``kiosk validate``; the
player shows no captions for it rather than wrong ones.
"""

from __future__ import annotations

import bisect
import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_TIME = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}(?:\s+.*)?$")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED = ("NOTE", "STYLE", "REGION")
TIMING_HINT = "a cue's timing line looks like 00:01.000 --> 00:04.000 (or 00:00:01.000 --> 00:00:04.000)"


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start_ms`` (inclusive) to ``end_ms`` (exclusive), lines joined by \\n."""

    start_ms: int
    end_ms: int
    text: str


class VttError(ValueError):
    """A file that is not WebVTT as the kiosk reads it; ``line`` is 1-based."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message
        self.hint = hint


def _ms(hours: str | None, minutes: str, seconds: str, millis: str) -> int:
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def plain(text: str) -> str:
    """Cue text without markup, entities decoded, spaces tidied per line."""
    lines = []
    for raw in text.split("\n"):
        line = html.unescape(_TAG.sub("", raw)).replace("\u00a0", " ")
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _skipped(first: str) -> bool:
    return any(first == word or first.startswith((word + " ", word + "\t")) for word in _SKIPPED)


def parse_vtt(text: str) -> list[Cue]:
    """The cues of a WebVTT file in start order; raises :class:`VttError` on the first problem."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise VttError(1, "not a WebVTT file", "the first line of a captions file must be WEBVTT")
    cues: list[Cue] = []
    for start, block in _blocks(lines)[1:]:  # the first block is the header
        if _skipped(block[0]):
            continue
        has_id = "-->" not in block[0]
        if has_id and (len(block) < 2 or "-->" not in block[1]):
            raise VttError(start, "a cue without a timing line", TIMING_HINT)
        timing_line = start + 1 if has_id else start
        timing = _TIMING.match(block[1] if has_id else block[0])
        if timing is None:
            raise VttError(timing_line, "the timing line cannot be read", TIMING_HINT)
        begin, end = _ms(*timing.groups()[:4]), _ms(*timing.groups()[4:])
        if end <= begin:
            raise VttError(timing_line, "the cue ends before it starts", "the second time must be later")
        words = plain("\n".join(block[2 if has_id else 1 :]))
        if words:
            cues.append(Cue(begin, end, words))
    cues.sort(key=lambda cue: cue.start_ms)
    return cues


class CueTrack:
    """Which text to show at a media position (overlapping cues are shown together, in start order)."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = sorted(cues, key=lambda cue: cue.start_ms)
        self._starts = [cue.start_ms for cue in self.cues]

    def text_at(self, position_ms: int) -> str:
        last = bisect.bisect_right(self._starts, position_ms)
        return "\n".join(cue.text for cue in self.cues[:last] if cue.end_ms > position_ms)


def read_captions(path: Path) -> CueTrack | None:
    """The cues of a captions file; ``None`` (said once in the log) when it cannot be read or parsed, so a
    broken file costs the captions and never the video."""
    try:
        return CueTrack(parse_vtt(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("captions %s cannot be read (%s); the video plays without them", path, exc)
    except VttError as exc:
        log.warning("captions %s are not WebVTT (%s); the video plays without them", path, exc)
    return None
