"""Retry discipline over loopback: after a failure a source is asked again no sooner than its interval,
later per failure (capped), later still when the server says ``Retry-After``; the API's own error message
is logged once, with the HTTP status, when the source goes down."""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from kiosk.data.connectors.base import FetchContext
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import api_message
from kiosk.data.http import retry_after_s
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.schedule.clock import FixedClock
from tests.unit.data.test_store_coordinator import T0, LevelConnector, source

DOWN = "http://127.0.0.1:9/none.json"  # nothing listens on the discard port


def _coordinator(tmp_path: Path, url: str, seed: int = 1, **extra: object) -> Coordinator:
    clock = FixedClock(T0)
    coord = Coordinator(
        "pegel",
        source(url, **extra),
        LevelConnector(),
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: FetchContext(now=clock.now()),
        rng=random.Random(seed),
    )
    coord.restore()
    return coord


def _delays(coord: Coordinator, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        coord.refresh()
        out.append((coord.next_due - coord.clock.now()).total_seconds())
    return out


@pytest.mark.parametrize("seed", range(5))
def test_backoff_starts_at_the_interval_doubles_and_stops_at_four_times_it(tmp_path: Path, seed: int) -> None:
    delays = _delays(_coordinator(tmp_path, DOWN, seed, refresh="10m", stale_after="2h"), 6)
    low = [600, 1200, 2400, 2400, 2400, 2400]  # ×2 per failure, capped at 4 × the interval
    for delay, floor in zip(delays, low, strict=True):
        assert floor <= delay <= floor * 1.2, delays  # jitter only ever makes it later


def test_warning_sources_back_off_to_twice_their_interval_at_most(tmp_path: Path) -> None:
    coord = _coordinator(tmp_path, DOWN, refresh="1m", stale_after="15m")
    coord.source = coord.source.model_copy(update={"kind": "nina"})
    delays = _delays(coord, 5)
    assert 60 <= delays[0] <= 72 and all(120 <= d <= 144 for d in delays[1:]), delays


def test_backoff_is_capped_at_an_hour_but_never_below_the_interval(tmp_path: Path) -> None:
    hourly = _delays(_coordinator(tmp_path / "a", DOWN, refresh="30m", stale_after="6h"), 5)
    assert all(d >= 1800 for d in hourly) and all(3600 <= d <= 4320 for d in hourly[1:]), hourly
    daily = _delays(_coordinator(tmp_path / "b", DOWN, refresh="1d", stale_after="3d"), 3)
    assert all(86400 <= d <= 86400 * 1.2 for d in daily), daily


def test_success_after_failures_is_back_to_the_plain_interval(sim: PlatformSim, tmp_path: Path) -> None:
    sim.add_route("/level.json", "{}", status=500)
    coord = _coordinator(tmp_path, sim.url_for("/level.json"), refresh="1m")
    _delays(coord, 3)
    sim.add_route("/level.json", '{"level": 1}')
    coord.refresh()
    assert coord.failures == 0 and coord.next_due - coord.clock.now() == timedelta(minutes=1)


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("1800", 1800),  # longer than the backoff: honoured
        ("5", None),  # shorter than the interval: the interval wins
        ("86400", 3600),  # a day: capped at an hour
        ("soon", None),  # unreadable: ignored
    ],
)
def test_retry_after_in_seconds(
    sim: PlatformSim, tmp_path: Path, retry_after: str, expected: int | None
) -> None:
    sim.add_route("/level.json", '{"error": "busy"}', status=503, headers={"Retry-After": retry_after})
    coord = _coordinator(tmp_path, sim.url_for("/level.json"), refresh="1m")
    (delay,) = _delays(coord, 1)
    if expected is None:
        assert 60 <= delay <= 72
    else:
        assert delay == expected


def test_retry_after_as_an_http_date(sim: PlatformSim, tmp_path: Path) -> None:
    # measured from the answer's own Date (the platform's clock: the real one, as the test's here)
    wanted = format_datetime(datetime.now(UTC) + timedelta(minutes=20), usegmt=True)
    sim.add_route("/level.json", "{}", status=429, headers={"Retry-After": wanted})
    coord = _coordinator(tmp_path, sim.url_for("/level.json"), refresh="1m")
    (delay,) = _delays(coord, 1)
    assert 1195 <= delay <= 1200


def test_retry_after_parsing() -> None:
    assert retry_after_s("120") == 120
    assert retry_after_s("") is None and retry_after_s("later") is None and retry_after_s("-5") is None
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert retry_after_s(date, "Wed, 21 Oct 2015 07:27:00 GMT") == 60
    assert retry_after_s(date, "Wed, 21 Oct 2015 08:00:00 GMT") == 0  # already past: no wait


# The error bodies as each API documents them (status, content type, body, what the log must say).
API_ERRORS = {
    "ckan": (
        404,
        "application/json",
        {
            "help": "https://www.opendata-hro.de/api/3/action/help_show?name=datastore_search",
            "success": False,
            "error": {
                "message": 'Not found: Resource "parkhaeuser" was not found.',
                "__type": "Not Found Error",
            },
        },
        'Not found: Resource "parkhaeuser" was not found. (Not Found Error)',
    ),
    "ckan-validation": (
        409,
        "application/json",
        {"success": False, "error": {"__type": "Validation Error", "resource_id": ["Missing value"]}},
        "resource_id: Missing value (Validation Error)",
    ),
    "orion": (
        400,
        "application/json",
        {"error": "BadRequest", "description": "invalid character in URI parameter"},
        "invalid character in URI parameter (BadRequest)",
    ),
    "open311": (
        403,
        "application/json",
        [{"code": 403, "description": "Invalid api_key"}],
        "Invalid api_key (403)",
    ),
    "ngsi-ld": (
        400,
        "application/problem+json",
        {
            "type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData",
            "title": "Invalid query",
            "detail": "Unknown attribute in q: avaliableSpotNumber",
        },
        "Unknown attribute in q: avaliableSpotNumber (BadRequestData)",
    ),
}


@pytest.mark.parametrize("api", API_ERRORS)
def test_the_apis_own_error_message_is_logged_once_with_the_status(
    sim: PlatformSim, tmp_path: Path, caplog: pytest.LogCaptureFixture, api: str
) -> None:
    status, content_type, body, said = API_ERRORS[api]
    caplog.set_level(logging.INFO, logger="kiosk.data.coordinator")
    sim.add_route("/level.json", json.dumps(body), status=status, content_type=content_type)
    coord = _coordinator(tmp_path, sim.url_for("/level.json"))
    for _ in range(3):
        coord.refresh()
    down = [r.getMessage() for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(down) == 1, down  # when it goes down, not at every retry
    assert f"HTTP {status}" in down[0] and said in down[0], down[0]
    assert coord.state().last_error is not None and said in coord.state().last_error


@pytest.mark.parametrize(
    ("body", "content_type", "said"),
    [
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", ""),
        (
            b"Service temporarily unavailable\r\nTry later",
            "text/plain",
            "Service temporarily unavailable Try later",
        ),
        (b"", "application/json", ""),
        (b'{"message": "Rate limit exceeded"}', "application/json", "Rate limit exceeded"),
        (
            b'{"error_messages": [{"code": 404, "description": "not found"}]}',
            "application/json",
            "not found (404)",
        ),
        (b"\x00\x01" * 10, "application/octet-stream", ""),
        (b'{"error": {"message": "' + b"x" * 5000 + b'"}}', "application/json", "x" * 299 + "…"),
    ],
)
def test_api_message_shapes(body: bytes, content_type: str, said: str) -> None:
    assert api_message(body, content_type) == said
