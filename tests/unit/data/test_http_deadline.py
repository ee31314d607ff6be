"""The total deadline of a request, over loopback against the fake platform's ``drip`` fault: a server
that sends one byte a second (never tripping a per-read timeout) is abandoned at the deadline, and the
server sees the connection closed then; ``abort`` ends a request at once; normal answers are untouched."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from kiosk.data.errors import FetchError
from kiosk.data.http import RequestsHttp
from kiosk.devtools.platform_sim import PlatformSim

BODY = '{"level": 612, "padding": "' + "x" * 200 + '"}'


def _deadline_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "http-deadline"]


def test_a_dripping_body_is_abandoned_at_the_total_deadline(sim: PlatformSim) -> None:
    sim.add_route("/slow.json", BODY)
    sim.set_faults("/slow.json", drip=1)
    http = RequestsHttp(timeout_s=1.5, max_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer from 127\.0\.0\.1:\d+ within 1\.5 s"):
        http.get(sim.url_for("/slow.json"), accept=("application/json",))
    took = time.monotonic() - started
    ending = sim.wait_for_ending("/slow.json", timeout=5)
    # the body needs ~230 s at 1 byte/s: the request ended at its deadline, and the server saw it go
    assert took < 5, f"the request took {took:.1f} s with a 1.5 s deadline"
    assert ending.outcome == "abandoned" and ending.sent < ending.total
    assert 1.3 <= ending.after <= 4, f"the server saw the client go after {ending.after:.2f} s"


def test_a_dripping_body_on_a_kept_alive_connection_is_abandoned_too(sim: PlatformSim) -> None:
    sim.add_route("/fast.json", BODY)
    sim.add_route("/slow.json", BODY)
    sim.set_faults("/slow.json", drip=2)
    http = RequestsHttp(timeout_s=1.0, max_bytes=1_000_000)
    assert http.get(sim.url_for("/fast.json")).body == BODY.encode()
    with pytest.raises(FetchError, match="no answer"):
        http.get(sim.url_for("/slow.json"))  # the second request reuses the first one's connection
    assert sim.wait_for_ending("/slow.json", timeout=5).outcome == "abandoned"


def test_a_drip_fast_enough_for_the_deadline_is_read_whole(sim: PlatformSim) -> None:
    sim.add_route("/steady.json", BODY)
    sim.set_faults("/steady.json", drip=400)  # ~0.6 s for the body
    http = RequestsHttp(timeout_s=10, max_bytes=1_000_000)
    response = http.get(sim.url_for("/steady.json"), accept=("application/json",))
    assert response.status == 200 and response.body == BODY.encode()
    ending = sim.wait_for_ending("/steady.json", timeout=5)
    assert ending.outcome == "complete" and ending.sent == ending.total == len(BODY)


def test_a_server_that_never_answers_is_abandoned_at_the_deadline(sim: PlatformSim) -> None:
    sim.set_faults("/api31/dashboard/130030000000.json", timeout=20)
    http = RequestsHttp(timeout_s=1.0, max_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer"):
        http.get(sim.url_for("/api31/dashboard/130030000000.json"))
    assert time.monotonic() - started < 5


def test_abort_ends_a_request_in_flight_at_once_and_refuses_more(sim: PlatformSim) -> None:
    sim.add_route("/slow.json", BODY)
    sim.set_faults("/slow.json", drip=1)
    http = RequestsHttp(timeout_s=60, max_bytes=1_000_000)
    errors: list[BaseException] = []

    def fetch() -> None:
        try:
            http.get(sim.url_for("/slow.json"))
        except FetchError as exc:
            errors.append(exc)

    worker = threading.Thread(target=fetch)
    worker.start()
    sim.wait_for_request("/slow.json", timeout=5)
    time.sleep(0.3)  # the body is dripping now
    http.abort()
    worker.join(timeout=5)
    assert not worker.is_alive(), "abort() did not end the request"
    assert len(errors) == 1 and "abandoned" in str(errors[0])
    assert sim.wait_for_ending("/slow.json", timeout=5).outcome == "abandoned"
    with pytest.raises(FetchError, match="abandoned"):
        http.get(sim.url_for("/slow.json"))
    assert sim.count("/slow.json") == 1


def test_every_watchdog_ends_with_its_request(sim: PlatformSim) -> None:
    sim.add_route("/fast.json", BODY)
    sim.add_route("/missing.json", "{}", status=404)
    http = RequestsHttp(timeout_s=30, max_bytes=1_000_000)
    for _ in range(5):
        http.get(sim.url_for("/fast.json"))
        with pytest.raises(FetchError):
            http.get(sim.url_for("/missing.json"))
    deadline = time.monotonic() + 5
    while _deadline_threads() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _deadline_threads(), "a request's watchdog outlived it"


def test_the_drip_fault_is_written_like_the_others() -> None:
    from kiosk.devtools.platform_sim import Fault

    assert Fault.parse("drip:1") == Fault(drip=1.0)
    assert Fault.parse("drip:1").to_dict() == {"drip": 1.0}
    with pytest.raises(ValueError, match="negative"):
        Fault(drip=-1)


def test_a_slow_request_lets_the_gate_go_and_takes_it_again(sim: PlatformSim) -> None:
    """The device's gate (fetches at once) is held by a fetch, but a slow server must not hold it."""
    sim.add_route("/slow.json", BODY)
    sim.add_route("/fast.json", BODY)
    sim.set_faults("/slow.json", drip=1)
    gate = threading.Semaphore(1)
    slow = RequestsHttp(timeout_s=30, max_bytes=1_000_000, gate=gate)

    def fetch() -> None:
        gate.acquire()  # as Coordinator.refresh does
        try:
            slow.get(sim.url_for("/slow.json"))
        except FetchError:
            pass
        finally:
            gate.release()

    worker = threading.Thread(target=fetch)
    worker.start()
    sim.wait_for_request("/slow.json", timeout=5)
    assert gate.acquire(timeout=5), "the slow request kept the gate"
    try:
        assert RequestsHttp(timeout_s=5, max_bytes=1_000_000).get(sim.url_for("/fast.json")).status == 200
    finally:
        gate.release()
    slow.abort()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert gate.acquire(timeout=1) and not gate.acquire(blocking=False), "the gate's count changed"


# (what is sent at once, what is dripped): headers arriving a byte at a time; a body without a length
# (read until the server closes), where a connection shut at the deadline must not pass for its end
RAW = {
    "headers": (b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"z" * 1000),
    "body-until-close": (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        b'{"level": 612, "padding": "' + b"x" * 1000,
    ),
}


@pytest.mark.parametrize("case", RAW)
def test_a_raw_server_dripping_is_abandoned_at_the_deadline_too(case: str) -> None:
    """A real server on loopback, written here (the platform drips bodies with a length only), sending
    one byte every 0.2 s: the deadline covers the headers and a body read until the connection closes."""
    first, dripped = RAW[case]
    listener = socket.create_server(("127.0.0.1", 0))
    closed_after: list[float] = []

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            started = time.monotonic()
            connection.sendall(first)
            try:
                for byte in dripped:
                    time.sleep(0.2)
                    connection.sendall(bytes([byte]))  # fails soon after the client closed its end
            except OSError:
                pass
            closed_after.append(time.monotonic() - started)

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    http = RequestsHttp(timeout_s=1.5, max_bytes=1_000_000)
    try:
        with pytest.raises(FetchError, match=r"no answer .* within 1\.5 s"):
            http.get(f"http://127.0.0.1:{listener.getsockname()[1]}/slow")
        server.join(timeout=5)
    finally:
        listener.close()
    assert closed_after and 1.2 <= closed_after[0] <= 4, f"the server saw the client go after {closed_after}"
