"""HTTP for connectors: a total deadline on every request, a size limit, a content-type check and
conditional requests (ETag / Last-Modified), on top of a ``requests`` session.

The deadline covers connecting, the headers and the whole body. ``requests``' own ``timeout`` is per
read: a server that trickles one byte a second never trips it (a NINA request stayed open 196 s with a
10 s timeout). So each request also has a watchdog that shuts the connection's socket down at the
deadline, which ends a read blocked in ``recv`` at once; the body is read in small chunks and the time
checked after each; and the per-read timeout stays, never longer than the time left.
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import itertools
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from kiosk import __version__
from kiosk.data.connectors.base import Response
from kiosk.data.errors import FetchError, api_message

USER_AGENT = f"SmileCityTouchpoint/{__version__} (+https://github.com/smile-city-rostock)"
SLOW_S = 0.5  # a request taking longer lets the gate go (Deadline)
CHUNK = 8192  # small, so the deadline is checked often while a body streams in
ERROR_BODY_BYTES = 65536  # enough for an API's error message; an error page is not read to its end


@dataclass
class Validators:
    """ETag / Last-Modified remembered per URL, so unchanged data costs a 304 and no parsing."""

    by_url: dict[str, tuple[str, str]] = field(default_factory=dict)

    def headers_for(self, key: str) -> dict[str, str]:
        etag, modified = self.by_url.get(key, ("", ""))
        out = {}
        if etag:
            out["If-None-Match"] = etag
        if modified:
            out["If-Modified-Since"] = modified
        return out


class Gate(Protocol):
    """A semaphore shared by the coordinators of a device (see ``Coordinator``): held during a fetch."""

    def acquire(self) -> object: ...
    def release(self) -> object: ...


class _Watchdog:
    """One thread for the deadlines of every request in flight (a thread per request cost a thread
    start per request, which under load stalled the GUI thread); it ends when nothing is left to watch,
    so an idle kiosk (or a finished test) has no watchdog thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: list[tuple[float, int, Deadline, Callable[[], None]]] = []
        self._order = itertools.count()
        self._running = False

    def at(self, when: float, owner: Deadline, action: Callable[[], None]) -> None:
        with self._cond:
            heapq.heappush(self._due, (when, next(self._order), owner, action))
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="http-deadline", daemon=True).start()
            self._cond.notify()

    def cancel(self, owner: Deadline) -> None:
        with self._cond:
            self._due = [entry for entry in self._due if entry[2] is not owner]
            heapq.heapify(self._due)
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if not self._due:
                        self._running = False
                        return
                    left = self._due[0][0] - time.monotonic()
                    if left <= 0:
                        action = heapq.heappop(self._due)[3]
                        break
                    self._cond.wait(left)
            action()


_WATCHDOG = _Watchdog()


class Deadline:
    """The total deadline of one request: ``left()`` seconds, and the watchdog shuts the socket of the
    request's connection down when time is up (or on ``fire()``), so no read can outlive it.

    With a ``gate`` (held by the requesting thread) the watchdog lets it go once the request has taken
    ``SLOW_S``: a slow server then holds a thread of its own and nothing else; ``finish()`` says whether
    the requester must take the gate again.
    """

    def __init__(self, seconds: float, gate: Gate | None = None) -> None:
        self.seconds = seconds
        started = time.monotonic()
        self.at = started + seconds
        self.fired = threading.Event()
        self._gate = gate
        self._gate_let_go = False
        self._done = False
        self._lock = threading.RLock()
        self._connections: list[Any] = []
        if gate is not None:
            _WATCHDOG.at(started + min(SLOW_S, seconds), self, self._let_gate_go)
        _WATCHDOG.at(self.at, self, self._expire)

    def left(self) -> float:
        return self.at - time.monotonic()

    def attach(self, connection: Any) -> None:
        """The connection (urllib3) this request uses; shut at once if the deadline has passed."""
        with self._lock:
            self._connections.append(connection)
        if self.fired.is_set():
            self._shut()

    def fire(self) -> None:
        """Abandon the request now (the deadline, or the kiosk quitting)."""
        self.fired.set()
        self._shut()

    def finish(self) -> bool:
        """The request is over: nothing more to watch. True if the gate was let go (take it again)."""
        with self._lock:
            self._done = True
            let_go = self._gate_let_go
        _WATCHDOG.cancel(self)
        return let_go

    def _let_gate_go(self) -> None:
        with self._lock:
            if not self._done and self._gate is not None:
                self._gate.release()
                self._gate_let_go = True

    def _expire(self) -> None:
        with self._lock:  # never shut a connection a finished request gave back for the next one
            if self._done:
                return
            self.fire()
        # still connecting (no socket yet)? shut the socket as soon as it exists
        _WATCHDOG.at(time.monotonic() + 0.05, self, self._expire)

    def _shut(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes a recv() blocked in the request's thread


_current = threading.local()  # the Deadline of the request this thread is making


def _attach(connection: Any) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.attach(connection)


class _WatchedPool(HTTPConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        _attach(connection)
        return connection


class _WatchedTlsPool(HTTPSConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        _attach(connection)
        return connection


_POOLS = {"http": _WatchedPool, "https": _WatchedTlsPool}


class _DeadlineAdapter(HTTPAdapter):
    """Hands every connection a request uses (new or kept alive, direct or through a proxy) to its
    ``Deadline``."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


# a shut socket surfaces as any of these, depending on where the read was
_BROKEN = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)


class RequestsHttp:
    """The ``Http`` a coordinator hands to its connector (one per source; not shared across threads).

    ``timeout_s`` is the total deadline of each request; ``abort()`` (from any thread) abandons the
    request in flight.
    """

    def __init__(
        self,
        timeout_s: float,
        max_bytes: int,
        session: requests.Session | None = None,
        validators: Validators | None = None,
        conditional: bool = True,
        gate: Gate | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.gate: Gate | None = gate  # held by the caller during a fetch; let go while a server is slow
        self.max_bytes = max_bytes
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = _DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.validators = validators or Validators()
        self.conditional = conditional
        self.requests = 0
        self.aborted = False
        self._deadline: Deadline | None = None
        # validators learnt by this fetch: the coordinator forgets them again when the connector could
        # not parse the bodies, so a mangled answer can never be confirmed later by a 304
        self.pending: dict[str, tuple[str, str]] = {}

    def abort(self) -> None:
        """Abandon the request in flight and refuse further ones (the kiosk is quitting)."""
        self.aborted = True
        deadline = self._deadline
        if deadline is not None:
            deadline.fire()

    def get(
        self,
        url: str,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        accept: tuple[str, ...] = (),
        conditional: bool = True,
    ) -> Response:
        prepared = requests.Request("GET", url, params=params or None).prepare()
        key = prepared.url or url
        if self.aborted:
            raise FetchError(f"request to {_host(key)} abandoned: the kiosk is stopping")
        sent = dict(headers or {})
        if accept and "Accept" not in sent:
            sent["Accept"] = ", ".join(accept)
        if self.conditional and conditional:
            sent.update(self.validators.headers_for(key))
        self.requests += 1
        deadline = self._deadline = Deadline(self.timeout_s, self.gate)
        _current.deadline = deadline
        if self.aborted:  # abort() came between the check above and now
            deadline.fire()
        try:
            result = self._get(url, params, sent, accept, key, deadline)
        except _BROKEN as exc:
            if self.aborted:
                raise FetchError(f"request to {_host(key)} abandoned: the kiosk is stopping") from None
            if deadline.fired.is_set() or isinstance(exc, requests.Timeout):
                raise self._late(key) from None
            raise FetchError(f"cannot reach {_host(key)}: {type(exc).__name__}") from None
        finally:
            _current.deadline = None
            self._deadline = None
            if deadline.finish() and self.gate is not None:
                self.gate.acquire()  # let go while the server was slow: the caller holds it again
        etag, modified = result.headers.get("etag", ""), result.headers.get("last-modified", "")
        if result.not_modified:
            return result
        if etag or modified:
            self.validators.by_url[key] = (etag, modified)
            self.pending[key] = (etag, modified)
        else:  # a body without validators: the old ones belong to other data and must never confirm it
            self.validators.by_url.pop(key, None)
        return result

    def _late(self, key: str) -> FetchError:
        return FetchError(
            f"no answer from {_host(key)} within {self.timeout_s:g} s (the deadline of the whole answer)"
        )

    def _get(
        self,
        url: str,
        params: dict[str, str] | None,
        sent: dict[str, str],
        accept: tuple[str, ...],
        key: str,
        deadline: Deadline,
    ) -> Response:
        per_read = max(0.001, min(self.timeout_s, deadline.left()))
        with self.session.get(
            url,
            params=params or None,
            headers=sent,
            timeout=(per_read, per_read),
            stream=True,
            allow_redirects=True,
        ) as answer:
            if answer.status_code == 304:
                return Response(key, 304, _lower(answer.headers), b"", not_modified=True)
            if answer.status_code != 200:
                raise self._status_error(answer, key, deadline)
            content_type = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if accept and not any(content_type.startswith(a.split(";")[0].lower()) for a in accept):
                raise FetchError(f"unexpected content type {content_type or 'none'!r} from {_host(key)}")
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(
                    f"response of {int(declared):,} bytes exceeds the limit of {self.max_bytes:,}"
                )
            body = bytearray()
            for chunk in answer.iter_content(chunk_size=CHUNK):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(f"response exceeds the limit of {self.max_bytes:,} bytes")
                if deadline.left() <= 0:
                    raise self._late(key)
            return Response(key, 200, _lower(answer.headers), bytes(body))

    def _status_error(self, answer: requests.Response, key: str, deadline: Deadline) -> FetchError:
        """An error answer as a FetchError with the API's own message and its ``Retry-After``."""
        body = bytearray()
        with contextlib.suppress(*_BROKEN):  # the message is a courtesy: a broken error body is no message
            for chunk in answer.iter_content(chunk_size=CHUNK):
                body += chunk
                if len(body) >= ERROR_BODY_BYTES or deadline.left() <= 0:
                    break
        message = api_message(bytes(body), answer.headers.get("Content-Type", ""))
        status = answer.status_code
        return FetchError(
            f"HTTP {status} from {_host(key)}" + (f": {message}" if message else ""),
            status=status,
            retry_after=retry_after_s(answer.headers.get("Retry-After", ""), answer.headers.get("Date", "")),
            api_message=message,
        )


def retry_after_s(value: str, date: str = "") -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP-date), None if absent or
    unreadable. An HTTP-date is measured from the answer's own ``Date`` when it has one, so a server
    whose clock is off still gets the wait it meant."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        until = parsedate_to_datetime(value)
        now = parsedate_to_datetime(date) if date.strip() else datetime.now(UTC)
    except (TypeError, ValueError, IndexError):
        return None
    if until.tzinfo is None or now.tzinfo is None:
        return None
    return max(0.0, (until - now).total_seconds())


def _lower(headers: object) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in dict(headers).items()}  # type: ignore[call-overload]


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
