"""The heartbeat of a running shell against a real NGSI-LD stand-in on loopback: a broker that fails is
said once (not at every interval) and its recovery once; the entity says what the shell shows."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kiosk.config.models.fleet import Fleet
from kiosk.devtools.platform_sim.server import PlatformSim
from kiosk.runtime.fleet_health import FleetHealth
from tests.gui.session_kit import stele

pytestmark = pytest.mark.gui
UPSERT = "/ngsi-ld/v1/entityOperations/upsert"


def test_a_failing_broker_is_logged_once_and_its_recovery_once(
    qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with PlatformSim() as platform, stele(qtbot, tmp_path) as (shell, session, _clock):
        platform.set_fault(UPSERT, {"status": 503})
        health = FleetHealth(shell)
        health.settings = Fleet.model_validate({"ngsi_ld": {"broker": platform.url, "interval": "2s"}})
        with caplog.at_level(logging.INFO, logger="kiosk.runtime.fleet_health"):
            health.start()
            try:
                qtbot.waitUntil(lambda: platform.count(UPSERT) >= 2, timeout=15_000)
                failures = [r for r in caplog.records if "heartbeat: HTTP 503" in r.getMessage()]
                assert len(failures) == 1 and failures[0].levelno == logging.WARNING
                session.start_session()  # what the next heartbeat says: someone uses the terminal
                platform.clear_faults()
                qtbot.waitUntil(lambda: "heartbeat: works again" in caplog.text, timeout=15_000)
            finally:
                health.stop()
        (entity,) = json.loads(platform.requests[-1].body)
        assert entity["deviceState"]["value"] == "session"  # and nothing else of the session
        assert entity["id"] == "urn:ngsi-ld:Device:stadthafen-stele"
        assert caplog.text.count("works again") == 1
