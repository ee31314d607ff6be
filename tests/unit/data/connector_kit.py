"""Test helpers for connectors (no conftest): the shared fixtures, served by a real HTTP server on
127.0.0.1 (never off the machine) with the content types and headers of ``routes.json``, plus
Hypothesis strategies for malformed payloads.

    with serve_fixtures() as server:
        records = ngsi_ld.fetch(http(), source("ngsi-ld", server.url("/ngsi-ld/v1/entities"), ...), CTX)

Every answer carries an ``ETag`` (a hash of the body); a request with a matching ``If-None-Match``
gets ``304 Not Modified``. ``server.requests`` records what was asked (path, query, headers).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext
from kiosk.data.errors import ParseError
from kiosk.data.http import RequestsHttp

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO.parent / "shared" / "fixtures"

# The fixture scenario: Saturday 2025-10-18, 14:30 CEST, a kiosk at the Stadthafen.
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
STADTHAFEN = (54.0931, 12.1391)
CTX = FetchContext(now=NOW, latitude=STADTHAFEN[0], longitude=STADTHAFEN[1])


def fixture(name: str) -> bytes:
    """The bytes of ``shared/fixtures/<name>``."""
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


# --- the server -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """``path`` (decoded) and the query items that must be present; ``accept``: a required Accept type."""

    path: str
    body: bytes
    content_type: str
    query: Mapping[str, str] = field(default_factory=dict)
    accept: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200

    def matches(self, path: str, query: Mapping[str, str], accept: str) -> bool:
        return (
            path == self.path
            and all(query.get(k) == v for k, v in self.query.items())
            and (self.accept is None or self.accept in accept)
        )

    @property
    def specificity(self) -> int:
        return len(self.query) + (self.accept is not None)


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # keys lower-case


def fixture_routes() -> list[Route]:
    """The GET routes of ``routes.json`` with their fixture files."""
    table = json.loads((FIXTURES / "routes.json").read_text(encoding="utf-8"))
    return [
        Route(
            path=entry["path"],
            body=fixture(entry["file"]),
            content_type=entry["content_type"],
            query=entry.get("query", {}),
            accept=entry.get("accept"),
            headers=entry.get("headers", {}),
        )
        for entry in table["routes"]
        if entry.get("method", "GET") == "GET" and "file" in entry
    ]


class FixtureServer:
    def __init__(self, routes: list[Route]) -> None:
        self.routes = list(routes)
        self.requests: list[Seen] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def add(self, route: Route) -> None:
        self.routes.insert(0, route)

    def url(self, path: str) -> str:
        """``/stations/WARNEMÜNDE/…`` → the loopback URL, percent-encoded as a client sends it."""
        return self.base_url + quote(path, safe="/")

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _route(self, path: str, query: Mapping[str, str], accept: str) -> Route | None:
        candidates = [r for r in self.routes if r.matches(path, query, accept)]
        return max(candidates, key=lambda r: r.specificity, default=None)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                query = dict(parse_qsl(parts.query, keep_blank_values=True))
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append(Seen(path, query, headers))
                route = server._route(path, query, headers.get("accept", ""))
                if route is None:
                    self._send(404, b'{"error": "no fixture route"}', "application/json", {})
                    return
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                if route.status == 200 and headers.get("if-none-match") == etag:
                    self._send(304, b"", None, {"ETag": etag})
                    return
                self._send(route.status, route.body, route.content_type, {"ETag": etag, **route.headers})

            def _send(
                self, status: int, body: bytes, content_type: str | None, extra: Mapping[str, str]
            ) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in extra.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def serve_fixtures(*extra: Route) -> FixtureServer:
    """A server with every fixture route of ``routes.json`` (``extra`` routes take precedence)."""
    return FixtureServer([*extra, *fixture_routes()])


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
