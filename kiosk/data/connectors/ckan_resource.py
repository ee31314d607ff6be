"""Static CKAN resources (GeoJSON or CSV files, e.g. OpenData.HRO ``parkmoeglichkeiten``) → ``ParkingRecord``.

The URL is the resource file itself (``https://geo.sv.rostock.de/download/opendata/<name>/<name>.json``
or ``.csv``); ``source.params`` are sent as the query. GeoJSON or CSV is told by the content type,
else by the body (a JSON object is GeoJSON).

Static data has no live occupancy: every record has ``free=None`` (and no status or observation time).
Columns are those of ``ckan.COLUMNS`` (first present candidate), e.g. ``uuid``, ``art`` + ``standort``,
``stellplaetze_pkw``:

* GeoJSON ``FeatureCollection`` (or one ``Feature``): ``properties`` are the columns, the feature
  ``id`` is the fallback id, the position comes from a ``Point`` geometry (a ``Polygon`` gives the mean
  of its outer ring). A ``crs`` other than WGS 84 (e.g. ``EPSG:25833``, UTM) leaves the position unknown
  rather than wrong.
* CSV: UTF-8 (a BOM is fine), the delimiter (``;`` or ``,``) sniffed from the header line, the first
  line is the header; ``latitude``/``longitude``-like columns give the position, German decimal commas
  are understood.

A feature or row without a name, or with a value of the wrong type, is skipped; only when nothing is
usable is it a ``ParseError`` (also for a CSV without any name column).
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.ckan import COLUMNS, parking_from_row, parking_from_rows
from kiosk.data.connectors.csv_table import DOWNLOAD_ACCEPT, read_csv
from kiosk.data.connectors.ngsi_ld import representative_point  # plain GeoJSON geometry, nothing NGSI
from kiosk.data.connectors.values import load_json
from kiosk.data.errors import ParseError
from kiosk.data.records import ParkingRecord

KIND = "ckan-resource"
ACCEPT = DOWNLOAD_ACCEPT
WGS84_NAMES = ("CRS84", "EPSG::4326", "EPSG:4326", "WGS84")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[ParkingRecord]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_resource(response.body, response.headers.get("content-type", ""))


def parse_resource(body: bytes, content_type: str = "") -> list[ParkingRecord]:
    """GeoJSON or CSV: by content type, else a body starting with ``{`` is GeoJSON."""
    kind = content_type.split(";")[0].strip().lower()
    if "json" in kind:
        return parse_geojson(body)
    if kind == "text/csv":
        return parse_csv(body)
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return parse_geojson(body) if start == b"{" else parse_csv(body)


def parse_geojson(body: bytes) -> list[ParkingRecord]:
    data = load_json(body, "GeoJSON")
    if isinstance(data, Mapping) and data.get("type") == "Feature":
        features: object = [data]
    elif isinstance(data, Mapping) and data.get("type") == "FeatureCollection":
        features = data.get("features")
    else:
        raise ParseError("GeoJSON: expected a FeatureCollection")
    if not isinstance(features, list):
        raise ParseError("GeoJSON: features is not a list")
    wgs84 = _is_wgs84(data.get("crs"))
    parks: list[ParkingRecord] = []
    rejected: list[str] = []
    for index, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, Mapping) else None
        if not isinstance(feature, Mapping) or not isinstance(properties, Mapping):
            rejected.append(f"feature {index} has no properties")
            continue
        point = representative_point(feature.get("geometry")) if wgs84 else None
        try:
            parks.append(parking_from_row(properties, live=False, point=point, fallback_id=feature.get("id")))
        except ParseError as exc:
            rejected.append(f"feature {index}: {exc}")
    if rejected and not parks:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"GeoJSON: no usable car park: {rejected[0]}{more}")
    return parks


def parse_csv(body: bytes) -> list[ParkingRecord]:
    columns, rows = read_csv(body)
    if not any(column in columns for column in COLUMNS["name"]):
        raise ParseError(f"CSV: no name column (looked for {', '.join(COLUMNS['name'])})")
    return parking_from_rows(list(rows), live=False, what="CSV row")


def _is_wgs84(crs: object) -> bool:
    """No ``crs`` member (RFC 7946: WGS 84) or a named WGS 84 one."""
    if crs is None:
        return True
    properties = crs.get("properties") if isinstance(crs, Mapping) else None
    name = properties.get("name") if isinstance(properties, Mapping) else None
    return isinstance(name, str) and any(name.upper().endswith(w) for w in WGS84_NAMES)
