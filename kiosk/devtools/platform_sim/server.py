"""The fake platform itself: an HTTP server on a background thread with faults, ad-hoc routes and a log."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kiosk.devtools.platform_sim.faults import GLOBAL, Fault
from kiosk.devtools.platform_sim.handler import Handler, Server, Server6
from kiosk.devtools.platform_sim.routes import (
    Ending,
    LoggedRequest,
    Reply,
    Responder,
    Route,
    best_route,
    default_fixtures_dir,
    load_routes,
)

HTML = "text/html; charset=utf-8"


def _text(request: LoggedRequest) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith("text/") or "json" in kind


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PlatformSim:
    """The fake platform on a background thread: ``start()``, ``url``, ``stop()`` (also a context manager).

    ``fixtures_dir`` holds ``routes.json`` and its files (default: the packaged fixtures). Tests add
    answers of their own with ``add_route`` / ``add_page`` / ``add_replies`` / ``add_responder``; such a
    route takes precedence over the fixture routes of the same path. ``requests`` records every request
    with its headers, arrival time and the address it reached.

    ``host`` is any loopback address: every 127.x.y.z is this machine on Linux, so a platform on
    ``127.0.0.2`` stands for "another host" (one a kiosk's allowlist does not name).
    """

    def __init__(
        self,
        fixtures_dir: Path | str | None = None,
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
        self.fixtures_dir = Path(fixtures_dir) if fixtures_dir is not None else default_fixtures_dir()
        self.routes = load_routes(self.fixtures_dir)
        self.host = host
        self._port = port
        self._lock = threading.Lock()
        self._requested = threading.Condition(self._lock)
        self._faults: dict[str, Fault] = {}
        self._extra: dict[tuple[Any, ...], Route] = {}
        self._served: dict[tuple[Any, ...], int] = {}  # replies given per ad-hoc route
        self._log: list[LoggedRequest] = []
        self._endings: list[Ending] = []
        self._stopping = threading.Event()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._handlers: set[threading.Thread] = set()  # joined by stop(): nothing outlives the server
        for key, fault in (faults or {}).items():
            self.set_fault(key, fault)

    # --- life cycle ---

    def start(self) -> PlatformSim:
        """Listen and serve on a daemon thread (a no-op if already running)."""
        if self._server is not None:
            return self
        self._stopping.clear()
        server_class = Server6 if ":" in self.host else Server
        self._server = server_class((self.host, self._port), Handler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"platform-sim:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, release held connections and join the threads."""
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
        with self._lock:
            handlers, self._handlers = list(self._handlers), set()
        for thread in handlers:
            thread.join(timeout=5)

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

    # --- ad-hoc routes ---

    def add_route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        content_type: str = "application/json",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        accept: str = "",
        method: str = "GET",
    ) -> None:
        """Answer ``path`` with ``body`` (a str is sent as UTF-8).

        Adding the same pattern again replaces the answer (with a ``Last-Modified`` at least a second
        later, so clients that only send ``If-Modified-Since`` see the change).
        """
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        reply = Reply(data, status, content_type, dict(headers or {}))
        self.add_replies(path, [reply], query=query, accept=accept, method=method)

    def add_page(
        self, path: str, html: str, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> str:
        """Answer ``path`` with an HTML page (UTF-8); returns the page's URL (the platform must run)."""
        self.add_route(path, html, content_type=HTML, status=status, headers=headers)
        return self.url_for(path)

    def add_replies(
        self,
        path: str,
        replies: Iterable[Reply],
        *,
        query: Mapping[str, str] | None = None,
        accept: str = "",
        method: str = "GET",
    ) -> None:
        """Answer ``path`` with ``replies`` in turn (the last repeats)."""
        route = Route(path=path, method=method.upper(), query=dict(query or {}), accept=accept.lower())
        with self._lock:
            earlier = self._extra.get(route.key)
            floor = max((r.modified for r in earlier.replies), default=0.0) + 1 if earlier else 0.0
            stamped = tuple(
                Reply(r.body, r.status, r.content_type, r.headers, r.modified or max(time.time(), floor))
                for r in replies
            )
            if not stamped:
                raise ValueError("add_replies needs at least one reply")
            self._put(replace(route, replies=stamped))

    def add_responder(
        self,
        path: str,
        respond: Responder,
        *,
        query: Mapping[str, str] | None = None,
        accept: str = "",
        method: str = "GET",
    ) -> None:
        """Answer ``path`` with what ``respond`` makes of each request.

        ``respond`` runs on the request's own thread, so it may block (a page that arrives only when the
        test lets it: wait on an event, and set the event before ``stop``). Its replies are never
        answered with 304: they are made anew for every request. An exception in it is a 500.
        """
        route = Route(path=path, method=method.upper(), query=dict(query or {}), accept=accept.lower())
        with self._lock:
            self._put(replace(route, respond=respond))

    def _put(self, route: Route) -> None:
        """Add or replace an ad-hoc route (the lock is held)."""
        self._extra[route.key] = route
        self._served.pop(route.key, None)

    def clear_routes(self) -> None:
        """Drop every ad-hoc route (the fixture routes stay)."""
        with self._lock:
            self._extra.clear()
            self._served.clear()

    def next_reply(self, route: Route) -> Reply:
        """The reply this request gets from an ad-hoc route (and count it)."""
        with self._lock:
            count = self._served.get(route.key, 0)
            self._served[route.key] = count + 1
        return route.replies[min(count, len(route.replies) - 1)]

    def reset(self) -> None:
        """Back to the fixtures alone: no faults, no ad-hoc routes, an empty log."""
        self.clear_faults()
        self.clear_routes()
        self.clear_log()

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
        """The route's own fault (by path or fixture file), else the global one, else none."""
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

    def count(self, path: str) -> int:
        """How many requests for ``path`` arrived (percent-decoded, without query)."""
        with self._lock:
            return sum(1 for entry in self._log if entry.path == path)

    def requests_since(self, moment: float) -> list[LoggedRequest]:
        """The requests that arrived after ``moment`` (a ``time.monotonic()`` reading)."""
        with self._lock:
            return [entry for entry in self._log if entry.received > moment]

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()
            self._endings.clear()

    def ended(self, request: LoggedRequest, outcome: str, sent: int, total: int) -> None:
        """Note how a dripped answer ended (called by the handler)."""
        with self._requested:
            self._endings.append(Ending(request, outcome, time.monotonic(), sent, total))
            self._requested.notify_all()

    @property
    def endings(self) -> list[Ending]:
        """How each dripped answer ended (complete, abandoned by the client, stopped), oldest first."""
        with self._lock:
            return list(self._endings)

    def wait_for_ending(self, path: str, timeout: float = 10.0) -> Ending:
        """The first ending of a dripped answer for ``path`` (waits ``timeout`` s, else TimeoutError)."""
        deadline = time.monotonic() + timeout
        with self._requested:
            while not (found := [e for e in self._endings if e.request.path == path]):
                if (left := deadline - time.monotonic()) <= 0:
                    raise TimeoutError(f"no dripped answer for {path!r} ended within {timeout} s")
                self._requested.wait(left)
            return found[0]

    def log_entries(self) -> list[dict[str, Any]]:
        """``GET /__log``: method, path, query, ``received`` (monotonic seconds, a clock every process of
        the machine shares), a text body a client sent (``body``: a heartbeat upsert, up to 64 KB) and
        for a dripped answer how it ended (``outcome``, ``ended``, ``sent``)."""
        with self._lock:
            log, endings = list(self._log), {id(e.request): e for e in self._endings}
        return [
            {"method": r.method, "path": r.path, "query": dict(r.query), "received": r.received}
            | ({"body": r.body[:65536].decode("utf-8", "replace")} if r.body and _text(r) else {})
            | ({"outcome": e.outcome, "ended": e.at, "sent": e.sent} if (e := endings.get(id(r))) else {})
            for r in log
        ]

    def wait_for_request(
        self, matches: str | Callable[[LoggedRequest], bool], timeout: float = 10.0
    ) -> LoggedRequest:
        """The first logged request for a path (or one ``matches`` accepts); waits up to ``timeout`` s.

        Raises:
            TimeoutError: if no such request arrived in time.
        """
        accept = (lambda r: r.path == matches) if isinstance(matches, str) else matches
        deadline = time.monotonic() + timeout
        with self._requested:
            while True:
                for entry in self._log:
                    if accept(entry):
                        return entry
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no request for {matches!r} within {timeout} s: {self._log}")
                self._requested.wait(left)

    def record(self, entry: LoggedRequest) -> None:
        """Log a request (called by the handler)."""
        with self._requested:
            self._log.append(entry)
            self._requested.notify_all()

    # --- routing ---

    def match(
        self, method: str, path: str, query: Mapping[str, str], accept_header: str
    ) -> tuple[Route | None, list[Route]]:
        """(best route or None, routes with this path); an ad-hoc route wins over the fixtures."""
        with self._lock:
            extra = list(self._extra.values())
        route, same_path = best_route(extra, method, path, query, accept_header)
        if route is not None:
            return route, same_path
        route, fixture_paths = best_route(self.routes, method, path, query, accept_header)
        return route, same_path + fixture_paths

    def wait(self, seconds: float) -> bool:
        """Sleep unless the server stops first. True if it is stopping."""
        return self._stopping.wait(seconds)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def track(self, connection: socket.socket, add: bool) -> None:
        """Remember open connections and their threads (called by the handler in its own thread), so
        ``stop`` can release the connections a fault holds and join the threads."""
        with self._lock:
            if add:
                self._connections.add(connection)
                self._handlers = {t for t in self._handlers if t.is_alive()}
                self._handlers.add(threading.current_thread())
            else:
                self._connections.discard(connection)
