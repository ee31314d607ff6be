"""CKAN DataStore (``GET …/api/3/action/datastore_search?resource_id=…``) → ``ParkingRecord``.

``source.params`` are the query (``resource_id``, ``limit``, ``filters``, …). The answer is the CKAN
envelope ``{help, success, result{records, fields, total, …}}``; ``success: false`` is a ``ParseError``
with CKAN's own message. Records come as objects (``records_format=objects``, the default) or as lists
(``lists``: matched to ``fields[].id``). A table longer than one page (``limit``, CKAN's default 100)
is read page by page (``ckan_paging.read_pages``: ``_links.next``, else ``offset``; at most
``MAX_PAGES``); a shape error on any page fails the whole fetch, so the last good data stays.

No live car-park occupancy is published on OpenData.HRO yet, so the column names are not fixed. Each
record field takes the **first present** (non-empty) of several candidate columns, compared without
regard to case (``COLUMNS``):

============  =====================================================================================
id            uuid, id, parkhaus_id, objekt_id, _id (the DataStore row number, last resort)
name          standort, name, bezeichnung, parkhaus, titel, title; a ``standort`` (a place, not a name)
              is prefixed with ``art`` / ``typ`` ("Parkhaus" + "Kröpeliner Tor"), as the
              ``parkmoeglichkeiten`` dataset and the NGSI feeds name them
capacity      stellplaetze_pkw, stellplaetze, kapazitaet, plaetze_gesamt, capacity, totalspotnumber
free          frei, freie_plaetze, freie_stellplaetze, free, availablespotnumber; else
              capacity − occupied (belegt, belegte_plaetze, occupied, occupiedspotnumber)
status        status, zustand, state, as delivered ("geöffnet", "fast voll", "besetzt", …); a yes/no
              flag (geoeffnet, offen, is_open, open: true/false, 1/0, ja/nein, geöffnet/geschlossen)
              saying closed makes it "closed" whatever the status text, saying open fills in "open"
observed      zeitstempel, aktualisiert, letzte_aktualisierung, timestamp, observed, dateobserved
latitude      latitude, lat, breite, breitengrad (WGS 84; x/y or rechtswert/hochwert are UTM: ignored)
longitude     longitude, lon, lng, laenge, laengengrad
============  =====================================================================================

Numbers may be text (``"87"``, German ``"54,0878"``). Counts below zero are "unknown". A timestamp
needs a UTC offset (OpenData.HRO writes local time with ``+02:00``): one without is rejected, as is
any value of the wrong type: that row is skipped, the others still show. A row without a name is
skipped. Only when no row is usable is it a ``ParseError``.

``ckan_resource`` maps static GeoJSON/CSV resources with the same columns (``parking_from_row``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypeVar

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.ckan_paging import Page, read_pages, whole
from kiosk.data.connectors.values import aware_time, finite_number, load_json
from kiosk.data.errors import ParseError
from kiosk.data.records import ParkingRecord

KIND = "ckan-datastore"
ACCEPT = ("application/json",)

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("uuid", "id", "parkhaus_id", "objekt_id", "_id"),
    "name": ("standort", "name", "bezeichnung", "parkhaus", "titel", "title"),
    "kind": ("art", "typ"),
    "capacity": (
        "stellplaetze_pkw",
        "stellplaetze",
        "kapazitaet",
        "plaetze_gesamt",
        "capacity",
        "totalspotnumber",
    ),
    "free": ("frei", "freie_plaetze", "freie_stellplaetze", "free", "availablespotnumber"),
    "occupied": ("belegt", "belegte_plaetze", "occupied", "occupiedspotnumber"),
    "status": ("status", "zustand", "state"),
    "open": ("geoeffnet", "geöffnet", "offen", "is_open", "open", "opened"),
    "observed": (
        "zeitstempel",
        "aktualisiert",
        "letzte_aktualisierung",
        "timestamp",
        "observed",
        "dateobserved",
    ),
    "latitude": ("latitude", "lat", "breite", "breitengrad"),
    "longitude": ("longitude", "lon", "lng", "laenge", "laengengrad"),
}
PLACE_COLUMNS = ("standort",)  # names that are a place and get the kind ("Parkhaus") in front

T = TypeVar("T")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[ParkingRecord]:
    """All pages of the query (see ``read_pages``); only the first request is conditional."""
    params = dict(source.params)
    response = http.get(source.url, params=params or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    first = parse_page(response.body)
    rows = read_pages(http, first, response.url, source.url, params, parse_page, ACCEPT)
    return parking_from_rows(rows, live=True, what="CKAN datastore record")


def parse_datastore(body: bytes) -> list[ParkingRecord]:
    """A ``datastore_search`` answer → one car park per usable record (this page only)."""
    return parking_from_rows(parse_page(body).rows, live=True, what="CKAN datastore record")


def parse_page(body: bytes) -> Page:
    """The envelope and ``result.records`` (objects, or lists matched to ``fields[].id``)."""
    result = unwrap(body)
    records = result.get("records")
    if not isinstance(records, list):
        raise ParseError("CKAN datastore_search: result.records is not a list")
    columns = _field_ids(result.get("fields"))
    rows: list[object] = []
    for record in records:
        if isinstance(record, list) and columns is not None and len(record) == len(columns):
            rows.append(dict(zip(columns, record, strict=True)))  # records_format=lists
        else:
            rows.append(record)
    links = result.get("_links")
    link = links.get("next") if isinstance(links, Mapping) else None
    return Page(
        rows=rows,
        total=whole(result.get("total")),
        estimated=result.get("total_was_estimated") is True,
        limit=whole(result.get("limit")),
        next=link.strip() or None if isinstance(link, str) else None,
    )


def unwrap(body: bytes) -> Mapping[str, object]:
    """The CKAN action envelope → ``result``; ``success: false`` → ``ParseError`` with CKAN's message."""
    data = load_json(body, "CKAN")
    if not isinstance(data, Mapping) or "success" not in data:
        raise ParseError("CKAN: expected the action API envelope {help, success, result}")
    if data["success"] is not True:
        raise ParseError(f"CKAN: {error_message(data.get('error'))}")
    result = data.get("result")
    if not isinstance(result, Mapping):
        raise ParseError("CKAN: result is not an object")
    return result


def error_message(error: object) -> str:
    """``{"__type": "Not Found Error", "message": "…"}`` or a validation error ``{field: [msg, …]}``."""
    if not isinstance(error, Mapping):
        return "the request failed (success: false)"
    kind = error.get("__type")
    message = error.get("message")
    if not isinstance(message, str) or not message.strip():
        details = [
            f"{key}: {'; '.join(str(v) for v in value) if isinstance(value, list) else value}"
            for key, value in error.items()
            if isinstance(key, str) and not key.startswith("__")
        ]
        message = ", ".join(details) or "no message"
    prefix = f"{kind.strip()}: " if isinstance(kind, str) and kind.strip() else ""
    return f"{prefix}{message.strip()}"[:500]


def _field_ids(fields: object) -> list[str] | None:
    if not isinstance(fields, list):
        return None
    ids = [f.get("id") for f in fields if isinstance(f, Mapping)]
    return [i for i in ids if isinstance(i, str)] if len(ids) == len(fields) else None


# --- rows → ParkingRecord (shared with ckan_resource) --------------------------------------------


def parking_from_rows(rows: list[object], *, live: bool, what: str) -> list[ParkingRecord]:
    """Rows (column → value) → car parks; bad rows are skipped unless none is usable."""
    parks: list[ParkingRecord] = []
    rejected: list[str] = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            rejected.append(f"{what} {index} is not an object")
            continue
        try:
            parks.append(parking_from_row(row, live=live))
        except ParseError as exc:
            rejected.append(f"{what} {index}: {exc}")
    if rejected and not parks:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"no usable car park: {rejected[0]}{more}")
    return parks


def parking_from_row(
    row: Mapping[object, object],
    *,
    live: bool,
    point: tuple[float, float] | None = None,
    fallback_id: object = None,
) -> ParkingRecord:
    """One row → a car park. ``live=False`` (static data): free, status and observed stay unknown."""
    cells = {key.strip().lower(): value for key, value in row.items() if isinstance(key, str)}
    name_column, name = _first(cells, "name", text)
    if name is None:
        raise ParseError(f"no name (looked for {', '.join(COLUMNS['name'])})")
    if name_column in PLACE_COLUMNS:
        kind = _first(cells, "kind", text)[1]
        if kind and not name.lower().startswith(kind.lower()):
            name = f"{kind} {name}"
    identifier = _first(cells, "id", text)[1] or text(fallback_id, "id") or name
    capacity = _first(cells, "capacity", count)[1]
    free: int | None = None
    status: str | None = None
    observed: datetime | None = None
    if live:
        free = _first(cells, "free", count)[1]
        occupied = _first(cells, "occupied", count)[1]
        if free is None and capacity is not None and occupied is not None and occupied <= capacity:
            free = capacity - occupied
        status = _first(cells, "status", text)[1]
        is_open = _first(cells, "open", flag)[1]
        if is_open is False:
            status = "closed"  # a closed car park must never show its spaces as free
        elif is_open and status is None:
            status = "open"
        observed = _first(cells, "observed", aware_time)[1]
    if point is None:
        point = _row_point(cells)
    return ParkingRecord(
        id=identifier,
        name=name,
        capacity=capacity,
        free=free,
        status=status,
        observed=observed,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
    )


def _first(
    cells: Mapping[str, object], field: str, convert: Callable[[object, str], T | None]
) -> tuple[str | None, T | None]:
    """The first candidate column of ``field`` with a value (``None`` and ``""`` count as absent)."""
    for column in COLUMNS[field]:
        value = cells.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return column, convert(value, column)
    return None, None


def _row_point(cells: Mapping[str, object]) -> tuple[float, float] | None:
    try:
        lat = _first(cells, "latitude", number)[1]
        lon = _first(cells, "longitude", number)[1]
    except ParseError:
        return None
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


# --- plain values -------------------------------------------------------------------------------


def text(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseError(f"{what} is not text")
    return str(value).strip() or None


YES = frozenset({"ja", "j", "yes", "y", "true", "wahr", "1", "x", "geöffnet", "geoeffnet", "offen", "open"})
NO = frozenset({"nein", "n", "no", "false", "falsch", "0", "geschlossen", "zu", "closed"})


def flag(value: object, what: str) -> bool | None:
    """A yes/no cell: JSON true/false, 1/0 or the words tables use; other words are unknown."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    if isinstance(value, str):
        word = value.strip().lower()
        return True if word in YES else False if word in NO else None
    raise ParseError(f"{what} is not yes or no")


def number(value: object, what: str) -> float | None:
    """A number, or text holding one (``"87"``, ``"54,0878"``)."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        if not _NUMBER.match(stripped) or ("," in stripped and "." in stripped):
            raise ParseError(f"{what} is not a number")
        value = float(stripped.replace(",", "."))
    return finite_number(value, what)


def count(value: object, what: str) -> int | None:
    """A whole number; negative values (often -1 for "no data") are unknown."""
    result = number(value, what)
    if result is None:
        return None
    if not result.is_integer():
        raise ParseError(f"{what} is not a whole number")
    return int(result) if result >= 0 else None
