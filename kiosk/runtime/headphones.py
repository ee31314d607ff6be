"""Watches the platform's audio outputs (QMediaDevices) and says when headphones arrive; the decision is
the pure ``kiosk.media.headphones``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices

from kiosk.media.headphones import AudioOutput, headphones_arrived

log = logging.getLogger(__name__)


def _output(device: QAudioDevice) -> AudioOutput:
    raw = bytes(device.id().data())
    return AudioOutput(raw.decode("utf-8", "replace"), device.description(), device.isDefault())


class HeadphoneWatch(QObject):
    """``plugged(str)`` with the output's description when an output that looks like headphones appears."""

    plugged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.devices = QMediaDevices(self)
        self.outputs = self.snapshot()
        self.devices.audioOutputsChanged.connect(self._changed)

    def snapshot(self) -> list[AudioOutput]:
        return [_output(device) for device in QMediaDevices.audioOutputs()]

    def _changed(self) -> None:
        self.update(self.snapshot())

    def update(self, outputs: list[AudioOutput]) -> None:
        """The outputs now; the platform's signal calls this with what QMediaDevices lists."""
        before, self.outputs = self.outputs, outputs
        arrived = headphones_arrived(before, outputs)
        if arrived is not None:
            log.info("headphones plugged in (%s): reading aloud starts", arrived.description or arrived.id)
            self.plugged.emit(arrived.description)
