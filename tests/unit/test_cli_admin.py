"""``kiosk admin set-pin``: the PIN asked twice (or read once with --pin-stdin), checked, stored privately."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

from kiosk.session.admin_pin import set_pin_command, verify_pin
from tests.kiosk_cli import kiosk_command


def run(args: list[str], stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home)}
    return subprocess.run(
        kiosk_command("admin", "set-pin", *args),
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_pin_from_stdin_for_scripts(tmp_path: Path) -> None:
    done = run(["--pin-stdin"], "24681012\n", tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "smile-city-touchpoint" / "admin.json"
    assert str(path) in done.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    record = json.loads(path.read_text())
    assert verify_pin(record, "24681012") and "24681012" not in path.read_text()


def test_asked_twice_and_the_two_must_match(tmp_path: Path) -> None:
    assert run([], "135791\n135791\n", tmp_path).returncode == 0
    first = (tmp_path / "smile-city-touchpoint" / "admin.json").read_text()
    differ = run([], "135791\n135790\n", tmp_path)
    assert differ.returncode == 1 and "differ" in differ.stderr
    assert (tmp_path / "smile-city-touchpoint" / "admin.json").read_text() == first  # unchanged


def test_short_pins_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    done = run(["--pin-stdin"], "12345\n", tmp_path)
    assert done.returncode == 2 and "at least 6 digits" in done.stderr
    assert not (tmp_path / "smile-city-touchpoint").exists()


def test_no_input_is_no_pin(tmp_path: Path) -> None:
    done = run(["--pin-stdin"], "", tmp_path)
    assert done.returncode == 2 and "no PIN given" in done.stderr


def test_another_file(tmp_path: Path) -> None:
    target = tmp_path / "etc" / "admin.json"
    answers = iter(["987654", "987654"])
    assert set_pin_command(target, pin_stdin=False, reader=lambda _prompt: next(answers)) == 0
    assert verify_pin(json.loads(target.read_text()), "987654")
