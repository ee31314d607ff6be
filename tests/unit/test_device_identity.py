"""Which device a machine plays: named, this machine's setting, the only one, or a clear refusal; and the
content version and screen facts of the start line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.runtime.identity import (
    choose_device,
    content_version,
    fitted_size,
    mismatch_note,
    read_setting,
)


def _two_devices(minipack: Path) -> Path:
    config = minipack / "device-config"
    (config / "halle.yaml").write_text((config / "stele.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return minipack


def test_several_devices_and_no_setting_is_refused_with_a_hint(minipack: Path, tmp_path: Path) -> None:
    choice = choose_device(None, _two_devices(minipack), tmp_path / "device")
    assert choice.name is None
    assert "has 2 (halle, stele)" in choice.problem
    assert f"write it to {tmp_path / 'device'}" in choice.problem and "install.sh --service" in choice.problem


def test_the_machine_setting_is_honoured(minipack: Path, tmp_path: Path) -> None:
    setting = tmp_path / "device"
    setting.write_text("# written by install.sh --service\n\nstele\n", encoding="utf-8")
    choice = choose_device(None, _two_devices(minipack), setting)
    assert (choice.name, choice.source) == ("stele", f"this machine's setting {setting}")
    assert choose_device("halle", minipack, setting).name == "halle"  # a name on the command line wins


def test_an_empty_setting_is_refused(minipack: Path, tmp_path: Path) -> None:
    setting = tmp_path / "device"
    setting.write_text("# nothing yet\n", encoding="utf-8")
    assert read_setting(setting) is None
    assert "is empty" in choose_device(None, minipack, setting).problem


def test_a_single_device_needs_no_setting(minipack: Path, tmp_path: Path) -> None:
    choice = choose_device(None, minipack, tmp_path / "absent")
    assert choice.name == "stele" and "the only device" in choice.source


def test_kiosk_run_refuses_before_opening_a_window(
    minipack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _two_devices(minipack)
    args = ["run", "--root", str(root), "--device-setting", str(tmp_path / "none"), "--exit-after", "0"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("kiosk run: which device does this machine play?") and err.count("\n") == 1


def test_content_version_of_a_git_checkout_and_of_plain_files(minipack: Path) -> None:
    plain = content_version(minipack)
    assert plain.startswith("files sha256:") and plain.endswith(" files)")
    (minipack / "content/slides/extra.yaml").write_text("type: text\n", encoding="utf-8")
    assert content_version(minipack) != plain  # a changed content tree is another version
    git = ["git", "-C", str(minipack), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "content"], check=True)
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    assert content_version(minipack) == f"git {head.stdout.strip()}"


def test_screen_mismatch_notes() -> None:
    assert mismatch_note("s", (1080, 1920), (1080, 1920)) is None
    assert fitted_size((1920, 1080), (1080, 1920)) == (608, 1080)
    assert fitted_size((1080, 1920), (1920, 1080)) == (1080, 608)
    note = mismatch_note("s", (1920, 1080), (1080, 1920))
    assert note is not None and "608×1080, not stretched, with bars left and right" in note
    assert "screen.rotation" in note
    scaled = mismatch_note("s", (2160, 3840), (1080, 1920))
    assert scaled is not None and "scaled uniformly by 2" in scaled
