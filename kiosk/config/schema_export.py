"""JSON Schema for every file kind, and the editor reference generated from the same declarations."""

from __future__ import annotations

import json
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from kiosk.config.catalogue import SOURCE_KINDS, WIDGETS
from kiosk.config.easy.rules import RULE_SUMMARY
from kiosk.config.fields import format_duration
from kiosk.config.kinds import KINDS, FileKind

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class EditorJsonSchema(GenerateJsonSchema):
    """Writes defaults the way editors type them (``10s``, ``"07:00"``), not as ISO 8601."""

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, timedelta):
            return format_duration(dft)
        if isinstance(dft, time):
            return dft.strftime("%H:%M")
        return super().encode_default(dft)


def json_schema(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema of one file kind (Draft 2020-12), with title and description for editors."""
    schema = kind.adapter.json_schema(mode="validation", schema_generator=EditorJsonSchema)
    schema.setdefault("title", kind.title)
    schema["description"] = f"{kind.summary} Files: {kind.folder}/*.yaml"
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://smile-city.rostock.de/schema/{kind.schema_file}",
        **schema,
    }


def schema_texts() -> dict[str, str]:
    """File name → JSON text, as written by ``kiosk schema``."""
    return {
        kind.schema_file: json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n" for kind in KINDS
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- the editor reference (markdown) ----------------------------------------------------------


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = _ref_name(prop["$ref"])
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        parts = [_type_of(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(parts) + (" (may be empty)" if len(parts) < len(prop["anyOf"]) else "")
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "x-duration-min" in prop:
        return "duration (`10s`, `2m`, `1h30m`)"
    kind = prop.get("type")
    if kind == "string":
        if prop.get("format") == "date":
            return "date (`2026-08-06`)"
        if prop.get("format") == "date-time":
            return "date-time with offset"
        if prop.get("format") == "uri":
            return "web address (http/https)"
        if "examples" in prop and ":" in str(prop["examples"][0]) and len(str(prop["examples"][0])) == 5:
            return 'time (`"07:30"`)'
        if str(prop.get("pattern", "")).startswith("^#"):
            return 'colour (`"#003d7c"`)'
        if "a-z0-9" in str(prop.get("pattern", "")):
            return "name"
        return "text"
    if kind == "array":
        return "list of " + _type_of(prop.get("items", {}))
    if kind == "object":
        values: dict[str, Any] = prop.get("additionalProperties") or next(
            iter(prop.get("patternProperties", {}).values()), {}
        )
        return "mapping: name → " + _type_of(values)
    return {"integer": "whole number", "number": "number", "boolean": "true/false"}.get(str(kind), str(kind))


def _bounds(prop: dict[str, Any]) -> str:
    pieces = []
    for sub in [prop, *prop.get("anyOf", [])]:
        for key, label in (
            ("minimum", "≥"),
            ("exclusiveMinimum", ">"),
            ("maximum", "≤"),
            ("exclusiveMaximum", "<"),
        ):
            if key in sub:
                pieces.append(f"{label} {sub[key]}")
        if "x-duration-min" in sub:
            pieces.append(f"{sub['x-duration-min']} … {sub['x-duration-max']}")
        for key, label in (
            ("minLength", "min. length"),
            ("maxLength", "max. length"),
            ("minItems", "min. entries"),
            ("maxItems", "max. entries"),
            ("maxProperties", "max. entries"),
        ):
            if key in sub:
                pieces.append(f"{label} {sub[key]}")
    return ", ".join(dict.fromkeys(pieces))


def _default(prop: dict[str, Any], required: bool) -> str:
    if required:
        return "**required**"
    if "default" not in prop or prop["default"] is None:
        return "empty"
    value = prop["default"]
    if value == [] or value == {}:
        return "empty"
    if isinstance(value, dict):
        return "(see its keys)"
    return "`" + json.dumps(value, ensure_ascii=False).strip('"') + "`"


def _description(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    text = prop.get("description")
    if not text:  # pydantic drops a field description equal to its model's docstring
        ref = prop.get("$ref") or next((p["$ref"] for p in prop.get("anyOf", []) if "$ref" in p), None)
        text = defs.get(_ref_name(ref), {}).get("description", "") if ref else ""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| key | type | default | bounds | description |", "|---|---|---|---|---|"]
    for name, prop in schema.get("properties", {}).items():
        desc = _description(prop, defs)
        rows.append(
            f"| `{name}` | {_type_of(prop)} | {_default(prop, name in required)} | {_bounds(prop)} | {desc} |"
        )
    return rows


def _kind_section(kind: FileKind) -> list[str]:
    schema = json_schema(kind)
    lines = [
        f"## {kind.title}",
        "",
        f"{kind.summary}",
        "",
        f"Files: `{kind.folder}/<name>.yaml` · JSON Schema: `schema/{kind.schema_file}`",
        "",
    ]
    if "oneOf" in schema:
        lines += ["Each file is one of these types (key `type`):", ""]
        lines += [f"- [{_ref_name(m['$ref'])}](#{_ref_name(m['$ref']).lower()})" for m in schema["oneOf"]]
        lines.append("")
    else:
        lines += [*_table(schema, schema.get("$defs", {})), ""]
    for name, sub in schema.get("$defs", {}).items():
        if sub.get("type") != "object":
            continue
        lines += [f"### {name}", "", str(sub.get("description", "")).replace("\n", " "), ""]
        lines += [*_table(sub, schema.get("$defs", {})), ""]
    if kind.name == "source":
        lines += _catalogue_section()
    if kind.name == "easy-language":
        lines += _easy_rules_section()
    return lines


def _easy_rules_section() -> list[str]:
    """The rules of the Leichte Sprache check and how to keep a text on purpose (``config/easy/``)."""
    lines = [
        "### Rules of the Leichte Sprache check",
        "",
        "`kiosk validate` warns about every `ls:` text of slides, pages and alerts (`--lang en` for English "
        "messages). To keep a text on purpose, write a comment on the line of its `ls:` key or right above "
        "it, with the rules and, after a dash, the reason: `# leichte-sprache: verneinung – reason`. A "
        "comment without a reason, with an unknown rule or with a rule that finds nothing is reported. The "
        "rules follow the rule book of the Netzwerk Leichte Sprache; they are heuristics that point at a "
        "place, not a replacement for a reading by a test group. English rule names work too "
        "(`sentence-length`, `statements`, `passive`, `negation`, `abbreviation`, `number`, `long-word`, "
        "`hard-word`, `same-as-german`, `dash`, `field`).",
        "",
        "| rule | what it reports |",
        "|---|---|",
    ]
    lines += [f"| `{rule}` | {text} |" for rule, text in RULE_SUMMARY.items()]
    return [*lines, ""]


def _catalogue_section() -> list[str]:
    """Which source kinds exist and which widgets each can feed (from ``config/catalogue.py``)."""
    lines = ["### Source kinds", "", "| `kind` | what it reads | widgets it can feed |", "|---|---|---|"]
    for spec in SOURCE_KINDS:
        feeds = ", ".join(f"`{w}`" for w in spec.feeds)
        note = " Warnings: every device fetches it." if spec.warns else ""
        lines.append(f"| `{spec.name}` | {spec.summary}{note} | {feeds} |")
    lines += ["", "### Widgets", "", "| `widget` | what it shows |", "|---|---|"]
    lines += [f"| `{w.name}` | {w.summary} |" for w in WIDGETS]
    return [*lines, ""]


INTRO = """# Editor reference

Generated by `kiosk schema` from the declarations in `kiosk/config/models/`; do not edit by hand
(a test fails when it is out of date). How to work with these files: [editor guide](editor-guide.md).

Common value forms:
- **duration**: a number with a unit: `500ms`, `10s`, `2m`, `1h30m`, `1d`. A bare number is refused.
- **time**: wall-clock hours and minutes in quotes: `"07:30"`. An end at or before the start runs past
  midnight and belongs to the day it starts (`"22:00"`–`"02:00"` on `fri` is Friday night).
- **date**: ISO `2026-08-06`. **colour**: `"#003d7c"` in quotes.
- **name**: the file name of another editor file without folder and `.yaml` (lower-case, digits, `-`, `_`).
- **per-language text** ([Text](#text)): `de` is required, `en` and `ls` (Leichte Sprache) are expected.

Scheduling rules, highest first: emergency alerts (severe/extreme) override everything; then a
takeover playlist at its times (whatever the priorities; it must be listed in the zone's `playlists`),
after which the interrupted content resumes; then the scheduled playlist with the highest `priority`
(on equal priority the one listed first in the device's `zones` wins); then the zone's `default`;
else a standby screen (city name and clock). A data or ticker slide's `source` must be of a kind its
widget can show (e.g. `water-level` ← `pegelonline`).
"""


def editor_reference() -> str:
    """The whole editor reference as markdown."""
    lines = [INTRO, "## Contents", ""]
    lines += [
        f"- [{kind.title}](#{kind.title.lower().replace(' ', '-')}) — `{kind.folder}/`" for kind in KINDS
    ]
    lines.append("")
    seen: set[str] = set()
    for kind in KINDS:
        section = _kind_section(kind)
        # nested types shared by several kinds (Text, DateRange, ...) are described once
        out: list[str] = []
        skip = False
        for line in section:
            if line.startswith("### "):
                name = line[4:]
                skip = name in seen
                seen.add(name)
            elif line.startswith("## "):
                skip = False
            if not skip:
                out.append(line)
        lines += out
    return "\n".join(lines).rstrip() + "\n"
