"""Text as shown → text as it should be spoken, per language (pure).

espeak-ng reads what it is given: "z. B." as the letters "zett be", "14.30 Uhr" as "vierzehn Punkt
dreißig", "18055" as eighteen thousand, "Bürger·service" as a German word and an English one. So every
text is rewritten once, in the language it is spoken in, before it is cut into sentences
(``kiosk.speech.plan``). The rules run in a fixed order, each on what the earlier ones left:

1. invisible break hints go (soft hyphen, zero-width space); the Leichte Sprache mediopunkt joins the
   parts of one word ("Bürger·service" → "Bürgerservice"), in Leichte Sprache a hyphen between two long
   parts too ("Bürger-Service"); a spaced " · " between items is a pause (", ");
2. URLs and e-mail addresses are spelled ("rostock Punkt de"), and then left alone by every later rule;
3. abbreviations (built-in table per language plus the editors' ``content/speech`` files);
4. phone numbers (after "Telefon", or starting with 0 or +) and postcodes (five digits before a place
   name) as single digits in their groups;
5. dates (18.10.2025, 18.10., 3. Oktober, 6.–9. August) with the day as an ordinal word;
6. times (14:30, 14.30 Uhr) and ranges of times, numbers and weekdays ("bis"); weekday abbreviations;
7. money (€), units after a number (cm, km/h, °C, %), signs and symbols (+, &, /, §).

German rules serve ``de`` and ``ls``; ``en`` has its own tables; any other language only gets the
language-neutral first step (its numbers and words are espeak-ng's business).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from kiosk import i18n
from kiosk.speech import lang_de, lang_en
from kiosk.speech.spelled import digits, plain_phone, spell_address

_HINTS = re.compile("[\u00ad\u200b\u200c\u2060\ufeff\U000e0000-\U000e007f]")  # and stray tags
_LIST_MARK = re.compile(r"^\s*[-*•]\s+", re.MULTILINE)  # "- Parken: …": a list item, not "minus"
_SPACES = re.compile("[\u00a0\u202f\u2009]")
_MEDIOPUNKT = re.compile(r"(?<=\w)·(?=\w)")
_SPACED_DOT = re.compile(r"\s+·\s+|\s*·\s*$|^\s*·\s*", re.MULTILINE)
_LS_HYPHEN = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{2,})-([A-ZÄÖÜ])([a-zäöüß]{2,})\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(
    r"\b(?:https?://)?(?:[\w-]+\.)+(?:de|com|org|net|eu|info|io)\b(?:/[\w\-./%?=&#~]*)?",
    re.IGNORECASE,
)
_PLACE = "\ue000"  # protected spans (spelled URLs) are parked as _PLACE n _PLACE until the end
_PARKED = re.compile(_PLACE + r"(\d+)" + _PLACE)
_DASH = r"\s*(?:–|—|-|bis|to)\s*"
_TIME = r"([01]?\d|2[0-4])[:.]([0-5]\d)"
_PLAIN_PHONE = re.compile(r"(?<![\w.,:/+])(\+\d{2,3}|0\d{1,5})((?:[ /-]?\(?\d[\d]*\)?)+)(?![\w,:/]|\d|\.\w)")
_POSTCODE = re.compile(r"(?<![\w.,:])(\d{5})(?= [A-ZÄÖÜ][a-zäöüß])")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUM_DATE = re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?(?![\d]|\.\d)")
_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")
_NUMBER_RANGE = re.compile(r"(?<![\w.,:])(\d+)\s*[–—-]\s*(\d+)(?![\w.,:]\d|\d)")
_SIGN = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())([+−–-])(?=\d)", re.MULTILINE)
_GENDER_MARK = re.compile(r"(?<=[a-zäöüß])[*:_](?=innen\b)")
_SPACE_RUN = re.compile(r"[ \t]+")
_SPACE_PUNCT = re.compile(r" +([,.;:!?])")
_DOUBLE_COMMA = re.compile(r",\s*,")


@dataclass(frozen=True)
class Rules:
    """One language's tables (``lang_de`` or ``lang_en``) as compiled patterns."""

    name: str
    table: ModuleType
    abbreviations: Mapping[str, str]
    abbreviation_re: re.Pattern[str] | None
    weekday_re: re.Pattern[str]
    month_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    phone_re: re.Pattern[str]

    def word(self, key: str) -> str:
        return str(self.table.WORDS[key])


def _abbreviation_pattern(keys: list[str]) -> re.Pattern[str] | None:
    if not keys:
        return None
    parts = []
    for key in sorted(keys, key=len, reverse=True):
        # "z. B." also matches "z.B." and "z. B." with a no-break space
        pieces = [piece.strip() for piece in key.split(".")]
        body = (
            r"\.\s?".join(re.escape(piece) for piece in pieces[:-1]) + r"\."
            if key.endswith(".")
            else (r"\.\s?".join(re.escape(piece) for piece in pieces))
        )
        end = "" if key.endswith(".") else r"(?![\w])"
        if key[0].isalnum():
            # the word start is checked after the first letter: an alternation that starts with
            # literals lets the regex engine skip to candidate letters (a lookbehind first is 40× slower)
            body = body[: len(re.escape(key[0]))] + r"(?<![\w.].)" + body[len(re.escape(key[0])) :]
        parts.append(body + end)
    return re.compile("|".join(parts))


def _alternatives(words: list[str]) -> str:
    return _alternation(tuple(words))


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=256)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """The rules build some patterns from the tables per call; compiled once (a say() runs them all)."""
    return re.compile(pattern, flags)


@lru_cache(maxsize=32)
def _rules(language: str, extra: tuple[tuple[str, str], ...]) -> Rules:
    """The compiled tables of ``language``: "de" or "en", a language's ``speech_rules`` (kiosk/i18n)."""
    table = lang_en if language == "en" else lang_de
    abbreviations = {**table.ABBREVIATIONS, **dict(extra)}
    days = _alternatives(list(table.WEEKDAYS))
    months = _alternatives([*table.MONTHS, *(m[:3] + "." for m in table.MONTHS)])
    units = _alternatives(list(table.UNITS))
    phone = _alternatives(list(table.PHONE_WORDS))
    return Rules(
        name=language,
        table=table,
        abbreviations=abbreviations,
        abbreviation_re=_abbreviation_pattern(list(abbreviations)),
        # a weekday abbreviation only where it surely is one: before "." ":" "," a digit or a range dash
        weekday_re=re.compile(
            # "Fr. Müller" is Frau Müller (the abbreviation table), not a Friday
            rf"(?<![\w.])({days})(?:\.(?!\s[A-ZÄÖÜ][a-zäöüß])|(?=\s*(?:[,:/–—-]|und\s|and\s|\d))(?![\w]))"
            rf"|(?<=[–—-])({days})\b(?!\.\w)"
        ),
        month_re=re.compile(rf"(?<![\w.,])(\d{{1,2}})\.?(?:{_DASH}(\d{{1,2}})\.?)?\s+({months})(?![\w])"),
        unit_re=re.compile(rf"(\d)\s?({units})(?![\w/²])"),
        phone_re=re.compile(rf"\b(?:{phone})\.?:?\s*(\+?[\d][\d /()-]*\d)"),
    )


def _oblique(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in lang_de.OBLIQUE


def _article(text: str, start: int, rules: Rules) -> str:
    """ "bis 12.12." is said "bis zum zwölften Dezember", "seit 1.4." "seit dem ersten April"."""
    if rules.name == "en":
        return ""
    before = text[max(0, start - 8) : start].split()
    return lang_de.DATE_ARTICLES.get(before[-1].lower(), "") if before else ""


def _dates(text: str, rules: Rules) -> str:
    table = rules.table
    months = table.MONTHS

    def numeric(m: re.Match[str]) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group()
        year = m.group(3) or ""
        if len(year) == 2:
            year = "20" + year
        said = str(table.date(day, month, year, _oblique(text, m.start())))
        return _article(text, m.start(), rules) + said

    text = _ISO_DATE.sub(lambda m: f"{int(m.group(3))}.{int(m.group(2))}.{m.group(1)}", text)
    text = _NUM_DATE.sub(numeric, text)

    def named(m: re.Match[str]) -> str:
        first, second, name = int(m.group(1)), m.group(2), m.group(3)
        month = next(
            (full for full in months if name.rstrip(".") in (full, full[:3])),
            name,
        )
        if not 1 <= first <= 31:
            return m.group()
        if rules.name == "en":
            lead = lang_en.ordinal(first)
            return (
                f"{lead} {rules.word('to')} {lang_en.ordinal(int(second))} {month}"
                if second
                else (f"{lead} {month}")
            )
        ending = "en" if _oblique(text, m.start()) else "er"
        lead = _article(text, m.start(), rules) + lang_de.ordinal(first, ending)
        if second:
            return f"{lead} bis {lang_de.ordinal(int(second), ending)} {month}"
        return f"{lead} {month}"

    text = rules.month_re.sub(named, text)
    # "3. November–30. Januar 2026": a range of dates
    month_names = _alternatives(list(months))
    text = _compiled(rf"\b({month_names})( \d{{4}})?\s*[–—-]\s*(?=\w)").sub(
        rf"\1\2 {rules.word('to')} ", text
    )
    if rules.name != "en":
        nouns = _alternatives(list(lang_de.ORDINAL_NOUNS))

        def noun(m: re.Match[str]) -> str:
            gender = lang_de.ORDINAL_NOUNS[m.group(2)]
            ending = "en" if _oblique(text, m.start()) else {"m": "er", "f": "e", "n": "es"}[gender]
            return f"{lang_de.ordinal(int(m.group(1)), ending)} {m.group(2)}"

        text = _compiled(rf"(?<![\w.,])(\d{{1,2}})\.\s+({nouns})\b").sub(noun, text)
    return text


def _times(text: str, rules: Rules) -> str:
    say: Callable[[int, int], str] = rules.table.time_of_day
    uhr = r"(?:\s*Uhr\b)?" if rules.name != "en" else r"(?:\s*(?:h|hrs)\b)?"

    def valid(h: str, m: str) -> bool:
        return int(h) <= 24 and int(m) <= 59

    def span(m: re.Match[str]) -> str:
        if not (valid(m.group(1), m.group(2)) and valid(m.group(3), m.group(4))):
            return m.group()
        first, last = say(int(m.group(1)), int(m.group(2))), say(int(m.group(3)), int(m.group(4)))
        return f"{first} {rules.word('to')} {last}"

    text = _compiled(rf"(?<![\w.,]){_TIME}{uhr}{_DASH}{_TIME}{uhr}").sub(span, text)

    def one(m: re.Match[str]) -> str:
        if not valid(m.group(1), m.group(2)):
            return m.group()
        if m.group(0)[len(m.group(1))] == "." and not m.group(3):
            return m.group()  # "14.30" without "Uhr" may be anything; "14.30 Uhr" is a time
        return say(int(m.group(1)), int(m.group(2)))

    text = re.sub(
        rf"(?<![\w.,:]){_TIME}(\s*Uhr\b|\s*[ap]\.?m\.?(?!\w))?(?![\d]|[.,:]\d)", _keep_ampm(one), text
    )
    return re.sub(r"\b(am|pm)\s*[–—-]\s*(?=\d)", rf"\1 {rules.word('to')} ", text)


def _keep_ampm(one: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
    """A time written "2:30 pm" is already spoken right: only its spacing is tidied."""

    def replace(m: re.Match[str]) -> str:
        tail = (m.group(3) or "").strip().lower().replace(".", "")
        if tail in ("am", "pm"):
            return (
                f"{int(m.group(1))}:{m.group(2)} {tail}"
                if m.group(2) != "00"
                else f"{int(m.group(1))} {tail}"
            )
        return one(m)

    return replace


def _weekdays(text: str, rules: Rules) -> str:
    days: Mapping[str, str] = rules.table.WEEKDAYS
    text = rules.weekday_re.sub(lambda m: days[m.group(1) or m.group(2)], text)
    if rules.name != "en":
        text = _compiled(r"(?<![\w.])Fr\.(?=\s[A-ZÄÖÜ][a-zäöüß])").sub("Frau", text)
    shut = "closed" if rules.name == "en" else "geschlossen"
    closed_day = _compiled(rf"(?:(?<=, )|(?<=^))({_alternatives(list(days))})(?= {shut}\b)", re.MULTILINE)
    text = closed_day.sub(lambda m: days[m.group(1)], text)
    names = _alternatives(list(days.values()))
    return _compiled(rf"\b({names})\s*[–—-]\s*({names})\b").sub(rf"\1 {rules.word('to')} \2", text)


def _money_units_symbols(text: str, rules: Rules) -> str:
    money: Callable[[str, str], str] = rules.table.money
    sep = r"[.,]" if rules.name == "en" else ","
    text = re.sub(
        rf"(\d+)(?:{sep}(\d{{2}}|–|-))?\s?(?:€|EUR\b|Euro\b|euros?\b)",
        lambda m: money(m.group(1), m.group(2) if m.group(2) and m.group(2).isdigit() else ""),
        text,
    )
    text = re.sub(
        rf"(?:€|EUR)\s?(\d+)(?:{sep}(\d{{2}}))?", lambda m: money(m.group(1), m.group(2) or ""), text
    )
    units: Mapping[str, str] = rules.table.UNITS
    text = rules.unit_re.sub(lambda m: f"{m.group(1)} {units[m.group(2)]}", text)
    text = _SIGN.sub(lambda m: rules.word("plus" if m.group(1) == "+" else "minus") + " ", text)
    text = text.replace("24/7", rules.word("always"))
    text = re.sub(r"\s*&\s*", f" {rules.word('and')} ", text)
    text = re.sub(r"(?<=\w)\s*\+\s*(?=\w)", f" {rules.word('plus')} ", text)
    text = re.sub(r"(?<=[^\W\d])/(?=[^\W\d])", f" {rules.word('or')} ", text)
    text = re.sub(r"\s+/\s+", ", ", text)  # "Kröpeliner Straße / Universitätsplatz": two names, a pause
    text = re.sub(r"§\s*", rules.word("paragraph") + " ", text)
    text = re.sub(r"(\d)\s?°(?![CF])", rf"\1 {rules.word('degree')}", text)
    # the wheelchair sign: named where the text talks about it, else its words follow it ("♿ barrierefrei")
    text = re.sub(r"(?<=\w )♿", rules.word("wheelchair"), text)
    text = re.sub(r"\s*♿\s*", " ", text)
    text = re.sub(r"\s*→\s*", ", ", text)  # "Mobilität → Bus & Bahn": a path through the menus
    return re.sub(r"\s+[–—]\s+", ", ", text)  # a dash between clauses is a pause, not a word


def _park(text: str, pattern: re.Pattern[str], spell: Callable[[str], str], parked: list[str]) -> str:
    def store(m: re.Match[str]) -> str:
        parked.append(spell(m.group()))
        return f"{_PLACE}{len(parked) - 1}{_PLACE}"

    return pattern.sub(store, text)


def normalise(text: str, language: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """The spoken form of ``text`` in ``language`` (``de``, ``ls``, ``en``; others: neutral steps only).

    Args:
        text: Text as shown on screen (several lines allowed; line breaks are kept).
        language: The language the text is spoken in (its voice).
        abbreviations: More written → spoken pairs for this language (the editors' table); they win
            over the built-in ones.
    """
    text = _SPACES.sub(" ", _HINTS.sub("", text))
    text = _SPACED_DOT.sub(", ", text)
    text = _MEDIOPUNKT.sub("", text)
    text = _GENDER_MARK.sub("", text)
    text = _LIST_MARK.sub("", text)
    if language == "ls":
        text = _LS_HYPHEN.sub(lambda m: m.group(1) + m.group(2).lower() + m.group(3), text)
    known = i18n.language(language)
    if known is None or not known.speech_rules:
        return _tidy(text)
    rules = _rules(known.speech_rules, tuple(sorted((abbreviations or {}).items())))
    parked: list[str] = []
    # the Speaker runs this on the GUI thread for every utterance: skip rules that cannot match
    if "@" in text:
        text = _park(text, _EMAIL, lambda s: spell_address(s, rules.table.WORDS), parked)
    if "." in text:
        text = _park(text, _URL, lambda s: spell_address(s, rules.table.WORDS), parked)
    if rules.abbreviation_re is not None:
        text = rules.abbreviation_re.sub(lambda m: _expand(m, rules), text)
    numbers = any(c.isdigit() for c in text)
    if numbers:
        text = _park(text, rules.phone_re, lambda s: _phone_after_word(s, rules), parked)
        text = _park(text, _PLAIN_PHONE, plain_phone, parked)
        text = _POSTCODE.sub(lambda m: " ".join(m.group(1)), text)
        text = _dates(text, rules)
        text = _times(text, rules)
    text = _weekdays(text, rules)
    if numbers and rules.name != "en":
        text = _THOUSANDS.sub(lambda m: m.group().replace(".", ""), text)
    text = _money_units_symbols(text, rules)
    if numbers:
        text = _NUMBER_RANGE.sub(rf"\1 {rules.word('to')} \2", text)
    if parked:
        text = _PARKED.sub(lambda m: parked[int(m.group(1))], text)
    return _tidy(text)


def _expand(m: re.Match[str], rules: Rules) -> str:
    written = re.sub(r"\.\s?", ". ", m.group()).strip()
    key = next(
        (k for k in rules.abbreviations if re.sub(r"\.\s?", ". ", k).strip() == written),
        m.group(),
    )
    spoken = rules.abbreviations.get(key, m.group())
    rest = m.string[m.end() :]
    if key == "St." and rules.name == "en" and re.match(r" [A-Z]", rest):
        spoken = "Saint"  # "St. Mary's", but "Lange St."
    # an abbreviation's period that also ends the text (or the line) ends the sentence too
    return spoken + ("." if m.group().endswith(".") and (not rest.strip() or rest.startswith("\n")) else "")


def _phone_after_word(match_text: str, rules: Rules) -> str:
    m = rules.phone_re.match(match_text)
    number = m.group(1) if m else match_text
    return match_text[: len(match_text) - len(number)] + digits(number)


def _tidy(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = _SPACE_RUN.sub(" ", line).strip()
        line = _DOUBLE_COMMA.sub(",", _SPACE_PUNCT.sub(r"\1", line))
        lines.append(line.strip(", ") if line.strip() in (",",) else line)
    return "\n".join(lines)


__all__ = ["normalise"]
