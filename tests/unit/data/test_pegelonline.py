"""PEGELONLINE connector: current measurement and stations list (fixtures), station name from the URL
or params, over real HTTP (percent-encoded umlauts, ETag → 304), malformed payloads."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import pegelonline
from kiosk.data.connectors.base import NotModified
from kiosk.data.errors import ParseError
from kiosk.data.present import present
from kiosk.data.records import WaterLevelRecord
from kiosk.data.state import DataState
from kiosk.devtools.platform_sim import PlatformSim
from tests.unit.data.connector_kit import (
    CTX,
    check_parse,
    fixture,
    fixture_json,
    http,
    mutated_json,
    random_json,
    source,
)

CURRENT = "pegelonline/stations_WARNEMUENDE_W_currentmeasurement.json"
STATIONS = "pegelonline/stations_W_includeCurrentMeasurement.json"
MEASUREMENTS = "pegelonline/stations_WARNEMUENDE_W_measurements.json"
CURRENT_PATH = "/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json"
STATIONS_PATH = "/webservices/rest-api/v2/stations.json"
STATIONS_QUERY = {"includeTimeseries": "true", "includeCurrentMeasurement": "true", "timeseries": "W"}
CEST = timezone(timedelta(hours=2))


def test_current_measurement_fixture() -> None:
    [record] = pegelonline.parse_currentmeasurement(fixture(CURRENT), "WARNEMÜNDE")
    assert record == WaterLevelRecord(
        station="WARNEMÜNDE",
        observed=datetime(2025, 10, 18, 14, 30, tzinfo=CEST),
        level_cm=611.0,
        trend=1,
    )
    assert record.observed is not None and record.observed.utcoffset() == timedelta(hours=2)
    assert record.observed == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)


def test_stations_fixture_one_record_per_station() -> None:
    records = pegelonline.parse_stations(fixture(STATIONS))
    assert records == [
        WaterLevelRecord(
            "WARNEMÜNDE", datetime(2025, 10, 18, 14, 30, tzinfo=CEST), 611.0, None, None, "OSTSEE"
        ),
        WaterLevelRecord(
            "ROSTOCK", datetime(2025, 10, 18, 14, 30, tzinfo=CEST), 606.0, None, None, "UNTERWARNOW"
        ),
    ]


def test_mean_water_from_characteristic_values_and_unit_m() -> None:
    stations = fixture_json(STATIONS)
    series = stations[0]["timeseries"][0]
    series["characteristicValues"] = [
        {"shortname": "MNW", "unit": "cm", "value": 390.0},
        {"shortname": "MW", "unit": "cm", "value": 500.0},
    ]
    series["currentMeasurement"]["trend"] = -1
    stations[1]["timeseries"][0]["unit"] = "m"
    stations[1]["timeseries"][0]["currentMeasurement"]["value"] = 6.06
    warnemuende, rostock = pegelonline.parse_stations(json.dumps(stations).encode())
    assert (warnemuende.mean_cm, warnemuende.trend) == (500.0, -1)
    assert rostock.level_cm == pytest.approx(606.0)


def test_stations_without_current_measurement_are_an_error() -> None:
    stations = fixture_json(STATIONS)
    for station in stations:
        del station["timeseries"][0]["currentMeasurement"]
    with pytest.raises(ParseError, match="includeCurrentMeasurement=true"):
        pegelonline.parse_stations(json.dumps(stations).encode())
    # a query that matches no gauge is an error to see, not "nothing to show" (last good data stays)
    with pytest.raises(ParseError, match="no station matches the query"):
        pegelonline.parse_stations(b"[]")


def test_bad_station_is_skipped() -> None:
    stations = fixture_json(STATIONS)
    stations[1]["timeseries"][0]["currentMeasurement"]["timestamp"] = "2025-10-18T14:30:00"  # no offset
    stations.append({"shortname": "OHNE W", "timeseries": [{"shortname": "Q"}]})  # no W series: not shown
    [record] = pegelonline.parse_stations(json.dumps(stations).encode())
    assert record.station == "WARNEMÜNDE"
    with pytest.raises(ParseError, match="no UTC offset"):
        pegelonline.parse_stations(json.dumps(stations[1:]).encode())


@pytest.mark.parametrize(
    ("measurement", "error"),
    [
        ({"timestamp": "2025-10-18T14:30:00", "value": 611.0}, "no UTC offset"),
        ({"timestamp": "2025-10-18T14:30:00+02:00", "value": "611"}, "value is not a number"),
        ([{"timestamp": "2025-10-18T14:30:00+02:00", "value": 611.0}], "expected a measurement"),
        ({"uuid": "x"}, "expected a measurement"),
        ({"value": 611.0}, "expected a measurement"),
        ({"shortname": "W", "unit": "cm", "equidistance": 1}, "includeCurrentMeasurement=true"),
    ],
)
def test_current_measurement_errors(measurement: Any, error: str) -> None:
    with pytest.raises(ParseError, match=error):
        pegelonline.parse_currentmeasurement(json.dumps(measurement).encode(), "X")


@pytest.mark.parametrize(
    ("trend", "expected"), [(-1, -1), (0, 0), (1, 1), (2, None), (True, None), ("1", None), (None, None)]
)
def test_trend(trend: Any, expected: int | None) -> None:
    body = json.dumps({"timestamp": "2025-10-18T14:30:00+02:00", "value": 611.0, "trend": trend}).encode()
    assert pegelonline.parse_currentmeasurement(body, "X")[0].trend == expected


def test_measurements_list_is_not_a_station_list() -> None:
    with pytest.raises(ParseError, match="no usable station"):
        pegelonline.parse_stations(fixture(MEASUREMENTS))


@pytest.mark.parametrize(
    ("url", "station"),
    [
        (
            "https://www.pegelonline.wsv.de/webservices/rest-api/v2/stations/WARNEM%C3%9CNDE/W/currentmeasurement.json",
            "WARNEMÜNDE",
        ),
        (
            "https://x/webservices/rest-api/v2/stations/00000000-0000-4000-8000-00000000a001/W.json",
            "00000000-0000-4000-8000-00000000a001",
        ),
        ("https://x/webservices/rest-api/v2/stations/ROSTOCK.json", "ROSTOCK"),
        ("https://x/webservices/rest-api/v2/stations.json", ""),
    ],
)
def test_station_from_url(url: str, station: str) -> None:
    assert pegelonline.station_from_url(url) == station


# --- over HTTP --------------------------------------------------------------------------------------


def test_fetch_current_measurement_names_the_station_from_the_url(sim: PlatformSim) -> None:
    [record] = pegelonline.fetch(http(), source("pegelonline", sim.url_for(CURRENT_PATH)), CTX)
    assert (record.station, record.level_cm, record.trend) == ("WARNEMÜNDE", 611.0, 1)
    assert sim.requests[-1].path == CURRENT_PATH


def test_fetch_station_name_from_params_is_not_sent(sim: PlatformSim) -> None:
    src = source("pegelonline", sim.url_for(CURRENT_PATH), {"station": "Warnemünde"})
    [record] = pegelonline.fetch(http(), src, CTX)
    assert record.station == "Warnemünde"
    assert sim.requests[-1].query == {}


def test_fetch_stations_and_not_modified(sim: PlatformSim) -> None:
    client = http()
    src = source("pegelonline", sim.url_for(STATIONS_PATH), STATIONS_QUERY)
    records = pegelonline.fetch(client, src, CTX)
    assert [(r.station, r.level_cm, r.water) for r in records] == [
        ("WARNEMÜNDE", 611.0, "OSTSEE"),
        ("ROSTOCK", 606.0, "UNTERWARNOW"),
    ]
    with pytest.raises(NotModified):
        pegelonline.fetch(client, src, CTX)


# --- malformed payloads -----------------------------------------------------------------------------


def parse_current(body: bytes) -> list[WaterLevelRecord]:
    return pegelonline.parse_currentmeasurement(body, "WARNEMÜNDE")


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300) | random_json())
def test_random_payloads_only_raise_parse_error(body: bytes) -> None:
    check_parse(parse_current, body, WaterLevelRecord)
    check_parse(pegelonline.parse_stations, body, WaterLevelRecord)


@settings(max_examples=200, deadline=None)
@given(body=st.sampled_from([fixture_json(CURRENT), fixture_json(STATIONS)]).flatmap(mutated_json))
def test_mutated_fixtures_only_raise_parse_error(body: bytes) -> None:
    check_parse(parse_current, body, WaterLevelRecord)
    check_parse(pegelonline.parse_stations, body, WaterLevelRecord)


# --- gauges without a current value, old readings, mean water, foreign answers (over HTTP) ------------

TZ = ZoneInfo("Europe/Berlin")
MW_QUERY = {**STATIONS_QUERY, "includeCharacteristicValues": "true"}


def stations_variant() -> list[dict[str, Any]]:
    """The fixture's two gauges plus what the API documents around them: Warnemünde with its
    characteristic values (MW 500 cm) and a trend, Rostock without a current measurement (the gauge
    sends nothing now), and a third gauge whose current value is null."""
    stations = fixture_json(STATIONS)
    warnemuende = stations[0]["timeseries"][0]
    warnemuende["currentMeasurement"]["trend"] = 1
    warnemuende["characteristicValues"] = [
        {"shortname": "MNW", "longname": "MITTLERES NIEDRIGWASSER", "unit": "cm", "value": 390.0},
        {
            "shortname": "MW",
            "longname": "MITTELWASSER",
            "unit": "cm",
            "value": 495.0,
            "validFrom": "2021-11-01",
            "timespanStart": "2011-11-01",
            "timespanEnd": "2020-10-31",
        },
    ]
    del stations[1]["timeseries"][0]["currentMeasurement"]
    silent = json.loads(json.dumps(stations[0]))
    silent.update(uuid="00000000-0000-4000-8000-00000000a003", shortname="WISMAR", longname="WISMAR BAUMHAUS")
    silent["timeseries"][0]["currentMeasurement"] = {
        "timestamp": "2025-10-18T14:30:00+02:00",
        "value": None,
        "stateMnwMhw": "unknown",
        "stateNswHsw": "unknown",
    }
    return [*stations, silent]


def water_table(records: list[WaterLevelRecord], language: str = "de") -> Any:
    state = DataState("w", tuple(records), CTX.now, "live", stale_after=timedelta(hours=1))
    return present("water-level", state, language, CTX.now, TZ)


def test_gauge_without_current_value_is_listed_not_dropped(sim: PlatformSim) -> None:
    sim.add_route(STATIONS_PATH, json.dumps(stations_variant()), query=MW_QUERY)
    records = pegelonline.fetch(http(), source("pegelonline", sim.url_for(STATIONS_PATH), MW_QUERY), CTX)
    assert [(r.station, r.level_cm, r.mean_cm) for r in records] == [
        ("WARNEMÜNDE", 611.0, 495.0),
        ("ROSTOCK", None, None),
        ("WISMAR BAUMHAUS", None, 495.0),
    ]
    assert records[1].observed is None and records[2].observed == datetime(2025, 10, 18, 14, 30, tzinfo=CEST)
    table = water_table(records)
    assert table.rows == (
        ("Pegel Warnemünde", "611 cm", "steigend", "Sturmflut (+1,2 m)"),  # 611 − MW 495 = 116 cm
        ("Pegel Rostock", "kein aktueller Wert", "", ""),
        ("Pegel Wismar Baumhaus", "kein aktueller Wert", "", ""),
    )
    assert table.emphasis
    assert water_table(records, "en").rows[1][1] == "no current value"


def test_old_reading_shows_its_time_unknown_trend_is_not_steady(sim: PlatformSim) -> None:
    path = "/webservices/rest-api/v2/stations/ROSTOCK/W/currentmeasurement.json"
    old = {"timestamp": "2025-10-18T12:15:00+02:00", "value": 540.0, "trend": -1, "stateMnwMhw": "out-dated"}
    sim.add_route(path, json.dumps(old))
    [record] = pegelonline.fetch(http(), source("pegelonline", sim.url_for(path)), CTX)
    assert water_table([record]).rows == (("Pegel Rostock", "540 cm", "Stand 12:15", "keine Sturmflut"),)
    yesterday = WaterLevelRecord("ROSTOCK", datetime(2025, 10, 17, 23, 0, tzinfo=CEST), 540.0, -1)
    assert water_table([yesterday], "en").rows[0][2] == "As of 17.10. 23:00"
    recent = WaterLevelRecord("ROSTOCK", datetime(2025, 10, 18, 13, 45, tzinfo=CEST), 540.0, -1)
    assert water_table([recent]).rows[0][2] == "fallend"  # 45 min: PEGELONLINE's normal delay
    assert water_table([WaterLevelRecord("ROSTOCK", CTX.now, 540.0, None)]).rows[0][2] == ""


def test_mean_water_of_a_time_series_with_characteristic_values(sim: PlatformSim) -> None:
    path = "/webservices/rest-api/v2/stations/WARNEMÜNDE/W.json"
    query = {"includeCurrentMeasurement": "true", "includeCharacteristicValues": "true"}
    series = stations_variant()[0]["timeseries"][0]
    sim.add_route(path, json.dumps(series), query=query)
    [record] = pegelonline.fetch(http(), source("pegelonline", sim.url_for(path), query), CTX)
    assert (record.station, record.level_cm, record.mean_cm, record.trend) == ("WARNEMÜNDE", 611.0, 495.0, 1)
    assert sim.requests[-1].query == query


BRIGHTSKY = "brightsky/current_weather_lat54.18_lon12.08.json"
CKAN_ANSWER = "ckan/datastore_search_parkhaeuser_belegung.json"


@pytest.mark.parametrize(
    ("path", "body", "error"),
    [
        (CURRENT_PATH, b"", "not JSON"),
        (CURRENT_PATH, b"   ", "not JSON"),
        (CURRENT_PATH, fixture(BRIGHTSKY), "expected a measurement"),
        (CURRENT_PATH, fixture(CKAN_ANSWER), "expected a measurement"),
        (CURRENT_PATH, b'{"status": 404, "message": "Station not found"}', "expected a measurement"),
        (STATIONS_PATH, b"[]", "no station matches"),
        (STATIONS_PATH, fixture(MEASUREMENTS), "no usable station"),
        (STATIONS_PATH, b'[{"id": "urn:ngsi-ld:WaterObserved:1", "type": "WaterObserved"}]', "no usable"),
        (STATIONS_PATH, b'[{"uuid": "u", "longname": "ROSTOCK"}]', "no station has a current W"),
        (STATIONS_PATH, b"[1, 2]", "no usable station"),
    ],
)
def test_foreign_or_empty_answers_are_parse_errors(
    sim: PlatformSim, path: str, body: bytes, error: str
) -> None:
    sim.add_route(path, body)
    with pytest.raises(ParseError, match=error):
        pegelonline.fetch(http(), source("pegelonline", sim.url_for(path)), CTX)
