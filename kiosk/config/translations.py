"""Warnings for passer-by texts that lack a language a device offers (they fall back to German)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kiosk.config.easy.messages import say
from kiosk.config.issues import Issue, format_key_path
from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.base import LANGUAGE_NAMES
from kiosk.config.textwalk import offered_languages, passer_by_entries, texts


def _missing(entry: Entry[Any], languages: tuple[str, ...], lang: str) -> Iterator[Issue]:
    for path, text in texts(entry.model, ()):
        absent = [code for code in languages if code != "de" and getattr(text, code, None) is None]
        if absent:
            line, col = entry.where(*path)
            message, hint = say(
                "übersetzung",
                lang,
                names=", ".join(LANGUAGE_NAMES[code] for code in absent),
                keys=", ".join(f"{code}:" for code in absent),
            )
            yield Issue("warning", entry.file, line, col, format_key_path(path), message, hint, "translation")


def check_translations(content: ContentSet, lang: str = "de") -> list[Issue]:
    """One warning per passer-by text without a language that a device showing it offers."""
    offered = offered_languages(content)
    found: list[Issue] = []
    for kind, entry in passer_by_entries(content):
        found.extend(_missing(entry, offered[(kind, entry.id)], lang))
    return found
