"""What the Leichte Sprache check and the translation warnings say, in German (default) and English.

One entry per message: (message, hint), each a ``str.format`` template. ``kiosk validate --lang``
chooses the language; German is the default because the city's editors write German.
"""

from __future__ import annotations

from typing import Final

EDITOR_LANGUAGES: Final = ("de", "en")


def _allow(rule: str) -> str:
    """The allow comment for ``rule``, as a hint shows it (braces doubled: hints are templates)."""
    return f"# leichte-sprache: {rule} – Grund"


_DE: dict[str, tuple[str, str]] = {
    "satzlänge": (
        "Leichte Sprache, Regel Satzlänge: der Satz „{start} …“ hat {words} Wörter (höchstens {max})",
        "teilen Sie ihn in kurze Sätze, jeder mit einer Aussage",
    ),
    "aussagen": (
        "Leichte Sprache, Regel eine Aussage pro Satz: „{start} …“ hängt mit „{word}“ eine zweite Aussage an",
        "schreiben Sie zwei Sätze, zum Beispiel „Sie brauchen Hilfe? Dann rufen Sie an.“",
    ),
    "passiv": (
        "Leichte Sprache, Regel kein Passiv: „{phrase}“",
        "sagen Sie, wer etwas tut: „Die Stadt baut die Straße.“ statt „Die Straße wird gebaut.“",
    ),
    "verneinung": (
        "Leichte Sprache, Regel positiv schreiben: Verneinung „{word}“",
        "sagen Sie, was man tun soll: „Bleiben Sie auf dem Weg.“ statt „Verlassen Sie den Weg nicht.“ "
        "Muss die Verneinung bleiben: " + _allow("verneinung"),
    ),
    "abkürzung": (
        "Leichte Sprache, Regel keine Abkürzungen: „{word}“",
        "schreiben Sie „{full}“",
    ),
    "abkürzung-unbekannt": (
        "Leichte Sprache, Regel keine Abkürzungen: „{word}“",
        "schreiben Sie das Wort aus oder erklären Sie es; ist es ein bekannter Name, "
        "tragen Sie es unter known_words in content/leichte-sprache/ ein",
    ),
    "zahl-word": (
        "Leichte Sprache, Regel Zahlen als Ziffern: „{word}“",
        "schreiben Sie die Ziffer: „3 Kinder“ statt „drei Kinder“",
    ),
    "zahl-percent": (
        "Leichte Sprache, Regel keine Prozent·zahlen: „{word}“",
        "schreiben Sie „viele“, „wenige“ oder „die Hälfte“",
    ),
    "zahl-big": (
        "Leichte Sprache, Regel keine großen Zahlen: „{word}“",
        "schreiben Sie „viele“ oder „sehr viele“, wenn die genaue Zahl nicht wichtig ist",
    ),
    "zahl-date": (
        "Leichte Sprache, Regel Datum in Worten: „{word}“",
        "schreiben Sie den Monat aus: „7. August 2026“",
    ),
    "langes-wort": (
        "Leichte Sprache, Regel lange Wörter trennen: „{word}“ hat {letters} Buchstaben, {syllables} Silben",
        "trennen Sie es mit dem Medio·punkt: „{split}“, oder nehmen Sie ein kürzeres Wort",
    ),
    "langes-wort-ohne": (
        "Leichte Sprache, Regel lange Wörter trennen: „{word}“ hat {letters} Buchstaben, {syllables} Silben",
        "nehmen Sie ein kürzeres Wort, oder trennen Sie die Wort·teile mit dem Medio·punkt (·)",
    ),
    "schweres-wort": (
        "Leichte Sprache, Regel schwere Wörter erklären: „{word}“ steht in der Wort·liste",
        "{advice}",
    ),
    "schweres-wort-easy": ("", "nehmen Sie „{easy}“"),
    "schweres-wort-explain": ("", "erklären Sie es in dieser Datei, zum Beispiel: „{explain}“"),
    "schweres-wort-any": ("", "erklären Sie es in dieser Datei: „{word} heißt: …“"),
    "wie-deutsch": (
        "Leichte Sprache: der Titel „{word}“ ist derselbe wie auf Deutsch",
        "schreiben Sie ihn in Leichter Sprache; ist er schon leicht: " + _allow("wie-deutsch"),
    ),
    "strich-title": (
        "Leichte Sprache, Regel keine Striche im Titel: „{word}“",
        "schreiben Sie „und“, oder nehmen Sie nur den ersten Teil als Titel",
    ),
    "strich-range": (
        "Leichte Sprache, Regel keine Striche: „{word}“",
        "schreiben Sie „von 9 Uhr bis 12 Uhr“",
    ),
    "feld": (
        "„{start} …“ ist keine Öffnungs·zeit, steht aber im Feld {field}",
        "schreiben Sie hier nur Tage und Uhr·zeiten; die Beschreibung gehört in einen Block mit type: text",
    ),
    "erlaubt-ohne-grund": (
        "Kommentar „leichte-sprache“ ohne Grund",
        "schreiben Sie nach einem Strich, warum der Text so bleibt: " + _allow("{rule}"),
    ),
    "erlaubt-unbekannt": (
        "Kommentar „leichte-sprache“: unbekannte Regel „{rule}“",
        "bekannte Regeln: {rules}",
    ),
    "erlaubt-unnötig": (
        "Kommentar „leichte-sprache“: die Regel „{rule}“ findet hier nichts",
        "löschen Sie „{rule}“ aus dem Kommentar",
    ),
    "übersetzung": (
        "es fehlt der Text für {names}; gezeigt wird der deutsche Text",
        "ergänzen Sie {keys}",
    ),
}

_EN: dict[str, tuple[str, str]] = {
    "satzlänge": (
        "Leichte Sprache, rule sentence length: the sentence '{start} …' has {words} words (at most {max})",
        "split it into short sentences, each with one statement",
    ),
    "aussagen": (
        "Leichte Sprache, rule one statement per sentence: '{start} …' adds a second statement with '{word}'",
        "write two sentences, e.g. 'Sie brauchen Hilfe? Dann rufen Sie an.'",
    ),
    "passiv": (
        "Leichte Sprache, rule no passive: '{phrase}'",
        "say who does it: 'Die Stadt baut die Straße.' instead of 'Die Straße wird gebaut.'",
    ),
    "verneinung": (
        "Leichte Sprache, rule write positively: negation '{word}'",
        "say what to do: 'Bleiben Sie auf dem Weg.' instead of 'Verlassen Sie den Weg nicht.' "
        "If the negation must stay: " + _allow("verneinung"),
    ),
    "abkürzung": ("Leichte Sprache, rule no abbreviations: '{word}'", "write '{full}'"),
    "abkürzung-unbekannt": (
        "Leichte Sprache, rule no abbreviations: '{word}'",
        "write the word in full or explain it; if it is a well-known name, add it to known_words in "
        "content/leichte-sprache/",
    ),
    "zahl-word": (
        "Leichte Sprache, rule numbers as digits: '{word}'",
        "write the digit: '3 Kinder' instead of 'drei Kinder'",
    ),
    "zahl-percent": (
        "Leichte Sprache, rule no percentages: '{word}'",
        "write 'viele', 'wenige' or 'die Hälfte'",
    ),
    "zahl-big": (
        "Leichte Sprache, rule no big numbers: '{word}'",
        "write 'viele' or 'sehr viele' when the exact number does not matter",
    ),
    "zahl-date": (
        "Leichte Sprache, rule dates in words: '{word}'",
        "write the month as a word: '7. August 2026'",
    ),
    "langes-wort": (
        "Leichte Sprache, rule split long words: '{word}' has {letters} letters and {syllables} syllables",
        "split it with a Mediopunkt: '{split}', or use a shorter word",
    ),
    "langes-wort-ohne": (
        "Leichte Sprache, rule split long words: '{word}' has {letters} letters and {syllables} syllables",
        "use a shorter word, or split its parts with a Mediopunkt (·)",
    ),
    "schweres-wort": (
        "Leichte Sprache, rule explain hard words: '{word}' is in the glossary",
        "{advice}",
    ),
    "schweres-wort-easy": ("", "use '{easy}'"),
    "schweres-wort-explain": ("", "explain it in this file, e.g. '{explain}'"),
    "schweres-wort-any": ("", "explain it in this file: '{word} heißt: …'"),
    "wie-deutsch": (
        "Leichte Sprache: the title '{word}' is the same as the German one",
        "write it in Leichte Sprache; if it is easy already: " + _allow("wie-deutsch"),
    ),
    "strich-title": (
        "Leichte Sprache, rule no dashes in titles: '{word}'",
        "write 'und', or keep only the first part as the title",
    ),
    "strich-range": ("Leichte Sprache, rule no dashes: '{word}'", "write 'von 9 Uhr bis 12 Uhr'"),
    "feld": (
        "'{start} …' is not an opening time but stands in the field {field}",
        "write only days and times here; the description belongs in a block with type: text",
    ),
    "erlaubt-ohne-grund": (
        "comment 'leichte-sprache' without a reason",
        "say after a dash why the text stays as it is: " + _allow("{rule}"),
    ),
    "erlaubt-unbekannt": ("comment 'leichte-sprache': unknown rule '{rule}'", "known rules: {rules}"),
    "erlaubt-unnötig": (
        "comment 'leichte-sprache': rule '{rule}' finds nothing here",
        "remove '{rule}' from the comment",
    ),
    "übersetzung": ("no text for {names}; German is shown instead", "add {keys}"),
}

_TABLES = {"de": _DE, "en": _EN}


def say(key: str, lang: str, **values: object) -> tuple[str, str]:
    """(message, hint) for ``key`` in ``lang`` (German when the language has no table)."""
    message, hint = _TABLES.get(lang, _DE)[key]
    return message.format(**values), hint.format(**values)


# the words of the translation report (``kiosk validate --translations``)
REPORT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Übersetzungen: {texts} Texte in {files} Dateien",
        "language": "{name} ({code}): {missing} fehlen, {same} wie Deutsch",
        "missing": "fehlt",
        "same": "wie Deutsch",
        "line": "Zeile",
        "total": "Gesamt: {missing} fehlen, {same} wie Deutsch (von {texts} Texten × {languages} Sprachen)",
        "none": "keine Sprache außer Deutsch: kein Gerät bietet eine an",
        "broken": "{n} Dateien mit Fehlern sind nicht gezählt (kiosk validate)",
    },
    "en": {
        "title": "Translations: {texts} texts in {files} files",
        "language": "{name} ({code}): {missing} missing, {same} same as German",
        "missing": "missing",
        "same": "same as German",
        "line": "line",
        "total": "Total: {missing} missing, {same} same as German (of {texts} texts × {languages} languages)",
        "none": "no language besides German: no device offers one",
        "broken": "{n} files with errors are not counted (kiosk validate)",
    },
}


def report_word(key: str, lang: str, **values: object) -> str:
    return REPORT.get(lang, REPORT["de"])[key].format(**values)
