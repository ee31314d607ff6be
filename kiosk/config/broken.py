"""What a broken file still says: the names it lists, read leniently, so one mistake is reported once.

A playlist rejected for a reversed date range still lists its slides; a page rejected for an unknown
key still has its children; a device file with a bad value still names its home page and languages.
Without this, every slide, page and text behind the broken file would also be reported ("in no
playlist", "cannot be reached"), and the editor would chase warnings that vanish with the one fix.
When the file is not even readable YAML, every name-like word in its text counts (it may be listed).
"""

from __future__ import annotations

import re
from typing import Any

from kiosk.config.loader import ContentSet

_WORD = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _names(value: Any) -> list[str]:
    """A list of names as an editor wrote it; anything else gives nothing."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _broken(c: ContentSet, kind: str) -> list[tuple[str, Any]]:
    return [(name, raw) for (k, name), raw in sorted(c.raw.items()) if k == kind]


def slides_of(c: ContentSet, playlist: str) -> list[str]:
    """The slides ``playlist`` lists (``items: [a, {slide: b}]``), whether it validated or not."""
    entry = c.playlists.get(playlist)
    if entry is not None:
        return [item.slide for item in entry.model.items]
    raw = c.raw.get(("playlist", playlist))
    if isinstance(raw, str):
        return sorted(_words(raw) & set(c.slides))
    items = raw.get("items") if isinstance(raw, dict) else None
    named = [item.get("slide") if isinstance(item, dict) else item for item in _list(items)]
    return [slide for slide in named if isinstance(slide, str)]


def listed_slides(c: ContentSet) -> set[str]:
    """Slides named by playlists that did not validate."""
    return {slide for name, _ in _broken(c, "playlist") for slide in slides_of(c, name)}


def children(c: ContentSet, page: str) -> list[str]:
    """The sub-pages of ``page``, whether it validated or not."""
    entry = c.pages.get(page)
    if entry is not None:
        return list(entry.model.children)
    raw = c.raw.get(("page", page))
    if isinstance(raw, str):
        return sorted(_words(raw) & set(c.pages))
    return _names(raw.get("children")) if isinstance(raw, dict) else []


def device_home_pages(c: ContentSet) -> dict[str, set[str]]:
    """Device id → the home page a device file that did not validate names."""
    found: dict[str, set[str]] = {}
    for name, raw in _broken(c, "device"):
        if isinstance(raw, str):
            found[name] = _words(raw) & set(c.pages)
        elif isinstance(raw, dict):
            found[name] = set(_names(raw.get("home_page")))
    return found


_LANGUAGES = re.compile(
    r"^languages:[ \t]*(?:\[(?P<inline>[^\]\n]*)\]|\n(?P<block>(?:[ \t]+-[ \t]*\S+[ \t]*\n)+))", re.MULTILINE
)


def device_languages(c: ContentSet) -> dict[str, list[str]]:
    """Device id → the languages a device file that did not validate offers, when it says so."""
    found: dict[str, list[str]] = {}
    for name, raw in _broken(c, "device"):
        if isinstance(raw, str):
            match = _LANGUAGES.search(raw)
            listed = (match.group("inline") or match.group("block")) if match else ""
            languages = re.findall(r"[a-z]{2}", listed)
        else:
            languages = _names(raw.get("languages")) if isinstance(raw, dict) else []
        if languages:
            found[name] = languages
    return found


def device_playlists(c: ContentSet) -> dict[str, set[str]]:
    """Device id → the playlists a device file that did not validate assigns to its zones."""
    found: dict[str, set[str]] = {}
    for name, raw in _broken(c, "device"):
        if isinstance(raw, str):
            found[name] = _words(raw) & set(c.playlists)
            continue
        zones = raw.get("zones") if isinstance(raw, dict) else None
        names: set[str] = set()
        for zone in zones.values() if isinstance(zones, dict) else ():
            if isinstance(zone, dict):
                names.update(_names(zone.get("playlists")))
                names.update(_names(zone.get("default")))
        found[name] = names
    return found
