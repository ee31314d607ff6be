"""Run one probe (``probe.py``) in a child process with a deadline and read its answer."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProbeRun:
    """A probe's JSON answer (``None``: it crashed, hung or said nothing) and its stderr."""

    answer: dict[str, Any] | None
    stderr: str
    code: int | None  # None: killed at the deadline
    timeout_s: float

    @property
    def why(self) -> str:
        """Why there is no answer, in a few words."""
        if self.code is None:
            return f"no answer within {self.timeout_s:g} s (killed)"
        if self.code < 0:
            return f"crashed (signal {-self.code})"
        return f"ended with exit code {self.code} and no answer"


def run_probe(args: list[str], timeout_s: float, env: Mapping[str, str] | None = None) -> ProbeRun:
    """Start ``probe.py ARGS``; at the deadline its whole process group is killed (QtWebEngine's helper
    processes included, which a kill of the child alone would leave running)."""
    command = [sys.executable, "-m", "kiosk.runtime.doctor.probe", *args]
    child = subprocess.Popen(
        command,
        env=dict(os.environ if env is None else env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = child.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        return ProbeRun(None, err, None, timeout_s)
    finally:
        with contextlib.suppress(ProcessLookupError):  # helpers left behind by a probe that answered
            os.killpg(child.pid, signal.SIGKILL)
    return ProbeRun(_last_json(out), err, child.returncode, timeout_s)


def _last_json(stdout: str) -> dict[str, Any] | None:
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None
