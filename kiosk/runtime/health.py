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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kiosk.runtime.sdnotify import Health
from kiosk.runtime.workers import Workers

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
