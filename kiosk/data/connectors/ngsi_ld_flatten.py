"""One NGSI-LD entity → ``Attributes``, whichever representation the broker answered with
(ETSI GS CIM 009, clause 4.5):

* **normalized** — every attribute an object with its ``type``: ``Property {value}``, ``GeoProperty
  {value}``, ``Relationship {object}``, ``LanguageProperty {languageMap}``, ``VocabProperty {vocab}``,
  ``JsonProperty {json}``, ``ListProperty {valueList}``, ``ListRelationship {objectList}``; sub-attributes
  such as ``observedAt`` and ``unitCode`` next to the value;
* **concise** (NGSI-LD 1.6+) — the ``type`` left out: ``{"value": 87, "observedAt": …}``, ``{"object":
  …}``, ``{"languageMap": …}``, …; an attribute without sub-attributes is its bare value, a GeoProperty
  its bare GeoJSON geometry;
* **keyValues / simplified** — every attribute its bare value (a LanguageProperty its language map).

Multi-attributes (a list of instances told apart by ``datasetId``) give the default instance (the one
without ``datasetId``), else the first. Attribute names are reduced to their local name (``sdm:name``,
``https://…/name`` → ``name``), so the ``@context`` never has to be fetched; the same name twice
(compacted and expanded) keeps the first.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.data.connectors.ngsi_entity import Attributes, entity_id, local_name
from kiosk.data.connectors.ngsi_values import pick_language

_ATTRIBUTE_TYPES = frozenset(
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
# The member that carries an attribute's value, per attribute type; in the concise form its presence
# tells the type (clause 4.5.x: "value" Property/GeoProperty, "object" Relationship, …).
_VALUE_KEYS = {
    "value": "Property",
    "object": "Relationship",
    "objectList": "ListRelationship",
    "languageMap": "LanguageProperty",
    "vocab": "VocabProperty",
    "json": "JsonProperty",
    "valueList": "ListProperty",
}
_NOT_ATTRIBUTES = frozenset({"@context", "id", "@id", "type", "@type", "scope", "createdAt", "modifiedAt"})


def flatten_ld(entity: Mapping[str, object]) -> Attributes:
    attrs = Attributes(entity_id(entity))
    for key, raw in entity.items():
        if not isinstance(key, str) or key in _NOT_ATTRIBUTES:
            continue
        name = local_name(key)
        if name in attrs.values:
            continue  # the same term twice (compacted and expanded): the first wins
        instance = _default_instance(raw)
        kind = attribute_type(instance)
        if kind is None or not isinstance(instance, Mapping):
            attrs.values[name] = instance  # keyValues, or a concise attribute without sub-attributes
            continue
        attrs.values[name] = _value(instance, kind)
        if "observedAt" in instance:
            attrs.observed[name] = instance["observedAt"]
        unit = instance.get("unitCode")
        if isinstance(unit, str) and unit.strip():
            attrs.units[name] = unit.strip().upper()
    return attrs


def attribute_type(attribute: object) -> str | None:
    """The NGSI-LD attribute type of a normalized or concise attribute; None for a bare value.

    A bare GeoJSON geometry (``{"type": "Point", …}``) and a keyValues object value without a value
    member (``address``) are bare values.
    """
    if not isinstance(attribute, Mapping):
        return None
    kind = attribute.get("type", attribute.get("@type"))
    if isinstance(kind, str) and local_name(kind) in _ATTRIBUTE_TYPES:
        return local_name(kind)
    if kind is not None and "value" not in attribute:
        return None  # GeoJSON geometry, or another object value that has its own "type"
    return next((_VALUE_KEYS[key] for key in _VALUE_KEYS if key in attribute), None)


def _default_instance(raw: object) -> object:
    """A multi-attribute (list of instances with ``datasetId``) → the default instance, else the first."""
    if not isinstance(raw, list) or not raw:
        return raw
    if not all(isinstance(item, Mapping) and attribute_type(item) for item in raw):
        return raw  # a plain list value (keyValues, e.g. SDM status ["open"])
    return next((item for item in raw if isinstance(item, Mapping) and "datasetId" not in item), raw[0])


def _value(attribute: Mapping[str, object], kind: str) -> object:
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
