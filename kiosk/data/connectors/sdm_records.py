"""Smart Data Models → typed records, for both NGSI flavours (each flattens an entity to
``Attributes`` first: ``ngsi_ld_flatten``, ``ngsi_v2.flatten_v2``).

* ``OffStreetParking`` → ``ParkingRecord``: ``name`` (else the entity id), ``totalSpotNumber`` →
  capacity, ``availableSpotNumber`` → free (else ``totalSpotNumber − occupiedSpotNumber``), ``status``
  (a list in SDM: the most telling of closed > full > almostFull > spacesAvailable > open, else the
  first), observed = ``observedAt`` of the live attributes, else ``observationDateTime`` /
  ``dateObserved`` / ``dateModified``; ``location`` Point (a Polygon gives the mean of its ring).
* ``WeatherObserved`` → ``WeatherRecord``: ``name`` (else ``address.addressLocality``, else the id),
  ``dateObserved`` (else ``observedAt`` of the measurements), ``temperature``, ``windSpeed``/
  ``gustSpeed`` (m/s unless ``unitCode`` says KMH or KNT; shown in km/h), ``windDirection``,
  ``precipitation``, ``atmosphericPressure``, ``weatherType``.
* ``Alert`` → ``AlertRecord`` (provider "NGSI"): severity informational/low → minor, medium →
  moderate, high → severe, critical → extreme; headline = ``name``, else the words for
  ``subCategory``/``category`` in German (``sdm_alert_words``; never the bare code); event = the code
  (``subCategory`` else ``category``); ``description``; sender = ``alertSource``; sent/onset/expires =
  ``dateIssued``/``validFrom``/``validTo``; area = ``areaServed`` else ``address.addressLocality``.
* ``WaterObserved`` → ``WaterLevelRecord``: ``waterLevel`` (metres unless ``unitCode`` CMT/MMT) in cm,
  ``dateObserved`` (else its ``observedAt``); SDM has no trend or mean water level.

Other entity types are skipped and unknown attributes ignored; ``null`` is "unknown". A value of the
wrong type (a count that is text, an unparseable date, an unknown unit) rejects that one entity; the
others still show. Only when every entity of a known type was rejected is it a ``ParseError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.data.connectors.ngsi_entity import (
    Attributes,
    Flavour,
    entity_label,
    entity_types,
    is_entity,
    local_name,
)
from kiosk.data.connectors.ngsi_values import finite
from kiosk.data.connectors.sdm_alert_words import alert_headline
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, ParkingRecord, Record, Severity, WaterLevelRecord, WeatherRecord

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

Flatten = Callable[[Mapping[str, object]], Attributes]


def records_from_entities(entities: list[object], flatten: Flatten, flavour: Flavour) -> list[Record]:
    records: list[Record] = []
    rejected: list[str] = []
    for entity in entities:
        if not isinstance(entity, Mapping) or not is_entity(entity, flavour):
            rejected.append(f"{entity_label(entity)}: not an entity (an object with id and type)")
            continue
        mapper = next((MAPPERS[t] for t in entity_types(entity) if t in MAPPERS), None)
        if mapper is None:
            continue  # a type this kiosk does not show (e.g. ParkingSpot)
        try:
            records.append(mapper(flatten(entity)))
        except ParseError as exc:
            rejected.append(f"{entity_label(entity)}: {exc}")
    if rejected and not records:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"no usable entity: {rejected[0]}{more}")
    return records


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
        observed=a.first_time("dateObserved") or a.observed_at("temperature", "windSpeed", "precipitation"),
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
    category, sub_category = a.text("category"), a.text("subCategory")
    return AlertRecord(
        id=a.entity_id,
        provider="NGSI",
        severity=SDM_SEVERITY.get(severity.lower(), "unknown") if severity else "unknown",
        # the German words; alert_headline(category, sub_category, "en"/"ls") gives the others
        headline=a.text("name") or alert_headline(category, sub_category, "de"),
        description=a.text("description") or "",
        sender=a.text("alertSource") or "",
        sent=a.time("dateIssued"),
        onset=a.time("validFrom"),
        expires=a.time("validTo"),
        event=local_name(sub_category or category or ""),  # the code, e.g. "flood" (not its IRI)
        area=a.text("areaServed") or a.locality() or "",
        language="de",
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
