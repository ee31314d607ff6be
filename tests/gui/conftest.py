"""GUI tests leave nothing behind: a kiosk runs for months and dies of slow leaks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.runtime.gc_guard import collect_in_gui_thread
from tests.gui.leaks import Snapshot, settle


@pytest.fixture(autouse=True, scope="session")
def gui_thread_gc(qapp: QApplication) -> None:
    """As in the product (runtime/gc_guard.py): cyclic collection only in the GUI thread."""
    collect_in_gui_thread(qapp)


@pytest.fixture(autouse=True)
def no_leaked_widgets(qapp: QApplication) -> Iterator[None]:
    before = set(map(id, QApplication.topLevelWidgets()))
    yield
    for _ in range(3):  # let deleteLater() run
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before]
    assert not leaked, f"leaked top-level widgets: {leaked}"


@pytest.fixture(autouse=True)
def nothing_left_running(qapp: QApplication, no_leaked_widgets: None) -> Iterator[None]:
    """No QTimer, thread, thread-pool worker, child process or file descriptor outlives the test that
    started it (see tests/gui/leaks.py; process-wide services are listed there with their reason)."""
    before = Snapshot.take()
    yield
    left = settle(before)
    assert not left, "left running after the test:\n  " + "\n  ".join(left)
