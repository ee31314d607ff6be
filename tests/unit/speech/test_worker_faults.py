"""The speech worker under faults: it never outlives the kiosk, a hung worker holding a big request does
not keep the kiosk from exiting, and control characters do not cut the text."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from kiosk.speech.synth import Synthesizer, pcm_stats
from tests.conftest import REPO
from tests.waits import wait_for

PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_the_worker_ends_when_the_kiosk_process_dies() -> None:
    code = textwrap.dedent(
        """
        import os, signal
        from kiosk.speech.synth import Synthesizer
        s = Synthesizer()
        s.submit("Hallo.", "de")
        assert s.result(20) is not None
        print(s.process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)   # a crash, an out-of-memory kill
        """
    )
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, timeout=60, env=ENV).stdout
    worker = int(out.split()[0])
    try:
        wait_for(lambda: not _alive(worker), timeout=5, what="orphaned espeak worker still running")
    finally:
        if _alive(worker):
            os.kill(worker, 9)


def test_the_process_exits_after_a_hung_worker_held_a_big_request() -> None:
    code = textwrap.dedent(
        """
        import os, signal
        from kiosk.speech.synth import Synthesizer
        s = Synthesizer()
        s.submit("Hallo.", "de"); assert s.result(20) is not None
        os.kill(s.process.pid, signal.SIGSTOP)          # espeak hangs
        s.submit("Wort " * 14000, "de")                  # 70 kB: more than a pipe holds
        assert s.result(1.0) is None                     # replaced after the timeout
        s.submit("Hallo.", "de"); assert s.result(20) is not None
        s.stop()
        print("main done", flush=True)
        """
    )
    proc = subprocess.Popen(
        [PY, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        env=ENV,
    )
    try:
        proc.wait(timeout=25)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)  # the child and its worker
        proc.wait()
        pytest.fail("interpreter did not exit: a queue feeder thread blocks on the dead worker's pipe")
    finally:
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == 0


def test_text_after_a_nul_character_is_spoken() -> None:
    synth = Synthesizer()
    try:
        synth.submit("Vorher nachher kommt noch viel mehr Text.", "de")
        clean = synth.result(20)
        synth.submit("Vorher\x00 nachher kommt noch viel mehr Text.", "de")
        cut = synth.result(20)
        assert clean is not None and cut is not None and not cut.error
        assert pcm_stats(cut.pcm, cut.rate)[0] > 0.8 * pcm_stats(clean.pcm, clean.rate)[0]
    finally:
        synth.stop()
