"""Warnings for passer-by texts that lack an expected language (they fall back to German)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from kiosk.config.issues import Issue, format_key_path
from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.base import EXPECTED_LANGUAGES, LANGUAGE_NAMES, Text


def _texts(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))


def _missing(entry: Entry[Any]) -> Iterator[Issue]:
    for path, text in _texts(entry.model, ()):
        absent = [code for code in EXPECTED_LANGUAGES if getattr(text, code) is None]
        if absent:
            line, col = entry.where(*path)
            names = " and ".join(LANGUAGE_NAMES[code] for code in absent)
            yield Issue(
                "warning",
                entry.file,
                line,
                col,
                format_key_path(path),
                f"no {names} text; German is shown instead",
                hint="add " + ", ".join(f"{code}:" for code in absent),
                code="translation",
            )


def check_translations(content: ContentSet) -> list[Issue]:
    """One warning per passer-by text without English or Leichte Sprache."""
    found: list[Issue] = []
    for table in (content.slides, content.pages, content.alerts):
        for entry in table.values():
            found.extend(_missing(entry))
    return found
