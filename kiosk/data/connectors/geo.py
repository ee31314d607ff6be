"""Plane and sphere helpers for "near the device": distance, bearing, GeoJSON vertices, UTM → WGS 84.

Pure arithmetic; nothing here raises. Positions are ``(latitude, longitude)`` in degrees (WGS 84).

Rostock's geo services deliver GeoJSON in WGS 84 (RFC 7946) or, from the GIS side, in ETRS89 / UTM
zone 33N (``EPSG:25833``), sometimes with the zone written in front of the easting (``EPSG:5650``,
``33311234.5``). ``projection`` reads a ``crs`` member; ``to_wgs84`` also recognises projected metres
without one (a Rostock easting/northing cannot be mistaken for degrees).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
# GRS 80 (ETRS89) and WGS 84 differ by 0.1 mm in the semi-minor axis: one ellipsoid serves both
_A = 6_378_137.0
_F = 1 / 298.257222101
_E2 = _F * (2 - _F)
_EP2 = _E2 / (1 - _E2)
_K0 = 0.9996
_FALSE_EASTING = 500_000.0
DEFAULT_ZONE = 33  # Rostock lies in UTM zone 33 (12°–18° E)
# EPSG codes of UTM north zones: ETRS89 (258zz), WGS 84 (326zz), ETRS89 with zone-prefixed easting (5649/5650)
_ZONE_PREFIXED = {"5649": 32, "5650": 33}

LatLon = tuple[float, float]


def distance_m(a: LatLon, b: LatLon) -> float:
    """Great-circle distance (haversine) in metres."""
    phi1, phi2 = math.radians(a[0]), math.radians(b[0])
    d_phi, d_lambda = phi2 - phi1, math.radians(b[1] - a[1])
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(origin: LatLon, target: LatLon) -> float:
    """Initial bearing from ``origin`` to ``target``: 0 north, 90 east, in [0, 360)."""
    phi1, phi2 = math.radians(origin[0]), math.radians(target[0])
    d_lambda = math.radians(target[1] - origin[1])
    y = math.sin(d_lambda) * math.cos(phi2)
    x = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(d_lambda)
    return math.degrees(math.atan2(y, x)) % 360.0


def compass_point(bearing: float) -> int:
    """0 N, 1 NE, 2 E, … 7 NW: the nearest of eight compass points."""
    return round((bearing % 360.0) / 45.0) % 8


def nearest(points: Sequence[LatLon], origin: LatLon) -> LatLon:
    """The point of ``points`` (not empty) closest to ``origin``.

    The vertices of a construction site's street line stand for the line: a site 800 m long that
    passes the kiosk is near, although its middle is not.
    """
    return min(points, key=lambda p: distance_m(origin, p))


def centre(points: Sequence[LatLon]) -> LatLon:
    """The mean of ``points`` (not empty): where a feature is when no device position is known."""
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


# --- GeoJSON geometries ---------------------------------------------------------------------------


def projection(crs: object) -> int | None:
    """The UTM zone a GeoJSON ``crs`` member names (``None``: WGS 84, absent or unknown)."""
    properties = crs.get("properties") if isinstance(crs, Mapping) else None
    name = properties.get("name") if isinstance(properties, Mapping) else None
    if not isinstance(name, str):
        return None
    code = name.rsplit(":", 1)[-1].strip()
    if code in _ZONE_PREFIXED:
        return _ZONE_PREFIXED[code]
    if len(code) == 5 and code[:3] in ("258", "326") and code[3:].isdigit():
        return int(code[3:])
    return None


def vertices(geometry: object, zone: int | None = None) -> list[LatLon]:
    """Every position of a GeoJSON geometry (Point, LineString, Polygon, Multi*, GeometryCollection)
    as WGS 84 ``(lat, lon)``; positions that are not numbers are left out. ``zone``: the coordinates
    are UTM metres of that zone (from ``projection``)."""
    if not isinstance(geometry, Mapping):
        return []
    if geometry.get("type") == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            return []
        return [p for member in members[:1000] for p in vertices(member, zone)]
    found: list[LatLon] = []
    for position in _positions(geometry.get("coordinates"), depth=0):
        point = to_wgs84(position[0], position[1], zone)
        if point is not None:
            found.append(point)
    return found


def _positions(node: object, depth: int) -> Iterator[tuple[float, float]]:
    """The ``[x, y]`` pairs of nested coordinate arrays (at most four levels: MultiPolygon)."""
    if not isinstance(node, list) or depth > 4:
        return
    if len(node) >= 2 and all(is_number(v) for v in node[:2]):
        yield float(node[0]), float(node[1])
        return
    for child in node[:20_000]:
        yield from _positions(child, depth + 1)


def is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def to_wgs84(x: float, y: float, zone: int | None = None) -> LatLon | None:
    """``x``/``y`` as (lat, lon): longitude/latitude degrees, or UTM easting/northing in metres.

    Without a ``zone``, values outside the range of degrees are taken as UTM metres of zone 33 when
    they look like a northern-hemisphere UTM position (a zone-prefixed easting ``33xxxxxx.x`` too);
    anything else is ``None``.
    """
    if zone is None and -180.0 <= x <= 180.0 and -90.0 <= y <= 90.0:
        return (y, x) if (x, y) != (0.0, 0.0) else None  # 0/0 is a missing position, not the Atlantic
    easting = x
    if easting >= 1_000_000.0:  # zone-prefixed (EPSG:5650): 33 311 234.5 → zone 33, 311 234.5
        prefix = int(easting // 1_000_000)
        zone = zone or prefix
        easting -= prefix * 1_000_000
    zone = zone or DEFAULT_ZONE
    if not (100_000.0 <= easting <= 900_000.0 and 0.0 <= y <= 9_400_000.0 and 1 <= zone <= 60):
        return None
    return utm_to_wgs84(easting, y, zone)


def utm_to_wgs84(easting: float, northing: float, zone: int) -> LatLon:
    """Inverse transverse Mercator (Snyder 1987, eq. 8-18 ff.), northern hemisphere; better than
    a metre within a zone, which is plenty for "120 m to the north-east"."""
    x = easting - _FALSE_EASTING
    mu = northing / _K0 / (_A * (1 - _E2 / 4 - 3 * _E2**2 / 64 - 5 * _E2**3 / 256))
    e1 = (1 - math.sqrt(1 - _E2)) / (1 + math.sqrt(1 - _E2))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    sin1, cos1, tan1 = math.sin(phi1), math.cos(phi1), math.tan(phi1)
    c1 = _EP2 * cos1**2
    t1 = tan1**2
    n1 = _A / math.sqrt(1 - _E2 * sin1**2)
    r1 = _A * (1 - _E2) / (1 - _E2 * sin1**2) ** 1.5
    d = x / (n1 * _K0)
    lat = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * _EP2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * _EP2 - 3 * c1**2) * d**6 / 720
    )
    lon = (
        d
        - (1 + 2 * t1 + c1) * d**3 / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * _EP2 + 24 * t1**2) * d**5 / 120
    ) / cos1
    return math.degrees(lat), (zone - 1) * 6 - 180 + 3 + math.degrees(lon)


def wgs84_to_utm(point: LatLon, zone: int = DEFAULT_ZONE) -> tuple[float, float]:
    """Forward transverse Mercator (Snyder eq. 8-9 ff.): for the fixtures and tests of the inverse."""
    phi = math.radians(point[0])
    lam0 = math.radians((zone - 1) * 6 - 180 + 3)
    n = _A / math.sqrt(1 - _E2 * math.sin(phi) ** 2)
    t = math.tan(phi) ** 2
    c = _EP2 * math.cos(phi) ** 2
    a = math.cos(phi) * (math.radians(point[1]) - lam0)
    m = _A * (
        (1 - _E2 / 4 - 3 * _E2**2 / 64 - 5 * _E2**3 / 256) * phi
        - (3 * _E2 / 8 + 3 * _E2**2 / 32 + 45 * _E2**3 / 1024) * math.sin(2 * phi)
        + (15 * _E2**2 / 256 + 45 * _E2**3 / 1024) * math.sin(4 * phi)
        - (35 * _E2**3 / 3072) * math.sin(6 * phi)
    )
    easting = _FALSE_EASTING + _K0 * n * (
        a + (1 - t + c) * a**3 / 6 + (5 - 18 * t + t**2 + 72 * c - 58 * _EP2) * a**5 / 120
    )
    northing = _K0 * (
        m
        + n
        * math.tan(phi)
        * (
            a**2 / 2
            + (5 - t + 9 * c + 4 * c**2) * a**4 / 24
            + (61 - 58 * t + t**2 + 600 * c - 330 * _EP2) * a**6 / 720
        )
    )
    return easting, northing
