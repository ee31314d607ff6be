"""What the "near the device" connectors share: fetch a city download, map its features, sort by distance.

A connector of this family (``hro_construction``, ``hro_toilets``, ``hro_charging``) is a ``KIND`` and a
*mapper*: properties (lower-case names) + fallback id → a record, ``None`` for a feature left out on
purpose (inactive, planned), or ``ParseError`` for one it cannot use. ``fetch_nearby`` does the rest:

* the option ``radius_m`` in ``source.params`` (read here, not sent): only features within this many
  metres of the device are kept; default ``FetchContext.radius_m`` (the same "nearby" as Klarschiff
  reports). ``kiosk validate`` refuses a value that is not 50–50 000 metres (``DataSource``); a source
  built in code past that check gets a ``ConnectorError`` naming the value, never the whole city;
* every record gets the distance and bearing from the device to the feature's *nearest* vertex (a
  street works 800 m long passes the kiosk even when its middle does not), and its position is that
  vertex; without a device position, records keep the mean of their vertices, no distance, the
  delivered order and no radius filter;
* sorted nearest first; features without a position or that the mapper rejects are skipped and the
  count is logged once per source URL when it changes (a file where most features lost their
  geometry is worth a look, but not worth hiding the rest).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from kiosk.config.models.source import RADIUS_M_LIMITS, DataSource, radius_metres
from kiosk.data.connectors import geo
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.csv_table import DOWNLOAD_ACCEPT
from kiosk.data.connectors.geo_features import read_features
from kiosk.data.errors import ConnectorError, ParseError

log = logging.getLogger(__name__)

ACCEPT = DOWNLOAD_ACCEPT
OPTION_KEYS = frozenset({"radius_m"})

R = TypeVar("R")
Mapper = Callable[[Mapping[str, object], str], R | None]

_noted: dict[str, int] = {}


def fetch_nearby(http: Http, source: DataSource, ctx: FetchContext, mapper: Mapper[R], what: str) -> list[R]:
    radius = radius_param(source.params.get("radius_m"), ctx.radius_m)
    params = {k: v for k, v in source.params.items() if k not in OPTION_KEYS}
    response = http.get(source.url, params=params or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    located, skipped = parse_located(response.body, response.headers.get("content-type", ""), mapper, what)
    _note_skipped(source.url, skipped, what)
    here = (ctx.latitude, ctx.longitude)
    if here[0] is None or here[1] is None:
        return [record for record, _ in located]
    return by_distance(located, (here[0], here[1]), radius)


def parse_nearby(body: bytes, content_type: str, mapper: Mapper[R], what: str) -> list[R]:
    """The records of a download in delivered order, positioned at the mean of their vertices."""
    return [record for record, _ in parse_located(body, content_type, mapper, what)[0]]


def parse_located(
    body: bytes, content_type: str, mapper: Mapper[R], what: str
) -> tuple[list[tuple[R, tuple[geo.LatLon, ...]]], int]:
    """(record, vertices) per usable feature, and how many features were skipped."""
    found = read_features(body, content_type)
    located: list[tuple[R, tuple[geo.LatLon, ...]]] = []
    rejected: list[str] = []
    for index, feature in enumerate(found.features, start=1):
        try:
            record = mapper(feature.properties, feature.id or f"{what}-{index}")
        except ParseError as exc:
            rejected.append(f"feature {index}: {exc}")
            continue
        if record is None:
            continue
        located.append((_placed(record, geo.centre(feature.points)), feature.points))
    if rejected and not located:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"no usable {what}: {rejected[0]}{more}")
    return located, found.skipped + len(rejected)


def by_distance(
    located: list[tuple[R, tuple[geo.LatLon, ...]]], here: geo.LatLon, radius_m: float
) -> list[R]:
    """Records within ``radius_m`` of ``here``, nearest first, with distance and bearing set."""
    near: list[tuple[float, int, R]] = []
    for order, (record, points) in enumerate(located):
        point = geo.nearest(points, here)
        distance = geo.distance_m(here, point)
        if distance <= radius_m:
            bearing = geo.bearing_deg(here, point)
            placed = _placed(record, point, distance=round(distance, 1), bearing=round(bearing, 1))
            near.append((distance, order, placed))
    near.sort(key=lambda item: (item[0], item[1]))
    return [record for _, _, record in near]


def radius_param(value: str | None, default: float) -> float:
    if value is None or not value.strip():
        return default
    radius = radius_metres(value)
    if radius is None:  # the loader refuses it too; a source built in code is checked here
        low, high = RADIUS_M_LIMITS
        raise ConnectorError(f"params.radius_m {value!r} is not a number of metres from {low:g} to {high:g}")
    return radius


def _placed(
    record: Any, point: geo.LatLon, distance: float | None = None, bearing: float | None = None
) -> Any:
    """The record at ``point`` (rounded to 0.1 m), with its distance and bearing from the device."""
    return dataclasses.replace(
        record,
        latitude=round(point[0], 6),
        longitude=round(point[1], 6),
        distance_m=distance,
        bearing_deg=bearing,
    )


def _note_skipped(url: str, skipped: int, what: str) -> None:
    if _noted.get(url, 0) != skipped:
        _noted[url] = skipped
        if skipped:
            log.warning("%s: %d feature(s) skipped (no position or not readable as %s)", url, skipped, what)
        else:
            log.info("%s: every feature is readable again", url)
