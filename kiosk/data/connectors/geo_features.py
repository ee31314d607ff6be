"""Reading OpenData.HRO download files (GeoJSON or CSV) as features, and their loosely typed values.

The city's downloads (``https://geo.sv.rostock.de/download/opendata/<name>/<name>.{json,csv}``) are
exports of its GIS and of the datenwerft app; their columns are not documented and change between
exports. So everything here reads defensively and raises only ``ParseError``:

* **GeoJSON**: a ``FeatureCollection``, one ``Feature``, or a bare JSON array of features. Property
  names are compared in lower case. Any geometry type gives its vertices (``geo.vertices``); a ``crs``
  naming UTM (``EPSG:25833``, ``EPSG:5650``) is converted, and so are UTM metres without one.
  A feature without a usable geometry is skipped and counted.
* **CSV**: UTF-8 (BOM fine), ``;`` or ``,`` (sniffed from the header), the position from
  ``latitude``/``longitude``-like columns, ``x``/``y`` (``rechtswert``/``hochwert``: UTM) or a WKT
  ``POINT (x y)`` column; German decimal commas are read.

Shape: an empty body, HTML, another API's JSON object or a CSV without position columns is a
``ParseError`` (so the last good data stays); an empty ``FeatureCollection`` is an empty list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.data.connectors import geo
from kiosk.data.connectors.csv_table import read_csv as read_csv_table
from kiosk.data.connectors.values import load_json
from kiosk.data.errors import ParseError

LOCAL = ZoneInfo("Europe/Berlin")  # dates in the city's files are Rostock dates
LAT_COLUMNS = ("latitude", "lat", "breite", "breitengrad", "y_wgs84", "wgs84_lat")
LON_COLUMNS = (
    "longitude",
    "lon",
    "lng",
    "long",
    "laenge",
    "längengrad",
    "laengengrad",
    "x_wgs84",
    "wgs84_lon",
)
X_COLUMNS = ("x", "rechtswert", "easting", "utm_x", "x_25833")
Y_COLUMNS = ("y", "hochwert", "northing", "utm_y", "y_25833")
WKT_COLUMNS = ("geometrie", "geometry", "geom", "wkt", "the_geom")
_WKT_POINT = re.compile(
    r"^\s*(?:SRID=\d+;)?\s*POINT\s*Z?\s*\(\s*([-+\d.,eE]+)\s+([-+\d.,eE]+)", re.IGNORECASE
)
_TRUE = {"true", "ja", "j", "yes", "y", "1", "x", "wahr", "vorhanden"}
_FALSE = {"false", "nein", "n", "no", "0", "falsch", "", "-", "nicht vorhanden"}
_INT = re.compile(r"^\s*\d{1,6}(?:[.,]0+)?\s*$")


@dataclass(frozen=True)
class Feature:
    """One feature: lower-case property names, its WGS 84 vertices (never empty) and its id, if any."""

    properties: Mapping[str, object]
    points: tuple[geo.LatLon, ...]
    id: str | None = None


@dataclass(frozen=True)
class FeatureSet:
    features: tuple[Feature, ...]
    skipped: int = 0  # features or rows without a usable position


def read_features(body: bytes, content_type: str = "") -> FeatureSet:
    """GeoJSON or CSV: by content type, else a body starting with ``{`` or ``[`` is GeoJSON."""
    kind = content_type.split(";")[0].strip().lower()
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not start:
        raise ParseError("empty response")
    if "json" in kind or (kind != "text/csv" and start in (b"{", b"[")):
        return read_geojson(body)
    if start == b"<":
        raise ParseError("an HTML or XML page, not GeoJSON or CSV")
    return read_csv(body)


def read_geojson(body: bytes) -> FeatureSet:
    data = load_json(body.lstrip(b"\xef\xbb\xbf"), "GeoJSON")
    crs: object = None
    if isinstance(data, list):
        items: object = data
        if data and not any(isinstance(i, Mapping) and i.get("type") == "Feature" for i in data):
            raise ParseError("GeoJSON: a JSON array without any Feature")
    elif isinstance(data, Mapping) and data.get("type") == "FeatureCollection":
        items, crs = data.get("features"), data.get("crs")
    elif isinstance(data, Mapping) and data.get("type") == "Feature":
        items, crs = [data], data.get("crs")
    else:
        raise ParseError("GeoJSON: expected a FeatureCollection")
    if not isinstance(items, list):
        raise ParseError("GeoJSON: features is not a list")
    zone = geo.projection(crs)
    features: list[Feature] = []
    skipped = 0
    for item in items:
        properties = item.get("properties") if isinstance(item, Mapping) else None
        if not isinstance(item, Mapping) or not isinstance(properties, Mapping):
            skipped += 1
            continue
        points = geo.vertices(item.get("geometry"), zone)
        if not points:
            skipped += 1
            continue
        features.append(Feature(_lower(properties), tuple(points), _identifier(item.get("id"))))
    if skipped and not features:
        raise ParseError(f"GeoJSON: none of {skipped} feature(s) has properties and a position")
    return FeatureSet(tuple(features), skipped)


def read_csv(body: bytes) -> FeatureSet:
    columns, table = read_csv_table(body)
    has_position = (
        (_first_of(columns, LAT_COLUMNS) and _first_of(columns, LON_COLUMNS))
        or (_first_of(columns, X_COLUMNS) and _first_of(columns, Y_COLUMNS))
        or _first_of(columns, WKT_COLUMNS)
    )
    if not has_position:
        raise ParseError("CSV: no position columns (latitude/longitude, x/y or a WKT geometry)")
    rows = [_lower(row) for row in table]
    features: list[Feature] = []
    skipped = 0
    for row in rows:
        point = _row_point(row)
        if point is None:
            skipped += 1
            continue
        features.append(Feature(row, (point,), None))
    if skipped and not features:
        raise ParseError(f"CSV: none of {skipped} row(s) has a position")
    return FeatureSet(tuple(features), skipped)


def _row_point(row: Mapping[str, object]) -> geo.LatLon | None:
    lat, lon = _decimal(first(row, LAT_COLUMNS)), _decimal(first(row, LON_COLUMNS))
    if lat is not None and lon is not None:
        return geo.to_wgs84(lon, lat)
    x, y = _decimal(first(row, X_COLUMNS)), _decimal(first(row, Y_COLUMNS))
    if x is not None and y is not None:
        return geo.to_wgs84(x, y)
    wkt = first(row, WKT_COLUMNS)
    match = _WKT_POINT.match(wkt) if isinstance(wkt, str) else None
    if match:
        x, y = _decimal(match.group(1)), _decimal(match.group(2))
        if x is not None and y is not None:
            return geo.to_wgs84(x, y)
    return None


def _first_of(columns: list[str], names: tuple[str, ...]) -> bool:
    return any(name in columns for name in names)


def _lower(mapping: Mapping[Any, object]) -> dict[str, object]:
    return {str(k).strip().lower(): v for k, v in mapping.items() if k is not None}


def _identifier(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


# --- loosely typed values -------------------------------------------------------------------------


def first(properties: Mapping[str, object], names: tuple[str, ...]) -> object | None:
    """The value of the first of ``names`` that is present and not empty (``None``, ``""``, ``[]``)."""
    for name in names:
        value = properties.get(name)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return value
    return None


def text(value: object) -> str | None:
    """Plain text of a value: text, a number, a list of those (joined with ", ") or a related object's
    ``bezeichnung``/``name``; booleans and anything else are ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        parts = [part for part in (text(v) for v in value[:20]) if part]
        return ", ".join(parts) or None
    if isinstance(value, Mapping):  # one level only: a related object, not a tree
        inner = first(_lower(value), ("bezeichnung", "name", "titel", "text"))
        return text(inner) if isinstance(inner, str | int | float) else None
    return None


def flag(value: object) -> bool | None:
    """A yes/no field: ``true``, ``"ja"``, ``"1"``, ``"Y"``, ``1`` … or their opposites; else ``None``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value) if value in (0, 1) else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE and word:
            return False
    return None


def count(value: object) -> int | None:
    """A small non-negative whole number (``4``, ``"4"``, ``"4.0"``); anything else is ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 1_000_000 else None
    if isinstance(value, float) and value.is_integer() and 0 <= value < 1_000_000:
        return int(value)
    if isinstance(value, str) and _INT.match(value):
        return int(value.strip().replace(",", ".").split(".")[0])
    return None


def day(value: object) -> datetime | None:
    """A date as local midnight (Europe/Berlin): ISO ``2025-10-20`` (also with a time, an offset or a
    ``Z``), German ``20.10.2025`` / ``20.10.25``; anything else is ``None``."""
    if not isinstance(value, str):
        return None
    raw = value.strip()
    parsed: date | None = None
    match = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b", raw)
    try:
        if match:
            day_, month, year = (int(g) for g in match.groups())
            parsed = date(year + 2000 if year < 100 else year, month, day_)
        elif re.match(r"^\d{4}-\d{2}-\d{2}", raw):
            if len(raw) > 10 and raw[10] in "Tt ":
                moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
                parsed = (moment.astimezone(LOCAL) if moment.tzinfo else moment).date()
            else:
                parsed = date.fromisoformat(raw[:10])
    except ValueError:
        return None
    return datetime(parsed.year, parsed.month, parsed.day, tzinfo=LOCAL) if parsed else None


def _decimal(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        raw = value.strip().replace(" ", "")
        if raw.count(",") == 1 and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            number = float(raw)
        except ValueError:
            return None
    else:
        return None
    return number if geo.is_number(number) else None
