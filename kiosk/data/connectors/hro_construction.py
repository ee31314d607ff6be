"""OpenData.HRO construction sites (``baustellen.json`` or ``.csv``) → ``ConstructionRecord``.

The file's columns are not documented and differ between exports, so each value is the first present
of several names (lower case; the datenwerft model ``Baustellen_geplant`` and the names third-party
mappers of the live file read):

* street ← ``strasse_name``, ``strasse``, ``strassenname``, ``street`` (text, or a related object's
  ``bezeichnung``); place ← ``lagebeschreibung``, ``lage``, ``abschnitt``, ``ort``;
* measure ← ``baumassnahme``, ``massnahme``, ``bezeichnung``, ``projektbezeichnung``, ``art``,
  ``kurzbeschreibung``, ``beschreibung``, else the utility (``sparte``/``sparten``);
* restriction ← ``verkehrsbeeintraechtigungen`` (and the singular), ``sperrung_art``, ``sperrung``,
  ``verkehrseinschraenkung``, ``einschraenkung``, ``verkehrliche_lagen``;
* start/end ← ``baubeginn``/``bauende``, ``beginn``/``ende``, ``von``/``bis``, ``datum_von``/``datum_bis``,
  ``gueltig_von``/``gueltig_bis`` (ISO or ``dd.mm.yyyy``; a local date);
* id ← ``uuid``, ``id``, ``objectid``, ``gml_id``, else the feature id.

A site needs a street or a measure; one with ``aktiv: false`` is left out. Geometry: any GeoJSON type
(usually a street line or a polygon); see ``nearby`` for the distance and the ``radius_m`` option.
Which sites are still running is decided when shown (``present``), so ended works drop out of last
good data too.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http
from kiosk.data.connectors.geo_features import day, first, flag, text
from kiosk.data.connectors.nearby import fetch_nearby, parse_nearby
from kiosk.data.errors import ParseError
from kiosk.data.records import ConstructionRecord

KIND = "hro-construction"
WHAT = "construction site"
ID = ("uuid", "id", "objectid", "gml_id", "fid")
STREET = ("strasse_name", "strasse", "strassenname", "straße", "street")
PLACE = ("lagebeschreibung", "lage", "abschnitt", "ort")
MEASURE = (
    "baumassnahme",
    "massnahme",
    "maßnahme",
    "bezeichnung",
    "projektbezeichnung",
    "art",
    "kurzbeschreibung",
    "beschreibung",
)
UTILITY = ("sparte", "sparten")
RESTRICTION = (
    "verkehrsbeeintraechtigungen",
    "verkehrsbeeintraechtigung",
    "sperrung_art",
    "sperrung",
    "verkehrseinschraenkung",
    "einschraenkung",
    "verkehrliche_lagen",
)
START = ("baubeginn", "beginn", "von", "datum_von", "gueltig_von", "start")
END = ("bauende", "ende", "bis", "datum_bis", "gueltig_bis", "end")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[ConstructionRecord]:
    return fetch_nearby(http, source, ctx, construction_site, WHAT)


def parse_sites(body: bytes, content_type: str = "") -> list[ConstructionRecord]:
    return parse_nearby(body, content_type, construction_site, WHAT)


def construction_site(properties: Mapping[str, object], fallback_id: str) -> ConstructionRecord | None:
    if flag(properties.get("aktiv")) is False:
        return None  # switched off in the city's data: left out, not an error
    street = text(first(properties, STREET)) or ""
    measure = text(first(properties, MEASURE)) or text(first(properties, UTILITY)) or ""
    if not street and not measure:
        raise ParseError("neither a street nor a measure")
    return ConstructionRecord(
        id=text(first(properties, ID)) or fallback_id,
        street=street,
        measure=measure,
        place=text(first(properties, PLACE)) or "",
        restriction=text(first(properties, RESTRICTION)) or "",
        start=day(first(properties, START)),
        end=day(first(properties, END)),
    )
