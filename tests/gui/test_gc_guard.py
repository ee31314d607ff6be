"""Cyclic garbage that holds a QObject is collected in the GUI thread, never in a worker thread
(a collection in the speech thread once deadlocked the kiosk: see runtime/gc_guard.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.runtime.gc_guard import collect_in_gui_thread


class Node(QObject):
    pass


def test_qobject_cycles_are_collected_in_the_gui_thread(qtbot, qapp: QApplication) -> None:
    collector = collect_in_gui_thread(qapp)
    assert collect_in_gui_thread(qapp) is collector  # once per process
    assert not gc.isenabled()
    where: list[threading.Thread] = []
    node = Node()
    node.me = node  # type: ignore[attr-defined]  # a cycle: only the cyclic collector frees it
    watch = weakref.ref(node, lambda _ref: where.append(threading.current_thread()))
    del node
    # a worker allocates far past the collector's threshold, as the speech thread does with audio
    worker = threading.Thread(target=lambda: [[] for _ in range(200_000)])
    worker.start()
    worker.join()
    assert where == [] and watch() is not None  # nothing was collected in the worker
    thresholds = collector.thresholds
    collector.thresholds = (0, 0, 0)  # the next tick collects every generation, wherever the cycle sits
    try:
        qtbot.waitUntil(lambda: bool(where), timeout=5_000)
    finally:
        collector.thresholds = thresholds
    assert where == [threading.main_thread()]
