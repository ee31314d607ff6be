"""The admin PIN of one machine: a salted scrypt hash in a machine-local file, and the limit on guesses.

Nothing of this is in the content repository (no secret in git). The hash lives in
``$XDG_CONFIG_HOME/smile-city-touchpoint/admin.json`` (written by ``kiosk admin set-pin``) or, for a
device set up by its installer, ``/etc/smile-city-touchpoint/admin.json``; mode 0600, written
atomically (a temporary file in the same folder, fsync, rename), so a power cut never leaves half a
record. The record names its own parameters, so stronger ones later still read old records.

Wrong guesses are limited: after ``FREE_TRIES`` wrong PINs in a row every further wrong one locks the
entry for a growing time (30 s, 1 min, 2 min … at most an hour). The count and the lock are kept in the
state folder (``admin-lock.json``, the kiosk's own, writable by it), so a reboot does not reset them.
The lock is kept as a wall-clock instant; one that lies further ahead than the longest lock (a clock
that was set back) is cut to the longest lock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

APP = "smile-city-touchpoint"
PIN_FILE = "admin.json"
LOCK_FILE = "admin-lock.json"
SYSTEM_DIR = Path("/etc") / APP
MIN_DIGITS = 6
MAX_DIGITS = 12
# scrypt cost: n=2^15, r=8 needs 32 MiB and about 0.1 s on a laptop, a few tenths on a Raspberry Pi:
# slow for a guesser with a copy of the file, quick enough for the technician
SCRYPT = {"n": 2**15, "r": 8, "p": 1, "dklen": 32}
FREE_TRIES = 3
FIRST_LOCK_S = 30.0
MAX_LOCK_S = 3600.0


class PinError(ValueError):
    """A PIN that may not be set, or a record that cannot be read."""


def check_new_pin(pin: str) -> str:
    """The PIN as it will be stored, or :class:`PinError` saying why not (digits only, 6–12 of them)."""
    pin = pin.strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinError("the PIN must be digits only (it is typed on a number pad)")
    if len(pin) < MIN_DIGITS:
        raise PinError(f"the PIN needs at least {MIN_DIGITS} digits")
    if len(pin) > MAX_DIGITS:
        raise PinError(f"the PIN may have at most {MAX_DIGITS} digits")
    return pin


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * 1024 * 1024)


def hash_pin(pin: str, now: datetime | None = None) -> dict[str, Any]:
    """A new record for ``pin`` (checked with :func:`check_new_pin`): fresh salt, parameters included."""
    pin = check_new_pin(pin)
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, **SCRYPT)
    return {
        "version": 1,
        "kdf": "scrypt",
        **SCRYPT,
        "salt": _b64(salt),
        "hash": _b64(digest),
        "set_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
    }


def verify_pin(record: dict[str, Any], pin: str) -> bool:
    """Whether ``pin`` is the PIN of ``record`` (constant-time compare; a broken record raises PinError)."""
    try:
        if record.get("kdf") != "scrypt":
            raise PinError(f"unknown key derivation {record.get('kdf')!r}")
        salt = base64.b64decode(record["salt"], validate=True)
        expected = base64.b64decode(record["hash"], validate=True)
        n, r, p = int(record["n"]), int(record["r"]), int(record["p"])
        digest = _scrypt(pin, salt, n, r, p, len(expected))
    except (KeyError, TypeError, ValueError) as error:
        raise PinError(f"the admin PIN record is broken ({error}); set it again") from None
    return hmac.compare_digest(digest, expected)


def write_private(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` atomically with mode 0600 (the folder is made 0700 if new)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mkstemp makes it 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def user_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP


def pin_file_candidates() -> list[Path]:
    """Where the kiosk looks for the PIN record, first match wins: the user's, then the machine's."""
    return [user_config_dir() / PIN_FILE, SYSTEM_DIR / PIN_FILE]


def find_pin_file() -> Path | None:
    return next((p for p in pin_file_candidates() if p.is_file()), None)


def read_record(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PinError(f"cannot read {path}: {error}") from None
    if not isinstance(data, dict):
        raise PinError(f"{path} holds no PIN record")
    return data


@dataclass(frozen=True)
class Verdict:
    """The answer to one PIN entry."""

    ok: bool
    locked_for_s: float = 0.0  # > 0: refused (or not even checked) because entry is locked this long
    failures: int = 0  # wrong PINs in a row so far
    checked: bool = True  # False: locked, the PIN was not looked at

    @property
    def tries_left(self) -> int:
        return max(0, FREE_TRIES - self.failures)


def whole_seconds(wait: float) -> int:
    """A wait as the whole seconds a person is told: rounded up, so 29.4 s left reads "30 s", never
    "0 s" while still locked."""
    return math.ceil(wait) if wait > 0 else 0


def lock_seconds(failures: int) -> float:
    """The lock after ``failures`` wrong PINs in a row: none for the free tries, then doubling."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_LOCK_S, FIRST_LOCK_S * float(2 ** min(failures - FREE_TRIES, 20)))


class Guard:
    """Checks PIN entries against the record at ``pin_path`` and keeps the count of wrong ones at
    ``lock_path``; ``now`` is the wall clock in seconds (injected for tests)."""

    def __init__(self, pin_path: Path, lock_path: Path, now: Callable[[], float] | None = None) -> None:
        self.pin_path = pin_path
        self.lock_path = lock_path
        self._now: Callable[[], float] = now or (lambda: datetime.now(UTC).timestamp())

    def _load_lock(self) -> tuple[int, float]:
        try:
            data = json.loads(self.lock_path.read_text(encoding="utf-8"))
            return int(data.get("failures", 0)), float(data.get("locked_until", 0.0))
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, TypeError, AttributeError):
            # a damaged count must not open the door: treat it as a full lock
            return FREE_TRIES, self._now() + MAX_LOCK_S

    def _save_lock(self, failures: int, locked_until: float) -> None:
        write_private(self.lock_path, {"failures": failures, "locked_until": locked_until})

    def locked_for(self) -> float:
        """Seconds until a PIN may be tried again (0: now)."""
        _failures, until = self._load_lock()
        return max(0.0, min(until - self._now(), MAX_LOCK_S))

    def check(self, pin: str) -> Verdict:
        """Try ``pin``. Refused without looking while locked; a wrong one counts (and may lock)."""
        failures, _until = self._load_lock()
        wait = self.locked_for()
        if wait > 0:
            return Verdict(False, wait, failures, checked=False)
        if verify_pin(read_record(self.pin_path), pin):
            if failures:
                self._save_lock(0, 0.0)
            return Verdict(True)
        failures += 1
        lock = lock_seconds(failures)
        self._save_lock(failures, self._now() + lock if lock else 0.0)
        return Verdict(False, lock, failures)


def set_pin_command(path: Path | None, pin_stdin: bool, reader: Any = None) -> int:
    """``kiosk admin set-pin``: ask twice (or read one line with ``--pin-stdin``), check, write the
    record. ``reader(prompt)`` reads one answer (default: without echo on a terminal, else a line)."""
    import getpass
    import sys

    target = path or user_config_dir() / PIN_FILE

    def ask(prompt: str) -> str:
        if reader is not None:
            return str(reader(prompt))
        if sys.stdin.isatty():
            return getpass.getpass(prompt)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    try:
        pin = ask("new admin PIN (6–12 digits): ")
        if not pin_stdin and ask("the same PIN again: ") != pin:
            print("kiosk admin set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
            return 1
        record = hash_pin(pin)
    except EOFError:
        print("kiosk admin set-pin: no PIN given; nothing was changed", file=sys.stderr)
        return 2
    except PinError as error:
        print(f"kiosk admin set-pin: {error}; nothing was changed", file=sys.stderr)
        return 2
    try:
        write_private(target, record)
    except OSError as error:
        print(f"kiosk admin set-pin: cannot write {target}: {error}", file=sys.stderr)
        return 1
    print(f"admin PIN set in {target} (scrypt, mode 0600); the admin screen works from the next gesture")
    return 0
