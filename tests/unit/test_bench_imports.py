"""Every bench still imports against the product's current names (bench_slow_source broke silently when
the connector table became the catalogue's ``connector_for``). Each in a process of its own: a bench
sets up Qt and its paths at import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("module", sorted(p.stem for p in BENCH.glob("bench_*.py")))
def test_bench_module_imports(module: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # as run: a script beside its siblings (``python bench/bench_x.py``), the package ``bench`` from the root
    paths = [str(BENCH), str(BENCH.parent)]
    code = f"import sys; sys.path[:0] = {paths!r}; import {module}"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=BENCH, env=env, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr[-2000:]
