"""Turn pydantic validation errors into issues with line numbers, plain words and hints."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kiosk.config.indentation import misplaced_key
from kiosk.config.issues import Issue, KeyPath, format_key_path, short_value
from kiosk.config.models.base import FieldProblem, Text
from kiosk.config.modelwalk import descend, fields_of, model_at
from kiosk.config.suggest import did_you_mean
from kiosk.config.yamlpos import YamlDocument, child

_QUOTED = re.compile(r"'([^']*)'")


def _yaml_path(doc: YamlDocument, root: Any, loc: tuple[str | int, ...]) -> KeyPath:
    """Map an error location onto the YAML data, dropping union tags (``type: image`` adds 'image')."""
    path: list[str | int] = []
    node: Any = doc.data
    tp: Any = root
    for part in loc:
        if tp is not None:
            tp, was_tag = descend(tp, part)
            if was_tag:
                continue
        _, node = child(node, part)  # a missing key keeps its name; the parent then gives the line
        path.append(part)
    return tuple(path)


def _message(
    err: ErrorDetails, root: Any, loc: tuple[str | int, ...], value: Any, where: tuple[KeyPath, YamlDocument]
) -> tuple[str, str]:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    last = loc[-1] if loc else ""
    shown = short_value(value)
    if kind == "missing":
        info = None
        parent = model_at(root, loc[:-1])
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            info = fields_of(parent).get(str(last))
        hint = f"{last}: {info.description}" if info is not None and info.description else ""
        return f"required key '{last}' is missing", hint
    if kind == "extra_forbidden":
        misplaced = misplaced_key(root, loc, *where)
        if misplaced is not None:
            return misplaced.message, misplaced.hint
        parent = model_at(root, loc[:-1])
        allowed = fields_of(parent) if isinstance(parent, type) and issubclass(parent, BaseModel) else {}
        return f"unknown key '{last}'", did_you_mean(str(last), allowed)
    if kind == "literal_error":
        options = _QUOTED.findall(str(ctx.get("expected", ""))) or []
        hint = did_you_mean(str(value), options) if options else ""
        return f"{shown} is not allowed here; expected {ctx.get('expected', '')}", hint
    if kind == "union_tag_invalid":
        options = _QUOTED.findall(str(ctx.get("expected_tags", "")))
        return f"unknown type {short_value(ctx.get('tag'))}", did_you_mean(str(ctx.get("tag")), options)
    if kind == "union_tag_not_found":
        return "required key 'type' is missing", "say which kind this is, e.g. type: text"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        expected = model_at(root, loc)
        if expected is Text:
            return (
                f"{shown} must be given per language",
                "write it as a mapping, e.g.\n      de: Parken\n      en: Parking\n      ls: Auto abstellen",
            )
        return f"{shown} must be a mapping of keys (key: value)", ""
    if kind == "list_type":
        return f"{shown} must be a list", "write one entry per line, each starting with '- '"
    if kind == "string_type":
        hint = f'put it in quotes: "{value}"' if isinstance(value, int | float | bool) else ""
        return f"{shown} must be text", hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{shown} must be a whole number", ""
    if kind in ("float_type", "float_parsing"):
        return f"{shown} must be a number", "use a dot for decimals: 0.5"
    if kind in ("bool_type", "bool_parsing"):
        return f"{shown} must be true or false", ""
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[
            kind
        ]
        bound = next(iter(ctx.values()), "")
        return f"{shown} is out of range: must be {sign} {bound}", ""
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str):
            return "must not be empty", ""
        return (
            f"needs at least {ctx.get('min_length', 1)} entr{'y' if ctx.get('min_length') == 1 else 'ies'}",
            "",
        )
    if kind in ("too_long", "string_too_long"):
        return (
            f"too long: at most {ctx.get('max_length')} "
            + ("characters" if isinstance(value, str) else "entries"),
            "",
        )
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")):
            return (
                f"{shown} is not a valid name",
                "use lower-case letters, digits, '-' and '_' (e.g. hafen-info)",
            )
        return f"{shown} does not have the expected form", ""
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return f"{shown} is not a date", "write an ISO date: 2026-08-06"
    if kind in ("datetime_parsing", "datetime_type", "datetime_from_date_parsing", "timezone_aware"):
        return f"{shown} is not a date-time with offset", "write e.g. 2026-08-07T14:00:00+02:00"
    if kind == "value_error":
        error = ctx.get("error")
        text = str(error) if error is not None else err["msg"].removeprefix("Value error, ")
        if (
            not isinstance(error, FieldProblem)
            and isinstance(value, str | int | float)
            and str(value) not in text
        ):
            text = f"{shown}: {text}"
        return text, getattr(error, "hint", "")
    return err["msg"], ""


_EMPTY_MAPPING = ("model_type", "model_attributes_type", "dict_type")


def _emptied(exc: ValidationError, root: Any, doc: YamlDocument) -> set[KeyPath]:
    """Keys left empty because the keys meant for them are not indented far enough: that one mistake
    is told at those keys, not again as 'screen must be a mapping'."""
    found: set[KeyPath] = set()
    for err in exc.errors(include_url=False):
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            misplaced = misplaced_key(root, loc, _yaml_path(doc, root, loc), doc)
            if misplaced is not None and misplaced.under is not None and doc.get(misplaced.under) is None:
                found.add(misplaced.under)
    return found


def translate(exc: ValidationError, root: Any, doc: YamlDocument, file: str) -> list[Issue]:
    """All errors of one file as issues pointing at the offending key."""
    issues: list[Issue] = []
    emptied = _emptied(exc, root, doc)
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        error = (err.get("ctx") or {}).get("error")
        if isinstance(error, FieldProblem):
            loc = (*loc, *error.key)
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, "type")
        path = _yaml_path(doc, root, loc)
        if err["type"] in _EMPTY_MAPPING and path in emptied:
            continue
        value = doc.get(path)
        message, hint = _message(err, root, loc, value, (path, doc))
        pos = doc.position(path) if err["type"] != "missing" else doc.position(path[:-1])
        line, col = pos if pos else (None, None)
        issues.append(Issue("error", file, line, col, format_key_path(path), message, hint, code=err["type"]))
    return issues
