"""German for the YAML parser's problems as kiosk/config/yamlsyntax.py words them; the parser's own text
for any other problem stays English (the catalogue in :mod:`kiosk.config.messages.de` wraps it)."""

from __future__ import annotations

#: messages: what kiosk/config/yamlsyntax.py says in plain English
YAML_SYNTAX = [
    (r"YAML syntax error: " + english, german)
    for english, german in [
        (
            r"the quote in line (?P<n>\d+) is not closed",
            r"das Anführungszeichen in Zeile \g<n> wird nicht geschlossen",
        ),
        (
            r"line (?P<n>\d+) is indented too far or not far enough",
            r"Zeile \g<n> ist zu weit oder nicht weit genug eingerückt",
        ),
        (r"line (?P<n>\d+) is indented too far", r"Zeile \g<n> ist zu weit eingerückt"),
        (
            r"the text contains ': ', which YAML reads as a new key",
            "der Text enthält „: “, und das liest YAML als neuen Schlüssel",
        ),
        (
            r"line (?P<n>\d+) has no ':' after its key",
            r"in Zeile \g<n> fehlt der Doppelpunkt nach dem Schlüssel",
        ),
        (
            r"the '(?P<o>.)' in line (?P<n>\d+) is not closed with '(?P<c>.)'",
            r"die Klammer „\g<o>“ aus Zeile \g<n> wird nicht mit „\g<c>“ geschlossen",
        ),
        (r"a comma or the closing '(?P<c>.)' is missing", r"es fehlt ein Komma oder die Klammer „\g<c>“"),
        (
            r"a text cannot start with '(?P<c>.)' unless it is in quotes",
            r"ein Text darf nur in Anführungszeichen mit „\g<c>“ beginnen",
        ),
        (
            r"a backslash inside double quotes starts a special character",
            "ein „\\“ in doppelten Anführungszeichen leitet ein Sonderzeichen ein",
        ),
        (r"tab character: use spaces", "hier steht ein Tabulator; nehmen Sie Leerzeichen"),
        (r"there is text after the closing quote", "nach dem schließenden Anführungszeichen steht noch Text"),
        (r"a second document starts here \('---'\)", "hier beginnt ein zweites Dokument („---“)"),
    ]
]

#: hints of those messages
YAML_SYNTAX_HINTS = [
    (
        r"end the text with the same quote mark it starts with \(\" or '\)",
        "schließen Sie den Text mit demselben Anführungszeichen, mit dem er beginnt (\" oder ')",
    ),
    (r"start it in (?P<r>column .+)", r"beginnen Sie die Zeile in \g<r>"),
    (
        r"put the text in quotes, e\.g\. (?P<v>.+)",
        r"setzen Sie den Text in Anführungszeichen, z. B. \g<v>",
    ),
    (r"put the whole text inside the quotes", "setzen Sie den ganzen Text in die Anführungszeichen"),
    (
        r"inside double quotes a backslash starts an escape; use single quotes",
        "nehmen Sie einfache Anführungszeichen ('…')",
    ),
    (
        r"a list opened with '\[' is not closed with '\]' \(or an item lacks its comma\)",
        "eine mit „[“ begonnene Liste braucht ein „]“ am Ende (oder einem Eintrag fehlt das Komma)",
    ),
    (
        r"a mapping opened with '\{' is not closed with '\}' \(or an entry lacks its comma\)",
        "was mit „{“ beginnt, braucht ein „}“ am Ende (oder einem Eintrag fehlt das Komma)",
    ),
    (
        r"one file holds one document: remove the '---' separator",
        "eine Datei enthält nur ein Dokument: löschen Sie die Trennlinie „---“",
    ),
    (
        r"list items of one block must start in the same column",
        "die Einträge einer Liste beginnen in derselben Spalte",
    ),
    (
        r"an \*alias is used before its &anchor is defined",
        "ein Text mit „*“ am Anfang muss in Anführungszeichen stehen",
    ),
    (
        r"a value starting with @, ` or % must be put in quotes",
        "ein Wert, der mit @, ` oder % beginnt, muss in Anführungszeichen stehen",
    ),
]
