"""OpenData.HRO public toilets (``…/download/opendata/toiletten/toiletten.{json,csv}``) → ``ToiletRecord``.

Columns of the datenwerft model ``Toiletten`` (lower case; each the first present of):

* name ← ``bezeichnung``, ``name``, ``standort``, ``adresse``, ``lage``, else the type ``art``
  ("Öffentliche Toilette", "Automatiktoilette", …);
* operator ← ``bewirtschafter``, ``betreiber``; hours ← ``zeiten``, ``oeffnungszeiten``;
* accessible ← ``behindertengerecht``, ``barrierefrei``, ``rollstuhlgerecht``; baby changing ←
  ``wickelmoeglichkeit``, ``wickeltisch`` (``true``, ``"ja"``, ``"1"``, ``"Y"`` … see ``flag``);
* fee ← ``gebuehren``/``gebuehr``/``kosten``/``entgelt``: an amount or words ("0,50 €") means it
  costs (the text is kept), ``0``/"keine"/"kostenlos"/"frei" means free, a yes/no is read as such;
  ``kostenlos``/``gebuehrenfrei`` yes means free. Unknown stays unknown (not "free").

A toilet with ``aktiv: false`` is left out; see ``nearby`` for distance, sorting and ``radius_m``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http
from kiosk.data.connectors.geo import is_number
from kiosk.data.connectors.geo_features import first, flag, text
from kiosk.data.connectors.nearby import fetch_nearby, parse_nearby
from kiosk.data.errors import ParseError
from kiosk.data.records import ToiletRecord

KIND = "hro-toilets"
WHAT = "toilet"
ID = ("uuid", "id", "objectid", "gml_id", "fid")
NAME = ("bezeichnung", "name", "standort", "adresse", "lage")
OPERATOR = ("bewirtschafter", "betreiber")
HOURS = ("zeiten", "oeffnungszeiten", "öffnungszeiten")
ACCESSIBLE = ("behindertengerecht", "barrierefrei", "rollstuhlgerecht")
CHANGING = ("wickelmoeglichkeit", "wickeltisch")
FEE = ("gebuehren", "gebuehr", "gebühren", "kosten", "entgelt")
FREE = ("kostenlos", "gebuehrenfrei")
_FREE_WORDS = re.compile(
    r"^(0([.,]0+)?\s*(€|eur(o)?)?|keine|kostenlos|kostenfrei|gebührenfrei|frei|gratis)$", re.I
)


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[ToiletRecord]:
    return fetch_nearby(http, source, ctx, toilet, WHAT)


def parse_toilets(body: bytes, content_type: str = "") -> list[ToiletRecord]:
    return parse_nearby(body, content_type, toilet, WHAT)


def toilet(properties: Mapping[str, object], fallback_id: str) -> ToiletRecord | None:
    if flag(properties.get("aktiv")) is False:
        return None  # switched off in the city's data: left out, not an error
    name = text(first(properties, NAME)) or text(properties.get("art"))
    if not name:
        raise ParseError("no name, address or type")
    fee, fee_text = _fee(properties)
    return ToiletRecord(
        id=text(first(properties, ID)) or fallback_id,
        name=name,
        operator=text(first(properties, OPERATOR)) or "",
        accessible=flag(first(properties, ACCESSIBLE)),
        baby_changing=flag(first(properties, CHANGING)),
        fee=fee,
        fee_text=fee_text,
        hours=text(first(properties, HOURS)) or "",
    )


def _fee(properties: Mapping[str, object]) -> tuple[bool | None, str]:
    """(costs money?, the amount or words to show)."""
    value = first(properties, FEE)
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, int | float):
        if not is_number(value):
            return None, ""
        return (True, f"{value:.2f} €".replace(".", ",")) if value > 0 else (False, "")
    if value is not None:
        words = text(value) or ""
        if _FREE_WORDS.match(words):
            return False, ""
        yes_no = flag(words)
        return (yes_no, "") if yes_no is not None else (True, words)
    free = flag(first(properties, FREE))
    return (None if free is None else not free), ""
