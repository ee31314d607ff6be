"""Plain words for the YAML parser's problems: where the mistake is and what to write instead.

The parser says where it gave up ("found unexpected end of stream" at the last line), which is often
far from the mistake: an unclosed quote is reported where the quote opens, a line without its ':'
where that line is, and a line indented too far or not far enough with the columns it could start in.
A problem we have no words for keeps the parser's own text.
"""

from __future__ import annotations

import re

import yaml

from kiosk.config.issues import Issue

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a text containing ': ' must be put in quotes"),
    (
        "could not find expected ':'",
        "a line is missing its ':' or is indented differently from its neighbours",
    ),
    ("did not find expected key", "check the indentation: keys of one block must start in the same column"),
    ("did not find expected '-'", "list items of one block must start in the same column"),
    ("found undefined alias", "an *alias is used before its &anchor is defined"),
    (
        "found unknown escape character",
        "inside double quotes a backslash starts an escape; use single quotes",
    ),
    ("expected ',' or ']'", "a list opened with '[' is not closed with ']' (or an item lacks its comma)"),
    ("expected ',' or '}'", "a mapping opened with '{' is not closed with '}' (or an entry lacks its comma)"),
    ("expected a single document", "one file holds one document: remove the '---' separator"),
    ("found character that cannot start any token", "a value starting with @, ` or % must be put in quotes"),
)
_KEY = re.compile(r"\s*(?:-\s+)*(?P<key>[^\s#'\"][^:#]*?):(?:\s|$)")
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^:#]*:\s+)?(?P<q>["'])""")
_QUOTES_HINT = "end the text with the same quote mark it starts with (\" or ')"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str, dashes: bool) -> int:
    """1-based column where the line starts: its key after any '- ' marks, or its '-' with ``dashes``."""
    if dashes:
        return _indent(line) + 1
    stripped = re.match(r"\s*(?:-\s+)*", line)
    return (stripped.end() if stripped else 0) + 1


def _word(line: str, dashes: bool) -> str:
    match = _KEY.match(line)
    if dashes and line.lstrip().startswith("-"):
        return "-"
    return match.group("key") if match else line.strip()[:20]


def _columns_hint(lines: list[str], index: int) -> str:
    """``start it in column 5 (like 'de' in line 2) or column 1 (like 'title' in line 1)``.

    A list entry ('- ') is compared with the dashes above, a key with the keys above."""
    here = lines[index] if index < len(lines) else ""
    dashes = here.lstrip().startswith("- ")
    own = _key_column(here, dashes)
    limit = 10**6
    options: list[str] = []
    for number in range(index - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        column = _key_column(line, dashes)
        if column < limit:
            limit = column
            if column != own:
                options.append(f"column {column} (like '{_word(line, dashes)}' in line {number + 1})")
        if len(options) == 2 or column == 1:
            break
    return "start it in " + " or ".join(options) if options else ""


def _open_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """(0-based line, 1-based column) of the last quote before line ``upto`` that its line does not close."""
    for number in range(min(upto, len(lines)) - 1, -1, -1):
        line = lines[number]
        match = _OPEN_QUOTE.match(line)
        if match and line.count(match.group("q"), match.end()) % 2 == 0:
            return number, match.start("q") + 1
    return None


def _indentation(lines: list[str], index: int) -> tuple[str, str, int]:
    """(message, hint, column) for the line at ``index`` that does not fit the indentation above."""
    line = lines[index] if index < len(lines) else ""
    above = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
    how = "too far" if _indent(line) > _indent(above) else "too far or not far enough"
    return f"line {index + 1} is indented {how}", _columns_hint(lines, index), _indent(line) + 1


def _plain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, str, int, int] | None:
    """(message, hint, 0-based line, 1-based column) in plain words, or None for an unknown problem."""
    problem, context = exc.problem or "", exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    if pm is None:
        return None
    at = pm.line
    text = lines[at] if at < len(lines) else ""
    before = text[: pm.column]
    if "quoted scalar" in context and cm is not None and "unexpected" in problem:
        return f"the quote in line {cm.line + 1} is not closed", _QUOTES_HINT, cm.line, cm.column + 1
    if "escape" in problem and cm is not None:
        hint = "inside double quotes a backslash starts an escape; use single quotes"
        return "a backslash inside double quotes starts a special character", hint, at, pm.column + 1
    if "could not find expected ':'" in problem and cm is not None:
        hint = "a line is missing its ':' or is indented differently from its neighbours"
        return f"line {cm.line + 1} has no ':' after its key", hint, cm.line, cm.column + 1
    if "mapping values are not allowed" in problem:
        if _KEY.match(before):
            hint = "a text containing ': ' must be put in quotes"
            return "the text contains ': ', which YAML reads as a new key", hint, at, pm.column + 1
        message, hint, column = _indentation(lines, at)
        return message, hint, at, column
    if problem.startswith(("expected <block end>", "did not find expected key", "did not find expected '-'")):
        opened = _open_quote(lines, at) if "<scalar>" in problem else None
        if opened is not None:
            return f"the quote in line {opened[0] + 1} is not closed", _QUOTES_HINT, *opened
        if "<scalar>" in problem and before.rstrip().endswith(("'", '"')):
            hint = "put the whole text inside the quotes"
            return "there is text after the closing quote", hint, at, pm.column + 1
        message, hint, column = _indentation(lines, at)
        return message, hint, at, column
    if "'\\t'" in problem:
        hint = "YAML allows only spaces for indentation; replace the tab with spaces"
        return "tab character: use spaces", hint, at, pm.column + 1
    found = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if found or "alias" in context or "anchor" in context or "undefined alias" in problem:
        char = found.group(1) if found else ("&" if "anchor" in context else "*")
        start = cm if cm is not None and ("alias" in context or "anchor" in context) else pm
        value = (lines[start.line] if start.line < len(lines) else "")[start.column :].strip()
        hint = f'put the text in quotes, e.g. "{value[:30]}"'
        return f"a text cannot start with '{char}' unless it is in quotes", hint, start.line, start.column + 1
    bracket = re.match(r"expected ',' or '([\]}])'", problem)
    if bracket and cm is not None:
        opening = "[" if bracket.group(1) == "]" else "{"
        hint = next(h for needle, h in _SYNTAX_HINTS if needle in problem)
        if cm.line < at:
            message = f"the '{opening}' in line {cm.line + 1} is not closed with '{bracket.group(1)}'"
        else:
            message = f"a comma or the closing '{bracket.group(1)}' is missing"
        return message, hint, at, pm.column + 1
    if "expected a single document" in context:
        hint = "one file holds one document: remove the '---' separator"
        return "a second document starts here ('---')", hint, at, pm.column + 1
    return None


def syntax_issue(exc: yaml.MarkedYAMLError, text: str, file: str) -> Issue:
    """One issue for a file the YAML parser rejects, at the line of the mistake."""
    plain = _plain(exc, text.splitlines())
    if plain is not None:
        message, hint, line, column = plain
        return Issue(
            "error", file, line + 1, column, "", f"YAML syntax error: {message}", hint, "yaml-syntax"
        )
    mark = exc.problem_mark or exc.context_mark
    line_no = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or exc.context or "invalid YAML"
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in str(exc)), "")
    return Issue("error", file, line_no, col, "", f"YAML syntax error: {problem}", hint, "yaml-syntax")
