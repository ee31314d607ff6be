"""Where passer-by texts are and who sees them: every ``Text`` in a model, and the languages of the
devices that show a slide, page or alert."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from kiosk.config import broken
from kiosk.config.issues import KeyPath
from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models import Device
from kiosk.config.models.base import EXPECTED_LANGUAGES, Text
from kiosk.config.references import reachable_pages


def texts(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Text]]:
    """Every ``Text`` inside ``value`` with its key path, in file order."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, key))


def _devices(content: ContentSet) -> Iterator[tuple[str, list[str], set[str], set[str]]]:
    """(id, languages, playlists, home pages) of every device, also of a device file with a mistake
    (as far as it still says: its texts are not judged by other languages because of that mistake)."""
    for device in content.devices.values():
        d = device.model
        playlists = {name for zone in d.zones.values() for name in [*zone.playlists, zone.default] if name}
        yield device.id, list(d.languages), playlists, {d.home_page} if d.home_page else set()
    languages = broken.device_languages(content)
    homes = broken.device_home_pages(content)
    default = list(Device.model_fields["languages"].default)
    for name, playlists in broken.device_playlists(content).items():
        yield name, languages.get(name, default), playlists, homes.get(name, set())


def offered_languages(content: ContentSet) -> dict[tuple[str, str], tuple[str, ...]]:
    """(kind, id) of each slide, page and alert → the languages of the devices that show it, German
    first. What no device shows is judged by every device's languages (it may be listed tomorrow); with
    no device at all, by German, English and Leichte Sprache."""
    every: dict[str, None] = {}
    shown: dict[tuple[str, str], dict[str, None]] = {}
    for device_id, languages, playlists, homes in _devices(content):
        langs = dict.fromkeys(languages)
        every |= langs
        for name in sorted(playlists):
            for slide in broken.slides_of(content, name):
                shown.setdefault(("slide", slide), {}).update(langs)
        for page in reachable_pages(content, homes):
            shown.setdefault(("page", page), {}).update(langs)
        for alert in content.alerts.values():
            if not alert.model.devices or device_id in alert.model.devices:
                shown.setdefault(("alert", alert.id), {}).update(langs)
    fallback = tuple(every) if every else ("de", *EXPECTED_LANGUAGES)
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for kind, table in (("slide", content.slides), ("page", content.pages), ("alert", content.alerts)):
        for entry_id in table:
            codes = tuple(shown[(kind, entry_id)]) if (kind, entry_id) in shown else fallback
            out[(kind, entry_id)] = ("de", *(code for code in codes if code != "de"))
    return out


def passer_by_entries(content: ContentSet) -> Iterator[tuple[str, Entry[Any]]]:
    """(kind, entry) of every slide, page and alert: the files with texts passers-by see."""
    for kind, table in (("slide", content.slides), ("page", content.pages), ("alert", content.alerts)):
        for entry in table.values():
            yield kind, entry
