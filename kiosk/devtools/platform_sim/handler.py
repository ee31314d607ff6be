"""One request to the fake platform: route, fault, conditional answer, and the ``/__`` control endpoints.

Every 200 answer carries an ``ETag`` (a hash of the body) and ``Last-Modified`` (the fixture's mtime, or
when an ad-hoc reply was added) and honours ``If-None-Match`` / ``If-Modified-Since`` with 304 (except
the replies of a reply function, made anew for each request). A reply's header given as "" is not
sent: ``headers={"ETag": "", "Last-Modified": ""}`` is a server without validators (and without 304s).
Unknown paths get a 404 with a JSON body listing the routes of that path.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import select
import socket
import struct
import sys
import time
from collections.abc import Mapping
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from kiosk.devtools.platform_sim.faults import GLOBAL, Fault
from kiosk.devtools.platform_sim.routes import LoggedRequest, Reply, not_modified

if TYPE_CHECKING:
    from kiosk.devtools.platform_sim.server import PlatformSim

CONTROL_PREFIX = "/__"
_HUGE_CHUNK = 64 * 1024


class Server(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` that knows its ``PlatformSim`` and keeps quiet about clients going away."""

    daemon_threads = True
    block_on_close = False  # PlatformSim.stop joins the handler threads itself, with a timeout
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[Handler], sim: PlatformSim) -> None:
        self.sim = sim
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (a size limit, a timeout, a test): not a server bug
        super().handle_error(request, client_address)


class Server6(Server):
    address_family = socket.AF_INET6


class Handler(BaseHTTPRequestHandler):
    """Answers one connection (HTTP/1.1 keep-alive) from the platform's routes."""

    server: Server
    protocol_version = "HTTP/1.1"
    server_version = "SmileCityPlatformSim/1.0"
    timeout = 60  # an idle keep-alive connection is closed after this

    def setup(self) -> None:
        super().setup()
        self.server.sim.track(self.connection, True)

    def finish(self) -> None:
        self.server.sim.track(self.connection, False)
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
        host = str(self.connection.getsockname()[0])
        request = LoggedRequest(method, path, query, headers, body, time.monotonic(), host)
        sim.record(request)
        self._logged = request
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
        if route.respond is not None:
            try:
                made = route.respond(request)
            except Exception as exc:  # a test's reply function: its failure is the answer, not a crash
                self._json(500, {"error": "reply function failed", "detail": repr(exc), "path": path})
                return
            self._reply(method, made, fault, conditional=False)
            return
        if route.replies:
            self._reply(method, sim.next_reply(route), fault)
            return
        if not route.file:
            self.send_response(route.status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = sim.fixtures_dir / route.file
        try:
            data = file.read_bytes()
            mtime = file.stat().st_mtime
        except OSError:
            self._json(500, {"error": "fixture missing", "file": route.file})
            return
        self._send(method, route.status, data, route.content_type, route.headers, mtime, fault)

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > 0:
            return self.rfile.read(min(int(length), 10_000_000))
        return b""

    def _reply(self, method: str, reply: Reply, fault: Fault, *, conditional: bool = True) -> None:
        modified = reply.modified or time.time()  # a reply function's reply: made just now
        self._send(
            method,
            reply.status,
            reply.body,
            reply.content_type,
            reply.headers,
            modified,
            fault,
            conditional=conditional,
        )

    def _send(
        self,
        method: str,
        status: int,
        body: bytes,
        content_type: str,
        extra: Mapping[str, str],
        mtime: float,
        fault: Fault,
        *,
        conditional: bool = True,
    ) -> None:
        etag = f'"{hashlib.sha256(body).hexdigest()[:24]}"'
        headers = {
            "ETag": etag,
            "Last-Modified": formatdate(mtime, usegmt=True),
            "Cache-Control": "no-cache",
            **extra,
        }
        headers = {name: value for name, value in headers.items() if value}  # "": a server without it
        # a server that mangles its body does not answer "not modified" first: faults win over 304
        if (
            conditional
            and status == 200
            and not fault.active
            and not_modified(
                self.headers.get("If-None-Match") if "ETag" in headers else None,
                self.headers.get("If-Modified-Since") if "Last-Modified" in headers else None,
                headers.get("ETag", etag),
                mtime,
            )
        ):
            self.send_response(304)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        content_type = "text/html; charset=utf-8" if fault.wrong_content_type else content_type
        if fault.garbage:
            body = os.urandom(max(len(body), 256))
        if fault.truncate:
            body = body[: len(body) // 2]
        self.send_response(status)
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
        if method != "HEAD" and fault.drip:
            self._drip(body, fault.drip)
        elif method != "HEAD":
            self.wfile.write(body)

    def _drip(self, body: bytes, rate: float) -> None:
        """Send ``body`` at ``rate`` bytes per second, watching for the client to close the connection
        (recorded with ``PlatformSim.ended``), at most ten pieces a second."""
        self.wfile.flush()
        piece = max(1, round(rate / 10))
        pause = piece / rate
        sent, outcome = 0, "complete"
        while sent < len(body) and not self.server.sim.stopping:
            if self._client_gone(pause):
                outcome = "abandoned"
                break
            try:
                self.wfile.write(body[sent : sent + piece])
                self.wfile.flush()
            except OSError:
                outcome = "abandoned"
                break
            sent += len(body[sent : sent + piece])
        if self.server.sim.stopping and sent < len(body):
            outcome = "stopped"
        self.close_connection = outcome != "complete"
        self.server.sim.ended(self._logged, outcome, sent, len(body))

    def _client_gone(self, seconds: float) -> bool:
        """Wait ``seconds``; True as soon as the client closes its end (readable with nothing to read)."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0 and not self.server.sim.stopping:
            try:
                readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
                if readable and not self.connection.recv(1, socket.MSG_PEEK):
                    return True
            except OSError:
                return True
        return False

    def _stream(self, total: int) -> None:
        chunk = b"x" * _HUGE_CHUNK
        sent = 0
        try:
            while sent < total and not self.server.sim.stopping:
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
                apply_control(sim, data)
            except ValueError as exc:
                self._json(400, {"error": str(exc)})
                return
        elif path == "/__faults" and method == "DELETE":
            sim.clear_faults()
        elif path == "/__log" and method == "DELETE":
            sim.clear_log()
        elif path == "/__log" and method == "GET":
            self._json(200, sim.log_entries())
            return
        elif path == "/__routes" and method == "GET":
            self._json(200, [r.describe() for r in sim.routes])
            return
        elif not (path == "/__faults" and method == "GET"):
            self._json(404, {"error": "unknown control endpoint", "path": path})
            return
        self._json(200, {key: fault.to_dict() for key, fault in sim.faults.items()})


def apply_control(sim: PlatformSim, data: Mapping[str, Any]) -> None:
    """Apply the JSON object of ``POST /__faults`` (see ``Handler._control``)."""
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
