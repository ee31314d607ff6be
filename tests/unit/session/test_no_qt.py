"""The session's rules are tested without Qt: no test here imports PySide6, and the controller's tests
pass in a fresh interpreter where PySide6 is never loaded (the suite's conftest loads Qt for the GUI
tests, so only a separate process shows that the session tests do not need it)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parents[2]  # not tests.conftest: that one loads Qt for the GUI tests
QT = ("PySide6", "shiboken6", "pytestqt", "kiosk.runtime", "kiosk.ui", "tests.gui")

RUN_ALONE = """
import inspect, sys
import tests.unit.session.test_controller as tests
ran = 0
for name, test in vars(tests).items():
    if name.startswith("test_") and not inspect.signature(test).parameters:
        test()
        ran += 1
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(ran, loaded)
assert ran >= 10 and not loaded, loaded
"""


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_session_test_imports_qt() -> None:
    for path in sorted(HERE.glob("*.py")):
        bad = {n for n in imported(path) if n.startswith(QT)}
        assert not bad, f"{path.name} imports {bad}"


def test_the_controller_tests_run_in_an_interpreter_without_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN_ALONE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("[]")
