"""Problems found in editor files, written for the person who has to fix them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


def format_key_path(path: KeyPath) -> str:
    """Render ``("items", 2, "slide")`` as ``items[2].slide``: the way editors read YAML paths."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def short_value(value: object, limit: int = 60) -> str:
    """A bad value as shown in a message: quoted strings, cut so one hostile value cannot flood a log."""
    text = repr(value) if isinstance(value, str) else str(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one editor file.

    ``line`` and ``column`` are 1-based; ``None`` when the problem concerns the whole file.
    """

    severity: Severity
    file: str
    line: int | None
    column: int | None
    key: str
    message: str
    hint: str = ""
    code: str = "invalid"

    def text(self, lang: str = "en") -> tuple[str, str]:
        """``(message, hint)`` in the editor's language, list entries counted from 1."""
        from kiosk.config.messages import render  # late: the catalogue imports nothing of ours

        return render(self.message, lang), render(self.hint, lang, hint=True)

    def format(self, lang: str = "en") -> str:
        """Compiler-style one-liner (``file:line:col: error: key: message (hint)``), clickable in editors.

        ``lang`` is the editor's language (``de``: „Fehler“, „Tipp:“); the device log keeps English.
        """
        from kiosk.config.messages import LABELS, one_based

        labels = LABELS.get(lang, LABELS["en"])
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        message, hint_text = self.text(lang)
        key = f"{one_based(self.key, lang)}: " if self.key else ""
        hint = f"\n    {labels['hint']} {hint_text}" if hint_text else ""
        return f"{where}: {labels[self.severity]}: {key}{message}{hint}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.message)


def errors(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def warnings(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "warning"]


def summary(issues: Sequence[Issue], files: int, lang: str = "en") -> str:
    """The closing line of ``kiosk validate`` (German: ``13 Dateien geprüft: 1 Fehler, 0 Warnungen``)."""
    n_err = len(errors(issues))
    n_warn = len(warnings(issues))
    if lang == "de":
        checked = f"{files} Datei{'en' * (files != 1)} geprüft"
        return f"{checked}: {n_err} Fehler, {n_warn} Warnung{'en' * (n_warn != 1)}"
    return f"{files} files checked: {n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}"
