"""Product modules stay small enough to read in one sitting: at most 400 lines each."""

from __future__ import annotations

from pathlib import Path

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
MAX_LINES = 400


def test_every_product_module_has_at_most_400_lines() -> None:
    long = {
        str(path.relative_to(KIOSK.parent)): n
        for path in KIOSK.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by what they do: {long}"
