"""Start → picture written (figure a) for two or more source trees, run alternately so that every tree
sees the same machine state: ``kiosk preview`` of the bench carousel and of the shipped hall display,
and the bare PySide6 window as the floor; median and min–max per tree.

    python -m bench.bench_start --tree /tmp/before --tree . --runs 3

What a start/import change gains is read here, beside the tree without it; ``python -m bench`` holds
the figures against Chromium. Each tree's modules are compiled to bytecode first (``compileall``, as a
deployed kiosk would have them), so no tree pays for compiling its sources in one run and not another.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import procs
from bench.carousel import SIZE, carousel_html, floor_command, write_pack
from bench.sides import AT, CHROMIUM_FLAGS, SHIPPED, chromium, kiosk_env

REPO = Path(__file__).resolve().parent.parent


def _compile(tree: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "kiosk")], check=True, stdout=subprocess.DEVNULL
    )


def _written(png: Path) -> Callable[[], bool]:
    return lambda: png.is_file() and png.stat().st_size > 0


def _cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _preview(
    tree: Path, root: Path, device: str, at: str, png: Path, env: dict[str, str]
) -> tuple[float, float]:
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "preview",
        device,
        "--root",
        str(root),
        "--at",
        at,
        "--out",
        str(png),
    ]
    png.unlink(missing_ok=True)
    environment = {**env, "PYTHONPATH": str(tree)}
    cpu = _cpu_s()
    wall = procs.timed(command, environment, _written(png))
    return wall, _cpu_s() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_start", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tree", type=Path, action="append", help="a source tree (repeat; default: this one)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-shipped", action="store_true", help="only the carousel and the floor")
    args = parser.parse_args(argv)
    trees = [t.resolve() for t in (args.tree or [REPO])]
    tmp = Path(tempfile.mkdtemp(prefix="bench-start-"))
    pack = write_pack(tmp / "text")
    env = kiosk_env(tmp)
    page = tmp / "still.html"
    page.write_text(carousel_html(cycle=False), encoding="utf-8")
    for tree in trees:
        _compile(tree)
    times: dict[str, list[float]] = {}
    cpu_times: dict[str, list[float]] = {}  # user + system: steadier than wall time on a shared machine
    print(f"load before: {procs.load()}", file=sys.stderr)
    for i in range(args.runs):
        for n, tree in enumerate(trees):
            cases = [("carousel", pack, "carousel", AT)]
            if not args.no_shipped:
                cases.append(("shipped", tree, SHIPPED[0], SHIPPED[1]))
            for name, root, device, at in cases:
                seconds, cpu = _preview(tree, root, device, at, tmp / "shot.png", env)
                times.setdefault(f"{name} [{n}] {tree}", []).append(seconds)
                cpu_times.setdefault(f"{name} [{n}] {tree}", []).append(cpu)
        png = tmp / "floor.png"
        times.setdefault("floor (bare PySide6)", []).append(
            procs.timed(floor_command("shot", str(png)), env, _written(png))
        )
        browser = chromium()
        if browser:  # the anchor of the target (≤ 0.3× Chromium's start)
            shot = tmp / "chromium.png"
            shot.unlink(missing_ok=True)
            command = [browser, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'chromium'}"]
            command += [f"--window-size={SIZE[0]},{SIZE[1]}", f"--screenshot={shot}", page.as_uri()]
            times.setdefault("chromium --headless --screenshot", []).append(
                procs.timed(command, env, _written(shot))
            )
        print(f"run {i + 1}/{args.runs} done, load {procs.load()}", file=sys.stderr)
    floor = statistics.median(times["floor (bare PySide6)"])
    browser_s = statistics.median(times.get("chromium --headless --screenshot", [0.0]))
    for label, values in sorted(times.items()):
        median = statistics.median(values)
        spread = f"{min(values):.2f}–{max(values):.2f}"
        versus = f"  {median / browser_s:4.2f}× Chromium" if browser_s else ""
        cpu = f"  CPU {statistics.median(cpu_times[label]):.2f} s" if label in cpu_times else ""
        print(f"{label:<54} {median:6.2f} s ({spread})  {median / floor:4.1f}× floor{versus}{cpu}")
    subprocess.run(["rm", "-rf", str(tmp)], check=False)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
