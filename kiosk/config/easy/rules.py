"""The rules of Leichte Sprache the check applies to one text.

They follow the rule book of the Netzwerk Leichte Sprache ("Die Regeln für Leichte Sprache"): short
sentences with one statement each, active instead of passive, positive instead of negative, no
abbreviations, digits instead of number words, long words split, hard words explained, no dashes in
titles. Each rule is a heuristic that finds the usual cases; an editor who keeps a text on purpose says
why in a comment (``check.py``). The words of the messages are in ``messages.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kiosk.config.easy.words import (
    Sentence,
    letters,
    normal,
    parts,
    plain,
    sentences,
    split_compound,
    syllables,
    word_set,
    words,
)
from kiosk.config.models.easy import EasyLanguage

# rule codes: also what an editor writes in an allow comment
SENTENCE_LENGTH = "satzlänge"
STATEMENTS = "aussagen"
PASSIVE = "passiv"
NEGATION = "verneinung"
ABBREVIATION = "abkürzung"
NUMBER = "zahl"
LONG_WORD = "langes-wort"
HARD_WORD = "schweres-wort"
SAME_AS_GERMAN = "wie-deutsch"
DASH = "strich"
FIELD = "feld"
RULES = (
    SENTENCE_LENGTH,
    STATEMENTS,
    PASSIVE,
    NEGATION,
    ABBREVIATION,
    NUMBER,
    LONG_WORD,
    HARD_WORD,
    SAME_AS_GERMAN,
    DASH,
    FIELD,
)


# what each rule looks for, for the editor reference (English, as the reference is)
RULE_SUMMARY: dict[str, str] = {
    SENTENCE_LENGTH: "a sentence (up to . ! ? : ; or a line break) has more than `max_sentence_words` words",
    STATEMENTS: "a second statement joined with a comma and a conjunction (', weil', ', dass', ', und', "
    "', der'), or a sentence opened by 'Wenn', 'Weil' … with a comma",
    PASSIVE: "a form of 'werden' with a past participle ('wird gebaut'), or 'wurde', 'worden'",
    NEGATION: "'nicht', 'kein…', 'nie', 'nichts', 'niemand'",
    ABBREVIATION: "'z. B.', 'bzw.', 'Str.', 'Nr.', weekday abbreviations before a time ('Mo 8–12'), "
    "and words in capitals ('HRO') unless listed in `known_words`",
    NUMBER: "number words 'zwei' to 'zwölf', 'zwanzig', 'dreißig', 'hundert', 'tausend' (write '3'), "
    "percentages, big numbers (5 digits or a thousands point: write 'viele'), dates in digits ('7.8.': "
    "write '7. August')",
    LONG_WORD: "a word or word part with more than `max_word_letters` letters or `max_word_syllables` "
    "syllables, not split with a Mediopunkt (·) or hyphen; the hint suggests a split where the parts are "
    "known words",
    HARD_WORD: "a word of `hard_words` that no Leichte Sprache text of the same file explains",
    SAME_AS_GERMAN: "a title (`title`, `heading`, `headline`, `name`) of three words or more that is the "
    "German one",
    DASH: "a dash in a title, or between two hours ('9–12': write 'von 9 Uhr bis 12 Uhr')",
    FIELD: "a sentence in `hours` (German or Leichte Sprache) without a day, a time or an opening word: a "
    "description in the wrong field",
}


@dataclass(frozen=True)
class Finding:
    """One problem in one text: the rule, the words that show it (to find its line) and message values."""

    rule: str
    needle: str
    values: dict[str, str | int] = field(default_factory=dict)


_DEFAULTS = EasyLanguage()  # the declared defaults (kiosk/config/models/easy.py)


@dataclass(frozen=True)
class Bounds:
    """The check's settings, from the files in ``content/leichte-sprache/`` (or their defaults)."""

    max_sentence_words: int = _DEFAULTS.max_sentence_words
    max_word_letters: int = _DEFAULTS.max_word_letters
    max_word_syllables: int = _DEFAULTS.max_word_syllables
    # (normal form, (word, easy, explain)) of the glossary: a tuple, so settings can key a cache
    hard_words: tuple[tuple[str, tuple[str, str, str]], ...] = ()
    known_words: frozenset[str] = frozenset()  # normal forms
    lexicon: frozenset[str] = frozenset()  # lower-case words of the pack's texts, for compound splits

    @functools.cached_property
    def glossary(self) -> dict[str, tuple[str, str, str]]:
        return dict(self.hard_words)


@functools.lru_cache(maxsize=4096)
def check_text(text: str, bounds: Bounds) -> tuple[Finding, ...]:
    """Every rule that looks at a text alone. Cached: a reload after one edit checks one text anew,
    not all of them (the findings are never changed by callers)."""
    return (*check_sentences(text, bounds), *check_words(text, bounds))


SUBORDINATORS = word_set(
    "weil dass damit obwohl wenn falls ob sodass während nachdem bevor bis als seit sobald solange "
    "wann wo wie was warum wohin woher"
)
CONJUNCTIONS = word_set("und oder aber denn sondern doch sowie")
RELATIVES = word_set("der die das dem den deren dessen denen welche welcher welches welchen")
_OPENING = frozenset(w.capitalize() for w in ("weil", "wenn", "falls", "obwohl", "damit", "nachdem", "bevor"))
_WERDEN = word_set("wird werden wirst werdet")
_PAST = frozenset(("wurde", "wurden", "worden"))
_PARTICIPLE = re.compile(
    r"^((ab|an|auf|aus|ein|mit|nach|vor|zu|zurück|weg|hin|her|um|fest|los|dar|frei)?ge\w{3,}(t|en)"
    r"|(be|ver|er|ent|zer|emp|miss)\w{2,}t|\w{3,}iert)$"
)
_NEGATIONS = re.compile(r"^(nicht|nichts|nie|niemals|niemand|nirgends|kein(e|en|em|er|es)?)$", re.IGNORECASE)

ABBREVIATIONS: dict[str, str] = {
    "z. B.": "zum Beispiel",
    "bzw.": "oder",
    "usw.": "und mehr",
    "ca.": "ungefähr",
    "etc.": "und mehr",
    "d. h.": "das heißt",
    "u. a.": "unter anderem",
    "evtl.": "vielleicht",
    "ggf.": "wenn nötig",
    "inkl.": "mit",
    "max.": "höchstens",
    "mind.": "mindestens",
    "Nr.": "Nummer",
    "Str.": "Straße",
    "Tel.": "Telefon",
    "Hbf.": "Haupt·bahnhof",
    "vgl.": "siehe",
    "sog.": "",
}
_DAYS = {"Mo": "Montag", "Di": "Dienstag", "Mi": "Mittwoch", "Do": "Donnerstag", "Fr": "Freitag"}
_DAYS |= {"Sa": "Samstag", "So": "Sonntag"}
CAPITALS: dict[str, str] = {"HRO": "Rostock", "ÖPNV": "Bus und Bahn", "WC": "Toilette"}
_ABBR_RE = re.compile("|".join(r"(?<!\w)" + re.escape(a).replace(r"\ ", r"\s?") for a in ABBREVIATIONS))
_ABBR_FULL = {a.replace(" ", ""): full for a, full in ABBREVIATIONS.items()}
# before a time, a range or "und"/"bis" only: "So, jetzt …" and "Do it" are no weekdays
_DAY_RE = re.compile(r"(?<!\w)(Mo|Di|Mi|Do|Fr|Sa|So)\.?(?=\s*(\d|–|-|und\b|bis\b))")
_CAPS_RE = re.compile(r"(?<![\w·-])[A-ZÄÖÜ]{2,}(?![\w])")

NUMBER_WORDS = word_set(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend"
)
_PERCENT = re.compile(r"\d+(?:,\d+)?\s?(%|Prozent\b)")
_BIG = re.compile(r"(?<![\d.])([1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{4,})(?![\d.])")
_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(\d{2,4})?")
_RANGE = re.compile(r"(?<![\d.])([01]?\d|2[0-4])\s?[–—-]\s?([01]?\d|2[0-4])(?![\d.])")  # hours: 9–12
_TITLE_DASH = re.compile(r"(^|\s)[–—-](\s|$)|[–—]")


def _start(sentence: Sentence) -> str:
    return " ".join(sentence.words[:4])


def check_sentences(text: str, bounds: Bounds) -> list[Finding]:
    """Length, statements, passive and negation: the rules that look at one sentence at a time."""
    found: list[Finding] = []
    for sentence in sentences(text):
        n = len(sentence.words)
        if n > bounds.max_sentence_words:
            found.append(Finding(SENTENCE_LENGTH, sentence.words[0], {"start": _start(sentence), "words": n}))
        if (joint := _second_statement(sentence)) is not None:
            found.append(Finding(STATEMENTS, joint, {"start": _start(sentence), "word": joint}))
        if (phrase := _passive(sentence)) is not None:
            found.append(Finding(PASSIVE, phrase.split()[-1], {"phrase": phrase}))
        for word in sentence.words:
            if _NEGATIONS.match(word):
                found.append(Finding(NEGATION, word, {"word": word}))
    return found


def _second_statement(sentence: Sentence) -> str | None:
    """The word that joins a second statement to the first, if any."""
    text = sentence.text
    if sentence.words[0] in _OPENING and "," in text:
        return sentence.words[0]
    for match in re.finditer(r",\s*([^\W\d_]+)", text):
        word = match.group(1)
        if word.lower() in SUBORDINATORS | CONJUNCTIONS or word in RELATIVES:
            return word
    return None


def _passive(sentence: Sentence) -> str | None:
    tokens = list(sentence.words)
    for i, word in enumerate(tokens):
        low = word.lower()
        if low == "worden":
            return word
        if low in _WERDEN | _PAST:
            participle = next((t for t in tokens if t != word and _PARTICIPLE.match(t)), None)
            if participle is not None:
                return f"{word} … {participle}" if tokens.index(participle) > i else f"{participle} {word}"
            if low in _PAST:
                return word
    return None


def check_words(text: str, bounds: Bounds) -> list[Finding]:
    """Abbreviations, numbers, long words and hard words."""
    found: list[Finding] = []
    body = plain(text)
    for m in _ABBR_RE.finditer(body):
        found.append(
            Finding(
                ABBREVIATION, m.group(), {"word": m.group(), "full": _ABBR_FULL[m.group().replace(" ", "")]}
            )
        )
    for match in _DAY_RE.finditer(body):
        found.append(
            Finding(ABBREVIATION, match.group(), {"word": match.group(), "full": _DAYS[match.group(1)]})
        )
    for match in _CAPS_RE.finditer(body):
        word = match.group()
        if normal(word) not in bounds.known_words and normal(word) not in bounds.glossary:
            found.append(Finding(ABBREVIATION, word, {"word": word, "full": CAPITALS.get(word, "")}))
    found += _numbers(body)
    tokens = words(body)
    for word in tokens:
        if word.lower() in NUMBER_WORDS:
            found.append(Finding(NUMBER, word, {"word": word, "kind": "word"}))
    found += _long_words(tokens, bounds)
    found += _hard_words(body, tokens, bounds)
    return found


def _numbers(body: str) -> list[Finding]:
    found = [
        Finding(NUMBER, m.group(), {"word": m.group(), "kind": "percent"}) for m in _PERCENT.finditer(body)
    ]
    found += [Finding(NUMBER, m.group(), {"word": m.group(), "kind": "date"}) for m in _DATE.finditer(body)]
    dates = {f.needle for f in found}
    for m in _BIG.finditer(body):
        if not any(m.group() in d for d in dates):
            found.append(Finding(NUMBER, m.group(), {"word": m.group(), "kind": "big"}))
    found += [Finding(DASH, m.group(), {"word": m.group(), "kind": "range"}) for m in _RANGE.finditer(body)]
    return found


def _long_words(tokens: list[str], bounds: Bounds) -> list[Finding]:
    found: list[Finding] = []
    for word in dict.fromkeys(tokens):
        if word.isupper() or normal(word) in bounds.known_words or _hard_entry(word, bounds):
            continue
        for part in parts(word):
            n, s = letters(part), syllables(part)
            if n > bounds.max_word_letters or s > bounds.max_word_syllables:
                split = split_compound(part, bounds.lexicon) or ""
                values: dict[str, str | int] = {"word": part, "letters": n, "syllables": s, "split": split}
                found.append(Finding(LONG_WORD, part, values))
    return found


def _hard_entry(word: str, bounds: Bounds) -> tuple[str, str, str] | None:
    """The glossary entry ``word`` is a form of (its normal form is the entry plus ≤ 3 letters)."""
    low = normal(word)
    for cut in range(4):
        entry = bounds.glossary.get(low[: len(low) - cut]) if len(low) - cut >= 2 else None
        if entry is not None:
            return entry
    return None


def _hard_words(body: str, tokens: list[str], bounds: Bounds) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for word in tokens:
        entry = _hard_entry(word, bounds)
        if entry is not None and entry[0] not in seen:
            seen.add(entry[0])
            found.append(Finding(HARD_WORD, word, {"word": word, "easy": entry[1], "explain": entry[2]}))
    squeezed = normal(body)
    for key, entry in bounds.hard_words:
        if " " in entry[0] and key in squeezed and entry[0] not in seen:  # a glossary phrase
            seen.add(entry[0])
            found.append(
                Finding(
                    HARD_WORD, entry[0].split()[0], {"word": entry[0], "easy": entry[1], "explain": entry[2]}
                )
            )
    return found


_EXPLAINS = re.compile(r"\b(heißt|heißen|bedeutet|bedeuten|ist eine?|sind)\b")


@functools.lru_cache(maxsize=4096)
def explained_words(text: str, bounds: Bounds) -> frozenset[str]:
    """Glossary words (as listed) that ``text`` explains: a sentence with the word and 'heißt', 'bedeutet',
    'ist ein(e)' or 'sind' ("Klarschiff ist eine Internet·seite")."""
    done: set[str] = set()
    for sentence in sentences(text):
        lows = " ".join(w.lower() for w in sentence.words)
        if not _EXPLAINS.search(lows):
            continue
        for word in sentence.words:
            entry = _hard_entry(word, bounds)
            if entry is not None:
                done.add(entry[0])
    return frozenset(done)


def check_title(title: str, german: str) -> list[Finding]:
    """Rules for titles only: a dash, and a Leichte Sprache title that is the German one."""
    found: list[Finding] = []
    if match := _TITLE_DASH.search(title):
        found.append(Finding(DASH, match.group().strip(), {"word": match.group().strip(), "kind": "title"}))
    # one or two words are often the same in Leichte Sprache ("Parken", "Hanse Sail")
    named = [w for w in words(title) if not w[0].isdigit()]  # "Hanse Sail 2026" is a name and a year
    if title.strip() == german.strip() and len(named) >= 3:
        found.append(Finding(SAME_AS_GERMAN, words(title)[0], {"word": title.strip()}))
    return found


_HOURS_WORDS = re.compile(
    r"\d|uhr|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|\b(mo|di|mi|do|fr|sa|so)\b"
    r"|täglich|werktag|wochenende|feiertag|ferien|geschlossen|geöffnet|offen|\bzu\b|termin|vereinbarung"
    r"|morgens|mittags|abends|nachts|immer|pause|telefon|anrufen|\brufen\b|woche",
    re.IGNORECASE,
)


def check_hours(text: str) -> list[Finding]:
    """An ``hours`` text is opening times: a sentence with no day, time or opening word is a description."""
    return [
        Finding(FIELD, s.words[0], {"start": _start(s), "field": "hours"})
        for s in sentences(text)
        if not _HOURS_WORDS.search(s.text)
    ]
