"""Warnings as the screen gets them, fetched over loopback HTTP from the fake platform through the real
connectors and coordinators: the passer-by's language, the all-clear after a warning ended early (and
none when it only went stale or ran its time), the storm-surge banner at its threshold, and a broken
answer that never clears a warning."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import nina, pegelonline
from kiosk.data.connectors.base import FetchContext
from kiosk.data.coordinator import Connector, Coordinator
from kiosk.data.emergency import ALL_CLEAR_FOR, ActiveAlert, AllClear, active_alerts
from kiosk.data.present import present
from kiosk.data.records import AlertRecord, AlertText, WaterLevelRecord
from kiosk.data.state import DataState
from kiosk.data.store import LastGoodStore, Stored, dumps, loads
from kiosk.data.surge import surge_alerts
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.i18n.tagged import untagged
from kiosk.schedule.clock import FixedClock
from kiosk.speech.marks import marked
from tests.unit.data.connector_kit import fixture_json

NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
TZ = ZoneInfo("Europe/Berlin")
MOW = "mow.DE-MV-HRO-W001-20251018-001"
DASHBOARD = "/api31/dashboard/130030000000.json"
DETAIL = f"/api31/warnings/{MOW}.json"
GAUGE = "/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json"
STATIONS = "/webservices/rest-api/v2/stations.json"


def coordinator(
    tmp_path: Path, clock: FixedClock, source_id: str, source: DataSource, connector: Connector
) -> Coordinator:
    return Coordinator(
        source_id,
        source,
        connector,
        LastGoodStore(tmp_path / "cache"),
        clock,
        lambda: FetchContext(now=clock.now()),
        rng=random.Random(1),
    )


def nina_source(sim: PlatformSim) -> DataSource:
    return DataSource.model_validate(
        {
            "name": "NINA",
            "kind": "nina",
            "url": sim.url + "/api31/dashboard/{ars}.json",
            "refresh": "1m",
            "stale_after": "15m",
        }
    )


def gauge_source(sim: PlatformSim, path: str = GAUGE, **extra: object) -> DataSource:
    return DataSource.model_validate(
        {
            "name": "Pegel Warnemünde",
            "kind": "pegelonline",
            "url": sim.url_for(path),
            "refresh": "5m",
            "stale_after": "1h",
            "surge_banner": True,
            **extra,
        }
    )


def dashboard(msg_type: str = "Alert", titles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = fixture_json("nina/dashboard_130030000000.json")[:1]  # the surge
    items[0]["payload"]["data"]["msgType"] = msg_type
    items[0]["i18nTitle"].update(titles or {})
    return items


def cap(msg_type: str = "Alert", english: bool = True) -> dict[str, Any]:
    message: dict[str, Any] = fixture_json(f"nina/warnings_{MOW}.json")
    message["msgType"] = msg_type
    if english:
        message["info"].append(
            {
                **message["info"][0],
                "language": "en-US",
                "headline": "Storm surge on the Baltic coast",
                "instruction": "Keep away from piers and beaches.",
            }
        )
    return message


def serve_nina(sim: PlatformSim, msg_type: str = "Alert", english: bool = True) -> None:
    sim.add_route(DASHBOARD, json.dumps(dashboard(msg_type)))
    sim.add_route(DETAIL, json.dumps(cap(msg_type, english)))


def measurement(value: float) -> str:
    return json.dumps({"timestamp": "2025-10-18T14:30:00+02:00", "value": value, "trend": 1})


class Screen:
    """What the hub computes on each poll (``DataHub._update_alerts``), without Qt."""

    def __init__(self, *coordinators: Coordinator) -> None:
        self.coordinators = {c.id: c for c in coordinators}
        self.states: dict[str, DataState] = {}
        self.all_clear = AllClear()
        self.shown: list[ActiveAlert] = []

    def poll(self, now: datetime, *only: str) -> list[ActiveAlert]:
        for source_id, c in self.coordinators.items():
            if not only or source_id in only:
                self.states[source_id] = c.refresh()
        return self.update(now)

    def update(self, now: datetime) -> list[ActiveAlert]:
        warnings = active_alerts(self.states.values(), [], "stele", now)
        sources = {sid: c.source for sid, c in self.coordinators.items()}
        showing = {a.id for a in self.shown if a.kind == "surge"}
        shown = warnings + surge_alerts(self.states, sources, now, showing)
        self.shown = shown + self.all_clear.update(self.shown, warnings, self.states, now)
        return self.shown


# --- the passer-by's language ------------------------------------------------------------------------


def test_english_cap_block_for_english_and_polish_german_for_ls(sim: PlatformSim, tmp_path: Path) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    (surge,) = screen.poll(NOW)
    assert surge.text("headline", "en") == "Storm surge on the Baltic coast"
    assert surge.text("instruction", "en") == "Keep away from piers and beaches."
    # one fallback chain (kiosk.i18n): Polish reads English like the interface words beside it
    assert untagged(surge.text("headline", "pl")) == "Storm surge on the Baltic coast"
    for language in ("de", "ls"):  # what a reader sees: German (for Leichte Sprache tagged for the voice)
        assert untagged(surge.text("headline", language)).startswith("Sturmflut an der Ostseeküste"), language
        assert untagged(surge.text("instruction", language)).startswith("Halten Sie sich"), language
    # the last good data keeps every language: a restart shows English as well
    stored = LastGoodStore(tmp_path / "cache").load("nina")
    assert (
        stored is not None and stored.records[0].text("headline", "en") == "Storm surge on the Baltic coast"
    )


def test_without_an_english_block_english_reads_german(sim: PlatformSim, tmp_path: Path) -> None:
    serve_nina(sim, english=False)
    clock = FixedClock(NOW)
    (surge,) = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina)).poll(NOW)
    assert untagged(surge.text("headline", "en")).startswith("Sturmflut an der Ostseeküste")
    assert untagged(surge.text("instruction", "en")).startswith("Halten Sie sich")
    assert [code for code, _ in marked(surge.text("headline", "en"))] == ["de"]  # spoken in German


def test_the_warnings_widget_shows_the_readers_language() -> None:
    record = AlertRecord(
        "mow.1",
        "MOWAS",
        "severe",
        "Sturmflut",
        texts=(AlertText("de", "Sturmflut"), AlertText("en", "Storm surge")),
    )
    live = DataState("nina", (record,), NOW, "live", stale_after=timedelta(hours=1))
    assert present("warnings", live, "en", NOW, TZ).rows == (("Severe warning", "Storm surge", "MOWAS"),)
    assert present("warnings", live, "ls", NOW, TZ).rows == (("Große Gefahr", "Sturmflut", "MOWAS"),)


def test_texts_survive_the_last_good_store() -> None:
    record = AlertRecord(
        "mow.1", "MOWAS", "severe", "Sturmflut", texts=(AlertText("de", "Sturmflut", "", "Weg"),)
    )
    assert loads(dumps(Stored((record,), NOW, {}))).records == (record,)
    old = json.loads(dumps(Stored((record,), NOW, {})))
    del old["records"][0]["fields"]["texts"]  # a file written before texts existed
    assert loads(json.dumps(old).encode()).records[0].texts == ()


# --- the all-clear ---------------------------------------------------------------------------------------


def test_all_clear_after_a_cancel_for_ten_minutes(sim: PlatformSim, tmp_path: Path) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    assert [a.kind for a in screen.poll(NOW)] == ["warning"]
    serve_nina(sim, "Cancel")  # the same message id, now a CAP Cancel
    clock.set(NOW + timedelta(minutes=1))
    (cleared,) = screen.poll(clock.now())
    assert (cleared.kind, cleared.takeover) == ("all-clear", False)
    assert cleared.text("headline", "de").startswith("Sturmflut an der Ostseeküste")
    assert cleared.text("headline", "en") == "Storm surge on the Baltic coast"
    assert cleared.expires == clock.now() + ALL_CLEAR_FOR == clock.now() + timedelta(minutes=10)
    clock.set(NOW + timedelta(minutes=10, seconds=59))
    assert [a.kind for a in screen.poll(clock.now())] == ["all-clear"]  # still within its ten minutes
    clock.set(NOW + timedelta(minutes=11))
    assert screen.poll(clock.now()) == []


def test_all_clear_when_the_warning_leaves_the_dashboard(sim: PlatformSim, tmp_path: Path) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    screen.poll(NOW)
    sim.add_route(DASHBOARD, "[]")  # NINA's real "no warnings"
    assert [a.kind for a in screen.poll(NOW + timedelta(minutes=1))] == ["all-clear"]
    serve_nina(sim)  # back again: the all-clear goes at once, the warning is shown
    assert [a.kind for a in screen.poll(NOW + timedelta(minutes=2))] == ["warning"]


CANCEL = "mow.DE-MV-HRO-W001-20251018-002"
REFERENCE = f"DE-MV-HRO-W001,{MOW},2025-10-18T12:05:00+02:00"


def serve_follow_up(sim: PlatformSim, msg_type: str, headline: str) -> None:
    """The original message stays listed, and a Cancel or Update with an id of its own refers to it."""
    items = dashboard()
    follow = json.loads(json.dumps(items[0]))
    follow["id"] = follow["payload"]["id"] = CANCEL
    follow["payload"]["data"].update(msgType=msg_type, headline=headline)
    sim.add_route(DASHBOARD, json.dumps([*items, follow]))
    message = cap(msg_type)
    message.update(identifier=CANCEL, references=REFERENCE)
    message["info"][0]["headline"] = headline
    sim.add_route(f"/api31/warnings/{CANCEL}.json", json.dumps(message))


def test_a_cancel_with_its_own_id_ends_the_message_it_refers_to(sim: PlatformSim, tmp_path: Path) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    screen.poll(NOW)
    serve_follow_up(sim, "Cancel", "Entwarnung: Sturmflut")
    (cleared,) = screen.poll(NOW + timedelta(minutes=1))
    assert cleared.kind == "all-clear" and cleared.id == f"all-clear.{MOW}"


def test_an_update_replaces_the_message_without_an_all_clear(sim: PlatformSim, tmp_path: Path) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    screen.poll(NOW)
    serve_follow_up(sim, "Update", "Schwere Sturmflut an der Ostseeküste")
    (updated,) = screen.poll(NOW + timedelta(minutes=1))
    assert (updated.id, updated.kind) == (CANCEL, "warning")
    assert updated.text("headline", "de") == "Schwere Sturmflut an der Ostseeküste"


def test_cap_references_give_the_identifiers() -> None:
    assert nina.references_of(f"{REFERENCE} DE-X,mow.2,2025-10-18T13:00:00+02:00 broken") == (MOW, "mow.2")
    assert nina.references_of(None) == nina.references_of(7) == ()


@pytest.mark.parametrize(
    "body",
    [b"", b'{"alerts": []}', b'[{"uuid": "00000000-0000-4000-8000-00000000a001"}]', b"<html>Wartung</html>"],
)
def test_a_broken_answer_neither_clears_the_warning_nor_gives_an_all_clear(
    sim: PlatformSim, tmp_path: Path, body: bytes
) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    screen.poll(NOW)
    sim.add_route(DASHBOARD, body)
    shown = screen.poll(NOW + timedelta(minutes=1))
    assert [a.kind for a in shown] == ["warning"], "a broken answer cleared the warning"
    assert screen.coordinators["nina"].last_error is not None


def test_no_all_clear_when_the_source_only_goes_stale_or_the_warning_runs_its_time(
    sim: PlatformSim, tmp_path: Path
) -> None:
    serve_nina(sim)
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "nina", nina_source(sim), nina))
    screen.poll(NOW)
    sim.set_faults(DASHBOARD, status=503)
    clock.set(NOW + timedelta(minutes=16))  # past stale_after (15 min): the warning stops counting
    assert screen.poll(clock.now()) == [], "stale data must not keep a warning, nor announce its end"
    sim.clear_faults()
    assert [a.kind for a in screen.poll(clock.now())] == ["warning"]  # fresh again: shown again
    clock.set(datetime(2025, 10, 19, 9, 0, 1, tzinfo=UTC))  # just past the CAP message's own expires
    assert screen.poll(clock.now()) == [], "a warning that ran its time got an all-clear"
    assert screen.coordinators["nina"].last_error is None  # fresh data said so, and still lists it


# --- the storm-surge banner ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "banner"), [(599.0, False), (600.0, True), (630.0, True), (480.0, False)])
def test_surge_banner_from_100_cm_above_mean_water(
    sim: PlatformSim, tmp_path: Path, value: float, banner: bool
) -> None:
    sim.add_route(GAUGE, measurement(value))
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "pegel", gauge_source(sim), pegelonline))
    shown = screen.poll(NOW)
    assert bool(shown) is banner
    if banner:
        (surge,) = shown
        assert (surge.kind, surge.severity, surge.takeover, surge.provider) == (
            "surge",
            "moderate",
            False,  # a banner, never a takeover by itself
            "PEGELONLINE",
        )
        metres = f"{(value - 500) / 100:.1f}"
        assert (
            surge.text("headline", "de")
            == f"Sturmflut: Wasserstand +{metres.replace('.', ',')} m über Mittelwasser"
        )
        assert surge.text("headline", "en") == f"Storm surge: water level +{metres} m above mean water"


def test_surge_threshold_and_mean_from_the_editor_or_the_api(sim: PlatformSim, tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    sim.add_route(GAUGE, measurement(560.0))
    own = gauge_source(sim, surge_threshold_cm=50)
    assert Screen(coordinator(tmp_path, clock, "p1", own, pegelonline)).poll(NOW)  # 60 cm ≥ 50 cm
    assert not Screen(coordinator(tmp_path, clock, "p2", gauge_source(sim), pegelonline)).poll(NOW)
    low_mean = gauge_source(sim, mean_water_cm=450)
    (surge,) = Screen(coordinator(tmp_path, clock, "p3", low_mean, pegelonline)).poll(NOW)
    assert "+1,1 m" in surge.text("headline", "de")
    off = gauge_source(sim, surge_banner=False)
    assert not Screen(coordinator(tmp_path, clock, "p4", off, pegelonline)).poll(NOW)
    # the API's MW (characteristicValues) wins over the editor's value
    stations = fixture_json("pegelonline/stations_W_includeCurrentMeasurement.json")[:1]
    series = stations[0]["timeseries"][0]
    series["currentMeasurement"]["value"] = 611.0
    series["characteristicValues"] = [{"shortname": "MW", "unit": "cm", "value": 520.0}]
    sim.add_route(STATIONS, json.dumps(stations))
    listed = gauge_source(sim, STATIONS, mean_water_cm=400)
    assert not Screen(coordinator(tmp_path, clock, "p5", listed, pegelonline)).poll(NOW)  # 91 cm < 100
    series["characteristicValues"][0]["value"] = 505.0
    sim.add_route(STATIONS, json.dumps(stations))
    (surge,) = Screen(coordinator(tmp_path, clock, "p6", listed, pegelonline)).poll(NOW)
    assert "+1,1 m" in surge.text("headline", "de") and surge.text("instruction", "de") == "Pegel Warnemünde"


def test_surge_goes_when_the_water_falls_or_the_gauge_goes_stale(sim: PlatformSim, tmp_path: Path) -> None:
    sim.add_route(GAUGE, measurement(615.0))
    clock = FixedClock(NOW)
    screen = Screen(coordinator(tmp_path, clock, "pegel", gauge_source(sim), pegelonline))
    assert screen.poll(NOW)
    sim.add_route(GAUGE, measurement(596.0))  # 96 cm: a wave below 100 cm does not blink the banner off
    assert screen.poll(NOW + timedelta(seconds=30))
    sim.add_route(GAUGE, measurement(594.0))  # 94 cm: 5 cm below the threshold, it goes
    assert screen.poll(NOW + timedelta(minutes=1)) == []  # no all-clear for a gauge: it only went down
    sim.add_route(GAUGE, measurement(598.0))  # rising again: 98 cm is not yet a surge
    assert screen.poll(NOW + timedelta(minutes=1, seconds=30)) == []
    sim.add_route(GAUGE, measurement(615.0))
    assert screen.poll(NOW + timedelta(minutes=2))
    sim.set_faults(GAUGE, status=503)
    assert screen.poll(NOW + timedelta(minutes=3))  # the last good reading, while it is fresh
    assert screen.update(NOW + timedelta(hours=1, minutes=3)) == []  # stale: not shown as current
    snapshot = DataState("pegel", (WaterLevelRecord("WARNEMÜNDE", NOW, 650.0),), NOW, "snapshot")
    assert surge_alerts({"pegel": snapshot}, {"pegel": gauge_source(sim)}, NOW) == []


def test_surge_banner_only_on_water_level_sources() -> None:
    with pytest.raises(ValueError, match="no water levels"):
        DataSource.model_validate(
            {"name": "NINA", "kind": "nina", "url": "https://warnung.bund.de/x", "surge_banner": True}
        )
