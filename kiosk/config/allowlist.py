"""Which web addresses a device may show: its ``web_allowlist`` of host names and ``*.`` patterns."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from urllib.parse import urlsplit


def host_allowed(host: str, allowlist: Iterable[str]) -> bool:
    """``www.rostock.de`` matches ``www.rostock.de`` and ``*.rostock.de``; ``*.rostock.de`` also allows
    ``rostock.de`` itself."""
    host = host.lower().rstrip(".")
    for pattern in allowlist:
        pattern = pattern.lower()
        if (
            host == pattern
            or host == pattern.removeprefix("*.")
            or (pattern.startswith("*.") and fnmatch.fnmatchcase(host, pattern))
        ):
            return True
    return False


def url_allowed(url: str, allowlist: Iterable[str]) -> bool:
    """Only http(s) addresses whose host is allowed; file:, javascript: and the rest never are."""
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and host_allowed(parts.hostname or "", allowlist)
    )
