"""Run the doctor's checks at once, each in its own thread with its own deadline, within one budget.

The checks are independent but for the content: the config check loads it and publishes it on the
context, and the checks that need the device wait for it there. A check that overruns its deadline is
reported as a failure and left behind (its thread is a daemon, its probe child is killed by its own
timeout); one that raises is a failure with the exception, never a crash of the doctor.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from kiosk.runtime.doctor import checks_content, checks_host, checks_qt, checks_system
from kiosk.runtime.doctor.context import Context
from kiosk.runtime.doctor.result import Result

BUDGET_S = 55.0  # the whole doctor stays under a minute
CONTENT_WAIT_S = 30.0  # how long a check waits for the content to be loaded

# id → title, in report order
TITLES: dict[str, str] = {
    "config": "config",
    "display": "platform plugin",
    "screen": "screen size",
    "webengine": "QtWebEngine",
    "voices": "espeak-ng voices",
    "audio": "audio output",
    "fonts": "fonts",
    "dirs": "state and cache",
    "clock": "clock",
    "timezone": "time zone",
    "sources": "data sources",
    "service": "service",
}


@dataclass(frozen=True)
class Task:
    produces: tuple[str, ...]
    timeout_s: float
    run: Callable[[Context], Result | list[Result]]


TASKS: tuple[Task, ...] = (
    Task(("config",), 30, checks_content.check_config),
    Task(("display", "screen"), 25, lambda c: checks_qt.check_display(c, CONTENT_WAIT_S)),
    Task(("webengine",), 40, checks_qt.check_webengine),
    Task(("voices",), 40, lambda c: checks_host.check_voices(c, CONTENT_WAIT_S)),
    Task(("audio",), 35, lambda c: checks_host.check_audio_out(c, CONTENT_WAIT_S)),
    Task(("fonts",), 45, lambda c: checks_host.check_fonts(c, CONTENT_WAIT_S)),
    Task(("dirs",), 10, checks_host.check_dirs),
    Task(("clock",), 10, checks_system.check_clock),
    Task(("timezone",), 40, lambda c: checks_system.check_timezone(c, CONTENT_WAIT_S)),
    Task(("sources",), 50, lambda c: checks_content.check_sources(c, CONTENT_WAIT_S)),
    Task(("service",), 20, checks_system.check_service),
)


class _Running:
    def __init__(self, task: Task, ctx: Context) -> None:
        self.task = task
        self.results: list[Result] | None = None
        self.started = time.monotonic()
        self.thread = threading.Thread(
            target=self._go, args=(ctx,), daemon=True, name=f"doctor-{task.produces[0]}"
        )
        self.thread.start()

    def _go(self, ctx: Context) -> None:
        try:
            found = self.task.run(ctx)
            results = [found] if isinstance(found, Result) else list(found)
        except Exception as exc:  # a bug in one check is that check's failure, not the doctor's end
            results = [
                Result(
                    check,
                    "fail",
                    f"the check itself failed: {type(exc).__name__}: {exc}",
                    fix="report this with the output of kiosk doctor --json",
                )
                for check in self.task.produces
            ]
            if self.task.produces[0] == "config":
                ctx.publish(None, None)  # nobody waits for content that will never come
        ms = round((time.monotonic() - self.started) * 1000)
        self.results = [replace(r, ms=ms) for r in results]


def _progress(out: TextIO, running: Sequence[_Running], elapsed: float) -> None:
    waiting = [r.task.produces[0] for r in running if r.results is None]
    done = len(running) - len(waiting)
    line = (
        f"kiosk doctor: {done}/{len(running)} checks done, {elapsed:.0f} s; waiting for {', '.join(waiting)}"
    )
    out.write("\r" + line[:120].ljust(120))
    out.flush()


def run_checks(
    ctx: Context,
    progress: TextIO | None = None,
    budget_s: float = BUDGET_S,
    tasks: Sequence[Task] = TASKS,
    order: Sequence[str] = tuple(TITLES),
) -> list[Result]:
    """Every check's results in report ``order``; a progress line on ``progress`` meanwhile."""
    start = time.monotonic()
    running = [_Running(task, ctx) for task in tasks]
    while True:
        now = time.monotonic()
        late = [
            r
            for r in running
            if r.results is None and now < min(r.started + r.task.timeout_s, start + budget_s)
        ]
        if not late:
            break
        if progress is not None:
            _progress(progress, running, now - start)
        late[0].thread.join(timeout=0.2)
    if progress is not None:
        progress.write("\r" + " " * 120 + "\r")
        progress.flush()
    by_id: dict[str, Result] = {}
    for item in running:
        if item.results is None:
            waited = min(item.task.timeout_s, budget_s)
            for check in item.task.produces:
                by_id[check] = Result(
                    check,
                    "fail",
                    f"did not finish within {waited:g} s",
                    fix="run the doctor again; if it repeats, the lines of the other checks say what is slow",
                    ms=round(waited * 1000),
                )
        else:
            by_id.update((r.check, r) for r in item.results)
    return [by_id[check] for check in order if check in by_id]


def stderr_if_tty() -> TextIO | None:
    return sys.stderr if sys.stderr.isatty() else None
