"""Sentences, words and syllables of a German text, as the Leichte Sprache rules need them.

Heuristics, not a parser: a sentence ends at . ! ? : ; or a line break (Leichte Sprache writes one
sentence per line), except after a digit ("7. August") or an abbreviation ("z. B."); a syllable is a
group of vowels. Good enough to point an editor at a place, never to rewrite it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MEDIOPUNKT = "·"
_VOWELS = re.compile(r"[aeiouyäöü]+", re.IGNORECASE)
_WORD = re.compile(rf"[^\W\d_][\w{MEDIOPUNKT}\-]*|\d+(?:[.,:]\d+)*", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string: word lists stay readable."""
    return frozenset(text.split())


# tokens ending in a full stop that do not end a sentence (lower case, without the dots)
ABBREVIATION_STEMS = word_set(
    "zb bzw usw ca etc dh ua evtl ggf inkl max min mind nr str tel hbf st dr prof geb vgl so oä uu zzgl "
    "bspw sog mo di mi do fr sa"
)
_MARKUP = re.compile(r"\*\*|(?<!\w)\*|\*(?!\w)|^\s*-\s+", re.MULTILINE)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and its words in order."""

    text: str
    words: tuple[str, ...]


_ADDRESS = re.compile(r"\b(https?://\S+|[\w.-]+\.(de|com|org|net|eu|info)\b(/\S*)?|\S+@\S+)", re.I)


def plain(text: str) -> str:
    """The text without the Markdown marks editors may use (``**bold**``, ``*italic*``, ``- `` lists),
    and with web and e-mail addresses as one plain word: they are read out as they are."""
    return _ADDRESS.sub("Adresse", _MARKUP.sub("", text))


def words(text: str) -> list[str]:
    """Words and numbers, with Mediopunkt and hyphen kept inside a word."""
    return _WORD.findall(text)


_ORDINAL_NEXT = re.compile(
    r"\s+(\d|[a-zäöüß]|(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|Stock|Etage|Klasse|Platz|Liga|Mal)\b)"
)


def _ends_here(line: str, i: int) -> bool:
    mark = line[i]
    if i + 1 < len(line) and not line[i + 1].isspace():
        return False  # "rathaus.rostock.de", "9:30"
    if mark != ".":
        return True
    before = re.search(r"([\w]+)$", line[:i])
    if before is None:
        return True
    token = before.group(1)
    if token.isdigit():  # "7. August", "3. Stock" go on; "Rufen Sie 112." ends
        return not _ORDINAL_NEXT.match(line, i + 1)
    stem = token.lower()
    # "z. B.": each part is one letter; "Str.", "bzw." are known abbreviations
    return not (len(token) == 1 or stem in ABBREVIATION_STEMS)


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; empty pieces are dropped."""
    found: list[Sentence] = []
    for line in plain(text).splitlines():
        start = 0
        for i, char in enumerate(line):
            if char in ".!?:;" and _ends_here(line, i):
                _add(found, line[start : i + 1])
                start = i + 1
        _add(found, line[start:])
    return found


def _add(found: list[Sentence], piece: str) -> None:
    piece = piece.strip()
    tokens = tuple(words(piece))
    if tokens:
        found.append(Sentence(piece, tokens))


def letters(word: str) -> int:
    return sum(len(part) for part in _LETTERS.findall(word))


def syllables(word: str) -> int:
    """Vowel groups: "Ver-an-stal-tun-gen" is 5; "ie", "ei", "au", "eu" count once."""
    return len(_VOWELS.findall(word))


def parts(word: str) -> list[str]:
    """The parts of a word joined by Mediopunkt or hyphen ("Stadt·hafen" → Stadt, hafen)."""
    return [p for p in re.split(rf"[{MEDIOPUNKT}\-]", word) if p]


@functools.lru_cache(maxsize=4096)
def normal(word: str) -> str:
    """Lower case without Mediopunkt and hyphen: how glossary words are compared."""
    return re.sub(rf"[{MEDIOPUNKT}\-\s]", "", word).lower()


# Common last parts of compounds in city texts: lets the check suggest "Bau·stelle" for "Baustelle"
# even when the pack's own texts do not contain the part on its own.
COMPOUND_PARTS = word_set("""
    amt amts arbeit auto ausweis bahn bank beratung bau beginn berg bild bus dach daten dienst dorf ende
    fahrt fahrer fahrrad feld fest feuer fenster flut frau garten gebiet geld gruppe hafen halle haus
    heim hilfe hof info internet jahr karte kinder kirche kunst land laden leben licht linie luft mann
    markt meer mitte nummer ort park partner pass plan platz post punkt rad rat raum recht regen
    schiff schule see seite service sport stadt stand station stelle straße strand stunde sturm tag
    teil termin tür turm uhr verein verkehr wagen wald wasser weg welt werk wetter woche wohnung zeit
    zentrum zimmer zug zettel
    """)
_LINKS = ("", "s", "n", "en", "es", "e", "er")  # Fugen: "Verkehrs·zeichen", "Straßen·bahn"
_ENDINGS = ("", "n", "en", "e", "s", "es", "er", "ern")  # plural and case endings of the last part


def split_compound(word: str, lexicon: frozenset[str]) -> str | None:
    """``word`` with a Mediopunkt between two known parts ("Baustellen" → "Bau·stellen"), else None.

    A part is known when it is in ``lexicon`` (words of the pack's own texts) or in COMPOUND_PARTS; the
    most even split wins, so "Personalausweis" becomes "Personal·ausweis", not "Person·alausweis".
    """
    low = word.lower()
    known = lexicon | COMPOUND_PARTS
    best: tuple[int, int] | None = None
    for i in range(3, len(low) - 2):
        left, right = low[:i], low[i:]
        if not _known_head(right, known) or not _known_left(left, known):
            continue
        score = min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    i = best[1]
    return word[:i] + MEDIOPUNKT + word[i:]


def _known_head(right: str, known: frozenset[str]) -> bool:
    return any(
        right.endswith(end) and len(right) - len(end) >= 3 and right[: len(right) - len(end)] in known
        for end in _ENDINGS
    )


def _known_left(left: str, known: frozenset[str]) -> bool:
    return any(
        left.endswith(link) and len(left) - len(link) >= 3 and left[: len(left) - len(link)] in known
        for link in _LINKS
    )
