"""Stopping the real kiosk: SIGTERM (how systemd stops it) ends the kiosk and every child within 2 s;
after SIGKILL (how a watchdog or the OOM killer ends it) no worker outlives it.

The kiosk runs a touch terminal whose attract loop is a web page, so it has both kinds of workers:
the speech worker (a Python process) and QtWebEngine's processes. Every process of the kiosk's
session is watched in /proc, including children that were re-parented after the kiosk died.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.devtools.platform_sim import PlatformSim
from tests.field.conftest import PORTRAIT, StartKiosk, wait_until
from tests.field.kioskproc import KioskProcess, alive, command_line, in_session
from tests.field.packs import text3, touch_pack
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

PAGE = (
    '<!doctype html><body style="margin:0;background:#206040"><h1 style="color:#fff">Stadthafen</h1></body>'
)


@contextmanager
def _kiosk_with_workers(
    tmp_path: Path, server: XServer, start: StartKiosk
) -> Iterator[tuple[KioskProcess, dict[int, str]]]:
    """A touch terminal whose attract loop is a page of the fake platform, once both kinds of workers
    run: (the kiosk, its workers by pid with their command lines); the platform serves for the block."""
    with PlatformSim() as site:
        pack = touch_pack(tmp_path / "pack", size=PORTRAIT)
        pack.slide(
            "warten",
            {
                "type": "web",
                "title": text3("Stadthafen"),
                "url": site.add_page("/", PAGE),
                "alt": text3("Seite über den Stadthafen", "A page about the city harbour"),
                "duration": "1m",
            },
        )
        device = pack.root / "device-config/stele.yaml"
        device.write_text(
            device.read_text(encoding="utf-8") + "web_allowlist: ['127.0.0.1']\n", encoding="utf-8"
        )
        pack.validate()
        kiosk = start(pack.root, "stele", server=server)

        def workers() -> dict[int, str]:
            return {pid: command_line(pid) for pid in in_session(kiosk.pid) if pid != kiosk.pid}

        def both_kinds() -> bool:
            found = workers().values()
            return any("QtWebEngineProcess" in c for c in found) and any(
                "python" in c.split(" ", 1)[0] for c in found
            )

        assert wait_until(both_kinds, 30), f"workers: {workers()}\n{kiosk.tail()}"
        assert wait_until(lambda: site.requests, 10), "the web page was never requested"
        yield kiosk, workers()


def test_sigterm_ends_the_kiosk_and_every_child_within_2s(
    tmp_path: Path, portrait_xserver: XServer, start_kiosk: StartKiosk
) -> None:
    with _kiosk_with_workers(tmp_path, portrait_xserver, start_kiosk) as (kiosk, workers):
        sent = time.monotonic()
        kiosk.signal(signal.SIGTERM)
        gone = wait_until(lambda: not alive(kiosk.pid) and not in_session(kiosk.pid), 10, poll=0.02)
        left = {pid: cmd for pid, cmd in workers.items() if alive(pid)}
        assert gone is not None, f"still running 10 s after SIGTERM: {left}\n{kiosk.tail()}"
        print(f"SIGTERM: the kiosk and its {len(workers)} children ended after {gone - sent:.2f} s")
        assert gone - sent <= 2.0, f"{gone - sent:.2f} s to end after SIGTERM\n{kiosk.tail()}"
        assert kiosk.wait(5) == 0, kiosk.tail()
        assert not kiosk.problems(), kiosk.tail()


def test_after_sigkill_no_worker_outlives_the_kiosk(
    tmp_path: Path, portrait_xserver: XServer, start_kiosk: StartKiosk
) -> None:
    with _kiosk_with_workers(tmp_path, portrait_xserver, start_kiosk) as (kiosk, workers):
        sent = time.monotonic()
        kiosk.signal(signal.SIGKILL)  # the kiosk alone: its workers must notice by themselves
        kiosk.wait(5)
        gone = wait_until(lambda: not in_session(kiosk.pid), 10, poll=0.05)
        left = {pid: command_line(pid) for pid in in_session(kiosk.pid)}
        assert gone is not None, f"workers alive 10 s after the kiosk was killed: {left}"
        print(f"SIGKILL: the last of {len(workers)} workers ended {gone - sent:.2f} s after the kiosk")
