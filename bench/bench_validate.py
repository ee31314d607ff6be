"""How long validation takes: the shipped pack, and a synthetic pack of many slides.

Run: .venv/bin/python bench/bench_validate.py   (prints figures; no pass/fail)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kiosk.config.loader import load_content  # noqa: E402


def timed(root: Path, runs: int) -> tuple[float, float, int]:
    samples = []
    files = 0
    for _ in range(runs):
        start = time.perf_counter()
        result = load_content(root)
        samples.append(time.perf_counter() - start)
        files = result.files
    return statistics.median(samples) * 1000, max(samples) * 1000, files


def synthetic(root: Path, slides: int) -> Path:
    for name in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / name, root / name)
    items = []
    for n in range(slides):
        (root / f"content/slides/synth-{n}.yaml").write_text(
            "type: text\ntitle: {de: T, en: T, ls: T}\n"
            f"body:\n  de: Text {n}\n  en: Text {n}\n  ls: Text {n}\nduration: 8s\n",
            encoding="utf-8",
        )
        items.append(f"  - synth-{n}")
    (root / "content/playlists/synth.yaml").write_text("name: Synth\nitems:\n" + "\n".join(items) + "\n")
    return root


def main() -> None:
    median, worst, files = timed(REPO, 10)
    print(f"shipped pack: {files} files, median {median:.1f} ms, max {worst:.1f} ms per full validation")
    with tempfile.TemporaryDirectory() as tmp:
        root = synthetic(Path(tmp), 1000)
        median, worst, files = timed(root, 3)
        print(f"shipped + 1000 slides: {files} files, median {median:.0f} ms, max {worst:.0f} ms")


if __name__ == "__main__":
    main()
