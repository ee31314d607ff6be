"""Source kind → connector module, from the catalogue (``kiosk/config/catalogue.py``).

A connector is imported the first time a device uses its kind, so a hall display that shows a calendar
never loads the protobuf or NGSI code.
"""

from __future__ import annotations

import importlib

from kiosk.config.catalogue import KIND_BY_NAME
from kiosk.data.coordinator import Connector

_LOADED: dict[str, Connector] = {}


def connector_for(kind: str) -> Connector:
    """The connector of a catalogued kind (``KeyError`` for a kind the catalogue does not know)."""
    if kind not in _LOADED:
        module = importlib.import_module(f"kiosk.data.connectors.{KIND_BY_NAME[kind].module}")
        if getattr(module, "KIND", None) != kind:
            raise ImportError(
                f"{module.__name__}.KIND is {getattr(module, 'KIND', None)!r}, catalogued as {kind!r}"
            )
        _LOADED[kind] = module
    return _LOADED[kind]
