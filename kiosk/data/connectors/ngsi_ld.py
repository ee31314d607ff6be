"""FIWARE NGSI-LD (``GET /ngsi-ld/v1/entities?type=…``) with Smart Data Models → typed records.

Also home of the Smart Data Models mapping that ``ngsi_v2`` shares: both flavours first flatten an
entity to ``{attribute: plain value}`` (plus each attribute's observation time and unit code), then
one mapper per entity type builds the record.

Request: ``source.params`` are sent as the query (e.g. ``{"type": "OffStreetParking"}``). With
``options=keyValues`` (or ``simplified``, ``format=simplified``) the kiosk asks for
``application/json`` (the server puts the ``@context`` in a ``Link`` header), otherwise for
``application/ld+json`` (``@context`` in the body). Both content types are accepted either way.

Payload: the normalized form (``{"type": "Property", "value": …, "observedAt": …}``, ``GeoProperty``,
``Relationship`` → ``object``, ``LanguageProperty`` → German, else English, else the first language;
multi-attributes (``datasetId``) → the default instance, else the first) and keyValues. Attribute and
type names may be compacted (``totalSpotNumber``), prefixed (``sdm:totalSpotNumber``) or expanded
IRIs (``https://smartdatamodels.org/dataModel.Parking/totalSpotNumber``): the local name (after the
last ``/`` or ``#``, or after a prefix) is used, so the ``@context`` (inline or via ``Link``) never
has to be fetched. NGSI-LD timestamps are UTC by specification: one without an offset is taken as UTC.

Entity types (SDM) → records:

* ``OffStreetParking`` → ``ParkingRecord``: ``name`` (else the entity id), ``totalSpotNumber`` →
  capacity, ``availableSpotNumber`` → free (else ``totalSpotNumber − occupiedSpotNumber``), ``status``
  (a list in SDM: the most telling of closed > full > almostFull > spacesAvailable > open, else the
  first), observed = ``observedAt`` of the live attributes, else ``observationDateTime`` /
  ``dateObserved`` / ``dateModified``; ``location`` Point (a Polygon gives the mean of its ring).
* ``WeatherObserved`` → ``WeatherRecord``: ``name`` (else ``address.addressLocality``, else the id),
  ``dateObserved``, ``temperature``, ``windSpeed``/``gustSpeed`` (m/s unless ``unitCode`` says KMH or
  KNT; shown in km/h), ``windDirection``, ``precipitation``, ``atmosphericPressure``, ``weatherType``.
* ``Alert`` → ``AlertRecord`` (provider "NGSI"): severity informational/low → minor, medium → moderate,
  high → severe, critical → extreme; event = ``subCategory`` else ``category``; headline = ``name``
  else the event; ``description``; sender = ``alertSource``; sent/onset/expires =
  ``dateIssued``/``validFrom``/``validTo``; area = ``areaServed`` else ``address.addressLocality``.
* ``WaterObserved`` → ``WaterLevelRecord``: ``waterLevel`` (metres unless ``unitCode`` CMT/MMT) in cm,
  ``dateObserved``; SDM has no trend or mean water level.

Other entity types are skipped and unknown attributes ignored; ``null`` is "unknown". A value of the
wrong type (a count that is text, an unparseable date, an unknown unit) rejects that one entity; the
others still show. Only when every entity of a known type was rejected is it a ``ParseError``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.values import finite_number, iso_time
from kiosk.data.connectors.values import load_json as _load_json
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, ParkingRecord, Record, Severity, WaterLevelRecord, WeatherRecord

KIND = "ngsi-ld"
LD_JSON = "application/ld+json"
PLAIN_JSON = "application/json"

SDM_SEVERITY: dict[str, Severity] = {
    "informational": "minor",
    "low": "minor",
    "medium": "moderate",
    "high": "severe",
    "critical": "extreme",
}
PARKING_STATUS_ORDER = ("closed", "full", "almostFull", "spacesAvailable", "open")

# unitCode (UN/CEFACT common codes) → factor to the record's unit; absent = the SDM default unit.
SPEED_TO_KMH = {"MTS": 3.6, "KMH": 1.0, "KNT": 1.852}
PRESSURE_TO_HPA = {"A97": 1.0, "HPA": 1.0, "PAL": 0.01, "MBR": 1.0}
LENGTH_TO_CM = {"MTR": 100.0, "CMT": 1.0, "MMT": 0.1}
PRECIPITATION_TO_MM = {"MMT": 1.0, "LTR": 1.0}  # LTR: l/m² as SDM writes it
CELSIUS = {"CEL"}

_LD_ATTRIBUTE_TYPES = frozenset(
    {
        "Property",
        "GeoProperty",
        "Relationship",
        "LanguageProperty",
        "VocabProperty",
        "JsonProperty",
        "ListProperty",
        "ListRelationship",
    }
)
_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[Record]:
    params = dict(source.params)
    accept = (PLAIN_JSON, LD_JSON) if wants_key_values(params) else (LD_JSON, PLAIN_JSON)
    response = http.get(source.url, params=params or None, headers={"Accept": accept[0]}, accept=accept)
    if response.not_modified:
        raise NotModified
    return parse_entities(response.body)


def wants_key_values(params: Mapping[str, str]) -> bool:
    """``options=keyValues`` (NGSI-LD ≤ 1.5), ``options=simplified`` or ``format=simplified`` (1.6+)."""
    options = {part.strip() for part in params.get("options", "").split(",")}
    return bool(options & {"keyValues", "simplified"}) or params.get("format", "") in (
        "simplified",
        "keyValues",
    )


def parse_entities(body: bytes) -> list[Record]:
    """An NGSI-LD entity array (normalized or keyValues), or one entity → records of the known types."""
    return records_from_entities(entity_list(load_json(body), "NGSI-LD"), flatten_ld)


# --- shared with ngsi_v2 ------------------------------------------------------------------------


@dataclass
class Attributes:
    """One entity, flattened: plain values plus per-attribute observation time and unit code."""

    entity_id: str
    values: dict[str, object] = field(default_factory=dict)
    observed: dict[str, object] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    def raw(self, name: str) -> object:
        return self.values.get(name)

    def text(self, name: str) -> str | None:
        return text_value(self.values.get(name), name)

    def number(self, name: str) -> float | None:
        return number_value(self.values.get(name), name)

    def count(self, name: str) -> int | None:
        return count_value(self.values.get(name), name)

    def time(self, name: str) -> datetime | None:
        return time_value(self.values.get(name), name)

    def scaled(self, name: str, factors: Mapping[str, float], default: float) -> float | None:
        """The number in the record's unit: ``unitCode`` picks the factor, none means the SDM unit."""
        value = self.number(name)
        if value is None:
            return None
        unit = self.units.get(name)
        if unit is not None and unit not in factors:
            raise ParseError(f"{name} has unitCode {unit!r}, which the kiosk does not convert")
        return finite(value * (default if unit is None else factors[unit]), name)

    def observed_at(self, *names: str) -> datetime | None:
        for name in names:
            moment = time_value(self.observed.get(name), f"{name}.observedAt")
            if moment is not None:
                return moment
        return None

    def first_time(self, *names: str) -> datetime | None:
        for name in names:
            moment = self.time(name)
            if moment is not None:
                return moment
        return None

    def locality(self) -> str | None:
        address = self.values.get("address")
        if isinstance(address, Mapping):
            return text_value(address.get("addressLocality"), "address.addressLocality")
        return None

    def point(self) -> tuple[float, float] | None:
        """(latitude, longitude) of a GeoJSON Point (or a Polygon's ring mean); anything else None."""
        return representative_point(self.values.get("location"))


Flatten = Callable[[Mapping[str, object]], Attributes]


def records_from_entities(entities: list[object], flatten: Flatten) -> list[Record]:
    records: list[Record] = []
    rejected: list[str] = []
    for entity in entities:
        if not isinstance(entity, Mapping):
            rejected.append("an entity is not a JSON object")
            continue
        mapper = next((MAPPERS[t] for t in entity_types(entity) if t in MAPPERS), None)
        if mapper is None:
            continue  # a type this kiosk does not show (e.g. ParkingSpot)
        try:
            records.append(mapper(flatten(entity)))
        except ParseError as exc:
            rejected.append(f"{_entity_label(entity)}: {exc}")
    if rejected and not records:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"no usable entity: {rejected[0]}{more}")
    return records


def entity_list(data: object, flavour: str) -> list[object]:
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping):
        if "id" in data and "type" in data:
            return [data]  # GET /entities/{id}
        problem = _problem_text(data)
        if problem:
            raise ParseError(f"{flavour} error: {problem}")
    raise ParseError(f"{flavour}: expected a JSON array of entities")


def _problem_text(data: Mapping[str, object]) -> str:
    """NGSI-LD ProblemDetails (title/detail) or NGSI-v2 {error, description}."""
    parts = [data.get(key) for key in ("title", "error", "detail", "description")]
    return ": ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def entity_types(entity: Mapping[str, object]) -> list[str]:
    raw = entity.get("type", entity.get("@type"))
    candidates = raw if isinstance(raw, list) else [raw]
    return [local_name(t) for t in candidates if isinstance(t, str)]


def entity_id(entity: Mapping[str, object]) -> str:
    raw = entity.get("id", entity.get("@id"))
    if not isinstance(raw, str) or not raw.strip():
        raise ParseError("entity without an id")
    return raw.strip()


def _entity_label(entity: Mapping[str, object]) -> str:
    raw = entity.get("id", entity.get("@id"))
    return raw[:120] if isinstance(raw, str) else "entity"


def local_name(name: str) -> str:
    """``https://…/dataModel.Parking/totalSpotNumber`` / ``sdm:totalSpotNumber`` → ``totalSpotNumber``."""
    for separator in ("#", "/"):
        if separator in name:
            return name.rsplit(separator, 1)[1]
    if ":" in name and not name.startswith("urn:"):
        return name.rsplit(":", 1)[1]
    return name


def flatten_ld(entity: Mapping[str, object]) -> Attributes:
    attrs = Attributes(entity_id(entity))
    for key, raw in entity.items():
        if not isinstance(key, str) or key in ("@context", "id", "@id", "type", "@type"):
            continue
        name = local_name(key)
        if name in attrs.values:
            continue  # the same term twice (compacted and expanded): the first wins
        instance = _default_instance(raw)
        if isinstance(instance, Mapping) and _ld_attribute_type(instance) is not None:
            attrs.values[name] = _ld_value(instance)
            if "observedAt" in instance:
                attrs.observed[name] = instance["observedAt"]
            unit = instance.get("unitCode")
            if isinstance(unit, str) and unit.strip():
                attrs.units[name] = unit.strip().upper()
        else:
            attrs.values[name] = instance  # keyValues
    return attrs


def _ld_attribute_type(attribute: Mapping[str, object]) -> str | None:
    kind = attribute.get("type", attribute.get("@type"))
    if isinstance(kind, str) and local_name(kind) in _LD_ATTRIBUTE_TYPES:
        return local_name(kind)
    return None


def _default_instance(raw: object) -> object:
    """A multi-attribute (list of instances with ``datasetId``) → the default instance, else the first."""
    if not isinstance(raw, list) or not raw:
        return raw
    instances = [item for item in raw if isinstance(item, Mapping) and _ld_attribute_type(item)]
    if len(instances) != len(raw):
        return raw  # a plain list value (keyValues)
    return next((item for item in instances if "datasetId" not in item), instances[0])


def _ld_value(attribute: Mapping[str, object]) -> object:
    kind = _ld_attribute_type(attribute)
    if kind in ("Relationship", "ListRelationship"):
        return attribute.get("object", attribute.get("objectList"))
    if kind == "LanguageProperty":
        return pick_language(attribute.get("languageMap"))
    if kind == "VocabProperty":
        return attribute.get("vocab")
    if kind == "JsonProperty":
        return attribute.get("json")
    if kind == "ListProperty":
        return attribute.get("valueList")
    return attribute.get("value")


def pick_language(language_map: object) -> object:
    """German, else English, else the first language of a ``languageMap``."""
    if not isinstance(language_map, Mapping):
        return None
    for language in ("de", "en"):
        if language in language_map:
            return language_map[language]
    return next(iter(language_map.values()), None)


def load_json(body: bytes) -> object:
    return _load_json(body, "NGSI")


# --- plain values -------------------------------------------------------------------------------


def text_value(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        if "languageMap" in value:
            return text_value(pick_language(value["languageMap"]), what)
        if "@value" in value:
            return text_value(value["@value"], what)
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
    """GeoJSON ``[lon, lat]`` → (lat, lon). Point, or the vertex mean of a Polygon's outer ring."""
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


# --- Smart Data Models → records ----------------------------------------------------------------


def parking(a: Attributes) -> ParkingRecord:
    capacity = a.count("totalSpotNumber")
    free = a.count("availableSpotNumber")
    occupied = a.count("occupiedSpotNumber")
    if free is None and capacity is not None and occupied is not None and occupied <= capacity:
        free = capacity - occupied
    point = a.point()
    return ParkingRecord(
        id=a.entity_id,
        name=a.text("name") or a.entity_id,
        capacity=capacity,
        free=free,
        status=parking_status(a.raw("status")),
        observed=a.observed_at("availableSpotNumber", "occupiedSpotNumber", "occupancy", "status")
        or a.first_time("observationDateTime", "dateObserved", "dateModified"),
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
    )


def parking_status(value: object) -> str | None:
    """SDM ``status`` is a list (older feeds: one string): the most telling token, as delivered."""
    if value is None:
        return None
    tokens = value if isinstance(value, list) else [value]
    if not all(isinstance(token, str) for token in tokens):
        raise ParseError("status is not text")
    present = [token.strip() for token in tokens if isinstance(token, str) and token.strip()]
    for token in PARKING_STATUS_ORDER:
        if token in present:
            return token
    return present[0] if present else None


def weather(a: Attributes) -> WeatherRecord:
    temperature = a.number("temperature")
    unit = a.units.get("temperature")
    if temperature is not None and unit is not None and unit not in CELSIUS:
        if unit == "FAH":
            temperature = (temperature - 32.0) * 5.0 / 9.0
        elif unit == "KEL":
            temperature -= 273.15
        else:
            raise ParseError(f"temperature has unitCode {unit!r}, which the kiosk does not convert")
        temperature = finite(temperature, "temperature")
    direction = a.number("windDirection")
    return WeatherRecord(
        station=a.text("name") or a.locality() or a.text("stationName") or a.entity_id,
        observed=a.first_time("dateObserved") or a.observed_at("temperature", "windSpeed"),
        temperature_c=temperature,
        wind_speed_kmh=a.scaled("windSpeed", SPEED_TO_KMH, 3.6),
        wind_gust_kmh=a.scaled("gustSpeed", SPEED_TO_KMH, 3.6),
        wind_direction_deg=direction % 360.0 if direction is not None else None,  # SDM once used ±180
        precipitation_mm=a.scaled("precipitation", PRECIPITATION_TO_MM, 1.0),
        pressure_hpa=a.scaled("atmosphericPressure", PRESSURE_TO_HPA, 1.0),
        condition=a.text("weatherType"),
    )


def alert(a: Attributes) -> AlertRecord:
    severity = a.text("severity")
    event = a.text("subCategory") or a.text("category") or ""
    return AlertRecord(
        id=a.entity_id,
        provider="NGSI",
        severity=SDM_SEVERITY.get(severity.lower(), "unknown") if severity else "unknown",
        headline=a.text("name") or event,
        description=a.text("description") or "",
        sender=a.text("alertSource") or "",
        sent=a.time("dateIssued"),
        onset=a.time("validFrom"),
        expires=a.time("validTo"),
        event=event,
        area=a.text("areaServed") or a.locality() or "",
    )


def water(a: Attributes) -> WaterLevelRecord:
    return WaterLevelRecord(
        station=a.text("name") or a.locality() or a.entity_id,
        observed=a.first_time("dateObserved") or a.observed_at("waterLevel"),
        level_cm=a.scaled("waterLevel", LENGTH_TO_CM, 100.0),
    )


MAPPERS: dict[str, Callable[[Attributes], Record]] = {
    "OffStreetParking": parking,
    "WeatherObserved": weather,
    "Alert": alert,
    "WaterObserved": water,
}
