"""``python -m bench``: this kiosk side by side with Chromium and a bare PySide6 window, one table, one
JSON file (bench/results/latest.json).

    python -m bench            the side-by-side figures (a–f), 3 runs, 60 s of playing per side and run
    python -m bench --quick    1 run, 15 s of playing, fewer repetitions: a check that everything runs
    python -m bench --soak     the soak only (g): 100 000 slide switches (``--switches N`` for fewer)

Every figure is measured with its anchors in the same run (Chromium, the bare-Qt floor), several runs,
median and min–max; ratios are taken within a run, then their median. The load average is recorded with
every run: on a shared machine the figures are noisy, and the ratios are what stays comparable. Chromium
is the Debian package (``apt-get install -y chromium``); without it the Chromium columns are empty and the
table says how to install it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import procs, reuse, sides, soak

RESULTS = Path(__file__).resolve().parent / "results"
TARGETS = {  # issue 13: ratio against Chromium (or the floor), or an absolute limit
    "start_chromium": 0.3,
    "start_floor": 3.0,
    "pss_text_chromium": 0.25,
    "pss_web_chromium": 0.7,
    "cpu_chromium": 0.3,
    "stall_p99_ms": 16.7,
    "speech_onset_p95_ms": 100.0,
    "speech_interrupt_ms": 50.0,
    "soak_growth_mb": 5.0,
}


def side_by_side(runs: int, play_s: float) -> dict[str, object]:
    # bytecode as install.sh leaves it on a device: a session with PYTHONDONTWRITEBYTECODE=1 would
    # otherwise compile the kiosk at every start it measures (+23 % of the carousel's instructions)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(sides.REPO / "kiosk")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    browser = sides.chromium()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    content = sides.Content(tmp)
    rounds: list[dict[str, object]] = []
    try:
        with sides.display() as screen:
            for i in range(runs):
                load = procs.load()
                print(f"run {i + 1}/{runs}: load {load} …", file=sys.stderr, flush=True)
                start = sides.start_once(content, browser)
                play = sides.play_once(content, browser, play_s, screen)
                rounds.append({"load": load, "start": start, "play": play, "load_after": procs.load()})
    finally:
        content.close()
        subprocess.run(["rm", "-rf", str(tmp)], check=False)
    return {"chromium": browser, "play_s": play_s, "runs": rounds}


def _values(rounds: list[dict[str, object]], part: str, side: str, metric: str | None = None) -> list[float]:
    out = []
    for run in rounds:
        figures = run[part]
        assert isinstance(figures, dict)
        value = figures.get(side)
        if metric is not None and isinstance(value, dict):
            value = value.get(metric)
        if isinstance(value, float):
            out.append(value)
    return out


def _per_run_ratio(
    rounds: list[dict[str, object]], part: str, a: str, b: str, metric: str | None
) -> list[float]:
    ours, theirs = _values(rounds, part, a, metric), _values(rounds, part, b, metric)
    return [x / y for x, y in zip(ours, theirs, strict=False) if y > 0]


def _cell(values: list[float], unit: str = "", digits: int = 2) -> str:
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}{unit}"
    return f"{med:.{digits}f}{unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def _ratio(values: list[float], target: float | None) -> str:
    if not values:
        return "—"
    med = statistics.median(values)
    mark = "" if target is None else (" ✓" if med <= target else f" ✗ (target ≤ {target:g}×)")
    return f"{med:.2f}×{mark}"


def table(result: dict[str, object]) -> list[str]:
    lines = []
    side = result.get("side_by_side")
    if isinstance(side, dict):
        rounds = side["runs"]
        lines.append(
            f"{'figure':<44} {'this kiosk':<24} {'Chromium':<24} {'ratio':<26} "
            f"{'bare PySide6':<22} {'ratio':<20}"
        )
        rows = [
            ("a. start → picture, shipped hall display", "start", "kiosk_shipped", None, "s", "start"),
            ("a. start → picture, 3-slide text carousel", "start", "kiosk_carousel", None, "s", "start"),
            ("b. peak PSS playing, no web slide", "play", "kiosk_text", "pss_mb", " MB", "pss_text"),
            ("b. peak PSS playing, one web slide", "play", "kiosk_web", "pss_mb", " MB", "pss_web"),
            ("c. CPU s/s cycling (start included)", "play", "kiosk_text", "cpu_s_per_s", "", "cpu"),
            ("c. CPU s/s cycling, with the web slide", "play", "kiosk_web", "cpu_s_per_s", "", None),
        ]
        for label, part, ours, metric, unit, target in rows:
            digits = 0 if unit == " MB" else 2
            chromium = _values(rounds, part, "chromium", metric)
            floor = _values(rounds, part, "floor", metric)
            to_chromium = _per_run_ratio(rounds, part, ours, "chromium", metric)
            to_floor = _per_run_ratio(rounds, part, ours, "floor", metric)
            lines.append(
                f"{label:<44} {_cell(_values(rounds, part, ours, metric), unit, digits):<24} "
                f"{_cell(chromium, unit, digits):<24} "
                f"{_ratio(to_chromium, TARGETS.get(f'{target}_chromium') if target else None):<26} "
                f"{_cell(floor, unit, digits):<22} "
                f"{_ratio(to_floor, TARGETS['start_floor'] if target == 'start' else None):<20}"
            )
        procs_seen = {
            s: _values(rounds, "play", s, "processes") for s in ("kiosk_text", "kiosk_web", "chromium")
        }
        lines.append(
            "   processes at once: " + ", ".join(f"{k} {max(v):.0f}" for k, v in procs_seen.items() if v)
        )
        lines.append(
            "   load average per run: " + "; ".join(f"{r['load']} → {r['load_after']}" for r in rounds)
        )
        if not side["chromium"]:
            lines.append(f"   Chromium not found: install it with  {sides.INSTALL_CHROMIUM}")
    if isinstance(d := result.get("stall"), dict):
        mark = (
            "✓"
            if d["p99_ms"] <= TARGETS["stall_p99_ms"]
            else f"✗ (target p99 ≤ {TARGETS['stall_p99_ms']} ms)"
        )
        lines.append(
            f"d. GUI stall, {d['sources']:.0f} sources refreshed at once: largest "
            f"{d['largest_median_ms']:.0f} ms "
            f"median of rounds (max {d['largest_max_ms']:.0f}), p99 {d['p99_ms']:.0f} ms {mark}"
        )
        for key, what in (
            ("fade_refresh", "the same refresh as a crossfade begins"),
            ("fade_alone", "crossfades alone"),
        ):
            if f"{key}_p99_ms" in d:
                ok = "✓" if d[f"{key}_p99_ms"] <= TARGETS["stall_p99_ms"] else "✗"
                lines.append(
                    f"   {what}: largest {d[f'{key}_largest_median_ms']:.0f} ms median of rounds "
                    f"(max {d[f'{key}_largest_max_ms']:.0f}), p99 {d[f'{key}_p99_ms']:.0f} ms {ok}"
                )
    if isinstance(e := result.get("speech"), dict):
        onset = "✓" if e["onset_cold_p95_ms"] <= TARGETS["speech_onset_p95_ms"] else "✗"
        stop = "✓" if e["interrupt_p95_ms"] <= TARGETS["speech_interrupt_ms"] else "✗"
        lines.append(
            f"e. speech: touch → first sample p50/p95 "
            f"{e['onset_cold_p50_ms']:.0f}/{e['onset_cold_p95_ms']:.0f} ms "
            f"cold, {e['onset_warm_p50_ms']:.1f}/{e['onset_warm_p95_ms']:.1f} ms warm {onset}; interrupt p95 "
            f"{e['interrupt_p95_ms']:.1f} ms {stop}; pyttsx3 say()+runAndWait() p50/p95 "
            f"{e['pyttsx3_p50_ms']:.0f}/{e['pyttsx3_p95_ms']:.0f} ms (no sound card: lower bound)"
        )
    if isinstance(f := result.get("core"), dict):
        lines.append(
            f"f. 7-day timeline of {f['timeline_items']:.0f} items: median {f['timeline_median_ms']:.0f} ms "
            f"(max {f['timeline_max_ms']:.0f}); validation of {f['validate_files']:.0f} files "
            "(1 000 slides): "
            f"median {f['validate_median_ms']:.0f} ms (max {f['validate_max_ms']:.0f})"
        )
    if isinstance(g := result.get("soak"), dict):
        leaks = (g["leaked_threads"], g["leaked_fds"], g["leaked_children"])
        lines.append(
            f"g. soak: {g['switches']} switches of {g['switches_target']} in {g['wall_s']:.0f} s "
            f"({g['switches_per_s']:.0f}/s); RSS {g['start']['rss_kb'] / 1024:.1f} → warm "
            f"{g['warm']['rss_kb'] / 1024:.1f} → end {g['end']['rss_kb'] / 1024:.1f} MB "
            f"(growth after warm-up {g['growth_after_warmup_mb']:+.1f} MB, target ≤ 5); threads "
            f"{g['start']['threads']}→{g['end']['threads']}, fds {g['start']['fds']}→{g['end']['fds']}, "
            "children "
            f"{g['start']['children']}→{g['end']['children']} (leaks {leaks}); live QObjects "
            f"{g['start'].get('qobjects', '?')} → warm {g['warm'].get('qobjects', '?')} → end "
            f"{g['end'].get('qobjects', '?')} (leaked {g.get('leaked_qobjects')}, timers "
            f"{g.get('leaked_timers')}); errors in log: {len(g['errors_in_log'])}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 run, 15 s of playing, fewer repetitions")
    parser.add_argument("--runs", type=int, help="runs of the side-by-side figures (default 3)")
    parser.add_argument("--play", type=float, help="seconds of playing per side and run (default 60)")
    parser.add_argument("--soak", action="store_true", help="the soak only (long)")
    parser.add_argument("--switches", type=int, default=100_000, help="switches of the soak")
    parser.add_argument("--soak-cap", type=float, default=4 * 3600, help="real seconds the soak may take")
    parser.add_argument("--only", help="comma-separated parts: side,stall,speech,core")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(argv)
    result: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "machine": procs.machine(),
        "load_at_start": procs.load(),
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
    }
    began = time.monotonic()
    if args.soak:
        result["soak"] = soak.run_soak(args.switches, args.soak_cap)
    else:
        parts = set((args.only or "side,stall,speech,core").split(","))
        runs = args.runs or (1 if args.quick else 3)
        play = args.play or (15.0 if args.quick else 60.0)
        if "side" in parts:
            result["side_by_side"] = side_by_side(runs, play)
        if "stall" in parts:
            result["stall"] = reuse.stall(3 if args.quick else 10)
        if "speech" in parts:
            result["speech"] = reuse.speech(5 if args.quick else 30)
        if "core" in parts:
            result["core"] = reuse.core()
    result["load_at_end"] = procs.load()
    result["wall_s"] = time.monotonic() - began
    machine = result["machine"]
    assert isinstance(machine, dict)
    print(
        f"{machine['cpu']}, {machine['nproc']} cores, {machine['ram_mb']} MB RAM; load "
        f"{result['load_at_start']} → {result['load_at_end']} "
        "(shared machine: figures are noisy, ratios less so)"
    )
    for line in table(result):
        print(line)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
