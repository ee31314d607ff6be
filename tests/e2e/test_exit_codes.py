"""Honest exit codes (issue 9, item 8), from real runs of ``python -m kiosk.cli``: a wrong argument is
exit 2 with one clear line, a failure is exit 1 with one clear line, nothing is created on the way, and a
machine without sound says so in one line instead of ALSA's and QtMultimedia's noise."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.media.audio_device import check_audio
from kiosk.speech.synth import VOICES
from tests.conftest import REPO
from tests.kiosk_cli import run_kiosk

NO_AUDIO = pytest.mark.skipif(not check_audio().missing, reason="this machine has a sound card or server")


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def schedule(png: Path) -> subprocess.CompletedProcess[str]:
    args = [
        "schedule",
        "stadthafen-stele",
        "--root",
        str(REPO),
        "--from",
        "2026-08-07T08:00",
        "--png",
        str(png),
    ]
    return run_kiosk(*args, "--to", "2026-08-07T12:00")


# --- kiosk schedule --png ----------------------------------------------------------------------------------


@pytest.mark.e2e
def test_schedule_png_in_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    proc = schedule(tmp_path / "typo" / "deeper" / "plan.png")
    assert proc.returncode == 2
    assert one_line(proc.stderr) == (
        f"kiosk schedule: cannot write --png {tmp_path}/typo/deeper/plan.png: "
        f"the folder {tmp_path}/typo/deeper does not exist (no folders are created)"
    )
    assert proc.stdout == ""  # refused before the table, not after it
    assert list(tmp_path.iterdir()) == []


@pytest.mark.e2e
def test_schedule_png_on_a_folder_or_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for png, why in ((tmp_path, "that is a folder"), (tmp_path / "file" / "plan.png", "is not a folder")):
        proc = schedule(png)
        assert proc.returncode == 2 and why in one_line(proc.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.e2e
def test_schedule_png_that_cannot_be_written_is_exit_1(tmp_path: Path) -> None:
    # sysfs takes no new files, not even from root: the write itself fails (for others, the check does)
    proc = schedule(Path("/sys/kiosk-plan.png"))
    root = os.geteuid() == 0
    assert proc.returncode == (1 if root else 2)
    line = one_line(proc.stderr)
    assert line.startswith(
        "kiosk schedule: could not write /sys/kiosk-plan.png:" if root else "kiosk schedule:"
    )
    assert not Path("/sys/kiosk-plan.png").exists()


@pytest.mark.e2e
def test_schedule_png_is_written_into_an_existing_folder(tmp_path: Path) -> None:
    proc = schedule(tmp_path / "plan.png")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith(f"wrote {tmp_path / 'plan.png'}")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.png"]  # and no temporary file beside it


# --- argument types -----------------------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "'-1': give a number of seconds, 0 or more"),
        ("-0.5", "'-0.5': give a number of seconds, 0 or more"),
        ("nan", "'nan': give a number of seconds, 0 or more"),
        ("inf", "'inf': give a number of seconds, 0 or more"),
        ("1e9", "'1e9': at most 2073600 seconds (24 days)"),
        ("soon", "'soon' is not a number of seconds"),
    ],
)
def test_exit_after_is_checked_by_the_parser(value: str, message: str) -> None:
    proc = run_kiosk("run", "stadthafen-stele", "--root", str(REPO), "--exit-after", value)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"kiosk run: error: argument --exit-after: {message}"
    assert proc.stdout == ""  # refused before anything started


@pytest.mark.e2e
def test_say_refuses_an_unknown_language_with_the_known_ones(tmp_path: Path) -> None:
    proc = run_kiosk("say", "Hallo", "--lang", "xx", "--out", str(tmp_path / "x.wav"))
    assert proc.returncode == 2
    last = proc.stderr.strip().splitlines()[-1]
    assert last == f"kiosk say: error: argument --lang: unknown language 'xx'; known: {', '.join(VOICES)}"
    assert list(tmp_path.iterdir()) == []
    proc = run_kiosk(
        "say", "Hallo", "--lang", "SV ", "--out", str(tmp_path / "x.wav")
    )  # case and spaces: fine
    assert proc.returncode == 0, proc.stderr
    assert "voice for 'sv'" in proc.stdout and (tmp_path / "x.wav").stat().st_size > 10_000


@pytest.mark.e2e
@pytest.mark.parametrize("rate", ["0", "79", "301", "fast"])
def test_say_refuses_a_rate_a_device_cannot_have(rate: str, tmp_path: Path) -> None:
    proc = run_kiosk("say", "Hallo", "--rate", rate, "--out", str(tmp_path / "x.wav"))
    assert proc.returncode == 2 and "argument --rate" in proc.stderr and not (tmp_path / "x.wav").exists()


# --- files that cannot be written ---------------------------------------------------------------------------


@pytest.mark.e2e
def test_say_out_in_a_missing_folder(tmp_path: Path) -> None:
    proc = run_kiosk("say", "Hallo", "--out", str(tmp_path / "typo" / "x.wav"))
    assert proc.returncode == 2
    assert one_line(proc.stderr) == (
        f"kiosk say: cannot write {tmp_path}/typo/x.wav: the folder {tmp_path}/typo does not exist "
        "(no folders are created)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.e2e
def test_preview_out_that_cannot_be_written_is_refused_before_rendering(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    base = ("preview", "stadthafen-stele", "--root", str(REPO), "--at", "2026-08-07T11:00", "--out")
    proc = run_kiosk(*base, str(tmp_path / "typo" / "shot.png"), env=env)
    assert proc.returncode == 2
    assert one_line(proc.stderr) == (
        f"kiosk preview: cannot write {tmp_path}/typo/shot.png: the folder {tmp_path}/typo does not exist "
        "(no folders are created)"
    )
    assert proc.stdout == "" and not (tmp_path / "typo").exists()  # no Qt, no render, no log
    proc = run_kiosk(*base, str(tmp_path), env=env)
    assert proc.returncode == 2 and "that is a folder" in one_line(proc.stderr)


# --- no sound card ---------------------------------------------------------------------------------------


@pytest.mark.e2e
@NO_AUDIO
def test_say_without_a_sound_card_is_one_line() -> None:
    proc = run_kiosk("say", "Hallo")
    assert proc.returncode == 1
    assert one_line(proc.stderr) == (
        "kiosk say: no audio device: no sound card and no sound server (PipeWire or PulseAudio) "
        "(use --out FILE.wav to keep the speech)"
    )


@pytest.mark.e2e
@NO_AUDIO
@pytest.mark.skipif(not (shutil.which("aplay") or shutil.which("paplay")), reason="no audio player installed")
def test_a_player_that_finds_no_device_is_one_line_not_alsa_noise() -> None:
    # a sound server that is named but not there: the command tries the player, which fails
    env = {**os.environ, "PULSE_SERVER": "unix:/nonexistent/pulse/native"}
    proc = run_kiosk("say", "Hallo", env=env)
    assert proc.returncode == 1
    line = one_line(proc.stderr)
    assert line.startswith("kiosk say: no audio device: ") and "ALSA lib" not in proc.stderr, proc.stderr


@pytest.mark.e2e
@NO_AUDIO
def test_the_kiosk_without_a_sound_card_says_so_once(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("run", "stadthafen-stele", "--root", str(REPO), "--window", "--offline", "--exit-after", "3")
    proc = run_kiosk(*args, "--size", "540x960", env=env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    output = proc.stdout + proc.stderr
    said = [line for line in output.splitlines() if "no audio device" in line]
    assert len(said) == 1 and said[0].endswith(
        "WARNING kiosk.media.audio_device: no audio device: no sound card and no sound server "
        "(PipeWire or PulseAudio); speech and the alert tone are not heard"
    ), output
    for noise in ("ALSA lib", "PulseAudioService", "QSoundEffect", "pa_context"):
        assert noise not in output, output
