"""The live-QObject count behind the soak's leak figure (``runtime/health.py``): it sees objects under its
roots and every widget, counts each once, drops what was deleted, and logs only a new high."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.runtime.health import LiveObjects, count_live


def test_the_count_follows_objects_made_and_deleted(qtbot) -> None:
    root = QObject()
    before = count_live([root])
    helpers = [QObject(root) for _ in range(5)]
    timer = QTimer(root)
    window = QWidget()  # no parent: found as a widget, with its children
    QLabel("a", window)
    QLabel("b", window)
    during = count_live([root, root])  # a root given twice, and every object, counts once
    assert during.objects - before.objects == 5 + 1 + 3
    assert during.timers - before.timers == 1
    assert during.widgets - before.widgets == 3
    for obj in (*helpers, timer, window):
        shiboken6.delete(obj)
    after = count_live([root])
    assert (after.objects, after.widgets, after.timers) == (before.objects, before.widgets, before.timers)
    shiboken6.delete(root)


def test_a_line_only_at_a_new_high(qtbot, caplog) -> None:
    root = QObject()
    live = LiveObjects(lambda: [root], parent=root)
    with caplog.at_level(logging.INFO, logger="kiosk.runtime.health"):
        first = live.sample()
        live.sample()  # the same count: nothing to say
        extra = [QObject(root) for _ in range(3)]
        higher = live.sample()
        for obj in extra:
            shiboken6.delete(obj)
        live.sample()  # lower again: silent
        live.report("at stop")
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.runtime.health"]
    assert higher.objects == first.objects + 3
    assert lines == [
        f"live objects: {first}",
        f"live objects: {higher}, the most so far",
        f"live objects at stop: {first}",
    ]
    shiboken6.delete(root)
