"""``kiosk proof-of-play`` and ``kiosk statistics``: read the records a device left, torn lines skipped.

Output: one JSON object per line (for the city's reporting tools), or with ``--table`` a short table for a
technician. A line that is not a record (torn by a power cut) is counted and said on stderr, never fatal.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.records.jsonl import read_log
from kiosk.records.place import PROOF, STATISTICS, records_dir
from kiosk.records.proof import parse_time, select
from kiosk.records.stats import merge


def _since(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.astimezone()  # a wall-clock time on this machine
    return value


def add_commands(sub: Any) -> None:
    """Register both commands on the ``kiosk`` parser's sub-parsers."""
    for name, help_text, func in (
        (PROOF, "print proof-of-play records (one per showing of a slide)", _cmd_proof),
        (
            STATISTICS,
            "print hourly page statistics of a touch terminal (added up per hour and page)",
            _cmd_stats,
        ),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--since", type=_since, metavar="ISO", help="only records from this instant on")
        p.add_argument(
            "--device", help="only this device's records" if func is _cmd_proof else argparse.SUPPRESS
        )
        p.add_argument(
            "--data-dir",
            type=Path,
            metavar="DIR",
            help="the --data-dir the kiosk ran with (default: the state folder's records)",
        )
        p.add_argument("--table", action="store_true", help="a table for people instead of JSON lines")
        p.set_defaults(func=func)


def _read(args: argparse.Namespace, name: str) -> list[dict[str, Any]]:
    folder = records_dir(args.data_dir)
    result = read_log(folder, name)
    if result.skipped:
        print(
            f"{result.skipped} line(s) in {folder} were not records (torn by a power cut?); skipped",
            file=sys.stderr,
        )
    return result.records


def _cmd_proof(args: argparse.Namespace) -> int:
    records = select(_read(args, PROOF), args.since, args.device)
    for r in records:
        if args.table:
            where = f"{r.get('device')}  {r.get('zone')}  {r.get('playlist')}  {r.get('slide')}"
            print(f"{r['start']}  {r['end']}  {where}")
        else:
            print(json.dumps(r, ensure_ascii=False))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    records = merge(_read(args, STATISTICS))
    if args.since is not None:
        records = [
            r
            for r in records
            if (h := parse_time(r["hour"])) is not None
            and h >= args.since.replace(minute=0, second=0, microsecond=0)
        ]
    for r in records:
        if args.table:
            langs = " ".join(f"{k}:{v}" for k, v in r["language"].items())
            counts = f"views {r['views']:>4}  sessions {r['sessions']:>3}  speech {r['speech_sessions']:>3}"
            print(f"{r['hour']}  {r['page']:<20} {counts}  {langs}")
        else:
            print(json.dumps(r, ensure_ascii=False))
    return 0
