"""The contract between the coordinator and a connector.

A connector is a module with ``KIND`` (a ``SourceKind``) and::

    def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[Record]

``fetch`` asks ``http`` for one or more responses (the coordinator's ``Http`` applies the total deadline
of each request, the size limit, conditional requests and the content-type check, and turns an error
status into a ``FetchError`` with the API's own message and ``Retry-After``) and parses them with pure
functions ``parse_*(body: bytes, ...) -> list[Record]`` that raise only ``ParseError`` (or return records).
Connectors never sleep, retry or touch the disk: the coordinator does that.

Conditional requests: when the *primary* response is ``not_modified`` (HTTP 304) the connector raises
``NotModified`` and the coordinator keeps its last good records. Secondary requests (details, static
data) pass ``conditional=False`` so they always get a body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Response:
    """One HTTP answer, body already size-checked. ``not_modified`` means 304: use the last good data."""

    url: str
    status: int
    headers: dict[str, str]  # keys lower-case
    body: bytes
    not_modified: bool = False


class NotModified(Exception):
    """The source says nothing changed since the last good data (HTTP 304)."""


class Http(Protocol):
    def get(
        self,
        url: str,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        accept: tuple[str, ...] = (),
        conditional: bool = True,
    ) -> Response:
        """GET ``url``. ``accept``: content types allowed (prefixes); anything else is a FetchError."""
        ...


@dataclass(frozen=True)
class FetchContext:
    """What a connector may need about the device and the moment."""

    now: datetime
    latitude: float | None = None
    longitude: float | None = None
    ars: str = "130030000000"
    content_dir: Path = field(default_factory=Path)
    radius_m: float = 1500.0  # "nearby" for citizen reports
