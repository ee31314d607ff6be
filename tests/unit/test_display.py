"""Screen rotation through the display server's own tool (a stand-in tool records the call)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.runtime.display import apply_rotation, rotation_command


def tool(folder: Path, name: str, output: str = "") -> Path:
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "$@" >> "{folder}/calls"\nprintf "%s" "{output}"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.mark.parametrize(("rotation", "word"), [(90, "right"), (180, "inverted"), (270, "left")])
def test_x11_uses_xrandr(tmp_path: Path, rotation: int, word: str) -> None:
    tool(tmp_path, "xrandr")
    env = {"DISPLAY": ":0", "PATH": str(tmp_path)}
    assert apply_rotation(rotation, env)
    assert (tmp_path / "calls").read_text().split() == ["-o", word]


def test_wayland_uses_wlr_randr_on_the_first_output(tmp_path: Path) -> None:
    tool(tmp_path, "wlr-randr", output="HDMI-A-1 Dell\\n  Enabled: yes\\nDP-1\\n")
    env = {"WAYLAND_DISPLAY": "wayland-0", "PATH": str(tmp_path)}
    assert apply_rotation(90, env)
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls[-1].split() == ["--output", "HDMI-A-1", "--transform", "90"]


def test_nothing_to_do_or_no_tool(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert rotation_command(0, {"DISPLAY": ":0", "PATH": str(tmp_path)}) is None
    assert not apply_rotation(90, {"DISPLAY": ":0", "PATH": str(tmp_path)})  # no xrandr here
    assert "neither xrandr" in caplog.text


def test_failing_tool_is_logged_not_raised(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = tmp_path / "xrandr"
    bad.write_text("#!/bin/sh\necho 'cannot rotate' >&2\nexit 1\n")
    bad.chmod(0o755)
    assert not apply_rotation(270, {"DISPLAY": ":0", "PATH": str(tmp_path)})
    assert "could not rotate" in caplog.text
    assert os.environ.get("DISPLAY") != "changed"
