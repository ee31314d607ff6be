"""The records thread: everything queued is written by close(); a refusing disk is said once, and its
recovery once."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.records.jsonl import JsonlFile, read_log
from kiosk.records.writer import RecordWriter


def test_close_writes_every_queued_record(tmp_path: Path) -> None:
    writer = RecordWriter()
    target = JsonlFile(tmp_path, "proof", sync_every_s=3600)
    for i in range(500):
        writer.put(target, {"n": i})
    assert writer.close()
    assert [r["n"] for r in read_log(tmp_path, "proof").records] == list(range(500))
    writer.put(target, {"n": "late"})  # after close: dropped, never a thread that lives on
    assert len(read_log(tmp_path, "proof").records) == 500


def test_a_folder_that_cannot_be_written_is_reported_once_and_its_recovery_once(tmp_path: Path) -> None:
    blocker = tmp_path / "records"
    blocker.write_text("a file where the folder should be")
    said: list[tuple[str, bool]] = []
    writer = RecordWriter(on_problem=lambda message, failing: said.append((message, failing)))
    target = JsonlFile(blocker, "proof")
    for i in range(3):
        writer.put(target, {"n": i})
    deadline = time.monotonic() + 5
    while len(said) < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # the other two records fail too, silently
    blocker.unlink()  # the technician frees the place
    writer.put(target, {"n": 3})
    writer.close()
    assert [failing for _, failing in said] == [True, False], said
    assert "cannot be written" in said[0][0] and "written again" in said[1][0]
    assert read_log(blocker, "proof").records == [{"n": 3}]
