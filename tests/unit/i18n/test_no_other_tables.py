"""No module outside kiosk/i18n keeps its own table of interface words per language.

A table is a dict display whose keys include two or more language codes (``{"de": …, "en": …}``) or a
``dict(de=…, en=…)`` call. Exempt, each for a reason:
- the validator's messages (``kiosk/config/easy/messages.py``, ``kiosk/config/messages/``): editor-facing
  wording of ``kiosk validate`` with its own catalogue (see kiosk/i18n/__init__.py).
Still a table of its own, but not in this shape: ``kiosk/data/connectors/sdm_alert_words.py`` (the words for
a feed's alert codes, tuples per code; its fallback follows ``kiosk.i18n.chain``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.i18n import codes

KIOSK = Path(__file__).resolve().parents[3] / "kiosk"
EXEMPT = {"kiosk/config/easy/messages.py", "kiosk/config/messages/__init__.py"}


def _tables(tree: ast.AST) -> list[int]:
    known = set(codes())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            keys = {k.arg for k in node.keywords if k.arg}
        else:
            continue
        if len(keys & known) >= 2:
            found.append(node.lineno)
    return found


def test_the_check_finds_a_table() -> None:
    assert _tables(ast.parse('WORDS = {"back": {"de": "Zurück", "en": "Back"}}')) == [1]
    assert _tables(ast.parse('x = dict(de="Zurück", ls="Zurück")')) == [1]
    assert not _tables(ast.parse('FC_LANG = {"ls": "de"}'))


def test_no_module_outside_i18n_has_a_table_of_words() -> None:
    found = {
        rel: lines
        for path in sorted(KIOSK.rglob("*.py"))
        if (rel := str(path.relative_to(KIOSK.parent))) not in EXEMPT and not rel.startswith("kiosk/i18n/")
        if (lines := _tables(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not found, f"move these words to kiosk/i18n: {found}"


def test_the_exemptions_still_exist() -> None:
    assert all((KIOSK.parent / rel).is_file() for rel in EXEMPT)
