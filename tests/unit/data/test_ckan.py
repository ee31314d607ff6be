"""CKAN connectors: the DataStore envelope (fixture), tolerant column mapping, static GeoJSON/CSV
resources, over real HTTP (ETag → 304), malformed payloads."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import ckan, ckan_paging, ckan_resource
from kiosk.data.connectors.base import NotModified
from kiosk.data.errors import ParseError
from kiosk.data.present import parking_state, present
from kiosk.data.records import ParkingRecord
from kiosk.data.state import DataState
from kiosk.devtools.platform_sim import LoggedRequest, PlatformSim, Reply, Responder
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


# --- paging over HTTP (a fake CKAN that pages like ckanext/datastore: limit/offset, _links, total) ----

CKAN_PATH = "/opendata-hro/api/3/action/datastore_search"
ROWS: list[dict[str, Any]] = fixture_json(DATASTORE)["result"]["records"]
NAMES = [f"{r['art']} {r['standort']}" for r in ROWS]


def fake_datastore(
    rows: list[dict[str, Any]] = ROWS,
    *,
    links: str = "next",
    total: bool = True,
    estimated_total: int | None = None,
    broken_offset: int | None = None,
) -> Responder:
    """Answers ``datastore_search`` as CKAN does: ``limit`` (default 100) rows from ``offset``, a
    ``_links.next`` on every page (also the last). ``links``: ``next`` (the request's own path and query
    with the offset advanced, as CKAN writes it), ``none``, ``stuck`` (offset not advanced), ``back``
    (from the second page on back to offset 0), ``nooffset`` (the start link), ``root`` (without the
    ``/opendata-hro`` prefix, as a CKAN behind a proxy prefix writes it), ``foreign`` (another host)."""

    def respond(request: LoggedRequest) -> Reply:
        query = dict(request.query)
        limit, offset = int(query.get("limit", "100")), int(query.get("offset", "0"))
        if offset == broken_offset:
            error = {"__type": "Validation Error", "message": "offset: Must be a natural number"}
            return Reply(json.dumps({"help": "h", "success": False, "error": error}).encode())
        advanced = urlencode({**query, "offset": str(offset + limit)})
        link = {
            "next": f"{request.path}?{advanced}",
            "stuck": f"{request.path}?{urlencode(query)}",
            "back": f"{request.path}?{advanced if offset == 0 else urlencode({**query, 'offset': '0'})}",
            "nooffset": f"{request.path}?resource_id={RESOURCE_ID}",
            "root": f"/api/3/action/datastore_search?{advanced}",
            "foreign": f"http://ckan.invalid/api/3/action/datastore_search?{advanced}",
        }.get(links)
        result: dict[str, Any] = {
            "include_total": total,
            "limit": limit,
            "records_format": "objects",
            "records": rows[offset : offset + limit],
            "fields": [{"id": key, "type": "text"} for key in rows[0]],
        }
        if link is not None:
            result["_links"] = {"start": f"{request.path}?resource_id={RESOURCE_ID}", "next": link}
        if total:
            result["total"] = len(rows) if estimated_total is None else estimated_total
            result["total_was_estimated"] = estimated_total is not None
        body = {"help": "h", "success": True, "result": result}
        return Reply(json.dumps(body).encode(), headers={"ETag": f'"page-{offset}"'})

    return respond


@pytest.fixture(autouse=True)
def fresh_paging_log() -> None:
    """Paging problems are logged once per source URL; every test's platform has the same URL."""
    ckan_paging._noted.clear()


def paged(sim: PlatformSim, limit: int = 2, **params: str) -> DataSource:
    query = {"resource_id": RESOURCE_ID, "limit": str(limit), **params}
    return source("ckan-datastore", sim.url_for(CKAN_PATH), query)


def offsets(sim: PlatformSim) -> list[str]:
    return [r.query.get("offset", "-") for r in sim.requests if r.path == CKAN_PATH]


def test_paging_reads_all_five_car_parks_two_at_a_time(sim: PlatformSim) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore())
    client = http()
    records = ckan.fetch(client, paged(sim), CTX)
    assert [r.name for r in records] == NAMES
    assert offsets(sim) == ["-", "2", "4"]  # page 3 has 1 of 2 rows: the last, no empty page asked for
    # again: only the first page is conditional (a 304 for page 2 would say nothing about our rows)
    sim.clear_log()
    assert len(ckan.fetch(client, paged(sim), CTX)) == 5
    sent = [r.headers.get("if-none-match") for r in sim.requests]
    assert sent == ['"page-0"', None, None]


def test_paging_stops_when_total_is_read(sim: PlatformSim) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(ROWS[:4]))
    assert len(ckan.fetch(http(), paged(sim), CTX)) == 4
    assert offsets(sim) == ["-", "2"]  # total 4 read after two full pages


def test_paging_without_total_reads_to_an_empty_page(sim: PlatformSim) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(ROWS[:4], total=False))
    assert len(ckan.fetch(http(), paged(sim, include_total="false"), CTX)) == 4
    assert offsets(sim) == ["-", "2", "4"]


def test_estimated_total_is_not_trusted(sim: PlatformSim) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(estimated_total=2))
    assert [r.name for r in ckan.fetch(http(), paged(sim), CTX)] == NAMES


def test_paging_without_links_advances_the_offset(sim: PlatformSim) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(links="none"))
    assert len(ckan.fetch(http(), paged(sim, offset="0"), CTX)) == 5
    assert offsets(sim) == ["0", "2", "4"]


@pytest.mark.parametrize("links", ["root", "foreign", "nooffset"])
def test_link_to_another_path_or_host_or_without_offset_is_not_followed(sim: PlatformSim, links: str) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(links=links))
    assert [r.name for r in ckan.fetch(http(), paged(sim), CTX)] == NAMES
    assert offsets(sim) == ["-", "2", "4"] and {r.path for r in sim.requests} == {CKAN_PATH}


@pytest.mark.parametrize(("links", "asked"), [("stuck", ["0"]), ("back", ["0", "2"])])
def test_a_next_link_that_does_not_advance_stops(
    sim: PlatformSim, caplog: pytest.LogCaptureFixture, links: str, asked: list[str]
) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(links=links))
    records = ckan.fetch(http(), paged(sim, offset="0"), CTX)
    assert offsets(sim) == asked and len(records) == 2 * len(asked)
    assert "does not advance" in caplog.text


def test_page_cap_is_logged_once(sim: PlatformSim, caplog: pytest.LogCaptureFixture) -> None:
    many = [dict(ROWS[0], _id=i, uuid=f"u{i}") for i in range(60)]
    sim.add_responder(CKAN_PATH, fake_datastore(many))
    client = http()
    assert len(ckan.fetch(client, paged(sim, limit=1), CTX)) == ckan_paging.MAX_PAGES
    assert sim.count(CKAN_PATH) == ckan_paging.MAX_PAGES
    assert len(ckan.fetch(client, paged(sim, limit=1), CTX)) == ckan_paging.MAX_PAGES
    assert caplog.text.count(f"stops after {ckan_paging.MAX_PAGES} pages") == 1  # a state, not a tick


def test_a_broken_later_page_fails_the_whole_fetch(sim: PlatformSim) -> None:
    sim.add_responder(CKAN_PATH, fake_datastore(broken_offset=4))
    with pytest.raises(ParseError, match="Validation Error: offset: Must be a natural number"):
        ckan.fetch(http(), paged(sim), CTX)  # never 4 of 5 car parks as if that were all


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"", "not JSON"),
        (b"[]", "action API envelope"),
        (json.dumps([{"standort": "Kröpeliner Tor", "frei": 3}]).encode(), "action API envelope"),
        (b'{"type": "FeatureCollection", "features": []}', "action API envelope"),
        (
            b'{"help": "h", "success": false, "error": {"__type": "Not Found Error", "message": "Resource '
            b'\\"x\\" was not found."}}',
            'Not Found Error: Resource "x" was not found.',
        ),
        (b'{"help": "h", "success": true, "result": {"count": 0, "results": []}}', "records is not a list"),
    ],
)
def test_foreign_or_failed_answers_are_parse_errors_over_http(
    sim: PlatformSim, body: bytes, error: str
) -> None:
    sim.add_route(CKAN_PATH, body)
    with pytest.raises(ParseError, match=re.escape(error)):
        ckan.fetch(http(), paged(sim), CTX)


# --- what the parking widget shows --------------------------------------------------------------


def shown(records: list[ParkingRecord], language: str = "de") -> tuple[tuple[str, ...], ...]:
    as_of = DataState("p", tuple(records), CTX.now, "live", stale_after=timedelta(hours=1))
    return present("parking", as_of, language, CTX.now, ZoneInfo("Europe/Berlin")).rows


def test_fixture_over_http_as_shown(sim: PlatformSim) -> None:
    src = source("ckan-datastore", sim.url_for(CKAN_PATH), {"resource_id": RESOURCE_ID})
    assert shown(ckan.fetch(http(), src, CTX)) == (
        ("Parkhaus Kröpeliner Tor", "87 frei"),
        ("Parkhaus Östliche Altstadt", "12 frei"),
        ("Tiefgarage Stadthafen", "voll"),
        ("Parkplatz Warnemünde Leuchtturm", "3 frei"),
        ("Parkhaus Stadthalle Rostock", "450 Plätze · keine Live-Daten"),  # frei null, status "keine Daten"
    )
    assert sim.count(CKAN_PATH) == 1  # 5 of total 5 under limit 100: one request


def row(**cells: Any) -> dict[str, Any]:
    return {"standort": "Kröpeliner Tor", "art": "Parkhaus", "stellplaetze_pkw": 520, **cells}


NOW_TEXT = "2025-10-18T14:30:00+02:00"


@pytest.mark.parametrize(
    ("cells", "de", "en", "ls"),
    [
        ({"frei": 520, "status": "geschlossen", "zeitstempel": NOW_TEXT}, "geschlossen", "closed", "zu"),
        ({"frei": 520, "geoeffnet": False, "status": "geöffnet"}, "geschlossen", "closed", "zu"),
        ({"frei": 520, "offen": "nein"}, "geschlossen", "closed", "zu"),
        ({"frei": 520, "is_open": 0}, "geschlossen", "closed", "zu"),
        ({"status": "closed"}, "geschlossen", "closed", "zu"),  # Smart Data Models token
        ({"status": "Außer Betrieb", "frei": 4}, "geschlossen", "closed", "zu"),
        ({"status": "almostFull"}, "fast voll", "almost full", "fast voll"),
        ({"status": "full", "zeitstempel": NOW_TEXT}, "voll", "full", "voll"),
        ({"status": "open"}, "520 Plätze · keine Live-Daten", "520 spaces · no live data", None),
        ({"geoeffnet": "ja"}, "520 Plätze · keine Live-Daten", "520 spaces · no live data", None),
        ({"status": "unknown", "frei": 7}, "7 frei", "7 free", "7 frei"),
        (
            {"frei": 87, "zeitstempel": "2025-10-18T08:12:00+02:00"},
            "520 Plätze · keine Live-Daten · Stand 08:12",
            "520 spaces · no live data · As of 08:12",
            "520 Plätze · keine aktuellen Zahlen · Stand 08:12",
        ),
        (
            {"status": "full", "zeitstempel": "2025-10-17T22:05:00+02:00"},
            "520 Plätze · keine Live-Daten · Stand 17.10. 22:05",
            None,
            None,
        ),
        ({"frei": 87, "zeitstempel": "2025-10-18T14:00:00+02:00"}, "87 frei", "87 free", "87 frei"),  # 30 min
    ],
)
def test_closed_full_and_old_counts_as_shown(
    cells: dict[str, Any], de: str, en: str | None, ls: str | None
) -> None:
    records = ckan.parse_datastore(datastore([row(**cells)]))
    for language, expected in (("de", de), ("en", en), ("ls", ls)):
        if expected is not None:
            assert shown(records, language) == (("Parkhaus Kröpeliner Tor", expected),), language


def test_open_flag_values() -> None:
    for value, status in [
        (True, "open"),
        ("Geöffnet", "open"),
        ("x", "open"),
        (False, "closed"),
        ("zu", "closed"),
    ]:
        assert ckan.parse_datastore(datastore([row(geoeffnet=value)]))[0].status == status
    assert ckan.parse_datastore(datastore([row(geoeffnet="vielleicht")]))[0].status is None
    with pytest.raises(ParseError, match="not yes or no"):
        ckan.parse_datastore(datastore([row(geoeffnet=[1])]))


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("closed", "closed"),
        ("Geschlossen", "closed"),
        ("full", "full"),
        ("besetzt", "full"),
        ("almostFull", "almost_full"),
        ("fast_voll", "almost_full"),
        ("spacesAvailable", "open"),
        ("geöffnet", "open"),
        ("unknown", "unknown"),
        ("keine Daten", "unknown"),
        ("wegen Umbau", None),
        (None, None),
    ],
)
def test_parking_state_vocabulary(status: str | None, state: str | None) -> None:
    assert parking_state(status) == state


def test_static_resource_over_http_shows_capacity_only(sim: PlatformSim) -> None:
    path = "/download/opendata/parkmoeglichkeiten/parkmoeglichkeiten.json"
    sim.add_route(path, json.dumps(PARKMOEGLICHKEITEN), content_type="application/json")
    records = ckan_resource.fetch(http(), source("ckan-resource", sim.url_for(path)), CTX)
    assert shown(records) == (
        ("Parkhaus Kröpeliner Tor", "520 Plätze · keine Live-Daten"),
        ("Parkplatz Warnemünde Leuchtturm", "180 Plätze · keine Live-Daten"),
    )
