"""``kiosk preview`` for every shipped device: exactly the planned content, as a real picture."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from kiosk.devtools.platform_sim import PlatformSim
from tests.conftest import REPO
from tests.kiosk_cli import run_kiosk

DEVICES = sorted(p.stem for p in (REPO / "device-config").glob("*.yaml"))
INSTANTS = ["2026-08-07T11:00", "2026-12-24T17:00"]


@pytest.mark.e2e
@pytest.mark.parametrize("at", INSTANTS)
@pytest.mark.parametrize("device", DEVICES)
def test_preview_shows_real_content(device: str, at: str, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("QT_QPA_PLATFORM", None)  # preview must work without a display on its own
    env.pop("DISPLAY", None)
    proc = run_kiosk("preview", device, "--root", str(REPO), "--at", at, "--out", str(out), env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    image = Image.open(out).convert("RGB")
    assert image.size in {(1080, 1920), (1920, 1080)}
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 200
    assert max(count for count, _ in colours) < 0.97 * image.width * image.height
    zones = [line.split(":")[0] for line in proc.stdout.splitlines() if " until " in line]
    assert len(zones) == 3  # every zone of both shipped layouts is reported


@pytest.mark.e2e
def test_preview_during_hanse_sail_shows_the_campaign(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    proc = run_kiosk(
        "preview", "stadthafen-stele", "--root", str(REPO), "--at", "2026-08-07T11:00", "--out", str(out)
    )
    assert "inhalt: scheduled hanse-sail-stele" in proc.stdout


@pytest.mark.e2e
def test_preview_renders_web_and_data_slides(minipack: Path, tmp_path: Path) -> None:
    from tests.gui.helpers import serve_page

    device = minipack / "device-config/stele.yaml"
    device.write_text(
        device.read_text().replace('web_allowlist: ["www.rostock.de"]', 'web_allowlist: ["127.0.0.1"]')
    )
    (minipack / "content/playlists/band.yaml").write_text("name: Band\nitems: [wetter]\n")
    with PlatformSim() as sim:
        (minipack / "content/slides/willkommen.yaml").write_text(
            f"type: web\nurl: {serve_page(sim)}\nalt: {{de: Seite, en: Page, ls: Seite}}\n"
        )
        (minipack / "content/playlists/immer.yaml").write_text("name: Immer\nitems: [willkommen]\n")
        out = tmp_path / "shot.png"
        args = ["preview", "stele", "--root", str(minipack), "--at", "2026-11-22T12:00", "--out", str(out)]
        proc = run_kiosk(*args, "--size", "540x960")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "main: default immer / willkommen" in proc.stdout  # Sunday: the default playlist, a web slide
    image = Image.open(out).convert("RGB")
    assert image.getpixel((20, 20)) == (0xC0, 0x39, 0x2B)  # the page's own background, really painted
    band = {image.getpixel((x, y)) for x in range(0, 540, 4) for y in range(870, 960, 4)}
    assert len(band) > 10  # the weather widget's sample rows in the band zone


@pytest.mark.e2e
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="the case of a root shell")
def test_a_page_with_a_web_block_previews_as_root_with_its_text_alternative(tmp_path: Path) -> None:
    """As root without the sandbox flag Chromium ends the whole process: the page shows its alternative."""
    out = tmp_path / "page.png"
    flags = {"QTWEBENGINE_DISABLE_SANDBOX", "QTWEBENGINE_CHROMIUM_FLAGS"}
    env = {k: v for k, v in os.environ.items() if k not in flags}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    proc = run_kiosk(
        "preview", "stadthafen-stele", "--root", str(REPO), "--page", "rathaus-online",
        "--at", "2026-12-16T11:00", "--out", str(out), env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Running as root without --no-sandbox" not in proc.stderr
    image = Image.open(out).convert("RGB")
    assert image.size == (1080, 1920)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # the page's header, text and bar are drawn
