"""OpenData.HRO downloads near the device: geometry (distance, bearing, UTM), GeoJSON/CSV reading and
the three mappers (construction sites, toilets, charging) with the variants the undocumented files use."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings

from kiosk.data.connectors import geo, hro_charging, hro_construction, hro_toilets, nearby
from kiosk.data.connectors.geo_features import count, day, flag, read_features, text
from kiosk.data.errors import ParseError
from kiosk.data.records import ChargingRecord, ConstructionRecord, ToiletRecord
from kiosk.data.store import Stored, dumps, loads
from tests.unit.data.connector_kit import check_parse, fixture, fixture_json, mutated_json, random_json

BERLIN = ZoneInfo("Europe/Berlin")
HERE = (54.0917, 12.1342)  # the Stadthafen stele


def collection(*features: dict[str, Any], **extra: Any) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}).encode()


def feature(properties: dict[str, Any], geometry: Any = None, **extra: Any) -> dict[str, Any]:
    if geometry is None:
        geometry = {"type": "Point", "coordinates": [12.1365, 54.0921]}
    return {"type": "Feature", "geometry": geometry, "properties": properties, **extra}


# --- geometry ---------------------------------------------------------------------------------------


def test_utm_33n_matches_a_published_position_both_ways() -> None:
    # Brandenburger Tor, ETRS89 / UTM 33N (EPSG:25833): E 389 918, N 5 819 699
    easting, northing = geo.wgs84_to_utm((52.516275, 13.377704))
    assert (round(easting), round(northing)) == (389918, 5819699)
    lat, lon = geo.utm_to_wgs84(389918.04, 5819699.13, 33)
    assert geo.distance_m((lat, lon), (52.516275, 13.377704)) < 0.05


def test_to_wgs84_tells_degrees_from_metres() -> None:
    easting, northing = geo.wgs84_to_utm(HERE)
    assert geo.distance_m(geo.to_wgs84(easting, northing) or (0, 0), HERE) < 0.01  # no crs: zone 33
    assert geo.distance_m(geo.to_wgs84(33_000_000 + easting, northing) or (0, 0), HERE) < 0.01  # EPSG:5650
    assert geo.to_wgs84(12.1342, 54.0917) == HERE
    assert geo.to_wgs84(0.0, 0.0) is None  # a missing position, not the Gulf of Guinea
    assert geo.to_wgs84(5_000.0, 54.0) is None  # neither degrees nor a UTM position


def test_distance_and_bearing() -> None:
    assert geo.distance_m((54.0, 12.0), (55.0, 12.0)) == pytest.approx(111_195, rel=1e-3)
    north, east = (54.1017, 12.1342), (54.0917, 12.1495)
    assert geo.bearing_deg(HERE, north) == pytest.approx(0.0, abs=0.01)
    assert geo.bearing_deg(HERE, east) == pytest.approx(90.0, abs=0.1)
    assert [geo.compass_point(b) for b in (0, 22, 23, 90, 180, 225, 300, 338, 359.9)] == [
        0,
        0,
        1,
        2,
        4,
        5,
        7,
        0,
        0,
    ]


def test_vertices_of_every_geometry_type_and_crs() -> None:
    point = {"type": "Point", "coordinates": [12.13, 54.09]}
    line = {"type": "LineString", "coordinates": [[12.12, 54.08], [12.13, 54.09]]}
    polygon = {"type": "Polygon", "coordinates": [[[12.1, 54.0], [12.2, 54.0], [12.2, 54.1], [12.1, 54.0]]]}
    multi = {"type": "MultiPolygon", "coordinates": [polygon["coordinates"], polygon["coordinates"]]}
    both = {"type": "GeometryCollection", "geometries": [point, line]}
    assert geo.vertices(point) == [(54.09, 12.13)]
    assert len(geo.vertices(line)) == 2 and len(geo.vertices(multi)) == 8 and len(geo.vertices(both)) == 3
    assert geo.vertices({"type": "Point", "coordinates": ["12.1", None]}) == []
    assert geo.vertices(None) == [] and geo.vertices({"type": "Point"}) == []
    easting, northing = geo.wgs84_to_utm(HERE)
    utm = {"type": "Point", "coordinates": [easting, northing]}
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}
    assert geo.projection(crs) == 33 and geo.projection({"properties": {"name": "EPSG:4326"}}) is None
    assert geo.distance_m(geo.vertices(utm, geo.projection(crs))[0], HERE) < 0.01


# --- reading the files ------------------------------------------------------------------------------


def test_featurecollection_bare_list_and_single_feature() -> None:
    one = feature({"bezeichnung": "A"})
    assert len(read_features(collection(one, one)).features) == 2
    assert len(read_features(json.dumps([one, one]).encode()).features) == 2
    assert len(read_features(json.dumps(one).encode()).features) == 1
    assert read_features(collection()).features == ()  # no toilets in the file is an answer, not an error
    assert read_features(b"[]").features == ()


def test_features_without_position_are_skipped_and_counted() -> None:
    found = read_features(
        collection(feature({"a": 1}), {"type": "Feature", "geometry": None, "properties": {"a": 2}}, "junk")
    )
    assert len(found.features) == 1 and found.skipped == 2
    with pytest.raises(ParseError, match="none of 2"):
        read_features(collection({"type": "Feature", "geometry": None, "properties": {}}, "junk"))


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"  \r\n",
        b"<!DOCTYPE html><html><body>Wartungsarbeiten</body></html>",
        b'{"help": "https://www.opendata-hro.de/api/3/action/help_show", "success": true, "result": {}}',
        b'[{"service_request_id": 1, "status": "open"}]',
        b'{"type": "FeatureCollection", "features": {"0": {}}}',
        b'{"type": "Feature"',
    ],
    ids=["empty", "blank", "html", "ckan-envelope", "open311-array", "features-object", "torn"],
)
def test_shapes_that_are_not_a_download_are_parse_errors(body: bytes) -> None:
    with pytest.raises(ParseError):
        read_features(body, "application/json" if body.startswith(b"{") else "")


def test_csv_variants() -> None:
    semicolon = fixture("opendata-hro/toiletten.csv")
    assert semicolon.startswith(b"\xef\xbb\xbf")
    found = read_features(semicolon, "text/csv")
    assert len(found.features) == 3 and found.skipped == 1  # the IGA-Park row has no position
    assert found.features[0].points == ((54.0921, 12.1365),)  # decimal commas
    comma = b"name,lat,lon\nA,54.0921,12.1365\n"
    assert read_features(comma).features[0].points == ((54.0921, 12.1365),)
    easting, northing = geo.wgs84_to_utm(HERE)
    utm = f"bezeichnung;rechtswert;hochwert\nA;{easting:.2f};{northing:.2f}\n".replace(".", ",").encode()
    assert geo.distance_m(read_features(utm).features[0].points[0], HERE) < 0.1
    wkt = b'bezeichnung;geometrie\nA;"SRID=25833;POINT (312585.57 5997521.95)"\n'
    assert geo.distance_m(read_features(wkt).features[0].points[0], HERE) < 0.1
    with pytest.raises(ParseError, match="no position columns"):
        read_features(b"bezeichnung;art\nA;B\n", "text/csv")


def test_loose_values() -> None:
    assert [flag(v) for v in (True, "ja", "1", "Y", "x", 1, "true")] == [True] * 7
    assert [flag(v) for v in (False, "nein", "0", "N", 0, "false")] == [False] * 6
    assert [flag(v) for v in (None, "", "vielleicht", 2)] == [None] * 4
    midnight = datetime(2025, 12, 12, tzinfo=BERLIN)
    for value in ("2025-12-12", "12.12.2025", "12.12.25", "2025-12-12T00:00:00", "2025-12-11T23:30:00Z"):
        assert day(value) == midnight, value
    assert day("31.02.2025") is None and day("bald") is None and day(20251212) is None
    assert [count(v) for v in (4, "4", "4.0", 4.0, "x", -1, True)] == [4, 4, 4, 4, None, None, None]
    assert text(["Typ 2", "CCS"]) == "Typ 2, CCS" and text({"bezeichnung": "Stadtwerke"}) == "Stadtwerke"
    assert text("  zwei   Leerzeichen ") == "zwei Leerzeichen" and text(True) is None


# --- construction sites -----------------------------------------------------------------------------


def test_construction_fixture() -> None:
    sites = hro_construction.parse_sites(fixture("opendata-hro/baustellen.json"))
    assert len(sites) == 6  # one of seven has no geometry
    am_strande = sites[0]
    assert am_strande.street == "Am Strande" and am_strande.measure == "Erneuerung Fernwärmeleitung"
    assert am_strande.restriction.startswith("halbseitige Sperrung")
    assert am_strande.end == datetime(2025, 12, 12, tzinfo=BERLIN)
    assert sites[1].start == datetime(2025, 11, 3, tzinfo=BERLIN)  # "03.11.2025"
    assert am_strande.latitude is not None and am_strande.distance_m is None  # no device: no distance


def test_construction_field_name_variants() -> None:
    other = feature(
        {
            "strasse": {"bezeichnung": "Doberaner Straße"},
            "art": "Leitungsbau",
            "sperrung_art": "Vollsperrung",
            "beginn": "01.10.2025",
            "ende": "2025-11-30",
            "url": "https://www.rostock.de/baustellen",
        }
    )
    utility_only = feature({"strassenname": "Holbeinplatz", "sparte": "Gas"})
    inactive = feature({"strasse_name": "Alt", "baumassnahme": "x", "aktiv": "nein"})
    nothing = feature({"objectid": 7})
    sites = hro_construction.parse_sites(collection(other, utility_only, inactive, nothing))
    assert [(s.street, s.measure, s.restriction) for s in sites] == [
        ("Doberaner Straße", "Leitungsbau", "Vollsperrung"),
        ("Holbeinplatz", "Gas", ""),
    ]
    assert sites[0].start == datetime(2025, 10, 1, tzinfo=BERLIN)
    assert sites[0].end == datetime(2025, 11, 30, tzinfo=BERLIN)
    with pytest.raises(ParseError, match="no usable construction site"):
        hro_construction.parse_sites(collection(nothing, inactive))


# --- toilets ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("properties", "fee", "fee_text"),
    [
        ({"gebuehren": "0,50 €"}, True, "0,50 €"),
        ({"gebuehren": 0.5}, True, "0,50 €"),
        ({"gebuehren": "keine"}, False, ""),
        ({"gebuehren": "0"}, False, ""),
        ({"gebuehren": 0}, False, ""),
        ({"gebuehren": "kostenlos"}, False, ""),
        ({"gebuehren": True}, True, ""),
        ({"gebuehren": "ja"}, True, ""),
        ({"gebuehren": "nein"}, False, ""),
        ({"kostenlos": "Y"}, False, ""),
        ({"kostenlos": False}, True, ""),
        ({}, None, ""),
    ],
)
def test_toilet_fee_variants(properties: dict[str, Any], fee: bool | None, fee_text: str) -> None:
    record = hro_toilets.toilet({"bezeichnung": "A", **properties}, "t-1")
    assert record is not None
    assert (record.fee, record.fee_text) == (fee, fee_text)


def test_toilet_fixture_and_variants() -> None:
    geojson = hro_toilets.parse_toilets(fixture("opendata-hro/toiletten.json"))
    csv = hro_toilets.parse_toilets(fixture("opendata-hro/toiletten.csv"), "text/csv")
    assert [t.name for t in geojson] == [t.name for t in csv] + ["Warnemünde, Leuchtturm"]
    assert [t.accessible for t in geojson] == [True, True, False, True]  # true, "ja", false, true
    assert [t.accessible for t in csv] == [True, True, False]  # "ja", "ja", "nein"
    assert geojson[0].hours == "täglich 8–20 Uhr" and geojson[0].baby_changing is True
    only_type = hro_toilets.toilet({"art": "Automatiktoilette", "barrierefrei": "1"}, "fallback")
    assert only_type is not None and hro_toilets.toilet({"name": "A", "aktiv": False}, "x") is None
    assert (only_type.name, only_type.id, only_type.accessible) == ("Automatiktoilette", "fallback", True)
    with pytest.raises(ParseError):
        hro_toilets.toilet({"zeiten": "immer"}, "t")


# --- charging stations -------------------------------------------------------------------------------


def test_charging_fixture_in_utm_and_variants() -> None:
    stations = hro_charging.parse_stations(fixture("opendata-hro/ladestationen_elektrofahrzeuge.json"))
    assert [s.name for s in stations] == [
        "Parkhaus Am Strande",
        "Lange Straße",
        "Warnemünde, Bahnhof",
        "Schmarl, Stephan-Jantzen-Ring",
    ]  # the planned one is left out, on purpose: not counted as skipped
    assert (
        nearby.parse_located(
            fixture("opendata-hro/ladestationen_elektrofahrzeuge.json"),
            "",
            hro_charging.charging_station,
            "x",
        )[1]
        == 0
    )
    first = stations[0]
    assert (first.points, first.plugs, first.operator) == (4, "Typ 2, CCS", "Stadtwerke Rostock")
    assert first.latitude == pytest.approx(54.0905, abs=1e-5)  # EPSG:25833 → WGS 84
    assert stations[1].points == 2  # "2" as text
    listed = hro_charging.charging_station(
        {"name": "P+R", "verbund": "ladenetz.de", "steckertypen": ["Typ 2", "CCS"], "ladepunkte": "6"}, "c"
    )
    assert listed is not None
    assert (listed.operator, listed.plugs, listed.points) == ("ladenetz.de", "Typ 2, CCS", 6)


def test_records_survive_the_last_good_store() -> None:
    records = (
        *hro_construction.parse_sites(fixture("opendata-hro/baustellen.json")),
        *hro_toilets.parse_toilets(fixture("opendata-hro/toiletten.json")),
        *hro_charging.parse_stations(fixture("opendata-hro/ladestationen_elektrofahrzeuge.json")),
    )
    stored = loads(dumps(Stored(records, as_of=datetime(2025, 10, 18, 14, 30, tzinfo=BERLIN), validators={})))
    assert stored.records == records


# --- malformed payloads --------------------------------------------------------------------------------

PARSERS = [
    (hro_construction.parse_sites, "opendata-hro/baustellen.json", ConstructionRecord),
    (hro_toilets.parse_toilets, "opendata-hro/toiletten.json", ToiletRecord),
    (hro_charging.parse_stations, "opendata-hro/ladestationen_elektrofahrzeuge.json", ChargingRecord),
]


@pytest.mark.parametrize(("parse", "name", "kind"), PARSERS, ids=["construction", "toilets", "charging"])
def test_mutated_downloads_parse_or_raise_parse_error(parse: Any, name: str, kind: type) -> None:
    @settings(max_examples=60, deadline=None)
    @given(mutated_json(fixture_json(name)))
    def run(body: bytes) -> None:
        for record in check_parse(parse, body, kind):
            assert -90 <= record.latitude <= 90 and -180 <= record.longitude <= 180

    run()


@settings(max_examples=80, deadline=None)
@given(random_json())
def test_random_json_never_crashes_a_parser(body: bytes) -> None:
    for parse, _, kind in PARSERS:
        check_parse(parse, body, kind)
