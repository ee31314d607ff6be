"""How long ``kiosk doctor`` takes, in all and per check (target: the whole doctor < 60 s).

Runs the real command (``--json``) against the fake city platform on loopback, headless (offscreen),
ROUNDS times; prints the wall time of each run and the median time of every check. No pass/fail.
Run: .venv/bin/python bench/bench_doctor.py [ROUNDS] [DEVICE]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir  # noqa: E402


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    device = sys.argv[2] if len(sys.argv) > 2 else "stadthafen-stele"
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-doctor-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.update(XDG_STATE_HOME=str(scratch / "state"), XDG_CACHE_HOME=str(scratch / "cache"))
    walls: list[float] = []
    per_check: dict[str, list[int]] = {}
    with PlatformSim(default_fixtures_dir()) as sim:
        for _ in range(rounds):
            command = [sys.executable, "-m", "kiosk.cli", "doctor", device, "--root", str(REPO)]
            started = time.monotonic()
            done = subprocess.run(
                [*command, "--platform", sim.url, "--json"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            walls.append(time.monotonic() - started)
            for check in json.loads(done.stdout)["checks"]:
                per_check.setdefault(check["check"], []).append(check["ms"])
    print(f"kiosk doctor {device}, {rounds} runs: wall {min(walls):.1f}–{max(walls):.1f} s (target < 60 s)")
    for name, times in per_check.items():
        print(f"  {name:<10} median {statistics.median(times):>6.0f} ms (waits for the content included)")


if __name__ == "__main__":
    main()
