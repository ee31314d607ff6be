"""``kiosk validate --translations``: per language, which passer-by texts are missing or the same as the
German one, per file, with a total. A language counts for a text when a device that shows it offers the
language (as for the translation warnings)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from kiosk.config.easy.messages import report_word
from kiosk.config.issues import format_key_path
from kiosk.config.loader import LoadResult
from kiosk.config.models.base import LANGUAGE_NAMES
from kiosk.config.textwalk import offered_languages, passer_by_entries, texts


@dataclass
class LanguageReport:
    """One language: the texts that need it, and per file the keys missing it or copied from German."""

    code: str
    texts: int = 0
    missing: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)
    same: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)

    def count(self, table: dict[str, list[tuple[str, int | None]]]) -> int:
        return sum(len(keys) for keys in table.values())


def translation_report(result: LoadResult) -> tuple[int, int, list[LanguageReport]]:
    """(texts, files, one report per offered language except German, in first-offered order)."""
    content = result.content
    offered = offered_languages(content)
    reports: dict[str, LanguageReport] = {}
    n_texts = 0
    files: set[str] = set()
    for kind, entry in passer_by_entries(content):
        for path, text in texts(entry.model, ()):
            n_texts += 1
            files.add(entry.file)
            key, line = format_key_path(path), entry.where(*path)[0]
            for code in offered[(kind, entry.id)][1:]:
                report = reports.setdefault(code, LanguageReport(code))
                report.texts += 1
                value = getattr(text, code, None)
                if value is None:
                    report.missing.setdefault(entry.file, []).append((key, line))
                elif value.strip() == text.de.strip():
                    report.same.setdefault(entry.file, []).append((key, line))
    return n_texts, len(files), list(reports.values())


def _keys(keys: list[tuple[str, int | None]], lang: str) -> str:
    word = report_word("line", lang)
    return ", ".join(f"{key} ({word} {line})" if line else key for key, line in keys)


def report_lines(result: LoadResult, lang: str) -> list[str]:
    """The report as text lines in the editor's language."""
    n_texts, n_files, reports = translation_report(result)
    lines = [report_word("title", lang, texts=n_texts, files=n_files), ""]
    if not reports:
        lines.append(report_word("none", lang))
    for rep in reports:
        missing, same = rep.count(rep.missing), rep.count(rep.same)
        name = LANGUAGE_NAMES.get(rep.code, rep.code)
        lines.append(report_word("language", lang, name=name, code=rep.code, missing=missing, same=same))
        for file in sorted(set(rep.missing) | set(rep.same)):
            if file in rep.missing:
                lines.append(f"  {file}: {report_word('missing', lang)}: {_keys(rep.missing[file], lang)}")
            if file in rep.same:
                lines.append(f"  {file}: {report_word('same', lang)}: {_keys(rep.same[file], lang)}")
        lines.append("")
    total_missing = sum(rep.count(rep.missing) for rep in reports)
    total_same = sum(rep.count(rep.same) for rep in reports)
    lines.append(
        report_word(
            "total", lang, missing=total_missing, same=total_same, texts=n_texts, languages=len(reports)
        )
    )
    if result.content.broken:
        lines.append(report_word("broken", lang, n=len(result.content.broken)))
    return lines


def report_text(result: LoadResult, lang: str, as_json: bool) -> str:
    """What ``kiosk validate --translations [--json]`` prints."""
    if as_json:
        return json.dumps(report_json(result), ensure_ascii=False, indent=1)
    return "\n".join(report_lines(result, lang))


def report_json(result: LoadResult) -> dict[str, Any]:
    """The report as data (``--translations --json``)."""
    n_texts, n_files, reports = translation_report(result)

    def listed(table: dict[str, list[tuple[str, int | None]]]) -> dict[str, list[dict[str, Any]]]:
        return {f: [{"key": k, "line": n} for k, n in keys] for f, keys in sorted(table.items())}

    return {
        "texts": n_texts,
        "files": n_files,
        "languages": {
            rep.code: {
                "texts": rep.texts,
                "missing": rep.count(rep.missing),
                "same_as_german": rep.count(rep.same),
                "missing_by_file": listed(rep.missing),
                "same_by_file": listed(rep.same),
            }
            for rep in reports
        },
        "total": {
            "missing": sum(rep.count(rep.missing) for rep in reports),
            "same_as_german": sum(rep.count(rep.same) for rep in reports),
        },
    }
