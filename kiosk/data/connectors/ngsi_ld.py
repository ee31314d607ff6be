"""FIWARE NGSI-LD (``GET /ngsi-ld/v1/entities?type=…``) with Smart Data Models → typed records.

Request: ``source.params`` are sent as the query (e.g. ``{"type": "OffStreetParking"}``). With
``options=keyValues`` (or ``simplified``, ``format=simplified``) the kiosk asks for
``application/json`` (the server puts the ``@context`` in a ``Link`` header), otherwise for
``application/ld+json`` (``@context`` in the body). Both content types are accepted either way.

The answer must be an array of entities (``ngsi_entity``: anything else is a ``ParseError`` and the
last good data stays); each entity is flattened from whichever representation the broker chose —
normalized, concise or keyValues (``ngsi_ld_flatten``) — and mapped by its Smart Data Model type
(``sdm_records``). NGSI-LD timestamps are UTC by specification: one without an offset is taken as UTC.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.ngsi_entity import entity_list, load_json
from kiosk.data.connectors.ngsi_ld_flatten import flatten_ld
from kiosk.data.connectors.ngsi_values import representative_point
from kiosk.data.connectors.sdm_records import records_from_entities
from kiosk.data.records import Record

__all__ = ["KIND", "fetch", "flatten_ld", "parse_entities", "representative_point", "wants_key_values"]

KIND = "ngsi-ld"
LD_JSON = "application/ld+json"
PLAIN_JSON = "application/json"


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
    """An NGSI-LD entity array (any representation), or one entity → records of the known types."""
    return records_from_entities(entity_list(load_json(body, "NGSI-LD"), "NGSI-LD"), flatten_ld, "NGSI-LD")
