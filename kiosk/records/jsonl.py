"""Append-only JSON-lines files with a size cap, written so that a crash or a power cut never breaks them.

Every record is one ``write()`` of one whole line on a descriptor opened with ``O_APPEND``: the kernel puts
it at the end in one piece, so a SIGKILL (which takes effect when the system call returns) never leaves
half a line. A power cut may: the last line then lacks its end or holds zeros from a block the file system
had not filled. Readers skip any line that is not one JSON object (``read_lines``), and a writer that finds
the file not ending in a newline ends it first, so the torn piece stays a line of its own and the next
record is whole.

fsync: an SD card wears with every flush, and proof of play writes a line a few times a minute at most.
``sync_every`` flushes at most that often (and at close and at every rotation); between flushes the kernel
writes back within its own ~30 s anyway. What a power cut can cost is the records of the last
``sync_every`` (default 30 s). ``bench/bench_records.py`` measures write and fsync times.

Rotation: before a line would take the file past ``max_bytes``, ``name.jsonl`` becomes ``name.1.jsonl``
(the older ones move up, the one past ``keep`` is removed) and a new file starts. Readers read the
numbered files first, highest number first, so records come out oldest first.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def encode(record: dict[str, Any]) -> bytes:
    """One record as one line: compact JSON, non-ASCII kept, newline-terminated (no newline inside)."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class JsonlFile:
    """One rotated JSON-lines log ``folder/name.jsonl``. Not thread-safe: one writer thread owns it."""

    folder: Path
    name: str
    max_bytes: int = 5_000_000
    keep: int = 5  # rotated files kept besides the current one
    sync_every_s: float = 30.0
    monotonic: Callable[[], float] = time.monotonic
    _fd: int | None = field(default=None, init=False, repr=False)
    _size: int = field(default=0, init=False)
    _dirty: bool = field(default=False, init=False)
    _synced_at: float = field(default=0.0, init=False)

    @property
    def path(self) -> Path:
        return self.folder / f"{self.name}.jsonl"

    def rotated(self, number: int) -> Path:
        return self.folder / f"{self.name}.{number}.jsonl"

    def append(self, record: dict[str, Any]) -> None:
        """Write one record as one line (raises ``OSError`` when the disk refuses it)."""
        line = encode(record)
        fd = self._open()
        if self._size and self._size + len(line) > self.max_bytes:
            self._rotate()
            fd = self._open()
        written = os.write(fd, line)
        self._size += written
        if written != len(line):  # a full disk writes part of it: end that piece, say so
            self._end_torn_line(fd)
            raise OSError(f"only {written} of {len(line)} bytes written to {self.path}")
        self._dirty = True
        if self.monotonic() - self._synced_at >= self.sync_every_s:
            self.sync()

    def sync(self) -> None:
        if self._fd is not None and self._dirty:
            os.fsync(self._fd)
            self._dirty = False
        self._synced_at = self.monotonic()

    def close(self) -> None:
        if self._fd is not None:
            try:
                self.sync()
            finally:
                os.close(self._fd)
                self._fd = None

    def _open(self) -> int:
        if self._fd is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self._fd = fd
            self._size = os.fstat(fd).st_size
            self._synced_at = self.monotonic()
            self._end_torn_line(fd)
        return self._fd

    def _end_torn_line(self, fd: int) -> None:
        """After a power cut the file may end mid-line: end it, so the next record is a line of its own."""
        size = os.fstat(fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as reader:
            reader.seek(size - 1)
            last = reader.read(1)
        if last != b"\n":
            self._size += os.write(fd, b"\n")

    def _rotate(self) -> None:
        self.close()
        self.rotated(self.keep + 1).unlink(missing_ok=True)
        for number in range(self.keep, 0, -1):
            older = self.rotated(number)
            if older.exists():
                if number >= self.keep:
                    older.unlink()
                else:
                    older.replace(self.rotated(number + 1))
        if self.keep > 0:
            self.path.replace(self.rotated(1))
        else:
            self.path.unlink()
        _sync_folder(self.folder)  # the renames survive a power cut too


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse a folder fsync; the renames are still in order
    finally:
        os.close(fd)


@dataclass
class ReadResult:
    records: list[dict[str, Any]]
    skipped: int  # lines that were not one JSON object (a torn last line after a power cut)


def files_of(folder: Path, name: str) -> list[Path]:
    """The log's files, oldest first: ``name.N.jsonl`` … ``name.1.jsonl``, then ``name.jsonl``."""
    numbered = []
    for path in folder.glob(f"{name}.*.jsonl"):
        middle = path.name[len(name) + 1 : -len(".jsonl")]
        if middle.isdigit():
            numbered.append((int(middle), path))
    current = folder / f"{name}.jsonl"
    return [p for _, p in sorted(numbered, reverse=True)] + ([current] if current.exists() else [])


def read_lines(paths: list[Path]) -> Iterator[dict[str, Any] | None]:
    """Each line of ``paths`` as a JSON object, or None for a line that is not one (torn, zeros)."""
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue  # rotated away between listing and reading
        for raw in data.split(b"\n"):
            if not raw.strip(b"\x00 \r\t"):
                continue
            try:
                value = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                yield None
                continue
            yield value if isinstance(value, dict) else None


def read_log(folder: Path, name: str) -> ReadResult:
    records: list[dict[str, Any]] = []
    skipped = 0
    for value in read_lines(files_of(folder, name)):
        if value is None:
            skipped += 1
        else:
            records.append(value)
    return ReadResult(records, skipped)
