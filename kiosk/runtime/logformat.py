"""How ``kiosk run`` writes its log to stdout: for a person, for journald, or for machines.

- Under journald (``$JOURNAL_STREAM`` names the stream stdout really is, as systemd documents) a line
  has no time stamp: the journal adds its own, and two clocks in one line only confuse. It starts with
  the syslog priority (``<3>`` for an error), which journald takes as the entry's priority
  (``SyslogLevelPrefix=``, on by default), so ``journalctl -p err`` finds the kiosk's errors.
- ``kiosk run --log-json``: one JSON object per line with ``time`` (ISO, with offset), ``level``,
  ``logger``, ``message``, any structured fields given as ``extra={"fields": {...}}``, and the traceback
  as ``exception``.
- Otherwise (a terminal, a test's pipe): time, level, logger, message.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TextIO

PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL = "<%(priority)d>%(levelname)s %(name)s: %(message)s"
PRIORITY = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4, logging.INFO: 6, logging.DEBUG: 7}


def under_journald(stream: TextIO, env: Mapping[str, str]) -> bool:
    """True when ``stream`` is the journal stream systemd connected (``$JOURNAL_STREAM`` = device:inode)."""
    value = env.get("JOURNAL_STREAM", "")
    device, _, inode = value.partition(":")
    if not (device.isdigit() and inode.isdigit()):
        return False
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return status.st_dev == int(device) and status.st_ino == int(inode)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, Mapping):
            entry.update({str(k): v for k, v in fields.items() if k not in entry})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class JournalFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(JOURNAL)

    def format(self, record: logging.LogRecord) -> str:
        record.priority = PRIORITY.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)
        return super().format(record)


def formatter(log_json: bool, stream: TextIO, env: Mapping[str, str]) -> logging.Formatter:
    if log_json:
        return JsonFormatter()
    return JournalFormatter() if under_journald(stream, env) else logging.Formatter(PLAIN)


def configure(log_json: bool = False, stream: TextIO | None = None) -> None:
    """The root logger writes to stdout in the form chosen; a logger set up before (pytest) is kept."""
    root = logging.getLogger()
    if root.handlers:
        return
    out = stream or sys.stdout
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter(log_json, out, os.environ))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
