"""The project's fake city platform (``kiosk platform-sim``) as a real process on a free loopback port,
serving fixtures a test writes (never the team's shared folder), with faults from the command line."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.conftest import REPO
from tests.field.kioskproc import LoggedProcess
from tests.kiosk_cli import kiosk_command

ARS = "130030000000"  # Rostock: the device's default Amtlicher Regionalschlüssel for NINA


class PlatformProcess(LoggedProcess):
    """``kiosk platform-sim --port 0 --fixtures DIR [--fault ROUTE=SPEC ...]``; ``url`` once started."""

    name = "platform-sim"

    def __init__(self, fixtures: Path, faults: Sequence[str] = ()) -> None:
        command = kiosk_command("platform-sim", "--port", "0", "--fixtures", str(fixtures))
        for fault in faults:
            command += ["--fault", fault]
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        super().__init__(command, env)
        self.url = ""

    def start(self) -> PlatformProcess:
        super().start()
        _, match = self.wait_for_log(r"Fake city platform at (http://127\.0\.0\.1:\d+)", 30)
        self.url = match.group(1)
        return self


def write_fixtures(folder: Path, files: dict[str, Any]) -> Path:
    """A fixtures folder: ``files`` maps a URL path to a JSON-able body (served as application/json)."""
    routes = []
    for i, (path, body) in enumerate(files.items()):
        name = f"f{i}.json"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        routes.append({"path": path, "file": name, "content_type": "application/json"})
    (folder / "routes.json").write_text(json.dumps({"routes": routes}, indent=1), encoding="utf-8")
    return folder


def nina_dashboard(warning_id: str, headline: str, severity: str = "Severe") -> list[dict[str, Any]]:
    """A NINA dashboard (``/api31/dashboard/{ARS}.json``) with one warning, in the shape of the real API."""
    return [
        {
            "id": warning_id,
            "payload": {
                "version": 1,
                "type": "ALERT",
                "id": warning_id,
                "hash": "0" * 64,
                "data": {
                    "headline": headline,
                    "provider": "MOWAS",
                    "severity": severity,
                    "msgType": "Alert",
                    "transKeys": {"event": "BBK-EVC-050"},
                    "area": {"type": "ZGEM", "data": f"1+{ARS}"},
                },
            },
            "i18nTitle": {"de": headline},
            "sent": "2026-01-01T12:00:00+01:00",
        }
    ]


NINA_SOURCE = {
    # the id the fake platform knows (kiosk.devtools.shipped_routes): --platform points it there
    "name": "NINA-Warnungen Rostock",
    "kind": "nina",
    "url": f"https://warnung.bund.de/api31/dashboard/{ARS}.json",
    "refresh": "1m",
    "stale_after": "15m",
    "timeout": "10s",
}
