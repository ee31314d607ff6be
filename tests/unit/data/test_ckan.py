"""CKAN connectors: the DataStore envelope (fixture), tolerant column mapping, static GeoJSON/CSV
resources, over real HTTP (ETag → 304), malformed payloads."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.data.connectors import ckan, ckan_resource
from kiosk.data.connectors.base import NotModified
from kiosk.data.errors import ParseError
from kiosk.data.records import ParkingRecord
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

DATASTORE = "ckan/datastore_search_parkhaeuser_belegung.json"
PACKAGE_SHOW = "ckan/package_show_parkmoeglichkeiten.json"
RESOURCE_ID = "5d3c1f0e-8a2b-4c7d-9e11-2f6a7b8c9d01"
CEST = timezone(timedelta(hours=2))

# The shape of OpenData.HRO parkmoeglichkeiten.json (columns of the datenwerft model; values invented).
PARKMOEGLICHKEITEN: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [12.1268, 54.0878]},
            "properties": {
                "uuid": "b2c4d6e8-0000-4000-8000-000000000001",
                "art": "Parkhaus",
                "standort": "Kröpeliner Tor",
                "stellplaetze_pkw": 520,
                "stellplaetze_wohnmobil": 0,
                "stellplaetze_bus": 0,
                "gebuehren_halbe_stunde": 1.0,
                "betreiber": "Parkhausgesellschaft Rostock",
                "parkandride": False,
            },
        },
        {
            "type": "Feature",
            "id": 2,
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[12.08, 54.18], [12.09, 54.18], [12.09, 54.19], [12.08, 54.19], [12.08, 54.18]]
                ],
            },
            "properties": {
                "art": "Parkplatz",
                "standort": "Warnemünde Leuchtturm",
                "stellplaetze_pkw": "180",
            },
        },
        {"type": "Feature", "geometry": None, "properties": {"art": "Parkplatz", "stellplaetze_pkw": 12}},
    ],
}
CSV_SEMICOLON = (
    "\ufeffuuid;art;standort;stellplaetze_pkw;latitude;longitude\r\n"
    "c1;Parkhaus;Kröpeliner Tor;520;54,0878;12,1268\r\n"
    'c2;Tiefgarage;"Stadthafen; Ost";310;;\r\n'
    "c3;Parkplatz;;12;54.1;12.1\r\n"
).encode()
CSV_COMMA = b'Name,Kapazitaet,lat,lon\n"Parkplatz Messe, Schutow",900,54.1201,12.1702\n'


def datastore(records: list[Any], **result: Any) -> bytes:
    return json.dumps({"help": "h", "success": True, "result": {"records": records, **result}}).encode()


# --- DataStore fixture -----------------------------------------------------------------------------


def test_datastore_fixture() -> None:
    records = ckan.parse_datastore(fixture(DATASTORE))
    assert [(r.name, r.capacity, r.free, r.status) for r in records] == [
        ("Parkhaus Kröpeliner Tor", 520, 87, "geöffnet"),
        ("Parkhaus Östliche Altstadt", 260, 12, "fast voll"),
        ("Tiefgarage Stadthafen", 310, 0, "besetzt"),
        ("Parkplatz Warnemünde Leuchtturm", 180, 3, "fast voll"),
        ("Parkhaus Stadthalle Rostock", 450, None, "keine Daten"),  # frei: null → unknown
    ]
    first = records[0]
    assert first == ParkingRecord(
        id="a1f3e2c4-0b6d-4e8a-9c21-7d5e3f9a1b01",
        name="Parkhaus Kröpeliner Tor",
        capacity=520,
        free=87,
        status="geöffnet",
        observed=datetime(2025, 10, 18, 14, 30, tzinfo=CEST),
        latitude=54.0878,
        longitude=12.1268,
    )
    assert first.observed is not None and first.observed.utcoffset() == timedelta(hours=2)
    assert first.observed == datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
    assert records[2].observed == datetime(2025, 10, 18, 14, 29, tzinfo=CEST)


def test_package_show_is_not_a_datastore_answer() -> None:
    assert len(ckan.unwrap(fixture(PACKAGE_SHOW))["resources"]) == 3  # type: ignore[arg-type]
    with pytest.raises(ParseError, match=r"result\.records is not a list"):
        ckan.parse_datastore(fixture(PACKAGE_SHOW))


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            {"__type": "Not Found Error", "message": "Not found: Resource was not found."},
            "Not Found Error: Not found",
        ),
        (
            {"__type": "Validation Error", "resource_id": ["Missing value"]},
            "Validation Error: resource_id: Missing value",
        ),
        ({"__type": "Authorization Error", "message": "Access denied"}, "Authorization Error: Access denied"),
        (None, "success: false"),
    ],
)
def test_success_false_is_a_parse_error_with_ckan_message(error: Any, message: str) -> None:
    body = json.dumps({"help": "h", "success": False, "error": error}).encode()
    with pytest.raises(ParseError, match=message):
        ckan.parse_datastore(body)


def test_envelope_shape_errors() -> None:
    for body in (b"[]", b'{"result": {"records": []}}', b'{"success": true, "result": []}', b"\xff"):
        with pytest.raises(ParseError):
            ckan.parse_datastore(body)
    assert ckan.parse_datastore(datastore([])) == []


def test_records_format_lists() -> None:
    fields = [
        {"id": "_id", "type": "int"},
        {"id": "standort", "type": "text"},
        {"id": "frei", "type": "int4"},
    ]
    records = ckan.parse_datastore(datastore([[1, "Am Strand", 4]], fields=fields, records_format="lists"))
    assert records == [ParkingRecord(id="1", name="Am Strand", free=4)]


def test_tolerant_columns_first_present_candidate() -> None:
    rows = [
        {
            "ID": "x1",
            "Name": "Parkhaus Doberaner Platz",  # a name, not a place: no "art" in front
            "art": "Parkhaus",
            "Kapazitaet": "300",
            "freie_plaetze": None,  # null → next candidate; none → derived from "belegt"
            "belegt": 290,
            "Zustand": "offen",
            "aktualisiert": "2025-10-18T14:30:00.123+02:00",
            "lat": "54,0899",
            "lng": 12.1211,
        },
        {
            "uuid": "",
            "_id": 7,
            "standort": "Parkhaus Bahnhof",
            "art": "Parkhaus",
            "frei": "0",
            "lat": 95,
            "lon": 12,
        },
    ]
    first, second = ckan.parse_datastore(datastore(rows))
    assert first == ParkingRecord(
        id="x1",
        name="Parkhaus Doberaner Platz",
        capacity=300,
        free=10,
        status="offen",
        observed=datetime(2025, 10, 18, 14, 30, 0, 123000, tzinfo=CEST),
        latitude=54.0899,
        longitude=12.1211,
    )
    # empty uuid → _id; standort already starts with its kind; latitude 95 is no position
    assert second == ParkingRecord(id="7", name="Parkhaus Bahnhof", free=0)


def test_bad_rows_are_skipped_all_bad_is_an_error() -> None:
    good = {"standort": "Gut", "frei": 1, "zeitstempel": "2025-10-18T14:30:00+02:00"}
    naive = {"standort": "Naiv", "zeitstempel": "2025-10-18T14:30:00"}
    nameless = {"frei": 3}
    wrong = {"standort": "Falsch", "frei": 1.5}
    assert [r.name for r in ckan.parse_datastore(datastore([naive, good, nameless, wrong, "x"]))] == ["Gut"]
    with pytest.raises(ParseError, match="no UTC offset"):
        ckan.parse_datastore(datastore([naive, nameless]))


# --- static resources ------------------------------------------------------------------------------


def test_geojson_parkmoeglichkeiten_has_capacity_but_no_live_data() -> None:
    records = ckan_resource.parse_geojson(json.dumps(PARKMOEGLICHKEITEN).encode())
    assert records[0] == ParkingRecord(
        id="b2c4d6e8-0000-4000-8000-000000000001",
        name="Parkhaus Kröpeliner Tor",
        capacity=520,
        free=None,
        latitude=54.0878,
        longitude=12.1268,
    )
    second = records[1]
    assert (second.id, second.name, second.capacity, second.free) == (
        "2",
        "Parkplatz Warnemünde Leuchtturm",
        180,
        None,
    )
    assert (second.latitude, second.longitude) == pytest.approx((54.185, 12.085))  # the Polygon's ring mean
    assert len(records) == 2  # the third feature has no name


def test_geojson_in_utm_has_no_position() -> None:
    utm = dict(
        PARKMOEGLICHKEITEN, crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}
    )
    records = ckan_resource.parse_geojson(json.dumps(utm).encode())
    assert [(r.latitude, r.longitude) for r in records] == [(None, None), (None, None)]
    wgs = dict(
        PARKMOEGLICHKEITEN, crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    )
    assert ckan_resource.parse_geojson(json.dumps(wgs).encode())[0].latitude == 54.0878


def test_geojson_shape_errors() -> None:
    for data in ({"type": "Topology"}, {"type": "FeatureCollection", "features": {}}, [1]):
        with pytest.raises(ParseError):
            ckan_resource.parse_geojson(json.dumps(data).encode())
    with pytest.raises(ParseError, match="no usable car park"):
        ckan_resource.parse_geojson(b'{"type": "FeatureCollection", "features": [{"type": "Feature"}]}')


def test_csv_semicolon_with_bom_and_decimal_commas() -> None:
    records = ckan_resource.parse_csv(CSV_SEMICOLON)
    assert records == [
        ParkingRecord(
            id="c1", name="Parkhaus Kröpeliner Tor", capacity=520, latitude=54.0878, longitude=12.1268
        ),
        ParkingRecord(id="c2", name="Tiefgarage Stadthafen; Ost", capacity=310),
    ]  # c3 has no name


def test_csv_comma() -> None:
    assert ckan_resource.parse_csv(CSV_COMMA) == [
        ParkingRecord(
            id="Parkplatz Messe, Schutow",
            name="Parkplatz Messe, Schutow",
            capacity=900,
            latitude=54.1201,
            longitude=12.1702,
        )
    ]


def test_csv_errors() -> None:
    with pytest.raises(ParseError, match="no name column"):
        ckan_resource.parse_csv(b"a;b;c\n1;2;3\n")
    with pytest.raises(ParseError, match="not UTF-8"):
        ckan_resource.parse_csv("standort;frei\nKröpeliner Tor;3\n".encode("cp1252"))
    with pytest.raises(ParseError, match="no name column"):
        ckan_resource.parse_csv(b"")


def test_resource_format_from_content_type_or_body() -> None:
    geojson = json.dumps(PARKMOEGLICHKEITEN).encode()
    assert len(ckan_resource.parse_resource(geojson, "application/geo+json")) == 2
    assert len(ckan_resource.parse_resource(geojson, "application/octet-stream")) == 2
    assert len(ckan_resource.parse_resource(CSV_SEMICOLON, "text/csv; charset=utf-8")) == 2
    assert len(ckan_resource.parse_resource(CSV_SEMICOLON)) == 2


# --- over HTTP --------------------------------------------------------------------------------------


def test_datastore_fetch_and_not_modified(sim: PlatformSim) -> None:
    client = http()
    src = source(
        "ckan-datastore",
        sim.url_for("/opendata-hro/api/3/action/datastore_search"),
        {"resource_id": RESOURCE_ID},
    )
    records = ckan.fetch(client, src, CTX)
    assert [r.free for r in records] == [87, 12, 0, 3, None]
    assert sim.requests[-1].query == {"resource_id": RESOURCE_ID}
    with pytest.raises(NotModified):
        ckan.fetch(client, src, CTX)


@pytest.mark.parametrize(
    ("path", "body", "content_type", "second"),
    [
        (
            "/download/opendata/parkmoeglichkeiten/parkmoeglichkeiten.json",
            json.dumps(PARKMOEGLICHKEITEN).encode(),
            "application/json",
            ("Parkplatz Warnemünde Leuchtturm", 180),
        ),
        (
            "/download/opendata/parkmoeglichkeiten/parkmoeglichkeiten.csv",
            CSV_SEMICOLON,
            "text/csv;charset=utf-8",
            ("Tiefgarage Stadthafen; Ost", 310),
        ),
    ],
)
def test_resource_fetch_and_not_modified(
    sim: PlatformSim, path: str, body: bytes, content_type: str, second: tuple[str, int]
) -> None:
    client = http()
    sim.add_route(path, body, content_type=content_type)
    src = source("ckan-resource", sim.url_for(path))
    records = ckan_resource.fetch(client, src, CTX)
    assert [(r.name, r.capacity) for r in records] == [("Parkhaus Kröpeliner Tor", 520), second]
    assert all(r.free is None for r in records)
    with pytest.raises(NotModified):
        ckan_resource.fetch(client, src, CTX)


# --- malformed payloads -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300) | random_json())
def test_random_payloads_only_raise_parse_error(body: bytes) -> None:
    check_parse(ckan.parse_datastore, body, ParkingRecord)
    check_parse(ckan_resource.parse_geojson, body, ParkingRecord)
    check_parse(ckan_resource.parse_csv, body, ParkingRecord)
    check_parse(ckan_resource.parse_resource, body, ParkingRecord)


@settings(max_examples=200, deadline=None)
@given(body=mutated_json(fixture_json(DATASTORE)))
def test_mutated_datastore_only_raises_parse_error(body: bytes) -> None:
    check_parse(ckan.parse_datastore, body, ParkingRecord)


@settings(max_examples=150, deadline=None)
@given(body=mutated_json(PARKMOEGLICHKEITEN))
def test_mutated_geojson_only_raises_parse_error(body: bytes) -> None:
    check_parse(ckan_resource.parse_geojson, body, ParkingRecord)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.lists(
            st.sampled_from(["standort", "frei", "name", "54,1", '"', ";", ",", "\r", "", "x", "é"])
            | st.text(max_size=6),
            max_size=5,
        ).map(lambda cells: ";".join(cells)),
        max_size=5,
    ).map("\n".join)
)
def test_random_csv_only_raises_parse_error(text: str) -> None:
    body = text.encode("utf-8", "surrogatepass")
    check_parse(ckan_resource.parse_csv, body, ParkingRecord)
    check_parse(ckan_resource.parse_csv, b"standort;stellplaetze_pkw\n" + body, ParkingRecord)
