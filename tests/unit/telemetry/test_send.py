"""The heartbeat's way out (``telemetry.send``) against the fake platform's NGSI-LD upsert route on loopback:
the body arrives and is in the platform's log; a broker that never answers is cut off at the deadline; a
refusal is one line with the broker's words."""

from __future__ import annotations

import json
import time

import pytest

from kiosk.devtools.platform_sim.server import PlatformSim
from kiosk.telemetry.send import Sender, SendError, read_secret

UPSERT = "/ngsi-ld/v1/entityOperations/upsert?options=update"


def test_the_upsert_route_takes_and_records_the_body() -> None:
    body = json.dumps([{"id": "urn:ngsi-ld:Device:x", "type": "Device"}]).encode()
    with PlatformSim() as platform:
        status = Sender().send("POST", platform.url + UPSERT, body, "application/ld+json", 5.0)
        (entry,) = platform.log_entries()
    assert status == 204
    assert entry["path"] == "/ngsi-ld/v1/entityOperations/upsert" and json.loads(entry["body"]) == json.loads(
        body
    )


def test_a_silent_broker_is_cut_off_at_the_deadline() -> None:
    with PlatformSim() as platform:
        platform.set_fault("/ngsi-ld/v1/entityOperations/upsert", {"timeout": 10})
        started = time.monotonic()
        with pytest.raises(SendError, match=r"no answer from 127\.0\.0\.1:\d+ within 0\.5 s"):
            Sender().send("POST", platform.url + UPSERT, b"[]", "application/ld+json", 0.5)
        assert time.monotonic() - started < 2.0


def test_a_refusal_is_one_line_with_the_status() -> None:
    with PlatformSim() as platform:
        platform.set_fault("/ngsi-ld/v1/entityOperations/upsert", {"status": 400})
        with pytest.raises(SendError, match=r"^HTTP 400 from 127\.0\.0\.1:\d+: .*injected fault"):
            Sender().send("POST", platform.url + UPSERT, b"[]", "application/ld+json", 5.0)


def test_secrets_come_from_a_file_on_the_machine(tmp_path) -> None:
    (tmp_path / "token").write_text("s3cret\nignored\n", encoding="utf-8")
    assert read_secret(str(tmp_path / "token")) == "s3cret" and read_secret(None) is None
    with pytest.raises(SendError, match="cannot read"):
        read_secret(str(tmp_path / "missing"))
