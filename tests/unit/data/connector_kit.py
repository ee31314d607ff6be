"""Test helpers for connectors (no conftest): the packaged fixtures as bytes, the scenario's fetch
context, sources as an editor writes them, and Hypothesis strategies for malformed payloads.

Over HTTP the connector tests use the project's one fake platform (the ``sim`` fixture of
``conftest.py``, ``kiosk.devtools.platform_sim``):

    records = ngsi_ld.fetch(http(), source("ngsi-ld", sim.url_for("/ngsi-ld/v1/entities"), ...), CTX)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext
from kiosk.data.errors import ParseError
from kiosk.data.http import RequestsHttp
from kiosk.devtools.platform_sim import default_fixtures_dir

FIXTURES = default_fixtures_dir()

# The fixture scenario: Saturday 2025-10-18, 14:30 CEST, a kiosk at the Stadthafen.
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
STADTHAFEN = (54.0931, 12.1391)
CTX = FetchContext(now=NOW, latitude=STADTHAFEN[0], longitude=STADTHAFEN[1])


def fixture(name: str) -> bytes:
    """The bytes of the fixture file ``name`` (e.g. ``nina/dashboard_130030000000.json``)."""
    return (FIXTURES / name).read_bytes()


def fixture_json(name: str) -> Any:
    return json.loads(fixture(name))


def source(kind: str, url: str, params: Mapping[str, str] | None = None, **extra: object) -> DataSource:
    """A DataSource as an editor would write it (validated by pydantic)."""
    return DataSource.model_validate(
        {"name": f"Test {kind}", "kind": kind, "url": url, "params": dict(params or {}), **extra}
    )


def http() -> RequestsHttp:
    return RequestsHttp(timeout_s=5, max_bytes=5_000_000)


# --- malformed payloads (Hypothesis) ---------------------------------------------------------------

TRICKY_SCALARS = st.sampled_from(
    [
        "",
        " ",
        "87",
        "-1",
        "1e999",
        "54,0878",
        "NaN",
        "2025-10-18T12:30:00",
        "2025-10-18T12:30:00Z",
        "2025-10-18T14:30:00+02:00",
        "2025-10-18",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "Property",
        "GeoProperty",
        "Relationship",
        "Point",
        "Polygon",
        "OffStreetParking",
        "WeatherObserved",
        "Alert",
        "WaterObserved",
        "W",
        "MTS",
        "KMH",
        "cancel",
        "allclear",
        "test",
        -1,
        0,
        1,
        10**30,
        -(10**30),
        1e308,
        -1e308,
        float("inf"),
        float("nan"),
        True,
    ]
)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | TRICKY_SCALARS


def json_values(keys: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """Any JSON value (NaN/Infinity included: Python's json reads them); dict keys from ``keys``."""
    key_strategy = st.text(max_size=8) if keys is None else keys | st.text(max_size=8)
    return st.recursive(
        SCALARS,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(key_strategy, children, max_size=5),
        max_leaves=16,
    )


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node).union(*(_keys(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_keys(v) for v in node))
    return set()


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in node.items()}
    return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(node)]


def _drop(node: Any, path: tuple[Any, ...]) -> Any:
    head, rest = path[0], path[1:]
    if not rest:
        if isinstance(node, dict):
            return {k: v for k, v in node.items() if k != head}
        return [v for i, v in enumerate(node) if i != head]
    if isinstance(node, dict):
        return {k: (_drop(v, rest) if k == head else v) for k, v in node.items()}
    return [(_drop(v, rest) if i == head else v) for i, v in enumerate(node)]


def mutated_json(document: Any) -> st.SearchStrategy[bytes]:
    """``document`` with 1–3 random subtrees replaced by random values (keys of the document itself
    are likely) or removed, serialized as JSON."""
    keys = sorted(_keys(document))
    values = json_values(st.sampled_from(keys) if keys else None)

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        current = document
        for _ in range(draw(st.integers(1, 3))):
            path = draw(st.sampled_from(list(_paths(current))))
            if path and draw(st.booleans()):
                current = _drop(current, path)
            else:
                current = _replace(current, path, draw(values))
        return json.dumps(current).encode()

    return build()


def random_json() -> st.SearchStrategy[bytes]:
    return json_values().map(lambda v: json.dumps(v).encode())


def check_parse(parse: Callable[[bytes], list[Any]], body: bytes, *record_types: type) -> list[Any]:
    """``parse(body)`` either raises ParseError or returns records of ``record_types`` whose datetimes
    are all timezone-aware; any other exception fails the test."""
    try:
        records = parse(body)
    except ParseError:
        return []
    assert isinstance(records, list)
    for record in records:
        assert isinstance(record, record_types), record
        assert is_dataclass(record)
        for f in fields(record):
            value = getattr(record, f.name)
            if isinstance(value, datetime):
                assert value.utcoffset() is not None, (f.name, record)
            if isinstance(value, float):
                assert value == value and abs(value) != float("inf"), (f.name, record)
    return records
