"""Remote screenshots from a touch terminal: refused while a passer-by uses it (privacy), sent as a scaled
PNG to a real HTTP server on loopback once the terminal is back in its attract loop."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from kiosk.config.models.fleet import FleetScreenshot
from kiosk.devtools.platform_sim.server import PlatformSim
from kiosk.runtime.remote_shot import RemoteShot
from tests.gui.session_kit import stele

pytestmark = pytest.mark.gui
PATH = "/shots/stadthafen-stele.png"


def test_no_screenshot_during_a_session_one_scaled_png_after_it(
    qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with PlatformSim() as platform, stele(qtbot, tmp_path) as (shell, session, _clock):
        platform.add_route(PATH, b"", status=204, method="POST")
        settings = FleetScreenshot(
            upload_url=platform.url + "/shots/{device}.png", method="POST", max_width=200
        )
        shots = RemoteShot(shell, settings, parent=shell)
        try:
            session.start_session()
            with caplog.at_level(logging.WARNING, logger="kiosk.runtime.remote_shot"):
                assert not shots.take("test")
            assert "refused: a passer-by's session is running (privacy)" in caplog.text
            session.end_session()
            assert shots.take("test")
            qtbot.waitUntil(lambda: shots.last_sent is not None, timeout=15_000)
            (upload,) = [r for r in platform.requests if r.path == PATH]
            picture = Image.open(io.BytesIO(upload.body))
            width, height = shell.window.width(), shell.window.height()
            assert picture.format == "PNG" and picture.width == 200
            assert picture.height == pytest.approx(200 * height / width, abs=1)
            assert upload.headers["content-type"] == "image/png"
        finally:
            shots.stop()


def test_the_admin_menus_screenshot_goes_out_as_it_was_saved_scaled(qtbot, tmp_path: Path) -> None:
    saved = tmp_path / "screenshot.png"
    Image.new("RGB", (540, 960), (0, 61, 124)).save(saved)
    with PlatformSim() as platform, stele(qtbot, tmp_path) as (shell, _session, _clock):
        platform.add_route(PATH, b"", status=201, method="PUT")
        shots = RemoteShot(
            shell, FleetScreenshot(upload_url=platform.url + PATH, max_width=270), parent=shell
        )
        try:
            assert shots.send_file(saved, "the admin menu")
            qtbot.waitUntil(lambda: shots.last_sent is not None, timeout=15_000)
        finally:
            shots.stop()
        (upload,) = [r for r in platform.requests if r.path == PATH]
    picture = Image.open(io.BytesIO(upload.body)).convert("RGB")
    assert (
        upload.method == "PUT" and picture.size == (270, 480) and picture.getpixel((135, 240)) == (0, 61, 124)
    )
