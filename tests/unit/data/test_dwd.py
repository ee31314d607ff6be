"""DWD warnapp connector: JSONP over HTTP from the fake platform, cells, level mapping, fuzzing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import dwd_warnings
from kiosk.data.connectors.base import FetchContext, NotModified
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.http import RequestsHttp
from kiosk.data.records import AlertRecord
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir

FIXTURES = default_fixtures_dir()
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
PATH = "/DWD/warnungen/warnapp/json/warnings.json"


def body() -> bytes:
    return (FIXTURES / "dwd/warnapp_warnings.json").read_bytes()


def fetch(sim: PlatformSim, http: RequestsHttp | None = None, **params: str) -> list[AlertRecord]:
    source = DataSource.model_validate(
        {"name": "DWD", "kind": "dwd-warnings", "url": sim.url + PATH, "params": params}
    )
    return dwd_warnings.fetch(http or RequestsHttp(5, 5_000_000), source, FetchContext(now=NOW))


def test_fetch_over_http(sim: PlatformSim) -> None:
    rain, gusts = fetch(sim, cells="113003000")
    assert rain == AlertRecord(
        id="dwd-warnapp.113003000.2.STARKREGEN.1760788800000",
        provider="DWD",
        severity="moderate",  # level 3
        headline="Amtliche WARNUNG vor STARKREGEN",
        msg_type="alert",
        description="Es tritt Starkregen auf. Dabei werden Niederschlagsmengen zwischen 20 l/m² und "
        "30 l/m² in 6 Stunden erwartet.",
        instruction="ACHTUNG! Hinweis auf mögliche Gefahren: Während des Platzregens sind kurzzeitig "
        "Verkehrsbehinderungen möglich.",
        sender="Deutscher Wetterdienst",
        onset=datetime(2025, 10, 18, 12, 0, tzinfo=UTC),
        expires=datetime(2025, 10, 18, 18, 0, tzinfo=UTC),
        event="STARKREGEN",
        area="Kreisfreie Stadt Rostock",
    )
    assert (gusts.severity, gusts.event, gusts.instruction) == ("minor", "WINDBÖEN", "")  # level 2
    assert gusts.onset == datetime(2025, 10, 18, 8, 0, tzinfo=UTC)
    assert gusts.expires == datetime(2025, 10, 19, 3, 0, tzinfo=UTC)
    assert sim.requests[0].query == {}  # 'cells' is an option of the connector, not a query parameter


def test_same_severity_as_the_other_sources_for_the_same_warning() -> None:
    """The fixtures carry one DWD situation three times: NINA and Bright Sky agree with the mapping."""
    rain, gusts = dwd_warnings.parse_warnings(body())
    bright_sky = json.loads((FIXTURES / "brightsky/alerts_lat54.09_lon12.13.json").read_bytes())["alerts"]
    by_event = {alert["event_de"]: alert["severity"] for alert in bright_sky}
    assert rain.severity == by_event["STARKREGEN"] and gusts.severity == by_event["WINDBÖEN"]


def test_cells_filter(sim: PlatformSim) -> None:
    assert len(fetch(sim)) == 2
    assert fetch(sim, cells="999999999") == []
    assert len(fetch(sim, cells=" 999999999 , 113003000")) == 2


@pytest.mark.parametrize(
    ("level", "severity"),
    [
        (1, "minor"),
        (2, "minor"),
        (3, "moderate"),
        (4, "severe"),
        (5, "extreme"),
        (0, "unknown"),
        (50, "unknown"),
        (20, "unknown"),
        (None, "unknown"),
        ("3", "unknown"),
        (True, "unknown"),
    ],
)
def test_level_mapping(level: object, severity: str) -> None:
    assert dwd_warnings.severity_of(level) == severity


def test_not_modified(sim: PlatformSim) -> None:
    http = RequestsHttp(5, 5_000_000)
    fetch(sim, http)
    with pytest.raises(NotModified):
        fetch(sim, http)


@pytest.mark.parametrize("fault", [{"status": 503}, {"wrong_content_type": True}, {"timeout": 5}])
def test_fetch_faults(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(PATH, **fault)
    source = DataSource.model_validate({"name": "DWD", "kind": "dwd-warnings", "url": sim.url + PATH})
    with pytest.raises(FetchError):
        dwd_warnings.fetch(RequestsHttp(0.5, 5_000_000), source, FetchContext(now=NOW))


@pytest.mark.parametrize("fault", [{"truncate": True}, {"garbage": True}])
def test_payload_faults(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(PATH, **fault)
    with pytest.raises(ParseError):
        fetch(sim)


@pytest.mark.parametrize(
    "text",
    [
        '{"warnings": {}}',
        'warnWetter.loadWarnings({"warnings": {}})',
        '\ufeff  warnWetter.loadWarnings( {"warnings": {}} ) ;\n',
        'cb({"warnings": {}});',
    ],
)
def test_jsonp_wrapper_variants(text: str) -> None:
    assert dwd_warnings.parse_warnings(text.encode()) == []


@pytest.mark.parametrize(
    "text",
    [
        'alert(1);warnWetter.loadWarnings({"warnings": {}});',  # never evaluated: not one call
        'warnWetter.loadWarnings({"warnings": {}}',
        "warnWetter.loadWarnings(__import__('os'))",
        "[]",
        '{"warnings": []}',
        "",
    ],
)
def test_anything_else_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError):
        dwd_warnings.parse_warnings(text.encode())


# --- shape checks: a broken or foreign answer is a ParseError, never "no warnings" ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "warnWetter.loadWarnings();",
        "warnWetter.loadWarnings({});",  # no 'warnings' at all: not "no warnings"
        'warnWetter.loadWarnings({"time": 1760790600000, "vorabInformation": {}});',
        '{"alerts": [], "location": {}}',  # Bright Sky's answer
        '[{"id": "mow.1", "payload": {}}]',  # a NINA dashboard
        'warnWetter.loadWarnings({"warnings": {"113003000": {"level": 3}}});',  # a cell that is no list
        'warnWetter.loadWarnings({"warnings": {"113003000": [1, "x"]}});',  # entries that are no warnings
        'warnWetter.loadWarnings({"warnings": null});',
    ],
)
def test_an_empty_or_foreign_answer_is_a_parse_error_over_http(sim: PlatformSim, text: str) -> None:
    sim.add_route(PATH, text, content_type="application/javascript")
    with pytest.raises(ParseError):
        fetch(sim)


@pytest.mark.parametrize(
    "text",
    [
        'warnWetter.loadWarnings({"time": 1760790600000, "warnings": {}, "vorabInformation": {}, '
        '"copyright": "Copyright Deutscher Wetterdienst"});',
        'warnWetter.loadWarnings({"warnings": {"113003000": []}});',
        # a broken cell the device does not ask for does not hide the warnings of its own cell
        'warnWetter.loadWarnings({"warnings": {"113003000": [], "999": 7}});',
    ],
)
def test_a_real_empty_warning_list_is_no_warnings_over_http(sim: PlatformSim, text: str) -> None:
    sim.add_route(PATH, text, content_type="application/javascript")
    assert fetch(sim, cells="113003000") == []


def test_missing_or_odd_fields_are_unknown() -> None:
    text = 'warnWetter.loadWarnings({"warnings": {"1": [{"level": 4, "start": "soon", "end": 1e30}, 7]}});'
    (record,) = dwd_warnings.parse_warnings(text.encode())
    assert (record.severity, record.headline, record.onset, record.expires) == (
        "severe",
        "DWD-Warnung",
        None,
        None,
    )


# --- property tests ----------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
WARNING = st.fixed_dictionaries(
    {},
    optional={
        "level": JSON_VALUES | st.integers(0, 60),
        "type": JSON_VALUES,
        "start": JSON_VALUES | st.integers(-(2**63), 2**63),
        "end": JSON_VALUES | st.floats(),
        "headline": JSON_VALUES,
        "event": JSON_VALUES,
        "regionName": JSON_VALUES,
    },
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_alerts_or_parse_error(data: bytes) -> None:
    try:
        records = dwd_warnings.parse_warnings(data)
    except ParseError:
        return
    assert all(isinstance(r, AlertRecord) for r in records)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _only_alerts_or_parse_error(data)
    _only_alerts_or_parse_error(b"warnWetter.loadWarnings(" + data + b");")


@FUZZ
@given(JSON_VALUES, st.sampled_from(["{}", "warnWetter.loadWarnings({});", "x.y({})"]))
def test_random_json(value: object, wrapper: str) -> None:
    _only_alerts_or_parse_error(wrapper.replace("{}", json.dumps(value)).encode())


@FUZZ
@given(st.dictionaries(st.text(max_size=12), st.lists(WARNING | JSON_VALUES, max_size=3), max_size=3))
def test_mutated_structure(cells: dict[str, Any]) -> None:
    document = dwd_warnings.unwrap_jsonp(body())
    document["warnings"] = cells
    _only_alerts_or_parse_error(f"warnWetter.loadWarnings({json.dumps(document)});".encode())
