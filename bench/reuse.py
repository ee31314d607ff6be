"""The single-purpose benches (bench_*.py) run as they are, in their own process, their printed figures
read back: GUI stall under a refresh of every source (d), speech onset and interrupt (e), the 7-day
timeline and validation of 1 000 slides (f)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUMBER = r"([0-9.]+)"


def _run(script: str, *args: str, timeout: float = 900) -> str:
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{(done.stdout + done.stderr)[-800:]}")
    return done.stdout


def _find(pattern: str, text: str) -> list[float]:
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"no {pattern!r} in:\n{text[-800:]}")
    return [float(v) for v in match.groups()]


def stall(rounds: int) -> dict[str, float]:
    out = _run("bench_data_stall.py", str(rounds))
    median, worst, p99 = _find(rf"median {NUMBER} ms, max {NUMBER} ms, p99 {NUMBER} ms", out)
    sources = _find(rf"{NUMBER} sources refreshed", out)[0]
    figures = {"sources": sources, "largest_median_ms": median, "largest_max_ms": worst, "p99_ms": p99}
    # d. with transitions: the same refresh as a crossfade begins, and the crossfades alone
    out = _run("bench_data_stall.py", str(rounds), "--transitions")
    for key, label in (("fade_refresh", "during crossfades"), ("fade_alone", "crossfades alone")):
        median, worst, p99 = _find(rf"{label}.*?median {NUMBER} ms, max {NUMBER} ms, p99 {NUMBER} ms", out)
        figures.update(
            {f"{key}_largest_median_ms": median, f"{key}_largest_max_ms": worst, f"{key}_p99_ms": p99}
        )
    return figures


def speech(runs: int) -> dict[str, float]:
    out = _run("bench_speech_latency.py", str(runs))
    figures: dict[str, float] = {}
    for key, label in (
        ("onset_cold", "touch → first sample, cold cache"),
        ("onset_warm", "touch → first sample, warm cache"),
        ("interrupt", "interrupt while speaking → output silent"),
        ("pyttsx3", r"pyttsx3: say\(\)\+runAndWait\(\) returns \(no card: lower bound\)"),
    ):
        _, p50, p95 = _find(rf"{label}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}", out)
        figures[f"{key}_p50_ms"], figures[f"{key}_p95_ms"] = p50, p95
    figures["first_after_start_ms"] = _find(rf"warming up\): {NUMBER} ms", out)[0]
    return figures


def core() -> dict[str, float]:
    timeline = _run("bench_resolver.py")
    validate = _run("bench_validate.py")
    items, segments, median, worst = _find(
        rf"{NUMBER} playlist items, 2 zones: {NUMBER} segments, median {NUMBER} ms, max {NUMBER} ms", timeline
    )
    files, v_median, v_max = _find(
        rf"shipped \+ 1000 slides: {NUMBER} files, median {NUMBER} ms, max {NUMBER}", validate
    )
    return {
        "timeline_items": items,
        "timeline_segments": segments,
        "timeline_median_ms": median,
        "timeline_max_ms": worst,
        "validate_files": files,
        "validate_median_ms": v_median,
        "validate_max_ms": v_max,
    }
