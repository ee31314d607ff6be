"""Things spoken piece by piece (pure): web and e-mail addresses with their dots, and phone numbers and
postcodes digit by digit in their groups ("0381 381-0" is no "dreihunderteinundachtzig")."""

from __future__ import annotations

import re
from collections.abc import Mapping

_SEPARATORS = {".": "dot", "/": "slash", "@": "at", "-": "dash", "_": "underscore"}


def digits(number: str) -> str:
    """ "0381 381-0" → "0 3 8 1, 3 8 1, 0": each group its own breath, each digit its own word."""
    groups = [g for g in re.split(r"[\s/()-]+", number) if g]
    spoken = []
    for group in groups:
        sign = "plus " if group.startswith("+") else ""
        spoken.append(sign + " ".join(group.lstrip("+")))
    return ", ".join(spoken)


def plain_phone(number: str) -> str:
    """A number that looks like a phone number (0… or +…) with at least six digits, else as it is."""
    return digits(number) if sum(c.isdigit() for c in number) >= 6 else number


def spell_address(text: str, words: Mapping[str, str]) -> str:
    """ "https://www.rostock.de/termine" → "w w w Punkt rostock Punkt de Schrägstrich termine"
    (``words``: the language's words for dot, slash, at, dash, underscore)."""
    body = re.sub(r"^https?://", "", text, flags=re.IGNORECASE).rstrip("/")
    out = []
    for piece in re.split(r"([./@_-])", body):
        if piece in _SEPARATORS:
            out.append(words[_SEPARATORS[piece]])
        elif piece.lower() == "www":
            out.append("w w w")
        elif piece:
            out.append(piece.lower() if piece.isupper() and len(piece) > 3 else piece)
    return " ".join(out)


__all__ = ["digits", "plain_phone", "spell_address"]
