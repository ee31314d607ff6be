"""One declared schema: every key documented, JSON Schema and reference generated and current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from kiosk.config.kinds import KINDS
from kiosk.config.schema_export import editor_reference, json_schema, schema_texts
from kiosk.config.yamlpos import parse_yaml
from tests.conftest import REPO


def _models(tp: Any, seen: set[type]) -> None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return
        seen.add(tp)
        for info in tp.model_fields.values():
            _models(info.annotation, seen)
    for arg in getattr(tp, "__args__", ()) or ():
        _models(arg, seen)
    origin = getattr(tp, "__origin__", None)
    if origin is not None and hasattr(tp, "__metadata__"):
        _models(origin, seen)


def all_models() -> list[type[BaseModel]]:
    seen: set[type] = set()
    for kind in KINDS:
        _models(kind.model, seen)
    return sorted(seen, key=lambda m: m.__name__)


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_key_has_a_description(model: type[BaseModel]) -> None:
    assert model.__doc__, f"{model.__name__} needs a docstring (it becomes the section text)"
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} has no description"
    assert model.model_config.get("extra") == "forbid"


def test_schema_files_are_current() -> None:
    for name, text in schema_texts().items():
        path = REPO / "schema" / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"{name}: run 'kiosk schema'"


def test_editor_reference_is_current() -> None:
    path = REPO / "docs" / "editor-reference.md"
    assert path.read_text(encoding="utf-8") == editor_reference(), "run 'kiosk schema'"


def test_reference_shows_defaults_as_editors_write_them() -> None:
    text = editor_reference()
    assert "| `duration` | duration (`10s`, `2m`, `1h30m`) | `10s` | 1s … 1h |" in text
    assert "PT10S" not in text


def shipped_files() -> list[tuple[str, Path]]:
    found = []
    for kind in KINDS:
        folder = REPO / kind.folder
        if folder.is_dir():
            found += [(kind.name, p) for p in sorted(folder.glob("*.yaml"))]
    return found


@pytest.mark.parametrize(
    ("kind", "path"), shipped_files(), ids=lambda v: v.name if isinstance(v, Path) else v
)
def test_json_schema_accepts_every_shipped_file(kind: str, path: Path) -> None:
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # as an editor's YAML language server sees the file: YAML 1.2 core types, dates as strings
    doc, issues = parse_yaml(path.read_bytes(), path.name)
    assert doc is not None, issues
    data = doc.data
    jsonschema.Draft202012Validator(schema).validate(data)


def test_json_schema_rejects_what_the_validator_rejects() -> None:
    by_name = {kind.name: kind for kind in KINDS}
    validator = jsonschema.Draft202012Validator(json_schema(by_name["slide"]))
    assert validator.is_valid({"type": "text", "body": {"de": "Hallo"}})
    assert not validator.is_valid({"type": "text", "body": {"de": "Hallo"}, "duraton": "10s"})
    assert not validator.is_valid({"type": "text", "body": "Hallo"})
    assert not validator.is_valid({"type": "text", "body": {"de": "Hallo"}, "duration": "10"})
    assert not validator.is_valid({"type": "txt", "body": {"de": "Hallo"}})
    playlist = jsonschema.Draft202012Validator(json_schema(by_name["playlist"]))
    assert playlist.is_valid({"name": "x", "items": ["a", {"slide": "b", "duration": "5s"}]})
    assert not playlist.is_valid({"name": "x", "items": ["a"], "windows": [{"from": "25:00"}]})
