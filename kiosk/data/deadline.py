"""The total deadline of a request (connect, headers and the whole body), for ``data.http``.

``requests``' own ``timeout`` is per read: a server that trickles one byte a second never trips it (a
NINA request stayed open 196 s with a 10 s timeout). So every socket a request uses is handed to its
``Deadline`` when it connects (or is reused, kept alive), and one watchdog thread shuts it down at the
deadline, which ends a read blocked in ``recv`` at once. The watchdog also lets a device's gate go for a
request slower than ``SLOW_S`` (see ``Coordinator``).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

SLOW_S = 0.5  # a request taking longer lets the gate go (Deadline)


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
        self._sockets: list[socket.socket] = []
        if gate is not None:
            _WATCHDOG.at(started + min(SLOW_S, seconds), self, self._let_gate_go)
        _WATCHDOG.at(self.at, self, self._expire)

    def left(self) -> float:
        return self.at - time.monotonic()

    def attach(self, sock: socket.socket) -> None:
        """A socket this request uses; shut at once if the deadline has passed (it was connecting)."""
        with self._lock:
            self._sockets.append(sock)
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
            if not self._done:
                self.fire()

    def _shut(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a recv() blocked in the request's thread


_current = threading.local()  # the Deadline of the request this thread is making


@contextlib.contextmanager
def watching(deadline: Deadline) -> Iterator[None]:
    """Hand the sockets this thread connects or reuses meanwhile to ``deadline``."""
    _current.deadline = deadline
    try:
        yield
    finally:
        _current.deadline = None


def _attach(sock: socket.socket | None) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.attach(sock)


# The socket is taken when it connects (and when a kept-alive connection is reused), not read from the
# connection later: for an answer read until the server closes, http.client drops the connection's
# socket (``sock = None``) and only the response holds it.
class _WatchedConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _attach(self.sock)


class _WatchedTlsConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _attach(self.sock)


class _WatchedPool(HTTPConnectionPool):
    ConnectionCls = _WatchedConnection

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        _attach(getattr(connection, "sock", None))  # a kept-alive connection: connected already
        return connection


class _WatchedTlsPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedTlsConnection

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        _attach(getattr(connection, "sock", None))  # a kept-alive connection: connected already
        return connection


_POOLS = {"http": _WatchedPool, "https": _WatchedTlsPool}


class DeadlineAdapter(HTTPAdapter):
    """Hands every connection a request uses (new or kept alive, direct or through a proxy) to its
    ``Deadline``."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOLS)
        return manager
