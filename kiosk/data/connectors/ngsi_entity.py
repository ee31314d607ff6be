"""What an NGSI answer must look like, and one entity flattened for the Smart Data Model mappers.

Shape (both flavours): ``GET …/entities`` answers a JSON array of entities, each a JSON object with
an ``id`` and a ``type`` (NGSI-LD: the id is a URI such as ``urn:ngsi-ld:OffStreetParking:1``, the
type a name or a list of names); ``GET …/entities/{id}`` answers one such object. ``[]`` is a real
answer ("no entities"). Anything else is a ``ParseError``, so the coordinator keeps the last good
data instead of showing "no car parks" because a URL pointed at another API: an empty body, an error
envelope answered with 200 (Orion ``{"error", "description"}``, NGSI-LD ProblemDetails ``{"type",
"title", "detail"}``: their text becomes the message), a CKAN ``{"help", "success", "result"}``, a
GeoJSON FeatureCollection, or an array without a single entity in it (an Open311 list of requests).

The ``@context`` (in the body, or the ``Link`` header) is not required: proxies drop ``Link`` headers
and the kiosk reads local names anyway (``local_name``), so its absence says nothing about the shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from kiosk.data.connectors.ngsi_values import (
    count_value,
    finite,
    number_value,
    representative_point,
    text_value,
    time_value,
)
from kiosk.data.connectors.values import load_json as _load_json
from kiosk.data.errors import ParseError

Flavour = Literal["NGSI-LD", "NGSI-v2"]
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S")


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


def load_json(body: bytes, flavour: Flavour) -> object:
    if not body.strip():
        raise ParseError(f"{flavour}: empty body (expected a JSON array of entities)")
    return _load_json(body, flavour)


def entity_list(data: object, flavour: Flavour) -> list[object]:
    """The entities of an answer (see the module text for what is not one)."""
    if isinstance(data, list):
        if data and not any(is_entity(item, flavour) for item in data):
            raise ParseError(
                f"{flavour}: a JSON array, but not of entities (objects with id and type); "
                f"the first item is {_describe(data[0])}"
            )
        return data
    if isinstance(data, Mapping):
        problem = _problem_text(data)
        if problem:
            raise ParseError(f"{flavour} error: {problem}")
        if is_entity(data, flavour):
            return [data]  # GET /entities/{id}
        if data.get("type") == "FeatureCollection":
            raise ParseError(f"{flavour}: GeoJSON, not an entity array (Accept application/geo+json?)")
    raise ParseError(f"{flavour}: expected a JSON array of entities, got {_describe(data)}")


def is_entity(item: object, flavour: Flavour) -> bool:
    """An object with an ``id`` (NGSI-LD: a URI) and a ``type`` (NGSI-LD: also a list of types)."""
    if not isinstance(item, Mapping):
        return False
    raw_id = item.get("id", item.get("@id"))
    raw_type = item.get("type", item.get("@type"))
    if not isinstance(raw_id, str) or not raw_id.strip():
        return False
    if flavour == "NGSI-LD":
        types = raw_type if isinstance(raw_type, list) else [raw_type]
        return bool(_URI.match(raw_id.strip())) and bool(types) and all(_name(t) for t in types)
    return _name(raw_type)


def _name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _problem_text(data: Mapping[str, object]) -> str:
    """NGSI-LD ProblemDetails (title/detail) or NGSI-v2 {error, description}; "" for anything else."""
    is_v2_error = isinstance(data.get("error"), str)
    has_text = isinstance(data.get("title"), str) or isinstance(data.get("detail"), str)
    is_problem = has_text and "id" not in data and "@id" not in data  # brokers differ in what they fill
    if not (is_v2_error or is_problem):
        return ""
    parts = [data.get(key) for key in ("title", "error", "detail", "description")]
    text = ": ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
    return " ".join(text.split())[:300]  # one line in the log and in last_error


def _describe(data: object) -> str:
    """A short, log-safe description of what arrived instead of entities."""
    if isinstance(data, Mapping):
        keys = sorted(" ".join(str(key).split())[:30] for key in data)[:6]
        return f"a JSON object with keys {', '.join(keys) or '(none)'}"
    if isinstance(data, list):
        return "a JSON array"
    if isinstance(data, bool):
        return "a JSON boolean"
    if isinstance(data, int | float):
        return "a JSON number"
    return "a JSON string" if isinstance(data, str) else "JSON null"


def entity_types(entity: Mapping[str, object]) -> list[str]:
    raw = entity.get("type", entity.get("@type"))
    candidates = raw if isinstance(raw, list) else [raw]
    return [local_name(t) for t in candidates if isinstance(t, str)]


def entity_id(entity: Mapping[str, object]) -> str:
    raw = entity.get("id", entity.get("@id"))
    if not isinstance(raw, str) or not raw.strip():
        raise ParseError("entity without an id")
    return raw.strip()


def entity_label(entity: object) -> str:
    raw = entity.get("id", entity.get("@id")) if isinstance(entity, Mapping) else None
    return raw[:120] if isinstance(raw, str) else "entity"


def local_name(name: str) -> str:
    """``https://…/dataModel.Parking/totalSpotNumber`` / ``sdm:totalSpotNumber`` → ``totalSpotNumber``."""
    for separator in ("#", "/"):
        if separator in name:
            return name.rsplit(separator, 1)[1]
    if ":" in name and not name.startswith("urn:"):
        return name.rsplit(":", 1)[1]
    return name
