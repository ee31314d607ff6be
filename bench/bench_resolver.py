"""How fast the schedule resolver is: a 7-day timeline over 10 000 playlist items, and single resolves.

The synthetic pack has one device with two zones. The main zone lists 18 playlists of 500 items each
(weekday and weekend dayparts, an overnight window, a dated campaign, priorities, one shuffled, one
takeover at four times a day) and a 500-item default; the side zone plays another 500 items. Slides
last 8–20 s, so a week is some 40 000 segments per zone.

Run: .venv/bin/python bench/bench_resolver.py   (prints figures; no pass/fail)
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kiosk.config.loader import ContentSet, load_content  # noqa: E402
from kiosk.schedule.resolver import resolve  # noqa: E402
from kiosk.schedule.timeline import timeline  # noqa: E402

TZ = ZoneInfo("Europe/Berlin")
ITEMS_PER_PLAYLIST = 500
SLIDES = 40
WINDOWS = [
    "[{days: [mon, tue, wed, thu, fri], from: '07:00', to: '12:00'}]",
    "[{days: [mon, tue, wed, thu, fri], from: '12:00', to: '18:00'}]",
    "[{days: [mon, wed, fri], from: '18:00', to: '23:00'}]",
    "[{days: [fri, sat], from: '22:00', to: '02:00'}]",
    "[{days: [sat, sun], from: '08:00', to: '20:00'}]",
    "[{days: [tue, thu], from: '09:30', to: '10:30'}, {days: [tue, thu], from: '15:00', to: '16:15'}]",
]


def write_pack(root: Path) -> int:
    """Write the synthetic pack below ``root``; returns the number of playlist items."""

    def put(rel: str, text: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    put(
        "layouts/zwei.yaml",
        "name: Zwei\nreference_size: {width: 1920, height: 1080}\nzones:\n"
        "  - {id: main, width: 1400, height: 1080}\n  - {id: side, x: 1400, width: 520, height: 1080}\n",
    )
    put("content/themes/rostock.yaml", (REPO / "content/themes/rostock.yaml").read_text(encoding="utf-8"))
    for files in ("content/fonts", "content/images/marke"):  # what the theme names (its font, the city mark)
        shutil.copytree(REPO / files, root / files)
    rng = random.Random(7)
    for n in range(SLIDES):
        put(
            f"content/slides/s{n}.yaml",
            f"type: text\ntitle: {{de: S{n}, en: S{n}, ls: S{n}}}\n"
            f"body: {{de: Text {n}, en: Text {n}, ls: Text {n}}}\nduration: {rng.randint(8, 20)}s\n",
        )
    names = []
    for p in range(20):
        name = f"p{p:02d}"
        items = "".join(f"  - s{rng.randrange(SLIDES)}\n" for _ in range(ITEMS_PER_PLAYLIST))
        extra = ""
        if p < 12:
            extra = f"priority: {40 + 5 * (p % 4)}\nwindows: {WINDOWS[p % len(WINDOWS)]}\n"
        elif p < 16:
            extra = "priority: 70\ndates: {from: '2026-08-06', until: '2026-08-09'}\n"
            extra += f"windows: {WINDOWS[p % len(WINDOWS)]}\n" + ("order: shuffle\n" if p == 13 else "")
        elif p < 18:
            extra = "priority: 90\ntakeover: {at: ['09:00', '12:00', '15:00', '18:00'], duration: 3m}\n"
        put(f"content/playlists/{name}.yaml", f"name: {name}\n{extra}items:\n{items}")
        names.append(name)
    put(
        "device-config/screen.yaml",
        "name: Bench\nrole: hall-display\nlayout: zwei\nzones:\n"
        f"  main:\n    playlists: [{', '.join(names[:18])}]\n    default: {names[18]}\n"
        f"  side:\n    default: {names[19]}\n"
        "opening_hours:\n  - {days: [mon, tue, wed, thu, fri, sat], from: '06:00', to: '01:00'}\n"
        "  - {days: [sun], from: '08:00', to: '22:00'}\n",
    )
    return 20 * ITEMS_PER_PLAYLIST


def bench_timeline(content: ContentSet, runs: int) -> tuple[float, float, int]:
    start = datetime(2026, 8, 3, 0, 0, tzinfo=TZ)
    samples, segments = [], 0
    for run in range(runs):
        fresh = ContentSet(**vars(content)) if run == 0 else content  # first run: cold caches
        t0 = time.perf_counter()
        result = timeline(fresh, "screen", start, start + timedelta(days=7))
        samples.append(time.perf_counter() - t0)
        segments = sum(len(s) for s in result.values())
    return statistics.median(samples) * 1000, max(samples) * 1000, segments


def bench_resolve(content: ContentSet, calls: int) -> tuple[float, float]:
    rng = random.Random(1)
    base = datetime(2026, 8, 3, 0, 0, tzinfo=TZ)
    instants = [base + timedelta(seconds=rng.randrange(7 * 86400)) for _ in range(calls)]
    samples = []
    for at in instants:
        t0 = time.perf_counter()
        resolve(content, "screen", at)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e6, max(samples) * 1e6


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        items = write_pack(Path(tmp))
        result = load_content(Path(tmp))
        if not result.ok:
            raise SystemExit("the synthetic pack does not validate:\n" + "\n".join(map(str, result.issues)))
        median, worst, segments = bench_timeline(result.content, 7)
        print(
            f"7-day timeline, {items} playlist items, 2 zones: {segments} segments, "
            f"median {median:.0f} ms, max {worst:.0f} ms (first run with cold caches)"
        )
        median, worst = bench_resolve(result.content, 2000)
        print(
            f"resolve() at random instants of that week: median {median:.0f} µs, max {worst:.0f} µs per call"
        )
        shipped = load_content(REPO).content
        median, worst = bench_resolve_shipped(shipped, 2000)
        print(f"resolve() on the shipped stele: median {median:.0f} µs, max {worst:.0f} µs per call")


def bench_resolve_shipped(content: ContentSet, calls: int) -> tuple[float, float]:
    rng = random.Random(2)
    base = datetime(2026, 8, 3, 0, 0, tzinfo=TZ)
    samples = []
    for _ in range(calls):
        at = base + timedelta(seconds=rng.randrange(7 * 86400))
        t0 = time.perf_counter()
        resolve(content, "stadthafen-stele", at)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e6, max(samples) * 1e6


if __name__ == "__main__":
    main()
