"""YAML loading that remembers where every key stands.

PyYAML's ``safe_load`` loses line numbers, silently keeps the last of two duplicate keys and reads
``10:00`` as the integer 600 (YAML 1.1 sexagesimal). Editors need all three right, so we compose the
node tree with PyYAML and build plain Python values ourselves, recording the position of each key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.config.issues import Issue, KeyPath, format_key_path
from kiosk.config.yamlsyntax import syntax_issue

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # guards against alias bombs ("billion laughs") expanding in our walker

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?(\d[\d_]*\.\d*|\.\d+|\d[\d_]*)([eE][-+]?\d+)?\Z")


@dataclass
class YamlDocument:
    """Plain Python data plus the 1-based (line, column) of every mapping key and list item."""

    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: KeyPath) -> tuple[int, int] | None:
        """Position of ``path``, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:cut]))
            if pos is not None:
                return pos
        return None

    def get(self, path: KeyPath) -> Any:
        """The raw value at ``path`` (``None`` when absent)."""
        node = self.data
        for part in path:
            found, node = child(node, part)
            if not found:
                return None
        return node


def child(node: Any, part: str | int) -> tuple[bool, Any]:
    """``(True, node[part])`` when that entry exists in a mapping or list, else ``(False, None)``."""
    if isinstance(node, dict) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


class _TooBig(Exception):
    pass


def _plain_scalar(text: str) -> Any:
    # YAML 1.2 core schema, not 1.1: ``no``/``on`` stay strings and ``10:00`` stays a time string.
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text.replace("_", ""))
    return text


class _Builder:
    def __init__(self, file: str, doc: YamlDocument, issues: list[Issue]) -> None:
        self.file = file
        self.doc = doc
        self.issues = issues
        self.budget = MAX_NODES

    def build(self, node: Node, path: KeyPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig
        if isinstance(node, ScalarNode):
            return _plain_scalar(node.value) if node.style is None else node.value
        if isinstance(node, SequenceNode):
            out_list = []
            for i, item in enumerate(node.value):
                sub = (*path, i)
                self.doc.positions[sub] = (item.start_mark.line + 1, item.start_mark.column + 1)
                out_list.append(self.build(item, sub))
            return out_list
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                self.issues.append(
                    Issue(
                        "error",
                        self.file,
                        line,
                        col,
                        format_key_path(path),
                        "a key must be a plain name, not a list or mapping",
                        code="yaml-key",
                    )
                )
                continue
            key = key_node.value  # keys stay text: ``on:`` or ``1:`` must not turn into bool/int
            sub = (*path, key)
            if key in out:
                self.issues.append(
                    Issue(
                        "error",
                        self.file,
                        line,
                        col,
                        format_key_path(sub),
                        f"duplicate key '{key}' (first at line {first_line[key]})",
                        hint="YAML would silently keep only the last one; remove or rename one of them",
                        code="duplicate-key",
                    )
                )
            else:
                first_line[key] = line
            self.doc.positions[sub] = (line, col)
            out[key] = self.build(value_node, sub)
        return out


def _tab_issues(text: str, file: str) -> list[Issue]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(
                Issue(
                    "error",
                    file,
                    number,
                    indent.index("\t") + 1,
                    "",
                    "tab character in the indentation",
                    hint="YAML allows only spaces for indentation; replace the tab with spaces",
                    code="tab",
                )
            )
    return found


def _fail(file: str, message: str, code: str, hint: str = "", line: int | None = None) -> list[Issue]:
    """The single issue of a file that cannot be read as YAML at all."""
    return [Issue("error", file, line, None, "", message, hint=hint, code=code)]


def parse_yaml(raw: bytes, file: str) -> tuple[YamlDocument | None, list[Issue]]:
    """Parse one editor file. Returns ``(None, issues)`` when the file cannot be read as YAML at all."""
    if len(raw) > MAX_FILE_BYTES:
        size = f"file is too large ({len(raw):,} bytes, at most {MAX_FILE_BYTES:,})"
        return None, _fail(
            file, size, "too-large", "editor files hold settings and texts; media go to content/"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "save the file as UTF-8 (umlauts from other encodings break it)"
        return None, _fail(file, "the file is not valid UTF-8 text", "encoding", hint, line)
    issues = _tab_issues(text, file)
    if issues:
        return None, issues
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_issue(exc, text, file)]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        hint = "remove the control character (often pasted from another program)"
        return None, _fail(
            file, f"character {exc.character!r} is not allowed in YAML", "yaml-syntax", hint, line
        )
    except yaml.YAMLError as exc:
        return None, _fail(file, f"YAML error: {exc}", "yaml-syntax")
    except RecursionError:
        return None, _fail(file, "the file is nested too deeply", "too-deep")
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        hint = "see docs/editor-reference.md for the keys this kind of file needs"
        return None, _fail(file, "the file is empty", "empty", hint)
    doc = YamlDocument(data=None, positions={(): (node.start_mark.line + 1, node.start_mark.column + 1)})
    builder = _Builder(file, doc, issues)
    try:
        doc.data = builder.build(node, ())
    except (_TooBig, RecursionError):
        return None, _fail(
            file,
            "the file expands to too many values",
            "too-large",
            "avoid deeply nested or repeated *aliases",
        )
    if not isinstance(doc.data, dict):
        message = "the file must be a mapping of keys (key: value), not a single value or a list"
        issues.append(Issue("error", file, 1, 1, "", message, code="not-mapping"))
        return None, issues
    return doc, issues
