"""Cyclic garbage collection only in the GUI thread.

CPython runs the cyclic collector in whichever thread happens to allocate when a threshold is crossed:
the speech thread, a picture decoder, a data poller. If the garbage holds a Python-owned QObject, its
C++ destructor then runs in that thread, takes Qt's connection lock and waits for the GIL, while the GUI
thread holds the GIL and waits for that lock: the kiosk froze for good in a test run (both stacks seen in
gdb). So automatic collection is off, and a timer in the GUI thread collects with the same thresholds.
Reference counting, which frees almost everything, is not affected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Install once per process, in the GUI thread, parented to the application."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        counts = gc.get_count()
        generation = -1
        for level in range(3):  # like the interpreter: an older generation only when the younger is due
            if counts[level] > self.thresholds[level]:
                generation = level
            else:
                break
        if generation >= 0:
            gc.collect(generation)


def collect_in_gui_thread(app: QObject) -> GuiThreadCollector:
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)


__all__ = ["GuiThreadCollector", "collect_in_gui_thread"]
