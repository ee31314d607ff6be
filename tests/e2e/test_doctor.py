"""``kiosk doctor`` as a technician runs it: the real command in its own process, headless (offscreen), its
report read line by line; then with things broken on purpose, each seen by the right check with its fix."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from kiosk.runtime.doctor.runner import TITLES
from tests.conftest import REPO
from tests.kiosk_cli import run_kiosk

pytestmark = pytest.mark.e2e
SYMBOLS = {"✔": "pass", "!": "warn", "✘": "fail", "–": "skip"}
# Debian's espeak-ng data, in the multiarch folder of whatever machine this is (amd64 CI, arm64 Pi)
ESPEAK_DATA = next(iter(sorted(Path("/usr/lib").glob("*/espeak-ng-data"))), Path("/usr/lib/espeak-ng-data"))


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return {**env, **extra}


def doctor(tmp_path: Path, *args: str, **env: str) -> tuple[int, dict[str, Any]]:
    """``kiosk doctor ARGS --json``: the exit code and the checks by id."""
    proc = run_kiosk("doctor", *args, "--json", env=_env(tmp_path, **env), timeout=90)
    assert proc.stdout.startswith("{"), proc.stdout + proc.stderr
    doc = json.loads(proc.stdout)
    checks = {c["check"]: c for c in doc["checks"]}
    assert list(checks) == list(TITLES), "every check is reported, once, in order"
    for check in checks.values():
        assert check["status"] in SYMBOLS.values()
        assert check["summary"]
        if check["status"] == "fail":
            assert check["fix"], f"a failure without a fix: {check}"
    assert doc["ok"] == (proc.returncode == 0) == all(c["status"] != "fail" for c in checks.values())
    assert doc["elapsed_s"] < 60
    return proc.returncode, checks


def test_every_check_is_listed_with_its_status_and_failures_carry_a_fix(tmp_path: Path) -> None:
    proc = run_kiosk(
        "doctor", "stadthafen-stele", "--offline", "--root", str(REPO), env=_env(tmp_path), timeout=90
    )
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("kiosk doctor: stadthafen-stele"), proc.stdout + proc.stderr
    assert lines[-1].startswith(f"{len(TITLES)} checks: "), proc.stdout
    checks: list[tuple[str, str, list[str]]] = []  # (status, line, lines below it)
    for line in lines[1:-1]:
        if line[:1] in SYMBOLS:
            checks.append((SYMBOLS[line[0]], line, []))
        else:
            assert line.startswith("    "), f"not a check line and not indented: {line!r}"
            checks[-1][2].append(line.strip())
    assert len(checks) == len(TITLES)
    for (status, line, below), title in zip(checks, TITLES.values(), strict=True):
        assert line[2:].startswith(title), line
        if status == "fail":
            assert any(b.startswith("→ fix: ") and len(b) > 10 for b in below), (line, below)
    statuses = {title: status for (status, _, _), title in zip(checks, TITLES.values(), strict=True)}
    assert statuses["data sources"] == "skip"  # --offline
    assert statuses["config"] == "pass"  # the shipped pack is valid
    assert statuses["espeak-ng voices"] == "pass"
    assert "de, en (ls uses de)" in next(line for _, line, _ in checks if "espeak-ng voices" in line)
    assert statuses["platform plugin"] == "pass"  # offscreen starts
    assert statuses["QtWebEngine"] in ("pass", "warn")  # warn: running as root (the test box)
    assert proc.returncode == (1 if "fail" in statuses.values() else 0), proc.stdout
    assert "\r" not in proc.stderr  # no progress line when stderr is not a terminal


def test_sources_on_the_fake_platform_each_with_status_and_time(tmp_path: Path) -> None:
    with PlatformSim(default_fixtures_dir()) as sim:
        sim.set_faults("/api31/dashboard/130030000000.json", status=503)  # NINA refuses; it has a snapshot
        _code, checks = doctor(tmp_path, "stadthafen-stele", "--root", str(REPO), "--platform", sim.url)
        asked = {path.split("?")[0] for path in sim.log}
    sources = checks["sources"]
    assert sources["status"] == "warn", sources  # unreachable with data to fall back to: a warning
    fetched = len(sources["details"])  # one line per source the stele fetches
    assert fetched >= 10 and sources["summary"].startswith(f"{fetched - 1} of {fetched} reachable"), sources
    nina = next(d for d in sources["details"] if "nina-rostock" in d)
    assert "HTTP 503" in nina and "shows data of" in nina
    weather = next(d for d in sources["details"] if "wetter-warnemuende" in d)
    assert weather.startswith("✔ wetter-warnemuende: HTTP 200 from 127.0.0.1:") and weather.endswith(" ms")
    assert "/current_weather" in asked and "/api31/dashboard/130030000000.json" in asked
    # the network is fine, the server refuses: the fix points at the source's file, not at the firewall
    assert sources["fix"] == (
        "check url and params in device-config/sources/nina-rostock.yaml (or the service is down)"
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_source_without_fallback_on_a_closed_port_or_silent_fails(
    tmp_path: Path, shipped_copy: Path
) -> None:
    # warning sources every device fetches, with no snapshot (nothing to show): one at a closed port, one
    # whose server holds the connection past the source's timeout
    sources = shipped_copy / "device-config/sources"
    (sources / "nina-test.yaml").write_text(
        f"name: NINA Test\nkind: nina\nurl: http://127.0.0.1:{_closed_port()}/dashboard.json\n",
        encoding="utf-8",
    )
    with PlatformSim(default_fixtures_dir()) as sim:
        sim.add_route("/silent.json", "{}")
        sim.set_faults("/silent.json", timeout=8)
        (sources / "nina-silent.yaml").write_text(
            f"name: NINA Silent\nkind: nina\nurl: {sim.url_for('/silent.json')}\ntimeout: 1s\n",
            encoding="utf-8",
        )
        _code, checks = doctor(
            tmp_path, "sporthalle-schmarl", "--root", str(shipped_copy), "--platform", sim.url
        )
    result = checks["sources"]
    assert result["status"] == "fail", result
    # the hall fetches its 5 shipped sources (its slides' and the warning sources, no pages) and the two
    assert result["summary"].startswith("5 of 7 reachable"), result
    closed = next(d for d in result["details"] if "nina-test" in d)
    assert closed.startswith("✘ nina-test: cannot connect") and "no last good data, no snapshot" in closed
    silent = next(d for d in result["details"] if "nina-silent" in d)
    assert silent.startswith("✘ nina-silent: no answer within 1 s from 127.0.0.1:")
    assert result["fix"].startswith("check the network and firewall (DNS, HTTPS out) for 127.0.0.1:")


def test_an_unwritable_state_folder_fails_the_folder_check(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")  # root ignores permissions, not file types
    _code, checks = doctor(tmp_path, "sporthalle-schmarl", "--offline", XDG_STATE_HOME=str(blocker / "state"))
    dirs = checks["dirs"]
    assert dirs["status"] == "fail", dirs
    assert "not writable" in dirs["summary"] and str(blocker) in dirs["summary"]
    assert "XDG_STATE_HOME" in dirs["fix"]
    assert any(d.startswith("cache: ") and "MB free" in d for d in dirs["details"])  # the cache is fine


def test_an_invalid_pack_fails_the_config_check_with_file_and_line(
    tmp_path: Path, shipped_copy: Path
) -> None:
    playlist = next((shipped_copy / "content/playlists").glob("halle-*.yaml"))
    playlist.write_text(playlist.read_text(encoding="utf-8") + "\nshuffle_please: yes\n", encoding="utf-8")
    code, checks = doctor(tmp_path, "sporthalle-schmarl", "--offline", "--root", str(shipped_copy))
    config = checks["config"]
    assert code == 1 and config["status"] == "fail", config
    where = f"content/playlists/{playlist.name}:"
    assert any(d.startswith(where) and "shuffle_please" in d for d in config["details"]), config["details"]
    assert "kiosk validate" in config["fix"]
    assert checks["voices"]["status"] == "pass"  # the device itself is valid: its checks still run


def test_a_broken_device_file_fails_config_and_the_device_checks_say_why_they_skip(
    tmp_path: Path, shipped_copy: Path
) -> None:
    device = shipped_copy / "device-config/stadthafen-stele.yaml"
    device.write_text(
        device.read_text(encoding="utf-8").replace("role: touch-terminal", "role: kiosk"), "utf-8"
    )
    code, checks = doctor(tmp_path, "stadthafen-stele", "--offline", "--root", str(shipped_copy))
    assert code == 1 and checks["config"]["status"] == "fail"
    assert "device 'stadthafen-stele' has errors" in checks["config"]["summary"]
    assert any("device-config/stadthafen-stele.yaml:" in d for d in checks["config"]["details"])
    for check in ("voices", "fonts", "screen", "timezone"):
        assert checks[check]["status"] == "skip" and "valid device file" in checks[check]["summary"]


@pytest.mark.skipif(not ESPEAK_DATA.is_dir(), reason="espeak-ng's data is elsewhere on this system")
def test_a_missing_voice_fails_the_voice_check(tmp_path: Path) -> None:
    data = tmp_path / "espeak" / "espeak-ng-data"
    shutil.copytree(ESPEAK_DATA, data, symlinks=True)
    (data / "lang" / "gmw" / "en").unlink()  # the English voice is gone
    _code, checks = doctor(tmp_path, "stadthafen-stele", "--offline", ESPEAK_DATA_PATH=str(data.parent))
    voices = checks["voices"]
    assert voices["status"] == "fail", voices
    assert voices["summary"].startswith("no voice for en"), voices
    assert voices["details"] == ["en: espeak-ng has no voice gmw/en"]
    assert "espeak-ng" in voices["fix"]


def _no_fonts(tmp_path: Path) -> str:
    """A fontconfig with no font folder at all: a system without font packages."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{tmp_path / 'none'}</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return str(conf)


def test_without_fonts_the_shipped_theme_font_draws_the_text_and_the_check_warns_of_the_rest(
    tmp_path: Path,
) -> None:
    # the theme's DejaVu Sans comes in content/fonts: the hall's own text is drawn, but a letter it lacks
    # has no installed font to come from
    _code, checks = doctor(tmp_path, "sporthalle-schmarl", "--offline", FONTCONFIG_FILE=_no_fonts(tmp_path))
    fonts = checks["fonts"]
    assert fonts["status"] == "warn", fonts
    assert fonts["summary"] == (
        "DejaVu Sans (content/fonts) covers de, en, but no font is installed: letters it lacks "
        "(a feed's emoji, other scripts) show as boxes"
    )
    assert fonts["fix"].startswith("apt install fonts-dejavu-core")


def test_without_fonts_a_device_with_web_pages_fails_the_font_check(tmp_path: Path) -> None:
    # QtWebEngine draws a page with installed fonts only, never with the content's own files
    _code, checks = doctor(tmp_path, "stadthafen-stele", "--offline", FONTCONFIG_FILE=_no_fonts(tmp_path))
    fonts = checks["fonts"]
    assert fonts["status"] == "fail", fonts
    assert "no font is installed: web pages have no font for their text" in fonts["summary"], fonts
    assert fonts["fix"].startswith("apt install fonts-dejavu-core")


def test_without_fonts_an_unshipped_theme_font_fails_and_names_the_package(
    tmp_path: Path, shipped_copy: Path
) -> None:
    theme = shipped_copy / "content/themes/rostock.yaml"
    text = theme.read_text(encoding="utf-8")
    unshipped = text.replace("  - fonts/DejaVuSans.ttf\n  - fonts/DejaVuSans-Bold.ttf\n", "")
    assert unshipped != text
    theme.write_text(unshipped.replace("font_files:\n", ""), encoding="utf-8")
    _code, checks = doctor(
        tmp_path,
        "sporthalle-schmarl",
        "--offline",
        "--root",
        str(shipped_copy),
        FONTCONFIG_FILE=_no_fonts(tmp_path),
    )
    assert checks["config"]["status"] != "fail", checks["config"]
    fonts = checks["fonts"]
    assert fonts["status"] == "fail", fonts
    assert fonts["summary"] == "the theme's font 'DejaVu Sans' is not installed (Qt would draw another one)"
    assert fonts["fix"].startswith("apt install fonts-dejavu-core")


def test_a_progress_line_goes_to_a_terminal_and_the_report_stays_clean(tmp_path: Path) -> None:
    import pty
    import subprocess
    import threading

    from tests.kiosk_cli import kiosk_command

    master, slave = pty.openpty()
    seen = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal closed
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc = subprocess.run(
        kiosk_command("doctor", "sporthalle-schmarl", "--offline"),
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
        timeout=90,
        check=False,
    )
    os.close(slave)
    reader.join(timeout=5)
    os.close(master)
    progress = seen.decode("utf-8", "replace")
    assert "\rkiosk doctor: " in progress and "checks done" in progress, progress
    assert "\r" not in proc.stdout and proc.stdout.startswith("kiosk doctor: sporthalle-schmarl")


def test_every_language_a_device_may_offer_has_its_espeak_ng_voice() -> None:
    from kiosk.config.models.base import LANGUAGE_NAMES
    from kiosk.runtime.doctor.subproc import run_probe

    run = run_probe(["voices", *LANGUAGE_NAMES], timeout_s=30)
    assert run.answer is not None, run.stderr
    missing = {lang: v["error"] for lang, v in run.answer["voices"].items() if not v["ok"]}
    assert not missing  # was: da and sv named gmw/… voices that do not exist, so they spoke German


def test_a_platform_plugin_that_aborts_is_a_clean_failure_with_qts_last_words(tmp_path: Path) -> None:
    free = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())  # no X server there
    code, checks = doctor(
        tmp_path, "sporthalle-schmarl", "--offline", QT_QPA_PLATFORM="xcb", DISPLAY=f":{free}"
    )
    display = checks["display"]
    assert code == 1 and display["status"] == "fail", display
    assert display["summary"].startswith("Qt cannot start on xcb (QT_QPA_PLATFORM=xcb): crashed")
    assert any(f"could not connect to display :{free}" in line for line in display["details"]), display
    assert "DISPLAY" in display["fix"]
    assert checks["screen"]["status"] == "skip"
    assert checks["webengine"]["status"] in ("pass", "warn")  # offscreen, whatever the display does
