"""Start → picture written (figure a) for two or more source trees, run alternately so that every tree
sees the same machine state: ``kiosk preview`` of the bench carousel and of the shipped hall display,
the bare PySide6 window as the floor and, when installed, Chromium's ``--headless --screenshot`` of the
same slides; median and min–max per tree.

    python -m bench.bench_start --tree /tmp/before --tree . --runs 3
    python -m bench.bench_start --tree /tmp/before --tree . --instructions   (valgrind, load-independent)

What a start/import change gains is read here, beside the tree without it; ``python -m bench`` holds
the figures against Chromium. On a shared machine wall time is mostly the other users' load: CPU
seconds are steadier, instruction counts steadiest. Each tree's modules are compiled to bytecode first
(``compileall``, as a deployed kiosk would have them), so no tree pays for compiling its sources in one
run and not another.
"""

from __future__ import annotations

import argparse
import os
import re
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


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions the whole start executes (valgrind's callgrind, ~50× slower): unlike wall or CPU
    time, the same on a loaded machine as on a calm one, so a change of a few per cent shows."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind failed ({done.returncode}):\n{done.stderr[-800:]}")
    return int(found[1])


def count_instructions(trees: list[Path], pack: Path, env: dict[str, str], tmp: Path) -> None:
    png = tmp / "counted.png"
    floor = instructions(floor_command("shot", str(png)), env)
    print(f"{'floor (bare PySide6)':<54} {floor / 1e9:6.2f} G instructions")
    for n, tree in enumerate(trees):
        for name, root, device, at in (("carousel", pack, "carousel", AT), ("shipped", tree, *SHIPPED)):
            command = [sys.executable, "-m", "kiosk", "preview", device, "--root", str(root), "--at", at]
            count = instructions([*command, "--out", str(png)], {**env, "PYTHONPATH": str(tree)})
            label = f"{name} [{n}] {tree}"
            print(f"{label:<54} {count / 1e9:6.2f} G instructions  {count / floor:4.1f}× floor")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_start", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tree", type=Path, action="append", help="a source tree (repeat; default: this one)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-shipped", action="store_true", help="only the carousel and the floor")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind instead (once)"
    )
    args = parser.parse_args(argv)
    trees = [t.resolve() for t in (args.tree or [REPO])]
    tmp = Path(tempfile.mkdtemp(prefix="bench-start-"))
    pack = write_pack(tmp / "text")
    env = kiosk_env(tmp)
    page = tmp / "still.html"
    page.write_text(carousel_html(cycle=False), encoding="utf-8")
    for tree in trees:
        _compile(tree)
    if args.instructions:
        count_instructions(trees, pack, env, tmp)
        subprocess.run(["rm", "-rf", str(tmp)], check=False)
        return 0
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
