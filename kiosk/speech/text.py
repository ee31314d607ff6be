"""Text → sentence chunks for per-sentence synthesis (pure).

The first sound can only start when its chunk is synthesised, so a page text is cut into sentences and the
first one plays while the rest are made. A wrong cut is heard (a pause and a falling tone in the middle of
"z. B." or "3. Oktober"), a missed cut only costs a few milliseconds; so the rules cut only where a
sentence surely ends and leave every doubtful period alone.

Decisions:
- Cut after ``. ! ? …`` (and ``...``) followed by white space, and at line breaks (list items, addresses).
- A period does not end a sentence after a known abbreviation, a single letter (initials, "z. B."), a
  number of up to three digits (ordinals such as "3. Oktober", "am 3. Tag"), or when a lower-case word
  follows. Dates, times, decimal commas and URLs have no white space after their dots, so they are
  never cut.
- The Mediopunkt "·" of Leichte Sprache joins parts of one word ("Stadt·hafen"): never a cut.
- A chunk longer than :data:`LONG` characters is cut again after "; " or ", " (not "3,5") so a long
  sentence does not delay the first sound; none is ever longer than :data:`HARD` (cut at a space then).
"""

from __future__ import annotations

import re

LONG = 200  # characters: a chunk this long takes ≈ 15 ms to synthesise here; longer ones are cut at ; or ,
HARD = 2 * LONG  # never one request longer than this: a stopped chunk must not keep the worker busy for long

# fmt: off
ABBREVIATIONS = frozenset({
    "z", "b", "u", "a", "o", "ä", "nr", "str", "ca", "bzw", "dr", "prof", "hr", "fr", "usw", "etc", "ggf",
    "evtl", "inkl", "exkl", "vgl", "d", "h", "s", "m", "tel", "abs", "bd", "bsp", "ff", "hbf", "jh",
    "jhd", "mio", "mrd", "min", "max", "std", "sek", "tsd", "zzgl", "abt", "allg", "ang", "bes", "bzgl",
    "dgl", "dipl", "eigtl", "einschl", "entspr", "geb", "gegr", "gem", "ges", "hl", "i", "ing", "jun",
    "kap", "kfz", "lt", "mind", "mtl", "nachm", "vorm", "o.ä", "orig", "pkt", "pl", "rd", "sog", "stv",
    "tägl", "ü", "urspr", "v", "verh", "vers", "vj", "zt", "zw", "mo", "di", "mi", "sa", "jan", "feb",
    "mär", "apr", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "mr", "mrs", "ms", "st", "vs",
    "approx", "dept", "est",
})
# fmt: on

# a sentence end: one or more end marks, then closing quotes/brackets, then white space or the end
_END = re.compile(r"(?:\.{3}|[.!?…])+[\"'»«“”‘’)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_NEXT = re.compile(r"\s*(\S)")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark = match.group()
    if mark.rstrip("\"'»«“”‘’)]") != ".":  # ! ? … and ... always end a sentence here
        return True
    following = _NEXT.match(text, match.end())
    if following is None:
        return True
    if following.group(1).islower() or following.group(1).isdigit():
        return False  # "ca. zehn", "Nr. 5": no new sentence starts in lower case or with a number
    word = _WORD_BEFORE.search(text, max(0, match.start() - 60), match.start() + 1)
    if word is None:
        return True
    token = word.group(1).lower()
    last = token.rsplit(".", 1)[-1]
    if token in ABBREVIATIONS or last in ABBREVIATIONS:
        return False
    if len(last) == 1 and last.isalpha():
        return False  # initials and "z. B.", "u. a."
    return not (last.isdigit() and len(last) <= 3)  # ordinals "3. Oktober"; a year "2025." ends one


def _split_long(chunk: str) -> list[str]:
    parts: list[str] = []
    while len(chunk) > LONG:
        # the last clause end before the limit, else the first one after it; ";" before ","
        cuts = [chunk.rfind(sep, 0, LONG) for sep in ("; ", ", ")]
        cuts += [chunk.find(sep, LONG, HARD) for sep in ("; ", ", ")]
        cut = next((c for c in cuts if c > 0), -1)
        if cut <= 0 and len(chunk) > HARD:
            # no clause boundary within reach (hostile or odd text from a feed): cut at a space, else hard
            space = chunk.rfind(" ", 0, HARD)
            cut = space if space > 0 else HARD - 1
        if cut <= 0:
            break  # a long clause up to HARD stays whole rather than being cut in the middle
        parts.append(chunk[: cut + 1].strip())
        chunk = chunk[cut + 1 :].strip()
    parts.append(chunk)
    return [part for part in parts if part]


def sentences(text: str) -> list[str]:
    """Cut ``text`` into chunks that can be synthesised one by one.

    Args:
        text: Any text as shown on screen (several lines allowed).

    Returns:
        Non-empty stripped chunks in reading order; joined, they hold every non-space character of
        ``text`` in order.
    """
    chunks: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _END.finditer(line):
            if _is_boundary(line, match):
                chunks.extend(_split_long(line[start : match.end()].strip()))
                start = match.end()
        chunks.extend(_split_long(line[start:].strip()))
    return [chunk for chunk in chunks if chunk]


__all__ = ["HARD", "LONG", "sentences"]
