"""Every interface word and every language fact of the kiosk, in one place (pure: no Qt, no I/O).

One module per language (``de.py``, ``en.py``, ``ls.py`` = Leichte Sprache, ``fr.py`` …) holds that
language's facts (``LANGUAGE``, a :class:`Language`) and its words (``WORDS``, one flat ``key → text``
table). Keys carry the area they belong to (``nav.back``, ``data.parking``, ``alert.source``,
``admin.title``, ``status.device``, ``watch.none``, ``spoken.line``, ``surge.headline``), so the same
word may differ by area. A key ending in ``#1`` is the singular form, used when ``n == 1``.

One fallback rule: a word missing in a language comes from that language's declared ``fallback``, and
so on, ending in German (the base language, which must have every key: a test checks it). English falls
back to German, Leichte Sprache to German, the other languages to English (a tourist reads English more
often than German).

Adding a language means adding one file here: a module named for its code, with ``LANGUAGE`` and
``WORDS`` (empty is fine: every word then comes from its fallback). The registry is built from the
package's modules.

Not here: the messages of ``kiosk validate`` (``kiosk/config/easy/messages.py`` and
``kiosk/config/messages/``) — those are editor-facing validator wording with their own catalogue, not
interface words a passer-by sees — and the spoken-form tables of ``kiosk/speech/lang_de.py`` /
``lang_en.py`` (rules for saying numbers and abbreviations, chosen per language by
``Language.speech_rules``).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import ModuleType

from kiosk.i18n.language import SHY, ZWSP, Language
from kiosk.i18n.tagged import in_language

BASE = "de"
_CODE = re.compile(r"[a-z]{2,3}")  # a module named like a language code is a language


@dataclass(frozen=True)
class Entry:
    """One registered language: its facts and its own words."""

    language: Language
    words: Mapping[str, str]


def entry_from_module(module: ModuleType) -> Entry:
    """The language a module declares; ``TypeError`` if it is not a complete language module."""
    language, words = getattr(module, "LANGUAGE", None), getattr(module, "WORDS", None)
    if not isinstance(language, Language) or not isinstance(words, dict):
        raise TypeError(f"{module.__name__} needs LANGUAGE (a Language) and WORDS (a dict)")
    if language.code != module.__name__.rsplit(".", 1)[-1]:
        raise TypeError(f"{module.__name__} declares the code {language.code!r}")
    return Entry(language, words)


def discover(package: ModuleType) -> dict[str, Entry]:
    """Every language module of ``package`` (modules named like a code), in alphabetical order."""
    found: dict[str, Entry] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if _CODE.fullmatch(info.name):
            found[info.name] = entry_from_module(importlib.import_module(f"{package.__name__}.{info.name}"))
    return found


@cache
def registry() -> dict[str, Entry]:
    """The languages of this package: German, then the expected ones (English, Leichte Sprache), then the
    others, each group by code."""
    import kiosk.i18n as package

    found = discover(package)
    order = sorted(found, key=lambda code: (code != BASE, not found[code].language.expected, code))
    return {code: found[code] for code in order}


def codes() -> tuple[str, ...]:
    """The codes of every language the kiosk knows (German first)."""
    return tuple(registry())


def languages() -> tuple[Language, ...]:
    """The facts of every language, in the order of :func:`codes`."""
    return tuple(entry.language for entry in registry().values())


def language(code: str) -> Language | None:
    entry = registry().get(code)
    return entry.language if entry else None


def language_name(code: str) -> str:
    """The name of a language in that language ("English", "Deutsch", "Leichte Sprache"); else the code."""
    known = language(code)
    return known.name if known else code


@cache
def chain(code: str) -> tuple[str, ...]:
    """The languages a word is looked up in, in order: ``code``, its fallbacks, German last."""
    known = registry()
    order: list[str] = []
    while code in known and code not in order:
        order.append(code)
        code = known[code].language.fallback
    return (*order, BASE) if BASE not in order else tuple(order)


def staff_language(code: str) -> str:
    """The language of the screens for a technician or an editor on a device in ``code``: English where
    ``code`` falls back to English, else German (Leichte Sprache: German)."""
    return "en" if "en" in chain(code) else BASE


def own_words(code: str) -> Mapping[str, str]:
    """The words ``code`` has itself (without fallback); empty for an unknown language."""
    entry = registry().get(code)
    return entry.words if entry else {}


def text(key: str, code: str, **fmt: object) -> str:
    """The interface word ``key`` in language ``code``, with ``fmt`` filled in (``str.format``).

    ``n=1`` picks the singular form ``key#1`` where one exists. A word the language lacks comes from the
    first language of :func:`chain` that has it. Raises ``KeyError`` for a key German does not have: a
    typo must fail in the tests, not show an empty button.

    A word that comes from a fallback is tagged with the language it is in (``kiosk.i18n.tagged``:
    invisible on screen), so the voice speaks "Back" in a French session with the English voice. Only
    the word's own letters and the numbers it formats are tagged: a text filled in (a page title) keeps
    the language it brings, its own tags or the session's.
    """
    known = registry()
    base = known[BASE].words
    if fmt.get("n") == 1 and f"{key}#1" in base:
        key = f"{key}#1"
    if key not in base:
        raise KeyError(key)
    step = next((step for step in chain(code) if known[step].words.get(key)), BASE)
    found = known[step].words.get(key) or base[key]
    if step == code or code not in known:  # its own word (or an unknown code: no voice to correct)
        return found.format(**fmt) if fmt else found
    # (no fmt: the caller may still format it: the template keeps its braces inside its tag)
    return _filled_in(found, step, fmt) if fmt else in_language(found, step)


_FORMAT = string.Formatter()


def _filled_in(word: str, code: str, fmt: Mapping[str, object]) -> str:
    """``word.format(**fmt)`` with ``word``'s own parts tagged as spoken in ``code``."""
    out: list[str] = []
    own = ""  # the word's letters and formatted numbers since the last filled-in text
    for literal, field, spec, conversion in _FORMAT.parse(word):
        own += literal
        if field is None:
            continue
        value, _ = _FORMAT.get_field(field, (), fmt)
        shown = _FORMAT.format_field(_FORMAT.convert_field(value, conversion), spec or "")
        if isinstance(value, str):  # a text of its own: its language is not the word's
            out += [in_language(own, code), shown]
            own = ""
        else:
            own += shown
    return "".join([*out, in_language(own, code)])


def decimal(number: str, code: str) -> str:
    """``number`` as Python writes it ("12.5") with the decimal mark of ``code`` ("12,5"; German's for an
    unknown language)."""
    known = language(code) or registry()[BASE].language
    return number.replace(".", known.decimal_mark)


def day(when: date, code: str, short: bool = False) -> str:
    """``when`` as ``code`` writes a day ("18.10.2025", "18 Oct 2025"; German's for an unknown language)."""
    known = language(code) or registry()[BASE].language
    months = known.months or ("",) * 12
    return (known.day_short if short else known.day).format(
        dd=f"{when:%d}", mm=f"{when:%m}", yyyy=f"{when:%Y}", d=when.day, mon=months[when.month - 1]
    )


def has_own(key: str, code: str) -> bool:
    """Whether ``code`` has its own word for ``key`` (not one from its fallback)."""
    return bool(own_words(code).get(key))


__all__ = [
    "BASE",
    "SHY",
    "ZWSP",
    "Entry",
    "Language",
    "chain",
    "codes",
    "day",
    "decimal",
    "discover",
    "entry_from_module",
    "has_own",
    "language",
    "language_name",
    "languages",
    "own_words",
    "registry",
    "staff_language",
    "text",
]
