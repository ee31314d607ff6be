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


def only(text: str) -> tuple[int | None, int | None, str, str, str, str]:
    """(line, column, English message, English hint, German message, German hint) of the one issue."""
    doc, issues = parse(text)
    assert doc is None and len(issues) == 1 and issues[0].code == "yaml-syntax", issues
    issue = issues[0]
    return (issue.line, issue.column, *issue.text("en"), *issue.text("de"))


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    line, col, message, hint, german, german_hint = only('name: "Tagsüber\nitems: [hafen]\nx: 1\n')
    assert (line, col) == (1, 7)
    assert message == "YAML syntax error: the quote in line 1 is not closed"
    assert german == "das Anführungszeichen in Zeile 1 wird nicht geschlossen"
    assert "quote mark" in hint and "Anführungszeichen" in german_hint
    # inside a flow mapping, and with single quotes
    assert only('items:\n  - {de: "Guten Tag, en: x}\n')[:2] == (2, 10)
    assert only("title: 'Moin\nbody: x\n")[:2] == (1, 8)


def test_an_unclosed_quote_that_a_later_quote_closes_is_still_found() -> None:
    # the parser sees '"Moin\nbody: "' as one text and stumbles over x: the mistake is in line 1
    assert only('title: "Moin\nbody: "x"\n')[:3] == (
        1,
        8,
        "YAML syntax error: the quote in line 1 is not closed",
    )


def test_indentation_mistakes_in_plain_words_with_the_columns_to_use() -> None:
    line, col, message, hint, german, german_hint = only("title: Foo\n  de: x\n")
    assert (line, col, message) == (2, 3, "YAML syntax error: line 2 is indented too far")
    assert hint == "start it in column 1 (like 'title' in line 1)"
    assert (german, german_hint) == (
        "Zeile 2 ist zu weit eingerückt",
        "beginnen Sie die Zeile in Spalte 1 (wie „title“ in Zeile 1)",
    )
    line, col, message, hint, german, german_hint = only("title:\n    de: x\n  en: y\n")
    assert (line, message) == (3, "YAML syntax error: line 3 is indented too far or not far enough")
    assert german == "Zeile 3 ist zu weit oder nicht weit genug eingerückt"
    assert (
        german_hint
        == "beginnen Sie die Zeile in Spalte 5 (wie „de“ in Zeile 2) oder Spalte 1 (wie „title“ in Zeile 1)"
    )
    # a key after a list entry, at the column of the dash
    assert only("blocks:\n  - type: contact\n    name: x\n  address: y\n")[3] == (
        "start it in column 5 (like 'name' in line 3) or column 1 (like 'blocks' in line 1)"
    )
    assert (
        only("items:\n  - slide: a\n     duration: 5s\n")[2]
        == "YAML syntax error: line 3 is indented too far"
    )


def test_common_parser_problems_in_german() -> None:
    assert only("a: 1\nb\nc: 2\n")[:3] == (2, 1, "YAML syntax error: line 2 has no ':' after its key")
    assert only("a: 1\nb\nc: 2\n")[4] == "in Zeile 2 fehlt der Doppelpunkt nach dem Schlüssel"
    assert (
        only("body:\n  en: Note: closed\n")[4]
        == "der Text enthält „: “, und das liest YAML als neuen Schlüssel"
    )
    assert only('title: "Moin" Rostock\n')[4] == "nach dem schließenden Anführungszeichen steht noch Text"
    star = only("title: *Neu* im Hafen\n")
    assert star[:2] == (1, 8) and star[4] == "ein Text darf nur in Anführungszeichen mit „*“ beginnen"
    assert star[5] == 'setzen Sie den Text in Anführungszeichen, z. B. "*Neu* im Hafen"'
    assert only("a: @x\n")[4] == "ein Text darf nur in Anführungszeichen mit „@“ beginnen"
    assert only("items: [a, b\nfoo: 1\n")[4] == "die Klammer „[“ aus Zeile 1 wird nicht mit „]“ geschlossen"
    assert (
        only('a: "C:\\Users"\n')[4] == "ein „\\“ in doppelten Anführungszeichen leitet ein Sonderzeichen ein"
    )
    assert only("a: 1\n---\nb: 2\n")[4] == "hier beginnt ein zweites Dokument („---“)"


def test_an_unknown_parser_problem_keeps_its_own_words() -> None:
    # a block scalar indicator with a bad indentation digit: rare, so no plain words of ours
    message, german = only("a: |0\n  x\n")[2::2]
    assert message.startswith("YAML syntax error: ") and german.startswith(
        "Fehler im Aufbau der Datei (YAML): "
    )
