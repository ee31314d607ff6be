"""The YAML layer: positions, duplicate keys, tabs, syntax errors, YAML 1.1 traps, hostile input."""

from __future__ import annotations

from kiosk.config.yamlpos import parse_yaml


def parse(text: str):
    return parse_yaml(text.encode(), "f.yaml")


def test_positions_of_keys_and_items() -> None:
    doc, issues = parse("a: 1\nb:\n  c: [x, y]\n  d:\n    - e: 2\n")
    assert not issues and doc is not None
    assert doc.positions[("a",)] == (1, 1)
    assert doc.positions[("b", "c")] == (3, 3)
    assert doc.positions[("b", "d", 0)] == (5, 7)
    assert doc.positions[("b", "d", 0, "e")] == (5, 7)
    assert doc.position(("b", "d", 0, "missing")) == (5, 7)


def test_duplicate_key_is_reported_at_its_second_line() -> None:
    _, issues = parse("name: a\ntitle: x\nname: b\n")
    assert [(i.line, i.code) for i in issues] == [(3, "duplicate-key")]
    assert "first at line 1" in issues[0].message


def test_nested_duplicate_key() -> None:
    _, issues = parse("title:\n  de: A\n  en: B\n  de: C\n")
    assert [(i.line, i.column, i.key) for i in issues] == [(4, 3, "title.de")]


def test_tab_in_indentation() -> None:
    doc, issues = parse("a:\n  b: 1\n\tc: 2\n")
    assert doc is None
    assert [(i.line, i.column, i.code) for i in issues] == [(3, 1, "tab")]


def test_tab_inside_a_quoted_value_is_fine() -> None:
    doc, issues = parse('a: "x\ty"\n')
    assert not issues and doc is not None and doc.data["a"] == "x\ty"


def test_syntax_error_has_line_and_hint() -> None:
    doc, issues = parse("a: 1\nb: Hinweis: heute geschlossen\n")
    assert doc is None
    assert issues[0].line == 2 and issues[0].code == "yaml-syntax"
    assert "quotes" in issues[0].hint


def test_yaml_1_1_traps_are_avoided() -> None:
    doc, _ = parse("t: 10:00\nn: no\no: on\ny: yes\nb: true\ni: 12\nf: 0.5\nz: ~\nd: 2026-08-06\n")
    assert doc is not None
    assert doc.data == {
        "t": "10:00",
        "n": "no",
        "o": "on",
        "y": "yes",
        "b": True,
        "i": 12,
        "f": 0.5,
        "z": None,
        "d": "2026-08-06",
    }


def test_keys_stay_text() -> None:
    doc, _ = parse("on: 1\n1: 2\n")
    assert doc is not None and doc.data == {"on": 1, "1": 2}


def test_empty_and_non_mapping_files() -> None:
    assert parse("")[1][0].code == "empty"
    assert parse("# only a comment\n")[1][0].code == "empty"
    assert parse("- a\n- b\n")[1][0].code == "not-mapping"
    assert parse("just text\n")[1][0].code == "not-mapping"


def test_two_documents_are_refused() -> None:
    doc, issues = parse("a: 1\n---\nb: 2\n")
    assert doc is None and issues[0].code == "yaml-syntax" and issues[0].line == 2


def test_not_utf8() -> None:
    doc, issues = parse_yaml("a: 1\nb: Stra\xdfe\n".encode("latin-1"), "f.yaml")
    assert doc is None and issues[0].code == "encoding" and issues[0].line == 2


def test_bom_is_accepted() -> None:
    doc, issues = parse_yaml("\ufeffa: 1\n".encode(), "f.yaml")
    assert not issues and doc is not None and doc.data == {"a": 1}


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        prev = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([prev] * 10)}]")
    doc, issues = parse("\n".join(lines) + "\n")
    assert doc is None and issues[0].code == "too-large"


def test_huge_file_is_refused() -> None:
    doc, issues = parse_yaml(b"a: " + b"x" * 1_100_000, "f.yaml")
    assert doc is None and issues[0].code == "too-large"


def test_deep_nesting_does_not_crash() -> None:
    doc, issues = parse("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert doc is None and issues


def test_control_character_has_a_line() -> None:
    doc, issues = parse("a: 1\nb: x\x07y\n")
    assert doc is None and issues[0].line == 2
