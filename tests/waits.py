"""Waiting on a condition instead of sleeping a fixed time (for tests without a Qt event loop; GUI tests
use ``qtbot.waitUntil``, which also processes Qt events)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(condition: Callable[[], T], timeout: float = 10.0, what: str = "", interval: float = 0.02) -> T:
    """Poll ``condition`` until it returns something truthy, and return that; fail after ``timeout`` s.

    Raises:
        AssertionError: with ``what`` (or the condition's name) if the time ran out.
    """
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(
                f"not within {timeout} s: {what or getattr(condition, '__name__', condition)}"
            )
        pause.wait(interval)
