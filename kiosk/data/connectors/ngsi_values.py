"""Plain values of a flattened NGSI entity (both flavours): text, numbers, counts, times, positions.

Each parser takes what the entity delivered (already unwrapped from its attribute) and returns the
value or ``None`` for "unknown" (JSON ``null``); a value of the wrong type raises ``ParseError``, which
rejects that one entity. JSON-LD typed values (``{"@type": "DateTime", "@value": …}``) and language
maps are read wherever a plain value may stand.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from kiosk.data.connectors.values import finite_number, iso_time
from kiosk.data.errors import ParseError

_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")
# BCP 47 tags as languageMap keys: "de", "en", "de-DE", "gsw", plus JSON-LD's "@none" (no language).
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|@none)$")
PREFERRED_LANGUAGES = ("de", "en")


def pick_language(language_map: object) -> object:
    """German, else English (a region such as ``de-DE`` counts), else no language (``@none``), else the
    first language of a ``languageMap``."""
    if not isinstance(language_map, Mapping) or not language_map:
        return None
    for wanted in PREFERRED_LANGUAGES:
        for tag, text in language_map.items():
            if isinstance(tag, str) and tag.lower().split("-")[0] == wanted:
                return text
    if "@none" in language_map:
        return language_map["@none"]
    return next(iter(language_map.values()))


def is_language_map(value: Mapping[object, object]) -> bool:
    """A bare language map (keyValues/simplified of a LanguageProperty): language tags → texts."""
    return bool(value) and all(
        isinstance(tag, str) and _LANGUAGE_TAG.match(tag) and isinstance(text, str)
        for tag, text in value.items()
    )


def text_value(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        if "languageMap" in value:
            return text_value(pick_language(value["languageMap"]), what)
        if "@value" in value:
            return text_value(value["@value"], what)
        if is_language_map(value):
            return text_value(pick_language(value), what)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseError(f"{what} is not text")
    text = str(value).strip()
    return text or None


def number_value(value: object, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, Mapping) and "@value" in value:
        return number_value(value["@value"], what)
    if isinstance(value, str) and _NUMBER.match(value):
        value = float(value)
    return finite_number(value, what)


def finite(number: float, what: str) -> float:
    if not math.isfinite(number):
        raise ParseError(f"{what} is out of range")
    return number


def count_value(value: object, what: str) -> int | None:
    """A whole number of spaces; negative values (often -1 for "no data") are unknown."""
    number = number_value(value, what)
    if number is None:
        return None
    if not number.is_integer():
        raise ParseError(f"{what} is not a whole number")
    return int(number) if number >= 0 else None


def time_value(value: object, what: str) -> datetime | None:
    """ISO 8601 (``Z``, offsets, fractions; ``{"@type": "DateTime", "@value": …}``); no offset = UTC."""
    if value is None:
        return None
    if isinstance(value, Mapping) and "@value" in value:
        return time_value(value["@value"], what)
    moment = iso_time(value, what)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def representative_point(geometry: object) -> tuple[float, float] | None:
    """GeoJSON ``[lon, lat]`` → (lat, lon). Point, or the vertex mean of a Polygon's outer ring.

    Some NGSI-LD brokers store a GeoProperty's value as a JSON *string* (JSON-LD processing keeps
    objects it cannot expand that way): such a string is read as the geometry it encodes.
    """
    if isinstance(geometry, str) and geometry.lstrip().startswith("{"):
        try:
            geometry = json.loads(geometry)
        except (ValueError, RecursionError):
            return None
    if not isinstance(geometry, Mapping):
        return None
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        return lat_lon(coordinates)
    if kind == "Polygon" and isinstance(coordinates, list) and coordinates:
        ring = coordinates[0]
        if not isinstance(ring, list):
            return None
        points = [p for p in (lat_lon(vertex) for vertex in ring[:-1] or ring) if p is not None]
        if points and len(points) == len(ring[:-1] or ring):
            return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return None


def lat_lon(position: object) -> tuple[float, float] | None:
    if not isinstance(position, list) or len(position) < 2:
        return None
    lon, lat = position[0], position[1]
    if isinstance(lon, bool) or isinstance(lat, bool):
        return None
    if not isinstance(lon, int | float) or not isinstance(lat, int | float):
        return None
    try:
        lat_f, lon_f = float(lat), float(lon)
    except OverflowError:
        return None
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        return None
    return lat_f, lon_f
