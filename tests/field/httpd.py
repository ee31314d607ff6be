"""Loopback web servers for field tests: pages a web slide loads, and a record of every request.

Any 127.x.y.z address is this machine on Linux, so a server on 127.0.0.2 stands for "another host":
a kiosk whose allowlist names only 127.0.0.1 must never reach it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Hit:
    """One request the server received: monotonic time, the address it was sent to, method and path."""

    t: float
    host: str
    method: str
    path: str


Route = Callable[[str], tuple[str, bytes]]  # path -> (content type, body)


class LoopbackServer:
    """An HTTP server on ``host`` (a loopback address) and a free port, serving ``routes`` by path
    prefix (longest first); every request is recorded in ``hits``, also unknown ones (answered 404)."""

    def __init__(self, host: str = "127.0.0.1", routes: dict[str, Route] | None = None) -> None:
        self.host = host
        self.routes = dict(routes or {})
        self.hits: list[Hit] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(Hit(time.monotonic(), server.host, "GET", self.path))
                route = next(
                    (fn for prefix, fn in sorted(server.routes.items(), key=lambda r: -len(r[0]))
                     if self.path.startswith(prefix)),
                    None,
                )  # fmt: skip
                content_type, body = route(self.path) if route else ("text/plain", b"not here")
                self.send_response(200 if route else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:  # quiet: hits are the record
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name=f"httpd-{host}", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def hits_after(self, t: float) -> list[Hit]:
        return [hit for hit in list(self.hits) if hit.t > t]

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serving(*servers: LoopbackServer) -> Iterator[tuple[LoopbackServer, ...]]:
    """Run servers for the duration of a ``with`` block."""
    for server in servers:
        server.start()
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()


def html(text: str) -> Route:
    """A route answering every request with this HTML page."""
    body = text.encode()
    return lambda _path: ("text/html; charset=utf-8", body)
