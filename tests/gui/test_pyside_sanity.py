"""Guards against Qt-binding bugs that would end a 24/7 kiosk, so a dependency upgrade cannot land them."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(str)


def test_signal_emit_keeps_refcounts(qapp) -> None:
    # PySide6 6.12.0 on Python 3.11 drops a reference to True at every emit(); after a few thousand
    # emits the interpreter aborts. (Python 3.12+ makes True immortal, which hides the bug.)
    emitter = _Emitter()
    received: list[str] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.fired.emit("x")
    assert len(received) == 200
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
