"""The Leichte Sprache check over a content set: every ``ls:`` text, with the allow comments editors write.

An editor who keeps a text on purpose writes a comment on the line of its ``ls:`` key or on the comment
lines right above it, with the rules and a reason after a dash:

    # leichte-sprache: verneinung – eine Warnung muss sagen, was man nicht tun soll
    ls: Gehen Sie nicht an den Strand.

The check then stays quiet about that rule in that text; a comment without a reason, with an unknown
rule or with a rule that finds nothing is reported itself, so allow lists do not rot.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kiosk.config.easy import rules as r
from kiosk.config.easy.messages import say
from kiosk.config.easy.words import normal, parts, words
from kiosk.config.issues import Issue, KeyPath, format_key_path
from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.base import Text
from kiosk.config.models.easy import EasyLanguage
from kiosk.config.textwalk import passer_by_entries, texts

TITLE_KEYS = frozenset(("title", "heading", "headline", "name"))
_ALLOW = re.compile(r"#\s*leichte[- ]sprache\s*:\s*(?P<rules>.*?)(?:\s+[–—-]\s+(?P<reason>.*))?\s*$", re.I)
ALIASES: dict[str, str] = {
    "sentence-length": r.SENTENCE_LENGTH,
    "satzlaenge": r.SENTENCE_LENGTH,
    "statements": r.STATEMENTS,
    "passive": r.PASSIVE,
    "negation": r.NEGATION,
    "abbreviation": r.ABBREVIATION,
    "abkuerzung": r.ABBREVIATION,
    "number": r.NUMBER,
    "long-word": r.LONG_WORD,
    "hard-word": r.HARD_WORD,
    "same-as-german": r.SAME_AS_GERMAN,
    "dash": r.DASH,
    "field": r.FIELD,
}


_last_bounds = r.Bounds()


def bounds_of(content: ContentSet) -> r.Bounds:
    """The check's settings: glossaries of all files joined, the strictest bound of any file."""
    models = [entry.model for entry in content.easy_language.values()]
    defaults = EasyLanguage()

    def strictest(name: str) -> int:
        set_values = [getattr(m, name) for m in models if name in m.model_fields_set]
        return min(set_values) if set_values else int(getattr(defaults, name))

    hard = {normal(w.word): (w.word, w.easy, w.explain) for m in models for w in m.hard_words}
    known = frozenset(normal(w) for m in models for w in m.known_words)
    bounds = r.Bounds(
        max_sentence_words=strictest("max_sentence_words"),
        max_word_letters=strictest("max_word_letters"),
        max_word_syllables=strictest("max_word_syllables"),
        hard_words=tuple(sorted(hard.items())),
        known_words=known,
        lexicon=_lexicon(content),
    )
    global _last_bounds
    if bounds != _last_bounds:  # the same object for the same settings: the text cache compares fast
        _last_bounds = bounds
    return _last_bounds


def _lexicon(content: ContentSet) -> frozenset[str]:
    """Words of the pack's German and Leichte Sprache texts: parts a long word may be split into."""
    found: set[str] = set()
    for _kind, entry in passer_by_entries(content):
        for _path, text in texts(entry.model, ()):
            found |= _word_parts(text.de)
            found |= _word_parts(text.ls or "")
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def _word_parts(text: str) -> frozenset[str]:
    return frozenset(p.lower() for word in words(text) for p in parts(word) if len(p) >= 3)


@dataclass(frozen=True)
class _Allow:
    line: int
    rules: tuple[str, ...]
    unknown: tuple[str, ...]
    reason: str


def _allow_of(lines: list[str], key_line: int) -> _Allow | None:
    """The allow comment of the text whose ``ls:`` key is on 1-based ``key_line``, if any."""
    candidates = [key_line]
    i = key_line - 1
    while i >= 1 and lines[i - 1].lstrip().startswith("#"):
        candidates.append(i)
        i -= 1
    for number in candidates:
        match = _ALLOW.search(lines[number - 1]) if number <= len(lines) else None
        if match:
            names = [n.strip().lower() for n in match.group("rules").split(",") if n.strip()]
            known = tuple(ALIASES.get(n, n) for n in names if ALIASES.get(n, n) in r.RULES)
            unknown = tuple(n for n in names if ALIASES.get(n, n) not in r.RULES)
            return _Allow(number, known, unknown, (match.group("reason") or "").strip())
    return None


def _findings(path: KeyPath, text: Text, bounds: r.Bounds) -> list[r.Finding]:
    ls = text.ls or ""
    found = list(r.check_text(ls, bounds))
    last = path[-1] if path else ""
    if last in TITLE_KEYS:
        found += r.check_title(ls, text.de)
    if last == "hours":
        found += r.check_hours(ls)
    return found


def _message_key(finding: r.Finding) -> str:
    if finding.rule == r.ABBREVIATION and not finding.values.get("full"):
        return "abkürzung-unbekannt"
    if finding.rule == r.LONG_WORD and not finding.values.get("split"):
        return "langes-wort-ohne"
    if finding.rule in (r.NUMBER, r.DASH):
        return f"{finding.rule}-{finding.values['kind']}"
    return finding.rule


class _Locator:
    """Finds the line and column of a needle inside one text of a file, occurrence after occurrence."""

    def __init__(self, lines: list[str], start: int, column: int, length: int) -> None:
        self.lines, self.start, self.column, self.stop = lines, start, column, start + length + 2
        self.cursor: dict[str, tuple[int, int]] = {}

    def find(self, needle: str) -> tuple[int, int]:
        # from the ls key on: in "{de: …, ls: …}" the German text stands before it on the same line
        line, col = self.cursor.get(needle, (self.start, self.column - 1))
        while line <= min(self.stop, len(self.lines)):
            at = self.lines[line - 1].find(needle, col)
            if at >= 0:
                self.cursor[needle] = (line, at + len(needle))
                return line, at + 1
            line, col = line + 1, 0
        return self.start, self.column


def _entry_issues(entry: Entry[Any], lines: list[str], bounds: r.Bounds, lang: str) -> Iterator[Issue]:
    found_texts = [(p, t) for p, t in texts(entry.model, ()) if t.ls]
    explained: set[str] = set()
    for _p, t in found_texts:
        explained |= r.explained_words(t.ls or "", bounds)
    for path, text in found_texts:
        ls_path = (*path, "ls")
        line, col = entry.where(*ls_path)
        key = format_key_path(ls_path)
        findings = [
            f
            for f in _findings(path, text, bounds)
            if not (f.rule == r.HARD_WORD and f.values["word"] in explained)
        ]
        allow = _allow_of(lines, line) if line else None
        if allow is not None:
            yield from _allow_problems(entry, allow, findings, key, lang)
            findings = [f for f in findings if f.rule not in allow.rules]
        locate = _Locator(lines, line or 1, col or 1, (text.ls or "").count("\n"))
        for finding in findings:
            at_line, at_col = locate.find(finding.needle)
            message, hint = say(_message_key(finding), lang, **_values(finding, bounds, lang))
            code = f"leichte-sprache:{finding.rule}"
            yield Issue("warning", entry.file, at_line, at_col, key, message, hint=hint, code=code)


def _german_hours(entry: Entry[Any], lines: list[str], lang: str) -> Iterator[Issue]:
    """A description in ``hours`` is a misused field in German too (the rule needs German words)."""
    for path, text in texts(entry.model, ()):
        if not path or path[-1] != "hours":
            continue
        line, col = entry.where(*path, "de")
        allow = _allow_of(lines, line) if line else None
        if allow is not None and r.FIELD in allow.rules:
            continue
        locate = _Locator(lines, line or 1, col or 1, text.de.count("\n"))
        for finding in r.check_hours(text.de):
            at_line, at_col = locate.find(finding.needle)
            message, hint = say("feld", lang, **finding.values)
            key = format_key_path((*path, "de"))
            yield Issue("warning", entry.file, at_line, at_col, key, message, hint=hint, code="field")


def _values(finding: r.Finding, bounds: r.Bounds, lang: str) -> dict[str, object]:
    values: dict[str, object] = {"max": bounds.max_sentence_words, **finding.values}
    if finding.rule == r.HARD_WORD:
        which = "easy" if finding.values["easy"] else "explain" if finding.values["explain"] else "any"
        values["advice"] = say(f"schweres-wort-{which}", lang, **finding.values)[1]
    return values


def _allow_problems(
    entry: Entry[Any], allow: _Allow, findings: list[r.Finding], key: str, lang: str
) -> Iterator[Issue]:
    def issue(name: str, **values: object) -> Issue:
        message, hint = say(name, lang, **values)
        return Issue(
            "warning", entry.file, allow.line, None, key, message, hint=hint, code="leichte-sprache:allow"
        )

    if not allow.reason:
        yield issue("erlaubt-ohne-grund", rule=", ".join(allow.rules) or "…")
    for name in allow.unknown:
        yield issue("erlaubt-unbekannt", rule=name, rules=", ".join(r.RULES))
    for name in allow.rules:
        if not any(f.rule == name for f in findings):
            yield issue("erlaubt-unnötig", rule=name)


def check_easy_language(content: ContentSet, lang: str = "de") -> list[Issue]:
    """Warnings for every Leichte Sprache text of the slides, pages and alerts."""
    bounds = bounds_of(content)
    found: list[Issue] = []
    for _kind, entry in passer_by_entries(content):
        try:
            lines = (content.root / entry.file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []  # read a moment ago by the loader; positions then fall back to the keys
        found.extend(_entry_issues(entry, lines, bounds, lang))
        found.extend(_german_hours(entry, lines, lang))
    return found
