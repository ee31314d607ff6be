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


def _names(value: Any) -> list[str]:
    """A list of names as an editor wrote it; anything else gives nothing."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _broken(c: ContentSet, kind: str) -> list[tuple[str, Any]]:
    return [(name, raw) for (k, name), raw in sorted(c.raw.items()) if k == kind]


def listed_slides(c: ContentSet) -> set[str]:
    """Slides named by playlists that did not validate (``items: [a, {slide: b}]``)."""
    found: set[str] = set()
    for _, raw in _broken(c, "playlist"):
        if isinstance(raw, str):
            found |= _words(raw) & set(c.slides)
        elif isinstance(raw, dict) and isinstance(raw.get("items"), list):
            for item in raw["items"]:
                slide = item.get("slide") if isinstance(item, dict) else item
                if isinstance(slide, str):
                    found.add(slide)
    return found


def children(c: ContentSet, page: str) -> list[str]:
    """The sub-pages of ``page``, whether it validated or not."""
    entry = c.pages.get(page)
    if entry is not None:
        return list(entry.model.children)
    raw = c.raw.get(("page", page))
    if isinstance(raw, str):
        return sorted(_words(raw) & set(c.pages))
    return _names(raw.get("children")) if isinstance(raw, dict) else []


def device_home_pages(c: ContentSet) -> set[str]:
    """Home pages of device files that did not validate."""
    found: set[str] = set()
    for _, raw in _broken(c, "device"):
        if isinstance(raw, str):
            found |= _words(raw) & set(c.pages)
        elif isinstance(raw, dict):
            found.update(_names(raw.get("home_page")))
    return found


def device_languages(c: ContentSet) -> dict[str, list[str]]:
    """Device id → the languages a device file that did not validate offers, when it says so."""
    found: dict[str, list[str]] = {}
    for name, raw in _broken(c, "device"):
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
