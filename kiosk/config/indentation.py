"""Indentation mistakes, told as such: an unknown key that a neighbouring mapping knows.

In YAML the column is the structure. ``address:`` indented under ``name:`` lands inside the language
map of the name, and pydantic says "unknown key 'address'" with the languages as the allowed keys. The
editor's mistake is the indentation, so that is what we say, with the column to start in: a key the
enclosing mapping knows is indented too far; a key the mapping just above it knows is not indented far
enough.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from kiosk.config.issues import KeyPath
from kiosk.config.modelwalk import fields_of, model_at, models_in
from kiosk.config.yamlpos import YamlDocument

Loc = tuple[str | int, ...]


class Misplaced(NamedTuple):
    """What to say about a misplaced key; ``under`` is the key it belongs under (not far enough)."""

    message: str
    hint: str
    under: KeyPath | None = None


def _column(doc: YamlDocument, path: KeyPath) -> tuple[int, int] | None:
    return doc.positions.get(path)


def _too_far(root: Any, loc: Loc, path: KeyPath, doc: YamlDocument) -> Misplaced | None:
    key = str(loc[-1])
    for up in (2, 3):
        if len(loc) < up or len(path) < up:
            return None
        between = loc[-up:-1]
        if any(not isinstance(part, str) for part in between) or tuple(path[-up:-1]) != between:
            return None  # a list entry or a union tag on the way: no plain 'beside' to point at
        outer = models_in(model_at(root, loc[:-up]))
        if len(outer) == 1 and key in fields_of(outer[0]):
            sibling = str(loc[-up])
            pos = _column(doc, path[: len(path) - up + 1])
            hint = f"start '{key}' in column {pos[1]}, like '{sibling}' in line {pos[0]}" if pos else ""
            return Misplaced(
                f"'{key}' is indented too far: it belongs beside '{sibling}', not under it", hint
            )
    return None


def _not_far_enough(root: Any, loc: Loc, path: KeyPath, doc: YamlDocument) -> Misplaced | None:
    key = str(loc[-1])
    mapping = doc.get(path[:-1])
    if not isinstance(mapping, dict) or key not in mapping:
        return None
    names = list(mapping)
    here_model = models_in(model_at(root, loc[:-1]))
    known = fields_of(here_model[0]) if len(here_model) == 1 else {}
    # the key this one was meant to go under is the nearest known key above it (keys that slipped out
    # together, like width and height under screen, all point at it)
    before = [name for name in names[: names.index(key)] if name in known]
    if not before:
        return None
    above = before[-1]
    models = models_in(model_at(root, (*loc[:-1], above)))
    if not any(key in fields_of(model) for model in models):
        return None
    value = mapping[above]
    inner: KeyPath = (*path[:-1], above)
    where = ""
    if isinstance(value, list) and value and isinstance(value[-1], dict):
        inner = (*inner, len(value) - 1)
        value = value[-1]
        where = ", in its last entry"
    first = next(iter(value), None) if isinstance(value, dict) else None
    pos = _column(doc, (*inner, first)) if first is not None else None
    here = _column(doc, path)
    column = pos[1] if pos else (here[1] + 2 if here else None)
    hint = f"indent it to column {column}, like the keys under '{above}'" if column else ""
    message = f"'{key}' is not indented far enough: it belongs under '{above}'{where}"
    return Misplaced(message, hint, (*path[:-1], above))


def misplaced_key(root: Any, loc: Loc, path: KeyPath, doc: YamlDocument) -> Misplaced | None:
    """What to say when the unknown key at ``loc`` is a key of a neighbouring mapping."""
    if not loc or not isinstance(loc[-1], str):
        return None
    return _too_far(root, loc, path, doc) or _not_far_enough(root, loc, path, doc)
