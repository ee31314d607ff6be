"""German text for every English validator message and hint: (pattern, template) pairs, first match wins.

Patterns match the whole English text; ``\\g<name>`` in a template repeats what the English text
named (a key, a value, a file). Plain words for city staff: say what to write, never a type name.
"""

from __future__ import annotations

import re

from kiosk.config.messages.de_composed import COMPOSED, COMPOSED_HINTS
from kiosk.config.messages.de_yaml import YAML_SYNTAX, YAML_SYNTAX_HINTS

V = r"(?P<v>'[^']*'|\"[^\"]*\"|[^\s']+)"  # a value as short_value shows it


# What a reference can name, with its German noun and article: one "unknown …" pattern each.
_NAMED = {
    "slide": "die Folie",
    "playlist": "die Playlist",
    "page": "die Seite",
    "data source": "die Datenquelle",
    "layout": "das Layout",
    "theme": "das Farbschema",
    "device": "das Gerät",
}


def _table(pairs: list[tuple[str, str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.DOTALL), t) for p, t in pairs)


MESSAGES = _table(
    [
        (r"unknown key '(?P<k>[^']*)'", r"unbekannter Schlüssel „\g<k>“"),
        (r"unknown type '(?P<k>[^']*)'", r"unbekannte Art „\g<k>“ (type)"),
        (r"required key '(?P<k>[^']*)' is missing", r"der Schlüssel „\g<k>“ fehlt"),
        (
            r"'(?P<k>[^']*)' is indented too far: it belongs beside '(?P<p>[^']*)', not under it",
            r"„\g<k>“ ist zu weit eingerückt: es gehört neben „\g<p>“, nicht darunter",
        ),
        (
            r"'(?P<k>[^']*)' is not indented far enough: it belongs under '(?P<p>[^']*)', in its last entry",
            r"„\g<k>“ ist nicht weit genug eingerückt: es gehört unter „\g<p>“, in den letzten Eintrag",
        ),
        (
            r"'(?P<k>[^']*)' is not indented far enough: it belongs under '(?P<p>[^']*)'",
            r"„\g<k>“ ist nicht weit genug eingerückt: es gehört unter „\g<p>“",
        ),
        (
            r"duplicate key '(?P<k>[^']*)' \(first at line (?P<n>\d+)\)",
            r"der Schlüssel „\g<k>“ steht doppelt (zuerst in Zeile \g<n>)",
        ),
        (r"tab character in the indentation", "Tabulator in der Einrückung"),
        (
            r"a duration needs a unit: write '(?P<a>[^']*)' for seconds or '(?P<b>[^']*)' for minutes",
            r"eine Dauer braucht eine Einheit: schreiben Sie „\g<a>“ für Sekunden oder „\g<b>“ für Minuten",
        ),
        (
            r"not a duration: .*",
            "keine Dauer: schreiben Sie eine Zahl mit Einheit, z. B. „10s“, „2m“, „1h30m“ oder „500ms“",
        ),
        (r"must be between (?P<a>\S+) and (?P<b>\S+)", r"muss zwischen \g<a> und \g<b> liegen"),
        (r"(?P<v>.+) must be given per language", r"\g<v> muss je Sprache angegeben werden"),
        (
            r"(?P<v>.+) must be a mapping of keys \(key: value\)",
            r"\g<v> muss aus Schlüsseln bestehen (name: wert)",
        ),
        (r"(?P<v>.+) must be a list", r"\g<v> muss eine Liste sein"),
        (r"(?P<v>.+) must be text", r"\g<v> muss ein Text sein"),
        (r"(?P<v>.+) must be a whole number", r"\g<v> muss eine ganze Zahl sein"),
        (r"(?P<v>.+) must be a number", r"\g<v> muss eine Zahl sein"),
        (r"(?P<v>.+) must be true or false", r"\g<v> muss true (ja) oder false (nein) sein"),
        (
            r"(?P<v>.+) is not allowed here; expected (?P<e>.+)",
            r"\g<v> geht hier nicht; erlaubt: \g<e>",
        ),
        (
            r"(?P<v>.+) is out of range: must be (?P<b>.+)",
            r"\g<v> liegt außerhalb des Bereichs: muss \g<b> sein",
        ),
        (r"must not be empty", "darf nicht leer sein"),
        (r"needs at least 1 entry", "braucht mindestens einen Eintrag"),
        (r"needs at least (?P<n>\d+) entries", r"braucht mindestens \g<n> Einträge"),
        (r"too long: at most (?P<n>\S+) characters", r"zu lang: höchstens \g<n> Zeichen"),
        (r"too long: at most (?P<n>\S+) entries", r"zu lang: höchstens \g<n> Einträge"),
        (r"(?P<v>.+) is not a valid name", r"\g<v> ist kein gültiger Name"),
        (r"(?P<v>.+) does not have the expected form", r"\g<v> hat nicht die erwartete Form"),
        (r"(?P<v>.+) is not a date", r"\g<v> ist kein Datum"),
        (r"(?P<v>.+) is not a date-time with offset", r"\g<v> ist kein Zeitpunkt mit Zeitzone"),
        (
            r"not a wall-clock time: write hours and minutes in quotes, e\.g\. \"07:30\"",
            'keine Uhrzeit: schreiben Sie Stunden und Minuten in Anführungszeichen, z. B. "07:30"',
        ),
        (
            r"(?P<v>\S+) is not a time: hours go from 00 to 23 and minutes from 00 to 59",
            r"\g<v> ist keine Uhrzeit: Stunden gehen von 00 bis 23, Minuten von 00 bis 59",
        ),
        (
            r"24:00 is not a time: use '00:00'; an end at or before the start runs past midnight",
            "24:00 ist keine Uhrzeit: schreiben Sie „00:00“; ein Ende vor dem Anfang reicht über Mitternacht",
        ),
        (
            r"'until' \((?P<a>[^)]*)\) is before 'from' \((?P<b>[^)]*)\)",
            r"„until“ (\g<a>) liegt vor „from“ (\g<b>): das Ende muss nach dem Anfang kommen",
        ),
        (
            r"not a colour: .*",
            'keine Farbe: schreiben Sie „#rrggbb“ in Anführungszeichen, z. B. "#003d7c"',
        ),
        (
            r"a path must stay inside content/.*",
            "ein Pfad muss in content/ bleiben: kein „/“ am Anfang, kein „..“, keine Backslashes",
        ),
        (r"not a file path: .*", "kein Dateipfad: schreiben Sie ihn ab content/, z. B. images/hafen.png"),
        (
            r"only http:// and https:// addresses with a host name are allowed",
            "nur Adressen mit http:// oder https:// und einem Rechnernamen sind erlaubt",
        ),
        (
            r"not a web address: .*",
            "keine Web-Adresse: schreiben Sie sie vollständig, z. B. https://www.rostock.de/",
        ),
        (r"file content/(?P<f>.+) does not exist", r"die Datei content/\g<f> gibt es nicht"),
        (r"folder content/(?P<f>.+) does not exist", r"den Ordner content/\g<f> gibt es nicht"),
        (r"'(?P<f>[^']*)' points outside content/", r"„\g<f>“ zeigt aus content/ hinaus"),
        *COMPOSED,
        (r"'(?P<f>[^']*)' has an unsupported file type", r"„\g<f>“ hat eine Dateiart, die nicht geht"),
        *[
            (rf"unknown {what} '(?P<n>[^']*)'", rf"{noun} „\g<n>“ gibt es nicht")
            for what, noun in _NAMED.items()
        ],
        (
            r"slide '(?P<s>[^']*)' shows (?P<h>\S+), which this device does not allow",
            r"die Folie „\g<s>“ zeigt \g<h>; das erlaubt dieses Gerät nicht",
        ),
        (
            r"page '(?P<s>[^']*)' embeds (?P<h>\S+), which this device does not allow",
            r"die Seite „\g<s>“ zeigt \g<h>; das erlaubt dieses Gerät nicht",
        ),
        (
            r"slide '(?P<s>[^']*)' is in no playlist, so it never plays",
            r"die Folie „\g<s>“ steht in keiner Playlist und wird darum nie gezeigt",
        ),
        (
            r"page '(?P<s>[^']*)' cannot be reached from any device's home page",
            r"die Seite „\g<s>“ ist von keiner Startseite aus erreichbar",
        ),
        (
            r"page '(?P<s>[^']*)' leads back here: the page tree has a loop",
            r"die Seite „\g<s>“ führt hierher zurück: der Seitenbaum hat eine Schleife",
        ),
        (r"layout '(?P<l>[^']*)' has no zone '(?P<z>[^']*)'", r"das Layout „\g<l>“ hat keine Zone „\g<z>“"),
        (
            r"zone '(?P<z>[^']*)' plays nothing and shows the standby screen",
            r"die Zone „\g<z>“ zeigt nichts und bleibt im Ruhebild",
        ),
        (
            r"zone '(?P<z>[^']*)' of layout '(?P<l>[^']*)' has nothing assigned",
            r"der Zone „\g<z>“ im Layout „\g<l>“ ist nichts zugeordnet",
        ),
        (r"zone '(?P<z>[^']*)' is defined twice", r"die Zone „\g<z>“ steht doppelt"),
        (
            r"zone '(?P<z>[^']*)' reaches (?P<a>\S+), beyond the reference (?P<w>\w+) (?P<n>\d+)",
            r"die Zone „\g<z>“ reicht bis \g<a>, über die Bezugsgröße (\g<w>) \g<n> hinaus",
        ),
        (
            r"text on background has a contrast of (?P<c>\S+), below (?P<m>\S+)",
            r"Text auf Hintergrund hat einen Kontrast von \g<c>, weniger als \g<m>",
        ),
        (r"a touch terminal needs a home_page", "ein Touch-Terminal braucht eine home_page (Startseite)"),
        (r"a 'tiles' page needs children", "eine Seite mit view: tiles braucht children (Unterseiten)"),
        (
            r"unknown time zone '(?P<z>[^']*)'; .*",
            r"unbekannte Zeitzone „\g<z>“; schreiben Sie z. B. „Europe/Berlin“",
        ),
        (r"unknown key name '(?P<k>[^']*)'; (?P<h>.*)", r"unbekannte Taste „\g<k>“; \g<h>"),
        (r"unknown key name '(?P<k>[^']*)'", r"unbekannte Taste „\g<k>“"),
        (r"unknown language '(?P<k>[^']*)'", r"unbekannte Sprache „\g<k>“"),
        (
            r"'(?P<k>[^']*)' is not in 'languages'",
            r"„\g<k>“ steht nicht unter „languages“ (den Sprachen des Geräts)",
        ),
        (r"(?P<k>\S+) is a key of the passer-by keypad", r"\g<k> ist eine Taste der Besucher-Tastatur"),
        (
            r"the admin hold is not longer than the long touch for speech mode",
            "das Halten für den Admin-Zugang ist nicht länger als das lange Tippen für die Sprachausgabe",
        ),
        (
            r"stale_after is shorter than refresh, .*",
            "stale_after ist kürzer als refresh: die Daten gälten zwischen zwei Abrufen als veraltet",
        ),
        (
            r"radius_m (?P<v>.+) is not a number of metres from (?P<a>\d+) to (?P<b>\d+)",
            r"radius_m \g<v> ist keine Meterzahl von \g<a> bis \g<b>",
        ),
        (
            r"a (?P<k>\S+) source has no water levels, so it can show no storm-surge banner",
            r"eine Quelle der Art \g<k> hat keine Wasserstände, also keinen Sturmflut-Hinweis",
        ),
        (
            r"a (?P<w>\S+) widget cannot show '(?P<s>[^']*)' \(a (?P<k>\S+) source\)",
            r"ein \g<w>-Widget kann „\g<s>“ nicht zeigen (eine Quelle der Art \g<k>)",
        ),
        (r"valid_until is not after valid_from", "valid_until liegt nicht nach valid_from"),
        *YAML_SYNTAX,
        (r"YAML syntax error: (?P<p>.+)", r"Fehler im Aufbau der Datei (YAML): \g<p>"),
        (r"the file is empty", "die Datei ist leer"),
        (r"the file is not valid UTF-8 text", "die Datei ist nicht als UTF-8 gespeichert"),
        (r"file name '(?P<n>[^']*)' is not a valid name", r"der Dateiname „\g<n>“ ist kein gültiger Name"),
        (r"cannot read the file: (?P<e>.+)", r"die Datei lässt sich nicht lesen: \g<e>"),
        (r"no editor files found here", "hier gibt es keine Redaktionsdateien"),
        (
            r"not read: '(?P<f>[^']*)/' is not a folder for editor files",
            r"nicht gelesen: „\g<f>/“ ist kein Ordner für Redaktionsdateien",
        ),
        (
            r"the file must be a mapping of keys .*",
            "die Datei muss aus Schlüsseln bestehen (name: wert), nicht aus einem Wert oder einer Liste",
        ),
        (
            r"a key must be a plain name, not a list or mapping",
            "ein Schlüssel muss ein einfacher Name sein, keine Liste",
        ),
        (r"the file is nested too deeply", "die Datei ist zu tief verschachtelt"),
        (r"the file expands to too many values", "die Datei ergibt zu viele Werte"),
        (r"file is too large \((?P<a>[^)]*)\)", r"die Datei ist zu groß (\g<a>)"),
        # kiosk validate --render (kiosk.runtime.render_check.Crowded)
        (
            r"slide (?P<s>\S+) needs (?P<n>\d+) screens at (?P<d>\S+) m in (?P<w>\S+ \[[^]]*\]), "
            r"has time for (?P<k>\d+): shorten the text or make the slide longer",
            r"Folie \g<s> braucht \g<n> Bildschirme bei \g<d> m in \g<w>, hat Zeit für \g<k>: "
            r"Text kürzen oder Dauer verlängern",
        ),
        (
            r"slide (?P<s>\S+) needs (?P<n>\d+) screens at (?P<d>\S+) m in (?P<w>\S+ \[[^]]*\]), "
            r"a text slide has one: shorten the text or split it over two slides",
            r"Folie \g<s> braucht \g<n> Bildschirme bei \g<d> m in \g<w>, eine Textfolie hat einen: "
            r"Text kürzen oder auf zwei Folien verteilen",
        ),
    ]
)

HINTS = _table(
    [
        (
            r"did you mean '(?P<k>[^']*)'\? \(names are case-sensitive\)",
            r"meinten Sie „\g<k>“? (Groß- und Kleinschreibung zählt)",
        ),
        (r"did you mean '(?P<k>[^']*)'\?", r"meinten Sie „\g<k>“?"),
        (r"allowed: (?P<a>.+)", r"erlaubt: \g<a>"),
        (r"no file (?P<f>\S+) exists", r"es gibt keine Datei \g<f>"),
        (
            r"YAML would silently keep only the last one; remove or rename one of them",
            "sonst gilt stillschweigend nur der letzte; löschen Sie einen oder benennen Sie ihn um",
        ),
        (
            r"YAML allows only spaces for indentation; replace the tab with spaces",
            "rücken Sie nur mit Leerzeichen ein; ersetzen Sie den Tabulator durch Leerzeichen",
        ),
        (r"write it as a mapping, e\.g\.(?P<e>.*)", r"schreiben Sie je Sprache eine Zeile, z. B.\g<e>"),
        (
            r"write one entry per line, each starting with '- '",
            "schreiben Sie jeden Eintrag in eine Zeile, die mit „- “ beginnt",
        ),
        (r"put it in quotes: (?P<v>.+)", r"setzen Sie es in Anführungszeichen: \g<v>"),
        (r"use a dot for decimals: 0\.5", "Dezimalzahlen mit Punkt: 0.5"),
        (r"write an ISO date: (?P<d>\S+)", r"schreiben Sie das Datum als Jahr-Monat-Tag: \g<d>"),
        (r"write e\.g\. (?P<d>\S+)", r"schreiben Sie z. B. \g<d>"),
        (r"e\.g\. (?P<d>.+)", r"z. B. \g<d>"),
        (r"say which kind this is, e\.g\. type: text", "sagen Sie, welche Art es ist, z. B. type: text"),
        (
            r"use lower-case letters, digits, '-' and '_'(?P<r>.*)",
            r"nehmen Sie Kleinbuchstaben, Ziffern, „-“ und „_“\g<r>",
        ),
        (
            r"add the host to web_allowlist in this device file",
            "tragen Sie den Rechner in dieser Gerätedatei unter web_allowlist ein",
        ),
        (
            r"name the first page of the page tree, e\.g\. home_page: start",
            "nennen Sie die erste Seite des Seitenbaums, z. B. home_page: start",
        ),
        (
            r"reduce (?P<a>\w) or (?P<b>\w+) so that (?P<r>.+)",
            r"verkleinern Sie \g<a> oder \g<b>, so dass \g<r>",
        ),
        (r"give every zone its own id", "geben Sie jeder Zone eine eigene id"),
        (
            r"darken one colour or lighten the other (?P<w>.*)",
            r"machen Sie eine Farbe dunkler oder die andere heller \g<w>",
        ),
        (
            r"a page may appear only once on any path from the home page; use Back/Home",
            "eine Seite darf auf jedem Weg ab der Startseite nur einmal vorkommen; zurück mit „Zurück“",
        ),
        (
            r"list the sub-pages under children:, or use view: detail with blocks",
            "schreiben Sie die Unterseiten unter children:, oder nehmen Sie view: detail mit blocks",
        ),
        (
            r"make stale_after at least as long as refresh \(3× is a good choice\)",
            "machen Sie stale_after mindestens so lang wie refresh (das Dreifache ist gut)",
        ),
        (
            r"a text containing ': ' must be put in quotes",
            "ein Text mit „: “ muss in Anführungszeichen stehen",
        ),
        (
            r"a line is missing its ':' or is indented differently from its neighbours",
            "einer Zeile fehlt ihr „:“, oder sie ist anders eingerückt als ihre Nachbarn",
        ),
        (
            r"check the indentation: keys of one block must start in the same column",
            "prüfen Sie die Einrückung: Schlüssel eines Blocks beginnen in derselben Spalte",
        ),
        (
            r"a quote opened here is not closed: (?P<r>.+)",
            r"ein Anführungszeichen wird hier geöffnet und nicht geschlossen: \g<r>",
        ),
        *YAML_SYNTAX_HINTS,
        (
            r"add it to languages or pick one of (?P<l>.+)",
            r"ergänzen Sie sie unter languages, oder nehmen Sie eine von: \g<l>",
        ),
        (r"use a source of kind (?P<k>.+)", r"nehmen Sie eine Quelle der Art \g<k>"),
        (
            r"use keys only a service keypad has, e\.g\. (?P<k>.+)",
            r"nehmen Sie Tasten, die nur eine Service-Tastatur hat, z. B. \g<k>",
        ),
        (
            r"make admin\.hold longer than speech\.long_press",
            "machen Sie admin.hold länger als speech.long_press",
        ),
        (
            r"set surge_banner on a (?P<r>.+) water-level source",
            r"setzen Sie surge_banner bei einer Wasserstands-Quelle der Art \g<r>",
        ),
        (r"hours go from 00 to 23(?P<r>.*)", r"Stunden gehen von 00 bis 23\g<r>"),
        (r"save the file as UTF-8 .*", "speichern Sie die Datei als UTF-8 (sonst gehen Umlaute kaputt)"),
        (r"list it under children: of another page", "schreiben Sie sie unter children: einer anderen Seite"),
        (r"add playlists: or default:", "ergänzen Sie playlists: oder default:"),
        (
            r"start '(?P<k>[^']*)' in column (?P<c>\d+), like '(?P<p>[^']*)' in line (?P<n>\d+)",
            r"beginnen Sie „\g<k>“ in Spalte \g<c>, wie „\g<p>“ in Zeile \g<n>",
        ),
        (
            r"indent it to column (?P<c>\d+), like the keys under '(?P<p>[^']*)'",
            r"rücken Sie es bis Spalte \g<c> ein, wie die Schlüssel unter „\g<p>“",
        ),
        *COMPOSED_HINTS,
        (r"(?P<k>\w+) belongs under '(?P<p>[^']*)': (?P<r>.+)", r"\g<k> gehört unter „\g<p>“: \g<r>"),
    ]
)

#: applied to the whole German text afterwards: words inside lists and English pieces of a value
AFTER = _table(
    [
        (r"' or '", "' oder '"),
        (r"(\w) or (\w)", r"\1 oder \2"),
        (r"column (\d+) \(like '([^']*)' in line (\d+)\)", r"Spalte \1 (wie „\2“ in Zeile \3)"),
        (r"\) or Spalte", ") oder Spalte"),
        (r"did you mean '(?P<k>[^']*)'\?", r"meinten Sie „\g<k>“?"),
    ]
)
