"""Every interface word the code asks for by a written key exists in German (the base language).

``i18n.text`` raises ``KeyError`` for a key German lacks; this finds such a typo without running the
screen that shows it: each call of ``kiosk.i18n.text`` or of one of its area wrappers with a literal key,
anywhere in kiosk/, is resolved through the module's imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.i18n import BASE, own_words

KIOSK = Path(__file__).resolve().parents[3] / "kiosk"
# (module, function) → the area its keys are in
WRAPPERS = {
    ("kiosk.i18n", "text"): "",
    ("kiosk.navigation.strings", "ui_text"): "nav.",
    ("kiosk.data.present_words", "t"): "data.",
    ("kiosk.data.present_spoken", "_w"): "spoken.",
    ("kiosk.ui.alert", "word"): "alert.",
    ("kiosk.ui.admin", "text"): "admin.",
    ("kiosk.runtime.admin_status", "_l"): "status.",
    ("kiosk.runtime.watch_view", "word"): "watch.",
}


def _asked_keys(path: Path) -> list[tuple[int, str]]:
    module = ".".join(path.relative_to(KIOSK.parent).with_suffix("").parts)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: dict[str, tuple[str, str]] = {}  # local name → (module, function)
    modules: dict[str, str] = {}  # local name → module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module, alias.name)
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.FunctionDef) and node.col_offset == 0:
            names[node.name] = (module, node.name)
    asked = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
            continue
        key = node.args[0].value
        func = node.func
        if isinstance(func, ast.Name):
            target = names.get(func.id)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            target = (modules.get(func.value.id, ""), func.attr)
        else:
            continue
        if isinstance(key, str) and target in WRAPPERS:
            asked.append((node.lineno, WRAPPERS[target] + key))
    return asked


def test_the_scan_sees_the_wrappers() -> None:
    found = {key for path in KIOSK.rglob("*.py") for _, key in _asked_keys(path)}
    for area in ("nav.", "data.", "spoken.", "alert.", "admin.", "status.", "watch."):
        assert any(key.startswith(area) for key in found), area


def test_every_written_key_is_in_german() -> None:
    base = own_words(BASE)
    missing = [
        f"{path.relative_to(KIOSK.parent)}:{line}: {key}"
        for path in sorted(KIOSK.rglob("*.py"))
        for line, key in _asked_keys(path)
        if key not in base
    ]
    assert not missing
