"""What one check of ``kiosk doctor`` found, and the report made of all of them (text or JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal["pass", "warn", "fail", "skip"]
SYMBOLS: dict[Status, str] = {"pass": "✔", "warn": "!", "fail": "✘", "skip": "–"}
WORDS: dict[Status, str] = {"pass": "ok  ", "warn": "WARN", "fail": "FAIL", "skip": "skip"}
TAIL_LINES = 6  # of a crashed probe's stderr: enough for Qt's or Chromium's last words, not a flood


@dataclass(frozen=True)
class Result:
    """One line of the report. A ``fail`` always carries a ``fix``; a ``warn`` usually does."""

    check: str  # the check's id, e.g. "voices"
    status: Status
    summary: str
    fix: str = ""
    details: tuple[str, ...] = ()
    ms: int = 0


def failed(results: Sequence[Result]) -> bool:
    return any(r.status == "fail" for r in results)


def tail(text: str, lines: int = TAIL_LINES) -> tuple[str, ...]:
    """The last non-empty lines of a probe's output, each cut so one line cannot flood the report."""
    kept = [line.rstrip()[:300] for line in text.splitlines() if line.strip()]
    return tuple(kept[-lines:])


def _counts(results: Sequence[Result]) -> str:
    n = {status: sum(1 for r in results if r.status == status) for status in SYMBOLS}
    parts = [f"{n['pass']} passed"]
    if n["warn"]:
        parts.append(f"{n['warn']} warning{'s' * (n['warn'] != 1)}")
    parts.append(f"{n['fail']} failed")
    if n["skip"]:
        parts.append(f"{n['skip']} skipped")
    return ", ".join(parts)


def text_report(
    header: str, titles: dict[str, str], results: Sequence[Result], elapsed_s: float, fancy: bool
) -> str:
    """One line per check (symbol, title, summary), details and the fix indented below it."""
    width = max(len(t) for t in titles.values())
    lines = [header]
    for result in results:
        mark = SYMBOLS[result.status] if fancy else WORDS[result.status]
        lines.append(f"{mark} {titles.get(result.check, result.check):<{width}}  {result.summary}")
        lines.extend(f"    {detail}" for detail in result.details)
        if result.fix:
            lines.append(f"    {'→' if fancy else '->'} fix: {result.fix}")
    lines.append(f"{len(results)} checks: {_counts(results)} ({elapsed_s:.1f} s)")
    return "\n".join(lines)


@dataclass(frozen=True)
class Report:
    device: str | None
    root: str
    results: tuple[Result, ...]
    elapsed_s: float
    titles: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        doc = {
            "device": self.device,
            "root": self.root,
            "ok": not failed(self.results),
            "elapsed_s": round(self.elapsed_s, 2),
            "checks": [{**asdict(r), "title": self.titles.get(r.check, r.check)} for r in self.results],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)
