"""A storm surge seen on the screen of the real kiosk: the fake platform (a real process) serves the
Warnemünde gauge; the water rises past 100 cm above mean water and the storm-surge banner appears at the
top of a hall display that shows no water widget at all, then the water falls and the banner goes.

The gauge file is rewritten while the platform runs (it reads its fixture files on every request).
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from tests.field.conftest import SCREEN, StartKiosk, wait_until
from tests.field.fakeplatform import ARS, NINA_SOURCE, PlatformProcess, write_fixtures
from tests.field.packs import signage_pack
from tests.field.screen import Screen, close, rgb
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

SLIDE = (30, 120, 90)
WARNING = (0xFF, 0xD4, 0x00)  # the test theme's "warning" colour: the banner's background
GAUGE = "/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json"
PEGEL_SOURCE = {
    # the id the fake platform knows (kiosk.devtools.shipped_routes): --platform points it there
    "name": "Pegel Warnemünde (PEGELONLINE)",
    "kind": "pegelonline",
    "url": "https://www.pegelonline.wsv.de/webservices/rest-api/v2/stations/WARNEM%C3%9CNDE/W/currentmeasurement.json",
    "refresh": "45s",
    "refresh_alert": "10s",  # faster while the surge (or any warning) is on screen
    "stale_after": "10m",
    "timeout": "5s",
    "surge_banner": True,
}


def _measurement(value: float) -> dict[str, object]:
    return {"timestamp": "2025-10-18T14:30:00+02:00", "value": value, "trend": 1}


def _banner_share(image: Image.Image) -> float:
    """How much of the screen's top 8 % is the banner's colour."""
    rows = max(4, round(image.height * 0.08))
    samples = [rgb(image, (x, y)) for x in range(0, image.width, 4) for y in range(0, rows, 2)]
    return sum(close(c, WARNING, 30) for c in samples) / len(samples)


def test_storm_surge_banner_appears_when_the_water_rises_and_goes_when_it_falls(
    tmp_path: Path, xserver: XServer, screen: Screen, start_kiosk: StartKiosk
) -> None:
    fixtures = write_fixtures(
        tmp_path / "platform",
        {f"/api31/dashboard/{ARS}.json": [], GAUGE: _measurement(560.0)},  # 60 cm above MW: calm
    )
    gauge_file = fixtures / "f1.json"
    platform = PlatformProcess(fixtures).start()
    try:
        pack = signage_pack(tmp_path / "pack", {"main": (0, 0, *SCREEN)}, {"main": [("ruhig", SLIDE, "1m")]})
        pack.write("device-config/sources/nina-rostock.yaml", NINA_SOURCE)
        pack.write("device-config/sources/pegel-warnemuende.yaml", PEGEL_SOURCE)
        pack.validate()
        kiosk = start_kiosk(pack.root, "feld", ["--platform", platform.url], offline=False, server=xserver)
        assert wait_until(lambda: close(screen.pixel(SCREEN[0] // 2, SCREEN[1] // 2), SLIDE), 15), (
            kiosk.tail()
        )
        assert wait_until(lambda: _gauge_polled(platform), 20, poll=0.5), kiosk.tail()
        calm = screen.wait_stable()
        assert _banner_share(calm) < 0.05, f"a banner while the water is calm\n{kiosk.tail()}"

        gauge_file.write_text(json.dumps(_measurement(630.0)), encoding="utf-8")  # +1,3 m
        rose = time.monotonic()
        _, match = kiosk.wait_for_log(r"active warning\(s\): (.*Sturmflut.*)", 45 + 10)
        assert "Sturmflut: Wasserstand +1,3 m über Mittelwasser" in match.group(1), match.group(1)
        shown = wait_until(lambda: _banner_share(screen.grab(0, 0, *SCREEN)) > 0.4, 10)
        assert shown, f"no storm-surge banner on the screen\n{kiosk.tail()}"
        assert shown - rose < 45 + 5, "the rise was seen later than one poll interval"
        image = screen.wait_stable()
        image.save(tmp_path / "surge.png")
        assert close(rgb(image, (SCREEN[0] // 2, SCREEN[1] * 3 // 4)), SLIDE), "the banner covers the slide"

        gauge_file.write_text(json.dumps(_measurement(590.0)), encoding="utf-8")  # 90 cm: below 100
        fell = time.monotonic()
        gone = wait_until(lambda: _banner_share(screen.grab(0, 0, *SCREEN)) < 0.05, 25)
        assert gone, f"the banner stayed after the water fell\n{kiosk.tail()}"
        # during the surge the gauge is polled every refresh_alert (10 s), not every refresh (45 s)
        assert gone - fell < 10 + 4, f"the fall was seen after {gone - fell:.1f} s"
        assert kiosk.find_log(r"all warnings cleared"), kiosk.tail()
        kiosk.signal(15)
        assert kiosk.wait(10) == 0, kiosk.tail()
    finally:
        platform.kill()


def _gauge_polled(platform: PlatformProcess) -> bool:
    """The kiosk asked the platform for the gauge (its request log, ``GET /__log``)."""
    with urllib.request.urlopen(platform.url + "/__log", timeout=5) as answer:
        return any("WARNEM" in entry["path"] for entry in json.loads(answer.read()))
