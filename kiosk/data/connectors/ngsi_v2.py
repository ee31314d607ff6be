"""FIWARE NGSI-v2 (Orion ``GET /v2/entities?type=…``) with Smart Data Models → typed records.

``source.params`` are sent as the query (``type``, ``options=keyValues``, ``q``, ``limit``, …); the
answer is ``application/json``. Both representations are read, attribute by attribute:

* normalized ``{"type": "Number", "value": 87, "metadata": {"TimeInstant": {"value": …}}}`` →
  the value, with ``metadata.TimeInstant`` as its observation time and ``metadata.unitCode`` as its unit;
  ``geo:json`` is GeoJSON, ``geo:point`` is the text ``"lat, lon"``;
* keyValues ``{"availableSpotNumber": 87}`` → as is (a text ``location`` is read as ``geo:point``).

The answer must be an array of entities (objects with ``id`` and ``type``; ``ngsi_entity``): an Orion
``{"error", "description"}`` or anything else that is not one is a ``ParseError``, so the last good
data stays. The entity types and their mapping are those of ``sdm_records`` (Smart Data Models:
OffStreetParking, WeatherObserved, Alert, WaterObserved), with the same rules for unknown types,
``null`` and bad entities. Orion renders date-times in UTC; one without an offset is taken as UTC.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.ngsi_entity import Attributes, entity_id, entity_list, load_json
from kiosk.data.connectors.sdm_records import records_from_entities
from kiosk.data.records import Record

KIND = "ngsi-v2"
ACCEPT = ("application/json",)
_ATTRIBUTE_KEYS = frozenset({"type", "value", "metadata"})


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[Record]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_entities(response.body)


def parse_entities(body: bytes) -> list[Record]:
    """An NGSI-v2 entity array (normalized or keyValues), or one entity → records of the known types."""
    return records_from_entities(entity_list(load_json(body, "NGSI-v2"), "NGSI-v2"), flatten_v2, "NGSI-v2")


def flatten_v2(entity: Mapping[str, object]) -> Attributes:
    attrs = Attributes(entity_id(entity))
    for name, raw in entity.items():
        if not isinstance(name, str) or name in ("id", "type"):
            continue
        if isinstance(raw, Mapping) and "value" in raw and "type" in raw and set(raw) <= _ATTRIBUTE_KEYS:
            value = raw["value"]
            if raw["type"] == "geo:point":
                value = geo_point(value)
            attrs.values[name] = value
            metadata = raw.get("metadata")
            if isinstance(metadata, Mapping):
                attrs.observed[name] = _metadata_value(metadata.get("TimeInstant"))
                unit = _metadata_value(metadata.get("unitCode"))
                if isinstance(unit, str) and unit.strip():
                    attrs.units[name] = unit.strip().upper()
        elif name == "location" and isinstance(raw, str):
            attrs.values[name] = geo_point(raw)  # keyValues of a geo:point
        else:
            attrs.values[name] = raw
    return attrs


def _metadata_value(item: object) -> object:
    return item.get("value") if isinstance(item, Mapping) else None


def geo_point(value: object) -> object:
    """Orion's ``geo:point`` text ``"54.0878, 12.1268"`` (lat, lon) → a GeoJSON Point; else unchanged."""
    if not isinstance(value, str):
        return value
    parts = value.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}
