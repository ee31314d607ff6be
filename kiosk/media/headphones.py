"""Did headphones just arrive? Decided from the platform's list of audio outputs, before and after a change.

Speech mode starts when headphones are plugged in (ACCESSIBILITY R02, EN 301 549 5.2): a blind passer-by
brings their own and never needs the screen. What the platform reports differs: a USB headset is a new
output (PulseAudio/PipeWire id ``alsa_output.usb-…Headset…``, description "… USB Headset Analog Stereo"),
a Bluetooth headset in its call profile ``bluez_output.….headset-head-unit``; but a plug in the built-in
3.5 mm jack usually only switches the *port* of an existing output, which Qt's device list does not show.
Some drivers (UCM, split jacks) do give the jack its own output ("… Headphones"), or make it the default.
So: an output counts when it is new in the list, or newly the default, and its id or description looks
like headphones. A new loudspeaker (HDMI, a USB or Bluetooth speaker: only a name, no such word) does not.
Bluetooth headphones named only by their model ("WH-1000XM4") are missed: the word is not there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_HEADPHONE_WORDS = re.compile(
    r"head\s*phones?|head[\s-]*set|kopfh[öo]rer|ear\s*(phones?|buds?)|hands[\s-]*free|airpods",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AudioOutput:
    """One output as the platform lists it (Qt: ``QAudioDevice.id()``, ``description()``, ``isDefault()``)."""

    id: str
    description: str
    default: bool = False

    def looks_like_headphones(self) -> bool:
        return bool(_HEADPHONE_WORDS.search(self.id) or _HEADPHONE_WORDS.search(self.description))


def headphones_arrived(before: Sequence[AudioOutput], after: Sequence[AudioOutput]) -> AudioOutput | None:
    """The headphone-like output that is new in ``after`` (or newly its default), else ``None``."""
    known = {output.id for output in before}
    was_default = {output.id for output in before if output.default}
    for output in after:
        fresh = output.id not in known or (output.default and output.id not in was_default)
        if fresh and output.looks_like_headphones():
            return output
    return None
