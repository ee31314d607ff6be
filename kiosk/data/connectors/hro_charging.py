"""OpenData.HRO charging stations (``ladestationen_elektrofahrzeuge``, GeoJSON or CSV) → ``ChargingRecord``.

Columns of the datenwerft model ``Ladestationen_Elektrofahrzeuge`` (lower case; the first present of):

* name ← ``bezeichnung``, ``name``, ``standort``, else ``adresse``; operator ← ``betreiber``,
  ``bewirtschafter``, else the network ``verbund``;
* points ← ``anzahl_ladepunkte``, ``ladepunkte``, ``anzahl`` (a whole number, also as text);
* plugs ← ``arten_ladepunkte``, ``steckertypen``, ``stecker``, ``ladepunktarten`` (text or a list);
* cost ← ``kosten``, ``gebuehren``; hours ← ``zeiten``, ``oeffnungszeiten``.

A station marked ``geplant`` (planned: not there yet) or ``aktiv: false`` is left out; see ``nearby``
for distance, sorting and ``radius_m``.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http
from kiosk.data.connectors.geo_features import count, first, flag, text
from kiosk.data.connectors.nearby import fetch_nearby, parse_nearby
from kiosk.data.errors import ParseError
from kiosk.data.records import ChargingRecord

KIND = "hro-charging"
WHAT = "charging station"
ID = ("uuid", "id", "objectid", "gml_id", "fid")
NAME = ("bezeichnung", "name", "standort", "adresse")
OPERATOR = ("betreiber", "bewirtschafter", "verbund")
POINTS = ("anzahl_ladepunkte", "ladepunkte", "anzahl")
PLUGS = ("arten_ladepunkte", "steckertypen", "stecker", "ladepunktarten")
COST = ("kosten", "gebuehren")
HOURS = ("zeiten", "oeffnungszeiten", "öffnungszeiten")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[ChargingRecord]:
    return fetch_nearby(http, source, ctx, charging_station, WHAT)


def parse_stations(body: bytes, content_type: str = "") -> list[ChargingRecord]:
    return parse_nearby(body, content_type, charging_station, WHAT)


def charging_station(properties: Mapping[str, object], fallback_id: str) -> ChargingRecord | None:
    if flag(properties.get("aktiv")) is False:
        return None  # switched off in the city's data: left out, not an error
    if flag(properties.get("geplant")) is True:
        return None  # planned: not there yet
    name = text(first(properties, NAME))
    if not name:
        raise ParseError("no name or address")
    return ChargingRecord(
        id=text(first(properties, ID)) or fallback_id,
        name=name,
        operator=text(first(properties, OPERATOR)) or "",
        points=count(first(properties, POINTS)),
        plugs=text(first(properties, PLUGS)) or "",
        cost=text(first(properties, COST)) or "",
        hours=text(first(properties, HOURS)) or "",
    )
