"""Rotated JSON-lines files: whole lines, a cap with N files kept, torn lines skipped and never glued."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kiosk.records.jsonl import JsonlFile, encode, files_of, read_log


def _record(i: int) -> dict[str, object]:
    return {"n": i, "slide": "hafen-ü", "pad": "x" * (80 - len(str(i)))}  # every line the same length


def test_each_record_is_one_line_and_reads_back_in_order(tmp_path: Path) -> None:
    log = JsonlFile(tmp_path, "proof")
    for i in range(50):
        log.append(_record(i))
    log.close()
    lines = log.path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 51
    result = read_log(tmp_path, "proof")
    assert [r["n"] for r in result.records] == list(range(50)) and result.skipped == 0
    assert result.records[0]["slide"] == "hafen-ü"


def test_rotation_caps_each_file_and_keeps_only_the_newest(tmp_path: Path) -> None:
    size = len(encode(_record(0)))
    log = JsonlFile(tmp_path, "proof", max_bytes=size * 10, keep=3)
    for i in range(100):
        log.append(_record(i))
    log.close()
    files = files_of(tmp_path, "proof")
    assert [p.name for p in files] == ["proof.3.jsonl", "proof.2.jsonl", "proof.1.jsonl", "proof.jsonl"]
    assert all(p.stat().st_size <= size * 10 for p in files)
    numbers = [r["n"] for r in read_log(tmp_path, "proof").records]
    assert numbers == list(range(60, 100)), "the oldest files were not the ones removed, or order broke"
    assert not list(tmp_path.glob("proof.4.jsonl"))


def test_a_torn_last_line_is_skipped_and_the_next_record_is_whole(tmp_path: Path) -> None:
    log = JsonlFile(tmp_path, "proof")
    log.append(_record(1))
    log.close()
    with open(log.path, "ab") as f:  # a power cut in the middle of a line, and a block of zeros
        f.write(encode(_record(2))[:30])
    again = JsonlFile(tmp_path, "proof")
    again.append(_record(3))
    again.close()
    result = read_log(tmp_path, "proof")
    assert [r["n"] for r in result.records] == [1, 3]
    assert result.skipped == 1
    with open(log.path, "ab") as f:
        f.write(b"\x00" * 64)
    result = read_log(tmp_path, "proof")
    assert [r["n"] for r in result.records] == [1, 3] and result.skipped == 1  # zeros are no line


def test_foreign_lines_do_not_stop_the_reader(tmp_path: Path) -> None:
    (tmp_path / "proof.jsonl").write_bytes(b'[1,2]\n{"n": 1}\nnot json\n\xff\xfe\n{"n": 2}\n')
    result = read_log(tmp_path, "proof")
    assert [r["n"] for r in result.records] == [1, 2] and result.skipped == 3


def test_fsync_at_most_every_interval(tmp_path: Path, monkeypatch: object) -> None:
    now = [0.0]
    synced: list[float] = []
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        synced.append(now[0])
        real_fsync(fd)

    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(os, "fsync", counting_fsync)
    log = JsonlFile(tmp_path, "proof", sync_every_s=30.0, monotonic=lambda: now[0])
    for second in range(0, 100, 5):  # a record every 5 s for 100 s
        now[0] = float(second)
        log.append(_record(second))
    assert synced == [30.0, 60.0, 90.0]
    now[0] = 97.0
    log.close()
    assert synced[-1] == 97.0, "close must flush what is not yet on the card"


def test_encode_never_puts_a_newline_inside_a_record() -> None:
    line = encode({"text": "zwei\nZeilen", "ok": True})
    assert line.count(b"\n") == 1 and json.loads(line)["text"] == "zwei\nZeilen"
