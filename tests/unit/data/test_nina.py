"""NINA connector: dashboard + CAP details over HTTP from the fake platform; mappings; fallbacks; fuzzing."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import nina
from kiosk.data.connectors.base import FetchContext, NotModified
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.http import RequestsHttp
from kiosk.data.records import AlertRecord, AlertText
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir

FIXTURES = default_fixtures_dir()
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
MOW = "mow.DE-MV-HRO-W001-20251018-001"
DWD = "dwdmap.2.49.0.0.276.0.DWD.PVW.1760781600000.5f1e0c2a-7b3d-4c1e-9a0f-1d2e3f4a5b6c.MUL"
MOW_DETAIL = f"/api31/warnings/{MOW}.json"
DASHBOARD = "/api31/dashboard/130030000000.json"


def fixture(name: str) -> bytes:
    return (FIXTURES / "nina" / name).read_bytes()


def source(sim: PlatformSim, path: str = "/api31/dashboard/{ars}.json") -> DataSource:
    return DataSource.model_validate({"name": "NINA Rostock", "kind": "nina", "url": sim.url + path})


def fetch(sim: PlatformSim, http: RequestsHttp | None = None, **ctx: Any) -> list[AlertRecord]:
    return nina.fetch(http or RequestsHttp(5, 5_000_000), source(sim), FetchContext(now=NOW, **ctx))


def test_fetch_joins_dashboard_and_cap_detail(sim: PlatformSim) -> None:
    surge, rain = fetch(sim)
    assert surge == AlertRecord(
        id=MOW,
        provider="MOWAS",
        severity="severe",
        headline="Sturmflut an der Ostseeküste – Warnemünde und Stadthafen",
        msg_type="alert",
        description="Das BSH erwartet Wasserstände von 1,00 bis 1,30 m über dem mittleren Wasserstand.\n"
        "Strandzugänge, Mittelmole und Teile der Uferpromenade werden gesperrt.",
        instruction="Halten Sie sich von Molen, Ufern und Strandbereichen fern.\n"
        "Parken Sie nicht in ufernahen Bereichen des Stadthafens.",
        sender="Hanse- und Universitätsstadt Rostock, Brandschutz- und Rettungsamt",
        sent=datetime(2025, 10, 18, 10, 5, tzinfo=UTC),
        onset=datetime(2025, 10, 18, 10, 5, tzinfo=UTC),  # CAP effective (no onset in the message)
        expires=datetime(2025, 10, 19, 9, 0, tzinfo=UTC),
        event="Sturmflut",
        area="Hanse- und Universitätsstadt Rostock",
        language="de",
        texts=(AlertText("de", surge.headline, surge.description, surge.instruction),),
    )
    assert surge.sent is not None and surge.sent.utcoffset() is not None
    # the DWD item has no detail on the fake platform (404): shown from the dashboard's own data
    assert rain == AlertRecord(
        id=DWD,
        provider="DWD",
        severity="moderate",
        headline="Amtliche WARNUNG vor STARKREGEN",
        msg_type="alert",
        sent=datetime(2025, 10, 18, 10, 0, tzinfo=UTC),
        texts=(AlertText("de", "Amtliche WARNUNG vor STARKREGEN"),),  # i18nTitle
    )
    assert sim.log == [DASHBOARD, MOW_DETAIL, f"/api31/warnings/{DWD}.json"]


def test_ars_comes_from_the_device(sim: PlatformSim) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(sim, ars="130720000000")
    assert sim.log == ["/api31/dashboard/130720000000.json"]
    assert nina.dashboard_url("https://warnung.bund.de/api31/dashboard/%7Bars%7D.json", "13") == (
        "https://warnung.bund.de/api31/dashboard/13.json"
    )


def test_detail_url_keeps_origin_and_prefix() -> None:
    assert nina.warning_url("https://warnung.bund.de/api31/dashboard/130030000000.json?x=1", MOW) == (
        f"https://warnung.bund.de/api31/warnings/{MOW}.json"
    )
    assert nina.warning_url("http://127.0.0.1:9/p/api31/dashboard/1.json", "a/../b") == (
        "http://127.0.0.1:9/p/api31/warnings/a%2F..%2Fb.json"
    )


@pytest.mark.parametrize("fault", [{"status": 500}, {"garbage": True}, {"truncate": True}, {"reset": True}])
def test_a_failing_detail_falls_back_to_the_dashboard_and_loses_nothing(
    sim: PlatformSim, fault: dict[str, Any]
) -> None:
    sim.set_faults(MOW_DETAIL, **fault)
    surge, rain = fetch(sim)
    assert (surge.id, surge.provider, surge.severity, surge.msg_type) == (MOW, "MOWAS", "severe", "alert")
    assert surge.headline == "Sturmflut an der Ostseeküste – Warnemünde und Stadthafen"
    assert surge.description == "" and surge.sent == datetime(2025, 10, 18, 10, 5, tzinfo=UTC)
    assert rain.id == DWD


@pytest.mark.parametrize("fault", [{"status": 503}, {"wrong_content_type": True}, {"reset": True}])
def test_a_failing_dashboard_is_a_fetch_error(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(DASHBOARD, **fault)
    with pytest.raises(FetchError):
        fetch(sim)


def test_truncated_dashboard_is_a_parse_error(sim: PlatformSim) -> None:
    sim.set_faults(DASHBOARD, truncate=True)
    with pytest.raises(ParseError):
        fetch(sim)


def test_unchanged_dashboard_is_not_modified_and_details_are_never_conditional(sim: PlatformSim) -> None:
    http = RequestsHttp(5, 5_000_000)
    fetch(sim, http)
    with pytest.raises(NotModified):
        fetch(sim, http)
    dashboards = [r for r in sim.requests if r.path == DASHBOARD]
    details = [r for r in sim.requests if r.path == MOW_DETAIL]
    assert "if-none-match" not in dashboards[0].headers and "if-none-match" in dashboards[1].headers
    assert len(details) == 1 and "if-none-match" not in details[0].headers


@pytest.mark.parametrize(
    ("warning_id", "provider"),
    [
        ("mow.DE-1", "MOWAS"),
        ("kat.ABC", "KATWARN"),
        ("biw.BIWAPP-1", "BIWAPP"),
        ("dwd.2.49.0", "DWD"),
        ("dwdmap.2.49.0", "DWD"),
        ("lhp.HOCHWASSER", "LHP"),
        ("pol.1", "POLICE"),
        ("xyz.1", "NINA"),
    ],
)
def test_provider_from_id_prefix(warning_id: str, provider: str) -> None:
    assert nina.provider_of(warning_id) == provider


def test_unknown_prefix_takes_the_dashboard_provider() -> None:
    assert nina.provider_of("new.1", "Sirene") == "SIRENE"


def _cap(**changes: Any) -> dict[str, Any]:
    cap: dict[str, Any] = json.loads(fixture(f"warnings_{MOW}.json"))
    cap.update(changes)
    return cap


@pytest.mark.parametrize(
    ("cap_severity", "severity"),
    [
        ("Minor", "minor"),
        ("Moderate", "moderate"),
        ("Severe", "severe"),
        ("Extreme", "extreme"),
        ("Unknown", "unknown"),
        ("Catastrophic", "unknown"),
        (None, "unknown"),
    ],
)
def test_severity_mapping(cap_severity: str | None, severity: str) -> None:
    cap = _cap()
    cap["info"][0]["severity"] = cap_severity
    assert nina.parse_warning(json.dumps(cap).encode())[0].severity == severity


@pytest.mark.parametrize(
    ("msg_type", "expected"),
    [("Alert", "alert"), ("Update", "update"), ("Cancel", "cancel"), ("Ack", "alert"), (None, "alert")],
)
def test_msg_type_mapping(msg_type: str | None, expected: str) -> None:
    assert nina.parse_warning(json.dumps(_cap(msgType=msg_type)).encode())[0].msg_type == expected


def test_german_info_block_is_chosen_else_the_first() -> None:
    cap = _cap()
    german = cap["info"][0]
    english = {**german, "language": "en-GB", "headline": "Storm surge", "severity": "Extreme"}
    cap["info"] = [english, {**german, "language": "DE"}]
    record = nina.parse_warning(json.dumps(cap).encode())[0]
    assert record.headline.startswith("Sturmflut") and record.severity == "severe" and record.language == "de"
    cap["info"] = [english]
    record = nina.parse_warning(json.dumps(cap).encode())[0]
    assert record.headline == "Storm surge" and record.language == "en"


def test_detail_without_info_keeps_the_dashboard_summary() -> None:
    summary = nina.parse_dashboard(fixture("dashboard_130030000000.json"))[0]
    cap = _cap(info=[])
    del cap["msgType"]
    record = nina.parse_warning(json.dumps(cap).encode(), summary)[0]
    assert (record.headline, record.severity, record.msg_type) == (summary.headline, "severe", "alert")


def test_naive_or_broken_times_are_unknown() -> None:
    record = nina.parse_warning(json.dumps(_cap(sent="2025-10-18T12:05:00")).encode())[0]
    assert record.sent is None
    record = nina.parse_warning(json.dumps(_cap(sent="gestern")).encode())[0]
    assert record.sent is None


def test_top_level_shape_errors() -> None:
    with pytest.raises(ParseError):
        nina.parse_dashboard(b'{"not": "a list"}')
    with pytest.raises(ParseError):
        nina.parse_warning(b"[1, 2]")
    with pytest.raises(ParseError):
        nina.parse_warning(b'{"info": []}')  # no identifier and no summary
    assert nina.parse_dashboard(b'[1, "x", {"payload": {}}, {"id": "kat.1", "payload": {}}]') == [
        AlertRecord(id="kat.1", provider="KATWARN", severity="unknown", headline="kat.1")
    ]


# --- languages: the passer-by's block, German as the fallback -------------------------------------------

SURGE_EN = "Storm surge on the Baltic coast – Warnemünde and Stadthafen"
KEEP_AWAY_EN = "Keep away from piers, shores and beaches."


def _multilingual_cap() -> dict[str, Any]:
    """The CAP message as MoWaS sends it translated: a block per language, tags as written by senders."""
    cap = _cap()
    german = cap["info"][0]
    english = {
        **german,
        "language": "en-US",
        "headline": SURGE_EN,
        "description": "The BSH expects water levels of 1.00 to 1.30 m above mean water.",
        "instruction": f"{KEEP_AWAY_EN}<br/>Do not park near the harbour.",
    }
    french = {**german, "language": "fr-FR", "headline": "Onde de tempête", "instruction": "Éloignez-vous."}
    cap["info"] = [german, english, french]
    return cap


def _serve_english(sim: PlatformSim, dashboard_en: bool = True) -> None:
    dashboard = json.loads(fixture("dashboard_130030000000.json"))
    if dashboard_en:
        dashboard[0]["i18nTitle"]["en"] = "Storm surge (dashboard title)"
        dashboard[1]["i18nTitle"]["en"] = "Official WARNING of HEAVY RAIN"
    sim.add_route(DASHBOARD, json.dumps(dashboard))
    sim.add_route(MOW_DETAIL, json.dumps(_multilingual_cap()))


def test_the_english_cap_block_is_read_in_english_over_http(sim: PlatformSim) -> None:
    _serve_english(sim)
    surge, rain = fetch(sim)
    assert surge.headline.startswith("Sturmflut an der Ostseeküste") and surge.language == "de"
    assert [t.language for t in surge.texts] == ["de", "en", "fr"]
    # the CAP block wins over the dashboard's title for the same language
    assert surge.text("headline", "en") == SURGE_EN
    assert surge.text("instruction", "en") == f"{KEEP_AWAY_EN}\nDo not park near the harbour."
    assert surge.text("description", "en").startswith("The BSH expects")
    assert surge.text("headline", "fr") == "Onde de tempête"
    # the DWD item has no CAP detail here (404): its English dashboard title is still English
    assert rain.text("headline", "en") == "Official WARNING of HEAVY RAIN"
    assert rain.text("headline", "de") == "Amtliche WARNUNG vor STARKREGEN"


def test_leichte_sprache_reads_german_and_other_languages_follow_the_chain(sim: PlatformSim) -> None:
    _serve_english(sim, dashboard_en=False)
    surge, rain = fetch(sim)
    for language in ("ls", "de"):
        assert surge.text("headline", language).startswith("Sturmflut an der Ostseeküste"), language
        assert surge.text("instruction", language).startswith("Halten Sie sich"), language
    for language in ("pl", "uk"):  # kiosk.i18n.chain: the English CAP block, as the words beside it
        assert surge.text("headline", language).startswith("Storm surge"), language
    assert rain.text("headline", "en") == "Amtliche WARNUNG vor STARKREGEN"  # no English title: German


def test_an_english_title_covers_a_cap_message_without_an_english_block() -> None:
    summary = nina.parse_dashboard(
        json.dumps(
            [
                {
                    "id": MOW,
                    "payload": {"data": {"headline": "Sturmflut"}},
                    "i18nTitle": {"de": "Sturmflut", "en": "Storm surge"},
                }
            ]
        ).encode()
    )[0]
    record = nina.parse_warning(fixture(f"warnings_{MOW}.json"), summary)[0]
    assert record.text("headline", "en") == "Storm surge"
    assert record.text("instruction", "en").startswith("Halten Sie sich")  # German: no English block


def test_only_an_english_block_is_the_fallback_for_everyone() -> None:
    cap = _multilingual_cap()
    cap["info"] = [cap["info"][1]]
    record = nina.parse_warning(json.dumps(cap).encode())[0]
    assert record.text("headline", "de") == SURGE_EN and record.text("headline", "ls") == SURGE_EN


# --- shape checks: a broken or foreign answer is a ParseError, never "no warnings" ----------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        b"null",
        b'{"alerts": []}',  # Bright Sky's answer
        b'{"warnings": {}}',  # the DWD's warnapp without its wrapper
        b'[{"uuid": "00000000-0000-4000-8000-00000000a001", "shortname": "WARNEMUENDE"}]',  # PEGELONLINE
        b"[1, 2, 3]",
        b'["mow.DE-1"]',
        b"<html><body>Wartung</body></html>",
    ],
)
def test_an_empty_or_foreign_dashboard_is_a_parse_error_over_http(sim: PlatformSim, body: bytes) -> None:
    sim.add_route(DASHBOARD, body)
    with pytest.raises(ParseError):
        fetch(sim)


def test_a_real_empty_dashboard_is_no_warnings_over_http(sim: PlatformSim) -> None:
    sim.add_route(DASHBOARD, b"[]")
    assert fetch(sim) == []
    assert sim.log == [DASHBOARD]


# --- property tests: records of the right type, or ParseError, nothing else ------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_alerts_or_parse_error(body: bytes, detail: bool) -> None:
    try:
        records = nina.parse_warning(body) if detail else nina.parse_dashboard(body)
    except ParseError:
        return
    assert isinstance(records, list) and all(isinstance(r, AlertRecord) for r in records)


@FUZZ
@given(st.binary(max_size=400), st.booleans())
def test_random_bytes(body: bytes, detail: bool) -> None:
    _only_alerts_or_parse_error(body, detail)


@FUZZ
@given(JSON_VALUES, st.booleans())
def test_random_json(value: object, detail: bool) -> None:
    _only_alerts_or_parse_error(json.dumps(value).encode(), detail)


def _mutate(document: Any, data: st.DataObject) -> Any:
    """Replace a few values anywhere in the document by random JSON values."""
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 4))):
        node = document
        path: list[Any] = []
        while isinstance(node, dict | list) and node and data.draw(st.booleans()):
            key = data.draw(
                st.sampled_from(list(node.keys()) if isinstance(node, dict) else range(len(node)))
            )
            path.append(key)
            node = node[key]
        if not path:
            return data.draw(JSON_VALUES)
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = data.draw(JSON_VALUES)
    return document


@FUZZ
@given(st.data(), st.booleans())
def test_mutated_fixtures(data: st.DataObject, detail: bool) -> None:
    name = f"warnings_{MOW}.json" if detail else "dashboard_130030000000.json"
    document = _mutate(json.loads(fixture(name)), data)
    _only_alerts_or_parse_error(json.dumps(document).encode(), detail)
