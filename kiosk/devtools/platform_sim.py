"""A fake city platform for tests and demos: the fixture files served at the real API paths.

``routes.json`` in the fixtures folder maps method, path, query (and ``Accept`` for NGSI-LD) to a file and
its response headers (Content-Type, Link, Fiware-Total-Count, NGSILD-Results-Count, …). Every answer
also carries an ``ETag`` (a hash of the file) and ``Last-Modified`` (its mtime) and honours
``If-None-Match`` / ``If-Modified-Since`` with 304. Unknown paths get a 404 with a JSON body.

Matching: same method and path (percent-decoded); every query parameter of the route present with the
same value (extra parameters are tolerated); a route with ``accept`` only for requests that list that
type (``*/*`` or no header count as ``application/json``, the NGSI-LD default). The most specific route
wins (most query parameters, then the earlier type in ``Accept``).

Faults, per route (key: the route path, or its fixture file such as ``nina/dashboard_130030000000.json``)
or global (key ``*``; a route's own fault replaces the global one), set at start, with ``set_faults`` /
``clear_faults``, or at run time with ``POST /__faults`` (JSON, see ``_control``):

``latency_ms``          wait before answering
``status``              answer 4xx/5xx (e.g. 404, 500, 503) with a JSON error body
``timeout``             hold the connection for N s without answering, then close it
``truncate``            send only the first half of the body (Content-Length says so)
``garbage``             random bytes instead of the body
``huge``                stream N MB (chunked, no Content-Length)
``wrong_content_type``  ``text/html`` instead of the route's type (like a captive portal)
``reset``               close the socket with a TCP reset, no answer

Binds to loopback only unless ``allow_non_loopback=True``: fixtures are not for the network.
Pure standard library (``http.server``), no Qt. ``kiosk platform-sim`` runs it from the command line.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import os
import socket
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

GLOBAL = "*"
CONTROL_PREFIX = "/__"
_HUGE_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fault:
    """What goes wrong with an answer. The default (all off) is a healthy server."""

    latency_ms: int = 0
    status: int | None = None
    timeout: float = 0.0
    truncate: bool = False
    garbage: bool = False
    huge: float = 0.0
    wrong_content_type: bool = False
    reset: bool = False

    def __post_init__(self) -> None:
        if self.latency_ms < 0 or self.timeout < 0 or self.huge < 0:
            raise ValueError("latency_ms, timeout and huge must not be negative")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError(f"status must be an error status (400–599), not {self.status}")

    @property
    def active(self) -> bool:
        return self != Fault()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                raise ValueError(f"unknown fault {name!r} (known: {', '.join(known)})")
            values[name] = _coerce(name, value)
        return cls(**values)

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """``status:503,latency_ms:200`` / ``truncate`` / ``huge:20`` / ``timeout:5`` or a JSON object."""
        spec = spec.strip()
        if spec.startswith("{"):
            return cls.from_dict(json.loads(spec))
        data: dict[str, Any] = {}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, _, value = item.partition(":")
            data[name.strip()] = value.strip() if value else True
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v != getattr(Fault(), k)}


def _coerce(name: str, value: Any) -> Any:
    try:
        if name in ("truncate", "garbage", "wrong_content_type", "reset"):
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on", "")
            return bool(value)
        if name in ("latency_ms",):
            return int(value)
        if name == "status":
            return None if value is None else int(value)
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"fault {name}: {value!r} is not a valid value") from None


def parse_fault_arg(text: str) -> tuple[str, Fault]:
    """``ROUTE=SPEC`` (or just ``SPEC`` for every route) as given to ``kiosk platform-sim --fault``."""
    route, sep, spec = text.partition("=")
    if not sep or route.strip().startswith("{"):
        return GLOBAL, Fault.parse(text)
    return route.strip() or GLOBAL, Fault.parse(spec)


@dataclass(frozen=True)
class Route:
    path: str
    file: str = ""
    method: str = "GET"
    query: Mapping[str, str] = field(default_factory=dict)
    accept: str = ""
    content_type: str = "application/octet-stream"
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200

    def describe(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.query.items())
        accept = f"  [Accept: {self.accept}]" if self.accept else ""
        target = self.file or f"status {self.status}"
        return f"{self.method:4} {self.path}{'?' + query if query else ''}{accept}  → {target}"


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: bytes = b""


def load_routes(fixtures_dir: Path) -> list[Route]:
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


def default_fixtures_dir() -> Path:
    """``$KIOSK_FIXTURES``, else ``shared/fixtures`` beside the checkout (where CI and the team keep it)."""
    env = os.environ.get("KIOSK_FIXTURES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PlatformSim:
    """The fake platform on a background thread: ``start()``, ``url``, ``stop()`` (also a context manager)."""

    def __init__(
        self,
        fixtures_dir: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults: Mapping[str, Fault | Mapping[str, Any]] | None = None,
        allow_non_loopback: bool = False,
    ) -> None:
        if not is_loopback(host) and not allow_non_loopback:
            raise ValueError(
                f"refusing to serve fixtures on {host!r}: only loopback hosts "
                "(127.0.0.1, ::1, localhost) unless allow_non_loopback=True"
            )
        self.fixtures_dir = Path(fixtures_dir)
        self.routes = load_routes(self.fixtures_dir)
        self.host = host
        self._port = port
        self._lock = threading.Lock()
        self._faults: dict[str, Fault] = {}
        self._log: list[LoggedRequest] = []
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        for key, fault in (faults or {}).items():
            self.set_fault(key, fault)

    # --- life cycle ---

    def start(self) -> PlatformSim:
        if self._server is not None:
            return self
        self._stopping.clear()
        server_class = _Server6 if ":" in self.host else _Server
        self._server = server_class((self.host, self._port), _Handler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # releases held connections (timeout, latency)
        server.shutdown()
        with self._lock:
            open_connections = list(self._connections)
        for connection in open_connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> PlatformSim:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the platform simulator is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url_for(self, path: str) -> str:
        """Absolute URL of a path (non-ASCII such as ``WARNEMÜNDE`` percent-encoded)."""
        return self.url + quote(path, safe="/?&=,:;+%")

    # --- faults ---

    def set_fault(self, route: str, fault: Fault | Mapping[str, Any] | None) -> None:
        """``route``: a route path, a fixture file, or ``*`` for all; ``None`` / no fault removes it."""
        value = fault if isinstance(fault, Fault) or fault is None else Fault.from_dict(fault)
        with self._lock:
            if value is None or not value.active:
                self._faults.pop(route or GLOBAL, None)
            else:
                self._faults[route or GLOBAL] = value

    def set_faults(self, route: str = GLOBAL, **settings: Any) -> None:
        """E.g. ``set_faults(status=503)`` (every route) or ``set_faults("/alerts", timeout=3)``."""
        self.set_fault(route, Fault.from_dict(settings))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    @property
    def faults(self) -> dict[str, Fault]:
        with self._lock:
            return dict(self._faults)

    def fault_for(self, path: str, route: Route | None) -> Fault:
        with self._lock:
            for key in (path, route.file if route else None, GLOBAL):
                if key and key in self._faults:
                    return self._faults[key]
        return Fault()

    # --- request log ---

    @property
    def log(self) -> list[str]:
        """Paths requested (percent-decoded, without query), oldest first; control calls excluded."""
        with self._lock:
            return [entry.path for entry in self._log]

    @property
    def requests(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    # --- routing ---

    def match(
        self, method: str, path: str, query: Mapping[str, str], accept_header: str
    ) -> tuple[Route | None, list[Route]]:
        """(best route or None, routes with this path)."""
        same_path = [r for r in self.routes if r.path == path]
        accepted = _accept_list(accept_header)
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

    def wait(self, seconds: float) -> bool:
        """Sleep unless the server stops first. True if it is stopping."""
        return self._stopping.wait(seconds)

    def _track(self, connection: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)


def _accept_list(header: str) -> list[str]:
    types = [part.split(";")[0].strip().lower() for part in header.split(",") if part.strip()]
    out = ["application/json" if t in ("*/*", "application/*") else t for t in types]
    return out or ["application/json"]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], sim: PlatformSim) -> None:
        self.sim = sim
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (a size limit, a timeout, a test): not a server bug
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "SmileCityPlatformSim/1.0"
    timeout = 60  # an idle keep-alive connection is closed after this

    def setup(self) -> None:
        super().setup()
        self.server.sim._track(self.connection, True)

    def finish(self) -> None:
        self.server.sim._track(self.connection, False)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # quiet; the sim keeps its own log
        return

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    # --- one request ---

    def _serve(self, method: str) -> None:
        sim = self.server.sim
        parts = urlsplit(self.path)
        path = unquote(parts.path, encoding="utf-8", errors="replace")
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        body = self._read_body()
        if path.startswith(CONTROL_PREFIX):
            self._control(method, path, body)
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        sim._record(LoggedRequest(method, path, query, headers, body))
        route, same_path = sim.match(method, path, query, self.headers.get("Accept", ""))
        fault = sim.fault_for(path, route)

        if fault.latency_ms and sim.wait(fault.latency_ms / 1000):
            self.close_connection = True
            return
        if fault.reset:
            self._reset()
            return
        if fault.timeout:
            sim.wait(fault.timeout)
            self.close_connection = True
            return
        if fault.status is not None:
            self._json(fault.status, {"error": "injected fault", "status": fault.status, "path": path})
            return
        if route is None:
            if same_path and not any(r.method == method for r in same_path) and method != "HEAD":
                self._json(405, {"error": "method not allowed", "path": path})
            else:
                known = [r.describe() for r in same_path]
                self._json(404, {"error": "not found", "path": path, "query": query, "routes": known})
            return
        if not route.file:
            self.send_response(route.status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send_file(method, route, fault)

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > 0:
            return self.rfile.read(min(int(length), 10_000_000))
        return b""

    def _send_file(self, method: str, route: Route, fault: Fault) -> None:
        file = self.server.sim.fixtures_dir / route.file
        try:
            body = file.read_bytes()
            mtime = file.stat().st_mtime
        except OSError:
            self._json(500, {"error": "fixture missing", "file": route.file})
            return
        etag = f'"{hashlib.sha256(body).hexdigest()[:24]}"'
        last_modified = formatdate(mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_modified, "Cache-Control": "no-cache", **route.headers}
        # a server that mangles its body does not answer "not modified" first: faults win over 304
        if not fault.active and _not_modified(
            self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), etag, mtime
        ):
            self.send_response(304)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        content_type = "text/html; charset=utf-8" if fault.wrong_content_type else route.content_type
        if fault.garbage:
            body = os.urandom(max(len(body), 256))
        if fault.truncate:
            body = body[: len(body) // 2]
        self.send_response(route.status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        if fault.huge:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if method != "HEAD":
                self._stream(int(fault.huge * 1024 * 1024))
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(body)

    def _stream(self, total: int) -> None:
        chunk = b"x" * _HUGE_CHUNK
        sent = 0
        try:
            while sent < total and not self.server.sim._stopping.is_set():
                piece = chunk[: min(_HUGE_CHUNK, total - sent)]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                sent += len(piece)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client stopped reading (its size limit): expected

    def _reset(self) -> None:
        """Close with RST: SO_LINGER on, zero timeout."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def _json(self, status: int, payload: object) -> None:
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status == 503:
            self.send_header("Retry-After", "30")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    # --- control endpoints ---

    def _control(self, method: str, path: str, body: bytes) -> None:
        """``GET /__faults``; ``POST /__faults`` with ``{"route": "/alerts", "status": 503}`` (one route,
        default ``*``), ``{"faults": {"*": {...}, "/path": {...}}}`` (replace all) or ``{"clear": true}``;
        ``DELETE /__faults``; ``GET /__routes``; ``GET /__log``; ``DELETE /__log``."""
        sim = self.server.sim
        if path == "/__faults" and method in ("POST", "PUT"):
            try:
                data = json.loads(body or b"{}")
                if not isinstance(data, dict):
                    raise ValueError("send a JSON object")
                _apply_control(sim, data)
            except ValueError as exc:
                self._json(400, {"error": str(exc)})
                return
        elif path == "/__faults" and method == "DELETE":
            sim.clear_faults()
        elif path == "/__log" and method == "DELETE":
            sim.clear_log()
        elif path == "/__log" and method == "GET":
            self._json(200, [{"method": r.method, "path": r.path, "query": r.query} for r in sim.requests])
            return
        elif path == "/__routes" and method == "GET":
            self._json(200, [r.describe() for r in sim.routes])
            return
        elif not (path == "/__faults" and method == "GET"):
            self._json(404, {"error": "unknown control endpoint", "path": path})
            return
        self._json(200, {key: fault.to_dict() for key, fault in sim.faults.items()})


def _apply_control(sim: PlatformSim, data: Mapping[str, Any]) -> None:
    if data.get("clear"):
        sim.clear_faults()
        return
    if "faults" in data:
        faults = data["faults"]
        if not isinstance(faults, dict):
            raise ValueError("'faults' must map a route (or '*') to a fault object")
        parsed = {str(key): Fault.from_dict(_object(value)) for key, value in faults.items()}
        sim.clear_faults()
        for key, fault in parsed.items():
            sim.set_fault(key, fault)
        return
    settings = dict(data)
    route = str(settings.pop("route", GLOBAL))
    sim.set_fault(route, Fault.from_dict(settings))


def _object(value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("a fault must be a JSON object")
    return value


def _not_modified(if_none_match: str | None, if_modified_since: str | None, etag: str, mtime: float) -> bool:
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


def serve(
    fixtures_dir: Path,
    port: int = 8088,
    fault_args: Iterable[str] = (),
    out: Callable[[str], None] = print,
) -> int:
    """Run until Ctrl-C, printing the base URL and the routes (the ``kiosk platform-sim`` command)."""
    if not (fixtures_dir / "routes.json").is_file():
        out(f"kiosk platform-sim: no routes.json in {fixtures_dir}")
        return 2
    try:
        faults = dict(parse_fault_arg(arg) for arg in fault_args)
    except ValueError as exc:
        out(f"kiosk platform-sim: --fault: {exc}")
        return 2
    sim = PlatformSim(fixtures_dir, port=port, faults=faults)
    try:
        sim.start()
    except OSError as exc:
        out(f"kiosk platform-sim: cannot listen on port {port}: {exc.strerror}")
        return 1
    out(f"Fake city platform at {sim.url}  (fixtures: {fixtures_dir})")
    for route in sim.routes:
        out(f"  {route.describe()}")
    for key, fault in sim.faults.items():
        out(f"  fault {key}: {fault.to_dict()}")
    out(f'Faults at run time: curl -X POST {sim.url}/__faults -d \'{{"route": "*", "status": 503}}\'')
    out("Ctrl-C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        out("stopped")
    finally:
        sim.stop()
    return 0
