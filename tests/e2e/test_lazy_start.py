"""A device loads only what it uses: the real ``kiosk run`` process maps Chromium (QtWebEngine) only when
its content has a web slide or a web page, and QtMultimedia only with video or sound; ``kiosk preview``
imports neither for a text carousel.

Read from ``/proc/PID/maps`` of the running process, not from a hook in the product: a shared library that
is mapped costs memory whether or not Python code touches it, so the maps are the truth about what was
loaded. The web pack is the control: the same check must see the library there, so it can fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.media.audio_device import check_audio
from tests.field.packs import Pack, text3, touch_pack
from tests.kiosk_cli import kiosk_command

WEB_LIBRARY = "libQt6WebEngineCore"
MEDIA_LIBRARY = "libQt6Multimedia"
SIZE = (640, 360)


def _text_carousel(root: Path, web: bool) -> Pack:
    """A hall display with three text slides; with ``web``, a web slide first in the loop."""
    pack = Pack(root)
    pack.layout("feld", {"main": (0, 0, *SIZE)}, SIZE)
    names = []
    if web:
        pack.slide(
            "seite",
            {
                "type": "web",
                "title": text3("Seite"),
                "url": "http://127.0.0.1:9/seite",  # refused at once: loading it is enough, no network
                "alt": text3("Eine Seite", "A page"),
                "duration": "1s",
                "transition": "cut",
            },
        )
        names.append("seite")
    for i, heading in enumerate(("Willkommen", "Stadthafen", "Sporthalle")):
        slide = {"type": "text", "title": text3(heading), "heading": text3(heading), "body": text3("Text")}
        pack.slide(f"text{i}", {**slide, "duration": "1s", "transition": "crossfade"})
        names.append(f"text{i}")
    pack.playlist("main", names)
    device = {
        "name": "Feldtest",
        "role": "hall-display",
        "layout": "feld",
        "screen": {"width": SIZE[0], "height": SIZE[1]},
        "zones": {"main": {"default": "main"}},
    }
    pack.device("feld", {**device, "web_allowlist": ["127.0.0.1"]} if web else device)
    return pack


def _libraries_while_running(root: Path, device: str) -> tuple[set[str], str]:
    """Run ``kiosk run DEVICE`` for a few seconds (two rounds of the loop) and collect every Qt library
    its process mapped at any time; with the log."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:  # as root, QtWebEngine runs only without its sandbox (tests only)
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    args = ["run", device, "--root", str(root), "--window", "--offline", "--exit-after", "4"]
    args += ["--at", "2026-12-07T10:00", "--data-dir", str(root / "state")]
    proc = subprocess.Popen(kiosk_command(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen: set[str] = set()
    maps = Path(f"/proc/{proc.pid}/maps")
    try:
        while proc.poll() is None:
            try:
                text = maps.read_text(errors="replace")
            except OSError:  # it just ended
                break
            seen |= {line.rsplit("/", 1)[-1] for line in text.splitlines() if "libQt6" in line}
            time.sleep(0.1)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = out.decode(errors="replace")
    assert proc.returncode == 0, log
    assert "Traceback" not in log, log
    assert any("libQt6Widgets" in name for name in seen), f"the process was not seen running\n{log}"
    return seen, log


@pytest.mark.e2e
def test_a_text_carousel_never_loads_chromium(tmp_path: Path) -> None:
    pack = _text_carousel(tmp_path / "pack", web=False)
    pack.validate()
    seen, log = _libraries_while_running(pack.root, "feld")
    assert "zone main: default (main)" in log, log
    assert not [name for name in seen if WEB_LIBRARY in name], f"QtWebEngine loaded: {sorted(seen)}\n{log}"


@pytest.mark.e2e
def test_a_touch_terminal_without_web_pages_never_loads_chromium(tmp_path: Path) -> None:
    """Pages, the session and speech are built at start on a touch terminal: none of them may pull in
    the web."""
    pack = touch_pack(tmp_path / "pack")
    pack.validate()
    seen, log = _libraries_while_running(pack.root, "stele")
    assert not [name for name in seen if WEB_LIBRARY in name], f"QtWebEngine loaded: {sorted(seen)}\n{log}"


@pytest.mark.e2e
def test_a_web_slide_loads_chromium(tmp_path: Path) -> None:
    """The control: the same check sees Chromium as soon as the device has a web slide."""
    pack = _text_carousel(tmp_path / "pack", web=True)
    pack.validate()
    seen, log = _libraries_while_running(pack.root, "feld")
    assert [name for name in seen if WEB_LIBRARY in name], f"no QtWebEngine in {sorted(seen)}\n{log}"


@pytest.mark.e2e
@pytest.mark.skipif(
    not check_audio().missing, reason="with a sound device the alert chime loads QtMultimedia 3 s after start"
)
def test_a_text_carousel_without_sound_never_loads_multimedia(tmp_path: Path) -> None:
    """No video, no speech (a hall display), no sound device: nothing may pull in QtMultimedia (FFmpeg,
    the audio backends). The touch terminal, which speaks, is the control."""
    pack = _text_carousel(tmp_path / "pack", web=False)
    pack.validate()
    seen, log = _libraries_while_running(pack.root, "feld")
    assert not [name for name in seen if MEDIA_LIBRARY in name], f"QtMultimedia loaded: {sorted(seen)}\n{log}"
    touch = touch_pack(tmp_path / "touch")
    touch.validate()
    seen, log = _libraries_while_running(touch.root, "stele")
    assert [name for name in seen if MEDIA_LIBRARY in name], f"the speaking terminal: {sorted(seen)}\n{log}"


# ``kiosk preview`` ends through ``main()`` (``kiosk run`` leaves with os._exit): the same process then
# prints which Qt modules it imported
_PREVIEW_MODULES = (
    "import json, sys\n"
    "from kiosk.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps({'code': code, 'qt': sorted(m for m in sys.modules if m.startswith('PySide6.Qt'))}))\n"
)


def _preview_modules(root: Path, device: str, out: Path) -> tuple[list[str], str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    args = ["preview", device, "--root", str(root), "--at", "2026-12-07T10:00", "--out", str(out)]
    proc = subprocess.run(
        [sys.executable, "-c", _PREVIEW_MODULES, *args], env=env, capture_output=True, text=True, timeout=120
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and out.stat().st_size > 0, log
    return report["qt"], log


@pytest.mark.e2e
def test_a_preview_of_a_text_carousel_imports_neither_web_nor_multimedia(tmp_path: Path) -> None:
    pack = _text_carousel(tmp_path / "pack", web=False)
    pack.validate()
    modules, log = _preview_modules(pack.root, "feld", tmp_path / "text.png")
    assert "PySide6.QtWidgets" in modules, log
    assert not [m for m in modules if "WebEngine" in m or "Multimedia" in m], f"{modules}\n{log}"


@pytest.mark.e2e
def test_a_preview_with_a_web_slide_imports_the_web(tmp_path: Path) -> None:
    """The control: the same report names QtWebEngine when the carousel has a web slide."""
    pack = _text_carousel(tmp_path / "pack", web=True)
    pack.validate()
    modules, log = _preview_modules(pack.root, "feld", tmp_path / "web.png")
    assert "PySide6.QtWebEngineWidgets" in modules, f"{modules}\n{log}"
