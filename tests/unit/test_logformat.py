"""The log's three forms: plain with times, without times under journald, one JSON object per line."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from pathlib import Path

from kiosk.runtime.logformat import JOURNAL, PLAIN, JsonFormatter, formatter, under_journald


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "kiosk.runtime.screen_power", logging.INFO, __file__, 1, "screen %s", ("off",), None
    )
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_journald_is_recognised_only_for_the_stream_it_names(tmp_path: Path) -> None:
    with open(tmp_path / "out", "w") as stream:
        status = os.fstat(stream.fileno())
        named = {"JOURNAL_STREAM": f"{status.st_dev}:{status.st_ino}"}
        assert under_journald(stream, named)
        journal = formatter(False, stream, named)
        assert journal._fmt == JOURNAL
        assert journal.format(_record()) == "<6>INFO kiosk.runtime.screen_power: screen off"
        error = _record()
        error.levelno, error.levelname = logging.ERROR, "ERROR"
        assert journal.format(error).startswith("<3>ERROR "), "journalctl -p err must find errors"
        assert not under_journald(stream, {"JOURNAL_STREAM": f"{status.st_dev}:{status.st_ino + 1}"})
        assert not under_journald(stream, {"JOURNAL_STREAM": "garbage"})
        assert formatter(False, stream, {})._fmt == PLAIN  # a terminal or a pipe: with times
    assert not under_journald(io.StringIO(), named)  # no descriptor at all


def test_json_lines_carry_time_level_logger_message_and_fields() -> None:
    line = JsonFormatter().format(_record(fields={"screen": "off", "reason": "closed"}))
    entry = json.loads(line)
    assert entry["level"] == "INFO" and entry["logger"] == "kiosk.runtime.screen_power"
    assert entry["message"] == "screen off" and entry["screen"] == "off" and entry["reason"] == "closed"
    assert entry["time"][10] == "T" and entry["time"][-6] in "+-", "ISO time with its offset"
    assert "\n" not in line


def test_json_lines_keep_a_traceback_in_one_line() -> None:
    try:
        raise ValueError("kaputt")
    except ValueError:
        record = _record()
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line and "ValueError: kaputt" in json.loads(line)["exception"]
