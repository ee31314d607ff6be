"""Conditional requests never confirm the wrong data, over loopback with ETag sequences.

The story: two backends behind one name. Backend A sends the level 500 with an ETag; backend B sends 600
without validators. A kiosk that kept A's ETag after accepting B's body asked A "If-None-Match: <A>",
got 304 and confirmed 600, which A never said. And a body the connector could not parse must not leave
its validators behind either (a later 304 would "confirm" data that was never accepted).
"""

from __future__ import annotations

import random
from pathlib import Path

from kiosk.data.connectors.base import FetchContext
from kiosk.data.coordinator import Coordinator
from kiosk.data.http import RequestsHttp
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim, Reply
from kiosk.schedule.clock import FixedClock
from tests.unit.data.test_store_coordinator import T0, LevelConnector, source

NO_VALIDATORS = {"ETag": "", "Last-Modified": ""}


def _coordinator(tmp_path: Path, url: str) -> Coordinator:
    clock = FixedClock(T0)
    return Coordinator(
        "pegel",
        source(url),
        LevelConnector(),
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: FetchContext(now=T0),
        rng=random.Random(1),
    )


def _level(coord: Coordinator) -> float:
    return float(coord.state().records[0].level_cm)


def test_a_body_without_validators_clears_the_old_ones(sim: PlatformSim, tmp_path: Path) -> None:
    a, b = Reply(b'{"level": 500}'), Reply(b'{"level": 600}', headers=NO_VALIDATORS)
    sim.add_replies("/level.json", [a, b, a])
    coord = _coordinator(tmp_path, sim.url_for("/level.json"))
    coord.restore()
    coord.refresh()
    assert _level(coord) == 500
    coord.refresh()  # backend B: a new body, no validators
    assert _level(coord) == 600
    coord.refresh()  # backend A again: it must be asked unconditionally and its 500 shown
    third = sim.requests[2]
    assert "if-none-match" not in third.headers and "if-modified-since" not in third.headers
    assert _level(coord) == 500 and coord.state().origin == "live"


def test_validators_of_a_new_body_replace_the_old_ones(sim: PlatformSim) -> None:
    sim.add_replies(
        "/level.json",
        [
            Reply(b'{"level": 1}', headers={"ETag": '"one"'}),
            Reply(b'{"level": 2}', headers={"ETag": '"two"'}),
        ],
    )
    http = RequestsHttp(timeout_s=5, max_bytes=10_000)
    url = sim.url_for("/level.json")
    http.get(url)
    http.get(url)
    http.get(url)  # the second reply repeats: "two" confirms it with 304
    sent = [r.headers.get("if-none-match") for r in sim.requests]
    assert sent == [None, '"one"', '"two"']
    assert http.validators.by_url[url][0] == '"two"'


def test_a_304_keeps_the_validators(sim: PlatformSim) -> None:
    sim.add_route("/level.json", '{"level": 1}', headers={"ETag": '"same"'})
    http = RequestsHttp(timeout_s=5, max_bytes=10_000)
    url = sim.url_for("/level.json")
    http.get(url)
    assert http.get(url).not_modified and http.get(url).not_modified
    assert http.validators.by_url[url][0] == '"same"'


def test_a_body_that_fails_to_parse_keeps_the_last_good_data_and_forgets_its_validators(
    sim: PlatformSim, tmp_path: Path
) -> None:
    good, bad = Reply(b'{"level": 500}'), Reply(b'{"lvl": "mangled"}', headers={"ETag": '"bad"'})
    sim.add_replies("/level.json", [good, bad])
    coord = _coordinator(tmp_path, sim.url_for("/level.json"))
    coord.restore()
    coord.refresh()
    coord.refresh()  # the mangled body: ParseError
    assert coord.state().last_error and _level(coord) == 500
    coord.refresh()  # a 304 to '"bad"' would mark the last good data live again: never sent
    third = sim.requests[2]
    assert third.headers.get("if-none-match") != '"bad"'
    assert coord.state().last_error and coord.failures == 2 and _level(coord) == 500
    # the validators kept on disk with the last good data are those of the good body, not the bad one
    stored = LastGoodStore(tmp_path / "cache").load("pegel")
    assert stored is not None and all(etag != '"bad"' for etag, _ in stored.validators.values())
