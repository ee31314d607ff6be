"""Bright Sky connectors: current weather (dwd and si units) and DWD alerts from the fixtures, German
texts with English fallback, message types, over real HTTP (ETag → 304), malformed payloads."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import brightsky, brightsky_alerts
from kiosk.data.connectors.base import NotModified
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, AlertText, WeatherRecord
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

WEATHER = "brightsky/current_weather_lat54.18_lon12.08.json"
ALERTS = "brightsky/alerts_lat54.09_lon12.13.json"
WARNEMUENDE = WeatherRecord(
    station="Rostock-Warnemünde",
    observed=datetime(2025, 10, 18, 12, 30, tzinfo=UTC),
    temperature_c=11.4,
    wind_speed_kmh=36.0,
    wind_gust_kmh=63.0,
    wind_direction_deg=40.0,
    precipitation_mm=4.2,
    pressure_hpa=996.8,
    condition="rain",
)


def weather(data: Any, **kwargs: Any) -> list[WeatherRecord]:
    return brightsky.parse_current_weather(json.dumps(data).encode(), **kwargs)


def alerts(data: Any) -> list[AlertRecord]:
    return brightsky_alerts.parse_alerts(json.dumps(data).encode())


# --- current weather -------------------------------------------------------------------------------


def test_current_weather_fixture() -> None:
    [record] = brightsky.parse_current_weather(fixture(WEATHER))
    assert record == WARNEMUENDE
    assert record.observed is not None and record.observed.utcoffset() == timedelta(0)


def test_si_units_are_converted() -> None:
    data = fixture_json(WEATHER)
    w = data["weather"]
    w.update(temperature=284.55, pressure_msl=99680, wind_speed_10=10.0, wind_gust_speed_10=17.5)
    [record] = weather(data, units="si")
    assert record.temperature_c == pytest.approx(11.4)
    assert record.pressure_hpa == pytest.approx(996.8)
    assert (record.wind_speed_kmh, record.wind_gust_kmh) == (pytest.approx(36.0), pytest.approx(63.0))
    with pytest.raises(ParseError, match="units='imperial'"):
        weather(data, units="imperial")


def test_fallbacks_and_station_choice() -> None:
    data = fixture_json(WEATHER)
    w = data["weather"]
    w.update(wind_speed_10=None, wind_gust_speed_10=None, precipitation_60=None, condition=None, source_id=1)
    data["sources"].insert(0, {"id": 1, "station_name": "Rostock-Stuthof"})
    [record] = weather(data)
    assert (record.station, record.wind_speed_kmh, record.wind_gust_kmh) == ("Rostock-Stuthof", 34.9, 63.0)
    assert (record.precipitation_mm, record.condition) == (None, None)  # 10/30-minute sums are not "the hour"
    data["sources"] = []
    assert weather(data)[0].station == ""


def test_times_without_offset() -> None:
    data = fixture_json(WEATHER)
    data["weather"]["timestamp"] = "2025-10-18T12:30:00"
    assert weather(data)[0].observed == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)  # documented UTC
    with pytest.raises(ParseError, match="no UTC offset"):
        weather(data, naive_utc=False)  # tz=… was asked for: local time, offset required
    data["weather"]["timestamp"] = "2025-10-18T14:30:00+02:00"
    assert weather(data, naive_utc=False)[0].observed == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)


STAMP = {"timestamp": "2025-10-18T12:30:00+00:00"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weather": [STAMP], "sources": []}, "hourly records from /weather"),
        ({"sources": []}, "got an object with keys sources"),
        ({"weather": STAMP}, "got an object with keys weather"),  # no sources
        ({"weather": STAMP, "sources": {}}, "got an object with keys sources, weather"),
        ({"weather": {"temperature": 11.4}, "sources": []}, "weather has no timestamp"),
        ({"weather": None, "sources": None}, "expected {weather"),
        ([], "expected {weather"),
        ({"title": "Not Found", "detail": "No weather data found"}, "got Not Found No weather data found"),
        ({"weather": {**STAMP, "temperature": "warm"}, "sources": []}, "temperature is not a number"),
        ({"weather": {**STAMP, "temperature": 1e300}, "sources": []}, "temperature is out of range"),
        ({"weather": {**STAMP, "condition": 3}, "sources": []}, "condition is not text"),
    ],
)
def test_weather_shape_errors(data: Any, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)):
        weather(data)


def test_empty_sources_are_valid() -> None:
    assert weather({"weather": STAMP, "sources": []}) == [
        WeatherRecord(station="", observed=datetime(2025, 10, 18, 12, 30, tzinfo=UTC))
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty body"),
        (fixture("open311/requests.json"), "expected {weather"),  # another API's JSON array
        (
            fixture("ckan/package_show_parkmoeglichkeiten.json"),
            "got an object with keys help, result, success",
        ),
        (json.dumps({"weather": [STAMP], "sources": []}).encode(), "/weather"),
    ],
)
def test_weather_shape_errors_over_http(sim: PlatformSim, body: bytes, message: str) -> None:
    query = {"lat": "54.18", "lon": "12.08"}
    sim.add_route("/current_weather", body, query=query)
    src = source("brightsky-weather", sim.url_for("/current_weather"), query)
    with pytest.raises(ParseError, match=re.escape(message)):
        brightsky.fetch(http(), src, CTX)


# --- alerts ----------------------------------------------------------------------------------------


def test_alerts_fixture() -> None:
    rain, gusts = brightsky_alerts.parse_alerts(fixture(ALERTS))
    assert rain == AlertRecord(
        id="2.49.0.0.276.0.DWD.PVW.1760781600000.5f1e0c2a-7b3d-4c1e-9a0f-1d2e3f4a5b6c",
        provider="DWD",
        severity="moderate",
        headline="Amtliche WARNUNG vor STARKREGEN",
        msg_type="alert",
        description="Es tritt Starkregen auf. Dabei werden Niederschlagsmengen zwischen 20 l/m² und 30 l/m² "
        "in 6 Stunden erwartet.",
        instruction="ACHTUNG! Hinweis auf mögliche Gefahren: Während des Platzregens sind kurzzeitig "
        "Verkehrsbehinderungen möglich.",
        sender="Deutscher Wetterdienst",
        sent=datetime(2025, 10, 18, 10, 0, tzinfo=UTC),
        onset=datetime(2025, 10, 18, 12, 0, tzinfo=UTC),
        expires=datetime(2025, 10, 18, 18, 0, tzinfo=UTC),
        event="STARKREGEN",
        area="Hanse- und Universitätsstadt Rostock",
        language="de",
        texts=(
            AlertText(
                "de",
                "Amtliche WARNUNG vor STARKREGEN",
                "Es tritt Starkregen auf. Dabei werden Niederschlagsmengen zwischen 20 l/m² und 30 l/m² "
                "in 6 Stunden erwartet.",
                "ACHTUNG! Hinweis auf mögliche Gefahren: Während des Platzregens sind kurzzeitig "
                "Verkehrsbehinderungen möglich.",
            ),
            AlertText(
                "en",
                "Official WARNING of HEAVY RAIN",
                "There is a risk of heavy rain (Level 2 of 4).\nPrecipitation amounts: 20-30 l/m²/6h",
                "NOTE: Be aware of the following possible dangers: The downpours can cause temporary "
                "traffic disruption.",
            ),
        ),
    )
    assert (gusts.severity, gusts.event, gusts.instruction) == ("minor", "WINDBÖEN", "")  # instruction null
    assert gusts.expires == datetime(2025, 10, 19, 3, 0, tzinfo=UTC)
    assert gusts.sent is not None and gusts.sent.utcoffset() == timedelta(0)


def test_each_language_reads_its_own_texts_and_follows_the_fallback_chain() -> None:
    rain, gusts = brightsky_alerts.parse_alerts(fixture(ALERTS))
    assert rain.text("headline", "en") == "Official WARNING of HEAVY RAIN"
    assert rain.text("instruction", "en").startswith("NOTE: Be aware")
    for language in ("de", "ls"):  # Leichte Sprache: German
        assert rain.text("headline", language) == "Amtliche WARNUNG vor STARKREGEN"
    assert rain.text("headline", "fr") == "Official WARNING of HEAVY RAIN"  # kiosk.i18n.chain: fr → en
    assert gusts.text("instruction", "en") == ""  # null in both languages: nothing, not a guess
    data = fixture_json(ALERTS)
    data["alerts"][0]["headline_en"] = data["alerts"][0]["description_en"] = None
    rain = alerts(data)[0]
    assert [t.language for t in rain.texts] == ["de"]  # no English block left
    assert rain.text("headline", "en") == "Amtliche WARNUNG vor STARKREGEN"


def test_english_fallback() -> None:
    data = fixture_json(ALERTS)
    for key in ("headline_de", "description_de", "instruction_de"):
        data["alerts"][0][key] = None
    del data["alerts"][1]["headline_de"]
    data["alerts"][1]["headline_en"] = None
    rain, gusts = alerts(data)
    assert (rain.headline, rain.language) == ("Official WARNING of HEAVY RAIN", "en")
    assert rain.description.startswith("There is a risk of heavy rain")
    assert rain.instruction.startswith("NOTE:")
    assert rain.event == "STARKREGEN"
    assert (gusts.headline, gusts.language) == ("WINDBÖEN", "de")  # no headline at all: the event


@pytest.mark.parametrize(
    ("changes", "msg_type"),
    [
        ({}, "alert"),
        ({"response_type": "allclear"}, "cancel"),
        ({"response_type": "Cancel"}, "cancel"),
        ({"category": "update"}, "update"),
        ({"status": "cancel"}, "cancel"),
        ({"response_type": None, "category": None, "status": None}, "alert"),
    ],
)
def test_message_type(changes: dict[str, Any], msg_type: str) -> None:
    data = fixture_json(ALERTS)
    data["alerts"][0].update(changes)
    assert alerts(data)[0].msg_type == msg_type


@pytest.mark.parametrize(
    ("severity", "expected"),
    [("extreme", "extreme"), ("Severe", "severe"), ("unknown", "unknown"), (None, "unknown")],
)
def test_severity(severity: Any, expected: str) -> None:
    data = fixture_json(ALERTS)
    data["alerts"][0]["severity"] = severity
    assert alerts(data)[0].severity == expected


def test_test_messages_are_left_out_and_bad_alerts_skipped() -> None:
    data = fixture_json(ALERTS)
    data["alerts"][0]["status"] = "test"
    assert [a.event for a in alerts(data)] == ["WINDBÖEN"]
    data["alerts"][1]["onset"] = "morgen"
    with pytest.raises(ParseError, match="onset is not an ISO 8601"):
        alerts(data)
    data["alerts"].append({"alert_id": "x", "severity": "minor", "headline_de": "Frost"})
    assert [a.headline for a in alerts(data)] == ["Frost"]
    assert alerts({"alerts": [], "location": None}) == []


@pytest.mark.parametrize(
    "data",
    [
        {"alerts": {}},
        {"location": {}},
        [],
        {"alerts": [{"headline_de": "ohne id"}]},
        {"alerts": [1, "x"]},
        {"alerts": None, "location": {"warn_cell_id": 813003000}},
        {"weather": {"temperature": 11.4}, "sources": []},  # /current_weather instead of /alerts
        {"error": "Not Found"},
    ],
)
def test_alerts_shape_errors(data: Any) -> None:
    with pytest.raises(ParseError):
        alerts(data)


@pytest.mark.parametrize("body", [b"", b" ", b"null", b"<html>502 Bad Gateway</html>", b"[]"])
def test_an_empty_or_foreign_body_is_a_parse_error_over_http(sim: PlatformSim, body: bytes) -> None:
    sim.add_route("/alerts", body)
    src = source("brightsky-alerts", sim.url_for("/alerts"), {"lat": "54.09", "lon": "12.13"})
    with pytest.raises(ParseError):
        brightsky_alerts.fetch(http(), src, CTX)


def test_a_real_empty_alert_list_is_no_warnings_over_http(sim: PlatformSim) -> None:
    sim.add_route("/alerts", json.dumps({"alerts": [], "location": {"warn_cell_id": 813003000}}))
    src = source("brightsky-alerts", sim.url_for("/alerts"), {"lat": "54.09", "lon": "12.13"})
    assert brightsky_alerts.fetch(http(), src, CTX) == []


# --- over HTTP --------------------------------------------------------------------------------------


def test_fetch_current_weather_and_not_modified(sim: PlatformSim) -> None:
    client = http()
    src = source("brightsky-weather", sim.url_for("/current_weather"), {"lat": "54.18", "lon": "12.08"})
    assert brightsky.fetch(client, src, CTX) == [WARNEMUENDE]
    assert sim.requests[-1].query == {"lat": "54.18", "lon": "12.08"}
    with pytest.raises(NotModified):
        brightsky.fetch(client, src, CTX)


def test_fetch_alerts_and_not_modified(sim: PlatformSim) -> None:
    client = http()
    src = source("brightsky-alerts", sim.url_for("/alerts"), {"lat": "54.09", "lon": "12.13"})
    fetched = brightsky_alerts.fetch(client, src, CTX)
    assert [(a.severity, a.event) for a in fetched] == [("moderate", "STARKREGEN"), ("minor", "WINDBÖEN")]
    assert fetched[0].text("headline", "en") == "Official WARNING of HEAVY RAIN"  # English chosen
    with pytest.raises(NotModified):
        brightsky_alerts.fetch(client, src, CTX)


# --- malformed payloads -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300) | random_json())
def test_random_payloads_only_raise_parse_error(body: bytes) -> None:
    check_parse(brightsky.parse_current_weather, body, WeatherRecord)
    check_parse(brightsky_alerts.parse_alerts, body, AlertRecord)


@settings(max_examples=200, deadline=None)
@given(body=mutated_json(fixture_json(WEATHER)), si=st.booleans())
def test_mutated_weather_only_raises_parse_error(body: bytes, si: bool) -> None:
    check_parse(
        lambda b: brightsky.parse_current_weather(b, units="si" if si else "dwd"), body, WeatherRecord
    )


@settings(max_examples=200, deadline=None)
@given(body=mutated_json(fixture_json(ALERTS)))
def test_mutated_alerts_only_raise_parse_error(body: bytes) -> None:
    check_parse(brightsky_alerts.parse_alerts, body, AlertRecord)
