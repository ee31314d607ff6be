"""The corpus of broken editor files: each has one mistake, and the expected message and line.

Each file in tests/corpus/ starts with comment lines: ``target`` (where it is put in a copy of the
small test pack, replacing what is there), optionally ``error-in`` (the file the error is reported in,
when that is another file), ``line``, ``message`` (a part of the expected English message) and
``message-de`` (a part of the German message editors see by default), and optionally
``key-de`` (the key as the German message names it, entries counted from 1), and optionally
``severity: warning`` for a mistake that is a warning (the Leichte Sprache check): then it is the only
warning in that file and the pack has no errors. ``problems: N`` counts every error and warning of the
whole pack (no cascade from one mistake); ``problems: 0`` is a case that must load clean and needs no
line or message. A line ``# file: PATH`` starts a further file of the case (e.g. a device that offers
other languages), written to PATH in the pack.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config.issues import errors, warnings
from kiosk.config.loader import load_content

CORPUS = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.yaml"))
_HEADER = re.compile(r"^# (target|error-in|line|message|message-de|severity|problems|key-de): (.*)$")
_FILE = re.compile(r"^# file: (\S+)$", re.MULTILINE)


def header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if not match:
            break
        fields[match.group(1)] = match.group(2)
    return fields


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30


def sections(case: Path) -> dict[str, str]:
    """Pack path → text: the case's target, then each ``# file:`` section."""
    parts = _FILE.split(case.read_text(encoding="utf-8"))
    out = {header(case)["target"]: parts[0]}
    out.update(zip(parts[1::2], parts[2::2], strict=True))
    return out


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_every_case_has_a_german_message(case: Path) -> None:
    meta = header(case)
    assert meta.get("message-de") or meta.get("problems") == "0", f"{case.name} lacks '# message-de:'"


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_broken_file_is_reported_at_its_line(case: Path, minipack: Path) -> None:
    meta = header(case)
    for rel, text in sections(case).items():
        target = minipack / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    result = load_content(minipack)
    if "problems" in meta:
        assert len(result.issues) == int(meta["problems"]), "\n".join(i.format() for i in result.issues)
        if meta["problems"] == "0":
            return
    where = meta.get("error-in", meta["target"])
    warning = meta.get("severity") == "warning"
    found = [i for i in (warnings if warning else errors)(result.issues) if i.file == where]
    assert len(found) == 1, "\n".join(i.format() for i in result.issues)
    issue = found[0]
    assert issue.line == int(meta["line"]), issue.format()
    assert meta["message"] in issue.message, issue.format()
    assert meta["message"] in issue.text("en")[0] or "[" in issue.message, issue.format("en")
    assert meta["message-de"] in issue.text("de")[0], issue.format("de")
    if "key-de" in meta:  # list entries as editors count them, from 1
        assert issue.format("de").split(": ")[2] == meta["key-de"], issue.format("de")
    assert result.ok == warning
