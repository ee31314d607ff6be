"""The admin PIN store: scrypt records, wrong and right PINs, the lock that survives a restart, the file."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from kiosk.session import admin_pin
from kiosk.session.admin_pin import (
    FIRST_LOCK_S,
    MAX_LOCK_S,
    Guard,
    PinError,
    check_new_pin,
    hash_pin,
    lock_seconds,
    verify_pin,
    whole_seconds,
    write_private,
)


class WallClock:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def pin_file(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "admin.json"
    write_private(path, hash_pin("246810"))
    return path


def test_a_record_is_a_salted_scrypt_hash_with_its_parameters() -> None:
    record = hash_pin("246810")
    assert record["kdf"] == "scrypt" and record["version"] == 1
    assert record["n"] >= 2**14 and record["r"] == 8 and record["p"] == 1
    salt = base64.b64decode(record["salt"])
    assert len(salt) == 16
    expected = hashlib.scrypt(b"246810", salt=salt, n=record["n"], r=8, p=1, dklen=32, maxmem=2**28)
    assert base64.b64decode(record["hash"]) == expected
    assert "246810" not in json.dumps(record)
    assert hash_pin("246810")["salt"] != record["salt"]  # a fresh salt every time


def test_right_and_wrong_pins() -> None:
    record = hash_pin("246810")
    assert verify_pin(record, "246810")
    assert not verify_pin(record, "246811")
    assert not verify_pin(record, "")


def test_a_record_with_other_parameters_is_still_read() -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"13579135", salt=salt, n=2**10, r=4, p=2, dklen=24)
    record = {
        "kdf": "scrypt",
        "n": 2**10,
        "r": 4,
        "p": 2,
        "salt": base64.b64encode(salt).decode(),
        "hash": base64.b64encode(digest).decode(),
    }
    assert verify_pin(record, "13579135") and not verify_pin(record, "13579136")


@pytest.mark.parametrize(
    "record", [{}, {"kdf": "md5"}, {"kdf": "scrypt", "n": 1024, "r": 8, "p": 1, "salt": "!!", "hash": "x"}]
)
def test_a_broken_record_is_an_error_not_a_yes(record: dict[str, object]) -> None:
    with pytest.raises(PinError):
        verify_pin(record, "246810")


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("12345", "at least 6"),
        ("12a456", "digits only"),
        ("1234567890123", "at most 12"),
        ("١٢٣٤٥٦", "digits only"),
    ],
)
def test_short_or_odd_pins_are_refused(pin: str, why: str) -> None:
    with pytest.raises(PinError, match=why):
        check_new_pin(pin)


def test_the_file_is_private_and_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "new" / "admin.json"
    write_private(path, {"a": 1})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    inode = path.stat().st_ino
    write_private(path, {"a": 2})
    assert path.stat().st_ino != inode  # a new file renamed over the old one, never written in place
    assert json.loads(path.read_text()) == {"a": 2}
    assert [p.name for p in path.parent.iterdir()] == ["admin.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "admin.json"
    write_private(path, {"a": 1})
    with pytest.raises(TypeError):
        write_private(path, {"a": object()})
    assert json.loads(path.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["admin.json"]


def test_readers_never_see_half_a_file(tmp_path: Path) -> None:
    path = tmp_path / "admin.json"
    write_private(path, hash_pin("246810"))
    stop, seen = threading.Event(), []

    def read() -> None:
        while not stop.is_set():
            seen.append(json.loads(path.read_text())["kdf"])

    reader = threading.Thread(target=read)
    reader.start()
    for n in range(30):
        write_private(path, {"kdf": "scrypt", "n": n, "pad": "x" * 5000})
    stop.set()
    reader.join()
    assert seen and set(seen) == {"scrypt"}


def test_three_wrong_pins_lock_for_a_growing_time(pin_file: Path, tmp_path: Path) -> None:
    clock = WallClock()
    guard = Guard(pin_file, tmp_path / "state" / "admin-lock.json", now=clock)
    assert guard.check("111111").failures == 1
    second = guard.check("111111")
    assert (second.ok, second.locked_for_s, second.tries_left) == (False, 0.0, 1)
    third = guard.check("111111")
    assert third.locked_for_s == FIRST_LOCK_S and third.checked
    refused = guard.check("246810")  # the right PIN, but while locked it is not even looked at
    assert not refused.ok and not refused.checked and refused.locked_for_s == FIRST_LOCK_S
    clock.t += FIRST_LOCK_S
    fourth = guard.check("111111")
    assert fourth.locked_for_s == 2 * FIRST_LOCK_S  # each further wrong PIN doubles the lock
    clock.t += 2 * FIRST_LOCK_S
    assert guard.check("246810").ok
    assert guard.check("111111").failures == 1  # a right PIN starts the count again


def test_the_lock_survives_a_restart(pin_file: Path, tmp_path: Path) -> None:
    clock = WallClock()
    lock = tmp_path / "state" / "admin-lock.json"
    for _ in range(3):
        Guard(pin_file, lock, now=clock).check("000000")  # a new guard each time: a new process
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    clock.t += 10
    again = Guard(pin_file, lock, now=clock)
    assert again.locked_for() == pytest.approx(FIRST_LOCK_S - 10)
    assert not again.check("246810").ok


def test_a_clock_set_back_cannot_lock_for_longer_than_the_longest_lock(
    pin_file: Path, tmp_path: Path
) -> None:
    lock = tmp_path / "admin-lock.json"
    write_private(lock, {"failures": 9, "locked_until": 1_800_000_000.0 + 10 * 86400})
    assert Guard(pin_file, lock, now=WallClock()).locked_for() == MAX_LOCK_S


def test_a_damaged_lock_file_locks_rather_than_opens(pin_file: Path, tmp_path: Path) -> None:
    lock = tmp_path / "admin-lock.json"
    lock.write_text("{not json")
    verdict = Guard(pin_file, lock, now=WallClock()).check("246810")
    assert not verdict.ok and not verdict.checked


def test_lock_times() -> None:
    assert [lock_seconds(n) for n in range(1, 7)] == [0, 0, 30, 60, 120, 240]
    assert lock_seconds(50) == MAX_LOCK_S


def test_a_wait_is_told_in_whole_seconds_rounded_up() -> None:
    assert [whole_seconds(s) for s in (30.0, 29.4, 0.2, 0.0, -1.0)] == [30, 30, 1, 0, 0]


def test_the_user_file_comes_before_the_machine_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert admin_pin.pin_file_candidates() == [
        tmp_path / "smile-city-touchpoint" / "admin.json",
        Path("/etc/smile-city-touchpoint/admin.json"),
    ]
    assert admin_pin.find_pin_file() is None or admin_pin.find_pin_file() == Path(
        "/etc/smile-city-touchpoint/admin.json"
    )
    write_private(tmp_path / "smile-city-touchpoint" / "admin.json", hash_pin("246810"))
    assert admin_pin.find_pin_file() == tmp_path / "smile-city-touchpoint" / "admin.json"
    assert os.environ["XDG_CONFIG_HOME"] == str(tmp_path)
