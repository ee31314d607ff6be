"""Did-you-mean hints for misspelt keys and dangling references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``did you mean 'x'?`` for the closest candidate, or a short list of what is allowed."""
    pool = sorted(set(candidates))
    if not pool:
        return ""
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return f"did you mean '{lowered[word.lower()]}'? (names are case-sensitive)"
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(pool) <= 12:
        return "allowed: " + ", ".join(pool)
    return ""
