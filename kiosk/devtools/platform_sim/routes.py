"""The routing table of the fake platform: which request gets which fixture file or ad-hoc answer.

``routes.json`` in a fixtures folder maps method, path, query (and ``Accept`` for NGSI-LD) to a file and
its response headers. The fixtures that ship with the package (``kiosk/devtools/fixtures/``, see its
README) are the default, so ``kiosk platform-sim`` and the tests need nothing outside the package.

Matching: same method and path (percent-decoded); every query parameter of the route present with the
same value (extra parameters are tolerated); a route with ``accept`` only for requests that list that
type (``*/*`` or no header count as ``application/json``, the NGSI-LD default). The most specific route
wins (most query parameters, then the earlier type in ``Accept``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

#: the fixtures packaged with kiosk.devtools (declared as package data in pyproject.toml)
FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"


def default_fixtures_dir() -> Path:
    """The fixture folder that ships with the package (``kiosk/devtools/fixtures``)."""
    return FIXTURES_DIR


@dataclass(frozen=True)
class Reply:
    """One answer given by a test or a demo instead of a fixture file.

    ``modified`` (seconds since the epoch) is the ``Last-Modified`` time; the platform sets it when the
    reply is added.
    """

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    modified: float = 0.0


@dataclass(frozen=True)
class LoggedRequest:
    """A request as the platform saw it; header names are lower-case.

    ``received`` is ``time.monotonic()`` when it arrived (to compare with a test's own clock readings);
    ``host`` the address it was sent to (``127.0.0.2`` for a platform standing for another host).
    """

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: bytes = b""
    received: float = 0.0
    host: str = ""

    @property
    def authorization(self) -> str | None:
        """The ``Authorization`` header, or None if the client sent no credentials."""
        return self.headers.get("authorization")


@dataclass(frozen=True)
class Ending:
    """How a dripped answer (the ``drip`` fault) ended: ``"complete"`` or ``"abandoned"`` (the client
    closed the connection first), ``at`` a ``time.monotonic()`` reading, ``sent`` of ``total`` bytes."""

    request: LoggedRequest
    outcome: str
    at: float
    sent: int
    total: int

    @property
    def after(self) -> float:
        """Seconds from the request's arrival to its end."""
        return self.at - self.request.received


#: makes the reply to one request (see ``PlatformSim.add_responder``)
Responder = Callable[[LoggedRequest], Reply]


@dataclass(frozen=True)
class Route:
    """A request pattern and what it is answered with: a fixture ``file``, ``replies``, a ``respond``
    function, or a bare status.

    With several ``replies`` each matching request gets the next one and the last one repeats (e.g. a
    failure, then the data).
    """

    path: str
    file: str = ""
    method: str = "GET"
    query: Mapping[str, str] = field(default_factory=dict)
    accept: str = ""
    content_type: str = "application/octet-stream"
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200
    replies: tuple[Reply, ...] = ()
    respond: Responder | None = None

    @property
    def key(self) -> tuple[str, str, tuple[tuple[str, str], ...], str]:
        """What makes two routes the same pattern (a new ad-hoc route replaces an older one)."""
        return (self.method, self.path, tuple(sorted(self.query.items())), self.accept)

    def describe(self) -> str:
        """One line for ``kiosk platform-sim`` and ``GET /__routes``."""
        query = "&".join(f"{k}={v}" for k, v in self.query.items())
        accept = f"  [Accept: {self.accept}]" if self.accept else ""
        if self.file:
            target = self.file
        elif self.replies:
            target = f"{len(self.replies)} ad-hoc repl{'y' if len(self.replies) == 1 else 'ies'}"
        elif self.respond is not None:
            target = "a reply function"
        else:
            target = f"status {self.status}"
        return f"{self.method:4} {self.path}{'?' + query if query else ''}{accept}  → {target}"


def load_routes(fixtures_dir: Path) -> list[Route]:
    """The routes of ``fixtures_dir/routes.json``."""
    data = json.loads((fixtures_dir / "routes.json").read_text(encoding="utf-8"))
    routes = []
    for entry in data.get("routes", []):
        routes.append(
            Route(
                path=str(entry["path"]),
                file=str(entry.get("file", "")),
                method=str(entry.get("method", "GET")).upper(),
                query={str(k): str(v) for k, v in dict(entry.get("query", {})).items()},
                accept=str(entry.get("accept", "")).lower(),
                content_type=str(entry.get("content_type", "application/octet-stream")),
                headers={str(k): str(v) for k, v in dict(entry.get("headers", {})).items()},
                status=int(entry.get("status", 200)),
            )
        )
    return routes


def best_route(
    routes: Sequence[Route], method: str, path: str, query: Mapping[str, str], accept_header: str
) -> tuple[Route | None, list[Route]]:
    """(the most specific matching route or None, all routes with this path)."""
    same_path = [r for r in routes if r.path == path]
    accepted = accept_list(accept_header)
    best: tuple[tuple[int, int], Route] | None = None
    for route in same_path:
        if route.method != method and not (method == "HEAD" and route.method == "GET"):
            continue
        if any(query.get(k) != v for k, v in route.query.items()):
            continue
        position = 0
        if route.accept:
            if route.accept not in accepted:
                continue
            position = accepted.index(route.accept)
        score = (len(route.query), -position)
        if best is None or score > best[0]:
            best = (score, route)
    return (best[1] if best else None), same_path


def accept_list(header: str) -> list[str]:
    """The media types of an ``Accept`` header in order; ``*/*`` and none mean JSON."""
    types = [part.split(";")[0].strip().lower() for part in header.split(",") if part.strip()]
    out = ["application/json" if t in ("*/*", "application/*") else t for t in types]
    return out or ["application/json"]


def not_modified(if_none_match: str | None, if_modified_since: str | None, etag: str, mtime: float) -> bool:
    """True if a conditional request may get 304 (``If-None-Match`` wins over ``If-Modified-Since``)."""
    if if_none_match:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return int(mtime) <= since
    return False
