"""The three "near the device" connectors over HTTP on loopback against the fake city platform: the
fixtures at the real download paths, sorting by distance, the radius option, conditional requests and
answers that are not a download (the last good data stays, shown with its "Stand")."""

from __future__ import annotations

import json
import logging
import random
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from kiosk.data.connectors import hro_charging, hro_construction, hro_toilets
from kiosk.data.connectors.base import FetchContext, NotModified
from kiosk.data.coordinator import Coordinator
from kiosk.data.errors import ConnectorError, FetchError, ParseError
from kiosk.data.http import RequestsHttp, Validators
from kiosk.data.present import present
from kiosk.data.store import LastGoodStore
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.schedule.clock import FixedClock
from tests.unit.data.connector_kit import NOW, fixture, http, source

BERLIN = ZoneInfo("Europe/Berlin")
STELE = FetchContext(now=NOW, latitude=54.0917, longitude=12.1342)  # device-config/stadthafen-stele.yaml
BAUSTELLEN = "/download/opendata/baustellen/baustellen.json"
TOILETTEN = "/download/opendata/toiletten/toiletten.json"
TOILETTEN_CSV = "/download/opendata/toiletten/toiletten.csv"
LADESTATIONEN = "/download/opendata/ladestationen_elektrofahrzeuge/ladestationen_elektrofahrzeuge.json"


def test_toilets_nearest_first_with_distance_and_bearing(sim: PlatformSim) -> None:
    toilets = hro_toilets.fetch(http(), source("hro-toilets", sim.url_for(TOILETTEN)), STELE)
    assert [t.name for t in toilets] == [
        "Stadthafen, Haedgehalbinsel",
        "Kröpeliner Straße / Universitätsplatz",
        "Gaststätte am Fischerbruch",
    ]  # Warnemünde is 10 km away: outside the default 1500 m
    distances = [t.distance_m for t in toilets]
    assert distances == sorted(distances) and 100 < distances[0] < 200  # type: ignore[type-var]
    assert 45 <= (toilets[0].bearing_deg or 0) < 90  # east-north-east, towards the Haedgehalbinsel


def test_csv_download_gives_the_same_toilets(sim: PlatformSim) -> None:
    geojson = hro_toilets.fetch(http(), source("hro-toilets", sim.url_for(TOILETTEN)), STELE)
    csv = hro_toilets.fetch(http(), source("hro-toilets", sim.url_for(TOILETTEN_CSV)), STELE)
    assert [(t.name, t.accessible, t.distance_m) for t in csv] == [
        (t.name, t.accessible, t.distance_m) for t in geojson
    ]


def test_construction_sites_use_the_nearest_point_of_their_line(sim: PlatformSim) -> None:
    sites = hro_construction.fetch(http(), source("hro-construction", sim.url_for(BAUSTELLEN)), STELE)
    assert [s.street for s in sites] == ["Am Strande", "Warnowufer", "Grubenstraße", "Lange Straße"]
    am_strande = sites[0]  # a line of three vertices, the middle one 100 m from the stele
    assert am_strande.distance_m is not None and am_strande.distance_m < 110
    assert (am_strande.latitude, am_strande.longitude) == (54.0911, 12.133)


def test_charging_from_utm_within_the_radius_option_which_is_not_sent(sim: PlatformSim) -> None:
    src = source("hro-charging", sim.url_for(LADESTATIONEN), {"radius_m": "300"})
    stations = hro_charging.fetch(http(), src, STELE)
    assert [s.name for s in stations] == ["Parkhaus Am Strande"]  # 270 m; Lange Straße is 370 m away
    assert sim.requests[-1].query == {}
    wide = source("hro-charging", sim.url_for(LADESTATIONEN), {"radius_m": "20000"})
    assert len(hro_charging.fetch(http(), wide, STELE)) == 4  # Warnemünde and Schmarl too


@pytest.mark.parametrize("radius", ["abc", "10", "1e9", "nan"])
def test_a_wrong_radius_is_an_error_that_names_it(sim: PlatformSim, radius: str) -> None:
    with pytest.raises(ValidationError, match="radius_m"):  # kiosk validate says so first
        source("hro-toilets", sim.url_for(TOILETTEN), {"radius_m": radius})
    # a source made in code past validation: the connector refuses too, never the whole city
    src = source("hro-toilets", sim.url_for(TOILETTEN)).model_copy(update={"params": {"radius_m": radius}})
    with pytest.raises(ConnectorError, match="radius_m"):
        hro_toilets.fetch(http(), src, STELE)
    assert sim.count(TOILETTEN) == 0


def test_without_a_device_position_every_feature_in_delivered_order(sim: PlatformSim) -> None:
    toilets = hro_toilets.fetch(http(), source("hro-toilets", sim.url_for(TOILETTEN)), FetchContext(now=NOW))
    assert len(toilets) == 4 and all(t.distance_m is None for t in toilets)


def test_unchanged_download_is_not_modified(sim: PlatformSim) -> None:
    validators = Validators()
    client = RequestsHttp(timeout_s=5, max_bytes=5_000_000, validators=validators)
    src = source("hro-construction", sim.url_for(BAUSTELLEN))
    assert hro_construction.fetch(client, src, STELE)
    with pytest.raises(NotModified):
        hro_construction.fetch(client, src, STELE)
    assert sim.requests[-1].headers.get("if-none-match")


def test_skipped_features_are_logged_once(sim: PlatformSim, caplog: pytest.LogCaptureFixture) -> None:
    path = "/download/opendata/toiletten/skipped.json"
    sim.add_route(path, fixture("opendata-hro/toiletten.json"))
    src = source("hro-toilets", sim.url_for(path))
    with caplog.at_level(logging.WARNING, logger="kiosk.data.connectors.nearby"):
        hro_toilets.fetch(http(), src, STELE)
        hro_toilets.fetch(http(), src, STELE)
    assert [r.getMessage() for r in caplog.records].count(
        f"{sim.url_for(path)}: 1 feature(s) skipped (no position or not readable as toilet)"
    ) == 1


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b"", "application/json", ParseError),
        (b"<html><body>Wartung</body></html>", "text/html", FetchError),  # refused by content type
        (b"<html><body>Wartung</body></html>", "text/plain", ParseError),
        (
            b'{"help": "x", "success": false, "error": {"message": "Not found"}}',
            "application/json",
            ParseError,
        ),
    ],
    ids=["empty", "html", "html-as-text", "ckan-error"],
)
def test_foreign_answers_fail(sim: PlatformSim, body: bytes, content_type: str, error: type) -> None:
    path = "/download/opendata/toiletten/broken.json"
    sim.add_route(path, body, content_type=content_type)
    with pytest.raises(error):
        hro_toilets.fetch(http(), source("hro-toilets", sim.url_for(path)), STELE)


def test_an_empty_collection_is_valid(sim: PlatformSim) -> None:
    path = "/download/opendata/baustellen/leer.json"
    sim.add_route(path, json.dumps({"type": "FeatureCollection", "features": []}))
    assert hro_construction.fetch(http(), source("hro-construction", sim.url_for(path)), STELE) == []


def test_last_good_data_stays_when_the_download_breaks(sim: PlatformSim, tmp_path: Path) -> None:
    path = "/download/opendata/toiletten/kaputt.json"
    sim.add_route(path, fixture("opendata-hro/toiletten.json"))
    clock = FixedClock(NOW)
    src = source("hro-toilets", sim.url_for(path), refresh="1d", stale_after="14d")
    coordinator = Coordinator(
        "toiletten",
        src,
        hro_toilets,
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: STELE,
        rng=random.Random(1),
    )
    good = coordinator.refresh()
    assert good.origin == "live" and len(good.records) == 3
    sim.add_route(path, b"<!DOCTYPE html><title>502</title>", content_type="text/plain")
    clock.advance(timedelta(days=1))
    broken = coordinator.refresh()
    assert broken.records == good.records and broken.last_error and "HTML" in broken.last_error
    table = present("toilets", broken, "de", clock.now(), BERLIN)
    assert table.status == "ok" and table.note == "Stand 18.10. 14:30" and len(table.rows) == 3
    clock.advance(timedelta(days=14))
    assert present("toilets", broken, "de", clock.now(), BERLIN).status == "unavailable"


def test_stand_names_the_day_of_data_from_another_day(sim: PlatformSim, tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    src = source("hro-toilets", sim.url_for(TOILETTEN), refresh="1d", stale_after="14d")
    coordinator = Coordinator(
        "toiletten", src, hro_toilets, LastGoodStore(tmp_path), clock, lambda: STELE, rng=random.Random(1)
    )
    state = coordinator.refresh()
    assert present("toilets", state, "de", clock.now(), BERLIN).note == "Stand 14:30"
    clock.advance(timedelta(days=3))
    assert present("toilets", state, "en", clock.now(), BERLIN).note == "As of 18.10. 14:30"
