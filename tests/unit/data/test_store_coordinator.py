"""Last-good store and coordinator: fresh, stale, down, back; restart; crash in the middle of a write."""

from __future__ import annotations

import json
import logging
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, DepartureRecord, EventRecord, WaterLevelRecord, WeatherRecord
from kiosk.data.store import LastGoodStore, Stored, dumps, loads
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.schedule.clock import FixedClock

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


class LevelConnector:
    """A small real connector: GET JSON {"level": n} over HTTP → one WaterLevelRecord."""

    KIND = "pegelonline"

    def fetch(self, http: Http, source: DataSource, ctx: FetchContext) -> list[WaterLevelRecord]:
        response = http.get(source.url, accept=("application/json", "text/"))
        if response.not_modified:
            raise NotModified
        try:
            level = float(json.loads(response.body)["level"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ParseError(str(exc)) from None
        return [WaterLevelRecord("WARNEMÜNDE", ctx.now, level)]


def source(url: str, **extra: object) -> DataSource:
    return DataSource.model_validate(
        {
            "name": "Pegel",
            "kind": "pegelonline",
            "url": url,
            "refresh": "1m",
            "stale_after": "10m",
            "timeout": "2s",
            **extra,
        }
    )


def coordinator(tmp_path: Path, url: str, clock: FixedClock, **extra: object) -> Coordinator:
    return Coordinator(
        "pegel",
        source(url, **extra),
        LevelConnector(),
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: FetchContext(now=clock.now()),
        snapshot_dir=tmp_path,
        rng=random.Random(1),
    )


def test_store_round_trips_every_record_type(tmp_path: Path) -> None:
    records = (
        WeatherRecord("Warnemünde", T0, 11.5, 62.0, 85.0, 45.0, 4.2, 1003.1, "rain"),
        WaterLevelRecord("WARNEMÜNDE", T0, 612.0, 1, 502.0, "OSTSEE"),
        AlertRecord(
            "mow.1",
            "MOWAS",
            "severe",
            "Sturmflut",
            "alert",
            "Text",
            "Gehen Sie weg.",
            "BBK",
            T0,
            T0,
            T0 + timedelta(hours=6),
        ),
        DepartureRecord("5", "Südblick", "Stadthafen", T0, T0 + timedelta(minutes=2), False, "t1"),
        EventRecord("Konzert", T0, None, "Stadthalle"),
    )
    store = LastGoodStore(tmp_path)
    store.save("x", Stored(records, T0, {"u": ("etag", "")}))
    loaded = store.load("x")
    assert loaded is not None and loaded.records == records and loaded.as_of == T0


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": 1}',
        b'{"format":1,"as_of":"2026-01-01","records":[]}',
        b'{"format":1,"as_of":"2026-01-01T00:00:00+00:00","records":[{"type":"Evil"}]}',
    ],
)
def test_damaged_store_files_are_refused(raw: bytes) -> None:
    with pytest.raises(ValueError, match=r"cache|stored|naive|format|record"):
        loads(raw)


def test_fresh_then_down_then_stale_then_back(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.data.coordinator")
    clock = FixedClock(T0)
    with PlatformSim() as sim:
        sim.add_route("/level.json", '{"level": 612}')
        coord = coordinator(tmp_path, sim.url_for("/level.json"), clock)
        coord.restore()
        state = coord.refresh()
        assert state.available(clock.now()) and state.origin == "live" and state.records[0].level_cm == 612.0
        assert coord.next_due == T0 + timedelta(minutes=1)
    # the server is gone: last good data stays, with its time, until stale_after
    for minute in range(1, 6):
        clock.set(T0 + timedelta(minutes=minute))
        state = coord.refresh()
        assert state.available(clock.now()) and state.records[0].level_cm == 612.0 and state.as_of == T0
        assert state.last_error and "cannot reach" in state.last_error
    clock.set(T0 + timedelta(minutes=11))
    state = coord.state()
    assert not state.available(clock.now()) and state.records  # too old to show as current
    # backoff from the interval (1 m), ×2 per failure, at most 4 × it, up to 20 % later (test_retry.py)
    assert timedelta(minutes=4) <= coord.next_due - T0 - timedelta(minutes=5) <= timedelta(minutes=4) * 1.2
    with PlatformSim() as sim:
        sim.add_route("/level.json", '{"level": 612}')
        coord.source = source(sim.url_for("/level.json"))
        state = coord.refresh()
    assert state.available(clock.now()) and state.as_of == clock.now() and coord.failures == 0
    down = [r for r in caplog.records if "is unavailable" in r.getMessage()]
    back = [r for r in caplog.records if "is back" in r.getMessage()]
    assert len(down) == 1 and len(back) == 1  # once down, once back: not every tick


def test_restart_restores_the_last_good_data(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    with PlatformSim() as sim:
        sim.add_route("/level.json", '{"level": 598}')
        coordinator(tmp_path, sim.url_for("/level.json"), clock).refresh()
    clock.set(T0 + timedelta(minutes=3))
    again = coordinator(tmp_path, "http://127.0.0.1:9/none.json", clock)  # a new process, source down
    state = again.restore()
    assert (
        state.origin == "cache"
        and state.available(clock.now())
        and state.records[0].level_cm == 598.0
        and state.as_of == T0
    )


def test_bundled_snapshot_is_used_when_nothing_was_ever_fetched(tmp_path: Path) -> None:
    snap = Stored(
        (WaterLevelRecord("WARNEMÜNDE", T0, 555.0),), datetime(2025, 10, 18, 12, 30, tzinfo=UTC), {}
    )
    (tmp_path / "snapshots").mkdir()
    (tmp_path / "snapshots/pegel.json").write_bytes(dumps(snap))
    clock = FixedClock(T0)
    coord = coordinator(tmp_path, "http://127.0.0.1:9/none.json", clock, snapshot="snapshots/pegel.json")
    state = coord.restore()
    assert state.origin == "snapshot" and not state.available(clock.now()) and state.showable(clock.now())
    assert state.as_of == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)


def test_not_modified_keeps_data_and_counts_as_success(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    coord = coordinator(tmp_path, "http://x/", clock)

    class Once:
        KIND = "pegelonline"
        calls = 0

        def fetch(self, http: Http, src: DataSource, ctx: FetchContext) -> list[WaterLevelRecord]:
            self.calls += 1
            if self.calls > 1:
                raise NotModified
            return [WaterLevelRecord("W", T0, 600.0)]

    coord.connector = Once()
    coord.refresh()
    clock.set(T0 + timedelta(minutes=8))
    state = coord.refresh()
    assert state.available(clock.now()) and state.as_of == clock.now() and state.records[0].level_cm == 600.0


def test_a_crashing_connector_is_contained(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    coord = coordinator(tmp_path, "http://x/", clock)

    class Buggy:
        KIND = "pegelonline"

        def fetch(self, http: Http, src: DataSource, ctx: FetchContext) -> list[WaterLevelRecord]:
            raise ZeroDivisionError

    coord.connector = Buggy()
    state = coord.refresh()
    assert state.last_error == "internal error: ZeroDivisionError" and coord.failures == 1


WRITER = """
import sys, itertools
from datetime import UTC, datetime
from pathlib import Path
from kiosk.data.records import NewsRecord
from kiosk.data.store import LastGoodStore, Stored
store = LastGoodStore(Path(sys.argv[1]))
for n in itertools.count():
    records = tuple(NewsRecord(f"Meldung {n}-{i}", None, "", "x" * 2000) for i in range(400))
    store.save("news", Stored(records, datetime.now(UTC), {}))
    print(n, flush=True)
"""


def test_store_survives_a_crash_in_the_middle_of_a_write(tmp_path: Path) -> None:
    for attempt in range(5):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
        ) as proc:
            assert proc.stdout is not None
            proc.stdout.readline()  # at least one complete file exists
            # deliberately a real-time wait, different each round: the kill lands inside a later write
            time.sleep(0.05 + 0.037 * attempt)
            proc.send_signal(signal.SIGKILL)
        loaded = LastGoodStore(tmp_path).load("news")
        assert loaded is not None and len(loaded.records) == 400  # the old or the new file, never half
    LastGoodStore(tmp_path).save("news", Stored((), datetime.now(UTC), {}))
    assert [p.name for p in tmp_path.iterdir()] == ["news.json"]  # crash leftovers are cleaned up


def test_every_catalogued_kind_has_its_connector_and_an_editor_value() -> None:
    from typing import get_args

    from kiosk.config.catalogue import SOURCE_KIND_NAMES, WIDGET_NAMES
    from kiosk.config.models.slides import WidgetKind
    from kiosk.config.models.source import SourceKind
    from kiosk.data.connectors.registry import connector_for
    from kiosk.data.present import ROWS

    assert get_args(SourceKind) == SOURCE_KIND_NAMES
    assert get_args(WidgetKind) == WIDGET_NAMES
    for kind in SOURCE_KIND_NAMES:
        assert kind == connector_for(kind).KIND
    # every selectable widget has a presentation (rows, or one of the two special layouts)
    assert set(WIDGET_NAMES) <= set(ROWS) | {"weather", "water-level"}
    with pytest.raises(KeyError):
        connector_for("gopher")


def test_the_store_knows_every_record_type() -> None:
    from typing import get_args

    from kiosk.data import records as rec
    from kiosk.data.store import RECORD_TYPES

    assert set(RECORD_TYPES.values()) == set(get_args(rec.Record))
