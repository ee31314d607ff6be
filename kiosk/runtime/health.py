"""The health check behind the systemd watchdog pings (``runtime.sdnotify.Watchdog``).

What is supervised, and what happens (docs/deployment.md, "Watchdog"):

- **The GUI event loop**: the pings come from a timer in it, so a hung loop stops them by itself.
- **The speech thread** (``runtime.speaker``) keeps its synthesis worker process alive on its own: a
  worker that died or hangs past its deadline (10 s per sentence) is killed and replaced, and the sentence
  asked again once. The thread itself never ends before shutdown; if it did, the kiosk would be mute for
  good, so the pings stop and systemd restarts it.
- **Worker pools** (data polls, picture decoding, content reload): a job can fail (delivered and logged by
  ``runtime.workers``) but a Python thread cannot be stopped from outside. A job running more than
  ``STUCK_S`` (far beyond any source's 60 s maximum timeout) is reported in the log and STATUS; when every
  thread of a pool is stuck, no warning could arrive any more, so the pings stop and systemd restarts it.

And what a leak would show before it costs memory: the live QObjects (``LiveObjects``), counted once a
minute and logged at each new high and at stop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from shiboken6 import getCppPointer

from kiosk.runtime.sdnotify import Health
from kiosk.runtime.workers import Workers

log = logging.getLogger(__name__)

STUCK_S = 300.0


def pool_health(pools: Iterable[Workers], stuck_after_s: float = STUCK_S) -> Health:
    problems: list[str] = []
    fatal = False
    for pool in pools:
        stuck = [(name, seconds) for name, seconds in pool.busy() if seconds > stuck_after_s]
        problems += [f"{name} stuck for {seconds:.0f} s" for name, seconds in sorted(stuck)]
        fatal = fatal or (bool(stuck) and len(stuck) >= pool.size)
    return Health(tuple(problems), fatal)


def checker(
    pools: Callable[[], Iterable[Workers]], speech_alive: Callable[[], bool] | None
) -> Callable[[], Health]:
    """The check the watchdog runs before each ping (``pools`` is asked each time: a reload may replace
    them)."""

    def check() -> Health:
        health = pool_health(pools())
        if speech_alive is not None and not speech_alive():
            return Health(("the speech thread ended", *health.problems), True)
        return health

    return check


# --- live QObjects: what a leak of widgets, timers or signal helpers would show --------------------------
@dataclass(frozen=True)
class LiveCount:
    """QObjects reachable from the application's roots (each once), of them widgets and timers."""

    objects: int
    widgets: int
    timers: int

    def __str__(self) -> str:
        return f"{self.objects} QObjects ({self.widgets} widgets, {self.timers} timers)"


def count_live(roots: Iterable[QObject]) -> LiveCount:
    """Count every QObject under ``roots`` (the roots included), and the application's widgets.

    Widgets are all of ``QApplication.allWidgets()``, parented or not; other objects are found only
    under a root, so the caller passes the objects that own the rest (the application, the shell, the
    top-level window). Identity is the C++ address: PySide may hand out a new wrapper for the same object.
    """
    from PySide6.QtWidgets import QApplication

    seen: dict[int, QObject] = {}
    for root in roots:
        for obj in (root, *root.findChildren(QObject)):
            seen[getCppPointer(obj)[0]] = obj
    app = QApplication.instance()
    widgets = app.allWidgets() if isinstance(app, QApplication) else []
    for widget in widgets:
        seen[getCppPointer(widget)[0]] = widget
    timers = sum(1 for obj in seen.values() if isinstance(obj, QTimer))
    return LiveCount(len(seen), len(widgets), timers)


class LiveObjects(QObject):
    """Counts the live QObjects every ``interval_s`` (a minute) in the GUI thread and logs a line when
    the count is higher than ever before, so a steady kiosk falls silent after its warm-up and a leak
    keeps writing (``python -m bench --soak`` reads these lines); ``report`` logs the count at once (at
    stop). On the stele the first count (5 s after start, off the first frame) took ~25 ms, as PySide
    makes its first wrappers of Qt's own objects; later ones ~0.1 ms."""

    def __init__(
        self, roots: Callable[[], Iterable[QObject]], interval_s: float = 60.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.roots = roots
        self.highest: LiveCount | None = None
        self.last: LiveCount | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(round(interval_s * 1000))
        self.timer.timeout.connect(self.sample)

    def start(self, first_after_s: float = 5.0) -> None:
        """The first count after ``first_after_s`` (the first frame is built by then), then every interval."""
        QTimer.singleShot(round(first_after_s * 1000), self, self._first)

    def _first(self) -> None:
        self.sample()
        self.timer.start()

    def sample(self) -> LiveCount:
        count = count_live(self.roots())
        self.last = count
        if self.highest is None or count.objects > self.highest.objects:
            log.info("live objects: %s%s", count, "" if self.highest is None else ", the most so far")
            self.highest = count
        return count

    def report(self, when: str) -> LiveCount:
        count = count_live(self.roots())
        log.info("live objects %s: %s", when, count)
        return count
