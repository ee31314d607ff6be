"""Proof-of-play writes: what one record costs with and without fsync, and what a day writes.

Run: ``PYTHONPATH=. python bench/bench_records.py [FOLDER]`` (FOLDER on the device's SD card for the
numbers that matter; default a temporary folder). Prints per-record append time, fsync time, and the
flushes per day at one switch every 10 s for each ``sync_every`` choice. The writes happen in the
records thread (``records.writer``), never in the GUI thread, so these times never delay a switch.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kiosk.records.jsonl import JsonlFile  # noqa: E402

RECORD = {
    "device": "rathaus-halle",
    "zone": "main",
    "slide": "veranstaltungen-dezember",
    "playlist": "tagesprogramm",
    "start": "2026-12-02T14:00:00.000+01:00",
    "end": "2026-12-02T14:00:10.000+01:00",
}


def measure(folder: Path, sync_every: float, count: int) -> list[float]:
    log = JsonlFile(folder, f"bench-{sync_every:g}", sync_every_s=sync_every)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        log.append(RECORD)
        times.append(time.perf_counter() - start)
    log.close()
    return times


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="bench-records-"))
    print(f"folder: {folder}")
    for sync_every, count in ((1e9, 2000), (0.0, 300)):
        times = measure(folder, sync_every, count)
        label = "append, no fsync" if sync_every else "append + fsync every record"
        print(
            f"{label:<30} median {statistics.median(times) * 1e6:8.1f} µs   "
            f"p99 {sorted(times)[int(len(times) * 0.99)] * 1e6:8.1f} µs   (n={count})"
        )
    size = os.path.getsize(folder / "bench-0.jsonl") / 300
    per_day = 86_400 / 10
    print(f"one record: {size:.0f} bytes; one switch every 10 s: {per_day * size / 1e6:.1f} MB a day")
    for sync_every in (0, 10, 30, 60):
        flushes = per_day if sync_every == 0 else min(per_day, 86_400 / sync_every)
        print(f"sync_every {sync_every:>2} s: {flushes:>6.0f} flushes a day, at most {sync_every} s lost")


if __name__ == "__main__":
    main()
