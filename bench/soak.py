"""The soak: N slide switches in the real ``kiosk run`` process with an accelerated clock.

Three 1 s text slides cut into each other at ``--speed 1000`` (the CLI's limit): a switch is due every
real millisecond, so the player switches as fast as it can build a slide; the resolver is time-anchored,
so when it falls behind it shows what plays *now* and a due slide may be skipped. What counts is what was
shown: the proof-of-play records (one line per finished showing) are the switch count. The bench reads
memory, threads, open descriptors and child processes from /proc, outside the product, at the start,
after the warm-up and at the end; the live QObjects from the kiosk's own log (``runtime/health.py``:
counted once a minute, logged at each new high and at stop), which /proc cannot see.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench import procs
from bench.carousel import write_pack
from bench.sides import AT, kiosk, kiosk_env

SPEED = 1000  # the most ``kiosk run --speed`` accepts (kiosk/cli.py)
WARM_UP = 0.1  # the share of the switches after which memory counts as warmed up
ZONES = 8  # the player ticks at most every 50 ms (player.py): 20 ticks/s, each switching every zone
SOAK_SIZE = "640x180"  # a small window: painting is not what leaks, and a full-HD frame costs ~50 ms here


def shown(records: Path) -> int:
    """Showings recorded so far (lines of every proof-of-play file, rotated ones included)."""
    count = 0
    for path in records.glob("**/*"):
        if path.is_file() and "proof" in path.name:
            count += path.read_bytes().count(b"\n")
    return count


LIVE = re.compile(r"live objects(?: (at stop))?: (\d+) QObjects \((\d+) widgets, (\d+) timers\)")


def live_objects(log: Path) -> list[dict[str, int]]:
    """Every count of live QObjects the kiosk logged so far, in order (the last one at stop, if stopped)."""
    text = log.read_text(errors="replace") if log.is_file() else ""
    return [
        {"qobjects": int(m[2]), "widgets": int(m[3]), "timers": int(m[4]), "at_stop": int(bool(m[1]))}
        for m in LIVE.finditer(text)
    ]


def snapshot(pid: int) -> dict[str, int]:
    """What a leak shows in /proc: memory, threads, descriptors, children (the speech worker would be one)."""
    children = [p for p in procs.tree(pid) if p != pid]
    return {
        "rss_kb": procs.status(pid, "VmRSS"),
        "pss_kb": procs.pss_kb(pid),
        "threads": procs.status(pid, "Threads"),
        "fds": procs.fds(pid),
        "children": len(children),
    }


def run_soak(switches: int, cap_s: float) -> dict[str, object]:
    """Run until ``switches`` showings are recorded (or ``cap_s`` real seconds pass)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    pack = write_pack(tmp / "pack", seconds=1, transition="cut", records_sync="2s", zones=ZONES)
    data = tmp / "data"
    args = ["run", "carousel", "--root", str(pack), "--window", "--offline", "--at", AT]
    args += [
        "--size",
        SOAK_SIZE,
        "--speed",
        str(SPEED),
        "--exit-after",
        f"{cap_s + 60:g}",
        "--data-dir",
        str(data),
    ]
    log_path = tmp / "kiosk.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            kiosk(*args), env=kiosk_env(tmp), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    records = data / "records"
    began = time.monotonic()
    try:
        while shown(records) < 1 and time.monotonic() - began < 60 and proc.poll() is None:
            time.sleep(0.5)  # the first records reach the file: the kiosk is up and switching
        start = snapshot(proc.pid)
        warm: dict[str, int] | None = None
        warm_live: list[dict[str, int]] = []
        count = shown(records)
        while count < switches and time.monotonic() - began < cap_s and proc.poll() is None:
            time.sleep(2)
            count = shown(records)
            if warm is None and count >= WARM_UP * switches:
                warm = snapshot(proc.pid)
                warm_live = live_objects(log_path)[-1:]  # the highest count logged up to the warm-up
        end = snapshot(proc.pid)
        alive = proc.poll() is None
        wall = time.monotonic() - began
    finally:
        procs.stop(proc)
    count = shown(records)  # the records are flushed at the stop
    text = log_path.read_text(errors="replace")
    problems = [line for line in text.splitlines() if " ERROR " in line or "Traceback" in line]
    warm = dict(warm or start)  # a copy: the live counts below differ between the two
    counts = live_objects(log_path)
    # the first count comes 5 s after the kiosk's start, the last at its stop (after our SIGTERM)
    for snap, value in ((start, counts[:1]), (warm, warm_live or counts[:1]), (end, counts[-1:])):
        if value and (snap is not end or value[0]["at_stop"]):
            snap.update({part: value[0][part] for part in ("qobjects", "widgets", "timers")})
    if not os.environ.get("BENCH_KEEP"):  # BENCH_KEEP=1 keeps the pack, the records and the log
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "switches_target": switches,
        "switches": count,
        "wall_s": wall,
        "switches_per_s": count / wall if wall else 0.0,
        "alive_at_end": alive,
        "exit_code": proc.returncode,
        "start": start,
        "warm": warm,
        "end": end,
        "growth_after_warmup_mb": (end["rss_kb"] - warm["rss_kb"]) / 1024,
        "leaked_qobjects": end["qobjects"] - warm["qobjects"]
        if "qobjects" in end and "qobjects" in warm
        else None,
        "leaked_timers": end["timers"] - warm["timers"] if "timers" in end and "timers" in warm else None,
        "qobjects_logged": [c["qobjects"] for c in counts],  # a new high after the warm-up is a leak's sign
        "leaked_threads": end["threads"] - start["threads"],
        "leaked_fds": end["fds"] - start["fds"],
        "leaked_children": end["children"] - start["children"],
        "errors_in_log": problems[:5],
        "log_lines": len(text.splitlines()),
        "folder": str(tmp) if os.environ.get("BENCH_KEEP") else "",
    }
