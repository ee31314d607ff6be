"""German words for the spoken form (used for de and Leichte Sprache): tables, not code.

Editors extend the abbreviations per content pack (``content/speech/*.yaml``); these are the built-in ones.
"""

from __future__ import annotations

# Written form → spoken form. Keys with dots match with or without the space after each inner dot
# ("z. B." and "z.B."); the matching is case-sensitive, because "Str." and "str." are not the same.
ABBREVIATIONS = {
    "Park+Ride": "Park and Ride",
    "z. B.": "zum Beispiel",
    "bzw.": "beziehungsweise",
    "u. a.": "unter anderem",
    "d. h.": "das heißt",
    "o. ä.": "oder ähnlich",
    "u. U.": "unter Umständen",
    "e. V.": "eingetragener Verein",
    "usw.": "und so weiter",
    "etc.": "et cetera",
    "ca.": "circa",
    "ggf.": "gegebenenfalls",
    "evtl.": "eventuell",
    "inkl.": "inklusive",
    "zzgl.": "zuzüglich",
    "vgl.": "vergleiche",
    "bzgl.": "bezüglich",
    "max.": "maximal",
    "mind.": "mindestens",
    "tägl.": "täglich",
    "Str.": "Straße",
    "str.": "straße",
    "Pl.": "Platz",
    "Nr.": "Nummer",
    "Tel.": "Telefon",
    "Hbf.": "Hauptbahnhof",
    "Hbf": "Hauptbahnhof",
    "Bhf.": "Bahnhof",
    "Dr.": "Doktor",
    "Hr.": "Herr",
    "Prof.": "Professor",
    "St.": "Sankt",
    "Jh.": "Jahrhundert",
    "Mio.": "Millionen",
    "Mrd.": "Milliarden",
    "Std.": "Stunden",
    "Min.": "Minuten",
    "Abt.": "Abteilung",
    "Tsd.": "Tausend",
    "geb.": "geboren",
    "OT": "Ortsteil",
    "Jan.": "Januar",
    "Feb.": "Februar",
    "Febr.": "Februar",
    "Apr.": "April",
    "Aug.": "August",
    "Sep.": "September",
    "Sept.": "September",
    "Okt.": "Oktober",
    "Nov.": "November",
    "Dez.": "Dezember",
}

WEEKDAYS = {
    "Mo": "Montag",
    "Di": "Dienstag",
    "Mi": "Mittwoch",
    "Do": "Donnerstag",
    "Fr": "Freitag",
    "Sa": "Samstag",
    "So": "Sonntag",
}

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip

# after a number; the longest first is the regex's business
UNITS = {
    "km/h": "Kilometer pro Stunde",
    "°C": "Grad Celsius",
    "%": "Prozent",
    "mm": "Millimeter",
    "cm": "Zentimeter",
    "km": "Kilometer",
    "m²": "Quadratmeter",
    "m": "Meter",
    "kWh": "Kilowattstunden",
    "kW": "Kilowatt",
    "kg": "Kilogramm",
    "min": "Minuten",
    "h": "Stunden",
}

WORDS = {
    "to": "bis",
    "dot": "Punkt",
    "slash": "Schrägstrich",
    "dash": "Strich",
    "underscore": "Unterstrich",
    "at": "ät",
    "and": "und",
    "or": "oder",
    "plus": "plus",
    "minus": "minus",
    "euro": "Euro",
    "cent": "Cent",
    "degree": "Grad",
    "paragraph": "Paragraf",
    "wheelchair": "für Rollstuhl",
    "always": "rund um die Uhr",
}

# a number before these words is an ordinal ("im 2. Stock"); the value is the word's gender
ORDINAL_NOUNS = {
    "Stock": "m",
    "Platz": "m",
    "Tag": "m",
    "Etage": "f",
    "Liga": "f",
    "Klasse": "f",
    "Halbzeit": "f",
    "Obergeschoss": "n",
    "Jahrhundert": "n",
    "Mal": "n",
}
# after these words an ordinal is dative or accusative: "am dritten", "vom sechsten bis neunten"
OBLIQUE = frozenset({"am", "vom", "zum", "im", "beim", "bis", "ab", "seit", "dem", "den", "zur", "der"})
# a date right after these words gets its article: "bis zum zwölften Dezember", "seit dem ersten April"
DATE_ARTICLES = {"bis": "zum ", "seit": "dem ", "ab": "dem "}
# words that make the number after them a phone number ("Telefon 0381 381-0", "Notruf 112")
PHONE_WORDS = (
    "Telefon",
    "Tel",
    "Fax",
    "Notruf",
    "Polizei",
    "Feuerwehr",
    "Rufnummer",
    "Hotline",
    "Telefonnummer",
    "Mobil",
)

_ONES = ("", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_TEENS = ("zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
          "neunzehn")  # fmt: skip
_TENS = ("", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")


def cardinal(n: int) -> str:
    """1…99 as a German word (for ordinals; espeak-ng says plain numbers well itself)."""
    if n < 10:
        return "eins" if n == 1 else _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return (f"{_ONES[ones]}und" if ones else "") + _TENS[tens]


def ordinal(n: int, ending: str) -> str:
    """``n`` (1…99) as an ordinal with ``ending`` ("er", "en", "e", "es"): 3, "en" → "dritten"."""
    if not 1 <= n <= 99:
        return f"{n}."
    special = {1: "erst", 3: "dritt", 7: "siebt", 8: "acht"}
    stem = special.get(n) or (cardinal(n) + ("t" if n < 20 else "st"))
    return stem + ending


def time_of_day(hour: int, minute: int) -> str:
    """14:30 → "14 Uhr 30", 14:00 → "14 Uhr", 9:05 → "9 Uhr 5"."""
    return f"{hour} Uhr" + (f" {minute}" if minute else "")


def date(day: int, month: int, year: str, oblique: bool) -> str:
    """18.10.2025 → "achtzehnter Oktober 2025" (after "am": "achtzehnten")."""
    text = f"{ordinal(day, 'en' if oblique else 'er')} {MONTHS[month - 1]}"
    return f"{text} {year}" if year else text


def money(euros: str, cents: str) -> str:
    if euros in ("", "0") and cents:
        return f"{int(cents)} Cent"
    return f"{euros} Euro" + (f" {int(cents)}" if cents and int(cents) else "")
