"""``kiosk schedule``: a device's timeline as a table (and a chart), without Qt."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.issues import errors
from kiosk.config.loader import load_content
from kiosk.config.suggest import did_you_mean
from kiosk.paths import output_problem
from kiosk.schedule.clock import Clock, SystemClock
from kiosk.schedule.report import format_zone
from kiosk.schedule.timeline import open_periods, timeline


@dataclass(frozen=True)
class ScheduleRequest:
    """What ``kiosk schedule`` was asked for (strings as typed; naive times mean device-local time)."""

    root: Path
    device: str
    start: str | None = None
    end: str | None = None
    png: Path | None = None
    zone: str | None = None
    summary: bool = False


class UsageError(Exception):
    """A wrong argument: message for the user, exit code 2."""


def parse_instant(text: str, tz: ZoneInfo) -> datetime:
    """An ISO date-time; without a zone it is wall-clock time of the device (a non-existent DST time
    moves forward, like every wall-clock rule)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date-time: write e.g. 2026-08-07T08:00") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz).astimezone(UTC)
    return value.astimezone(tz)


class WriteError(Exception):
    """The chart could not be written (disk full, permissions): message for the user, exit code 1."""


def run(request: ScheduleRequest, clock: Clock | None = None) -> int:
    """Print the timeline of ``request.device``; returns the exit code (2 for a usage error, 1 when the
    chart cannot be written)."""
    try:
        return _run(request, clock or SystemClock())
    except UsageError as exc:
        print(f"kiosk schedule: {exc}", file=sys.stderr)
        return 2
    except WriteError as exc:
        print(f"kiosk schedule: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # ``kiosk schedule … | head``: the reader has had enough. Point stdout at /dev/null so the
        # interpreter's final flush does not complain, and end normally.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(request: ScheduleRequest, clock: Clock) -> int:
    if not request.root.exists():
        raise UsageError(f"{request.root} does not exist")
    if request.png is not None and (problem := output_problem(request.png)):
        raise UsageError(f"cannot write --png {request.png}: {problem}")  # before the table is printed
    result = load_content(request.root)
    content = result.content
    entry = content.devices.get(request.device)
    if entry is None:
        hint = did_you_mean(request.device, content.devices) or "no devices in device-config/"
        raise UsageError(f"no device '{request.device}'; {hint}")
    if errors(result.issues):
        print(
            f"kiosk schedule: {len(errors(result.issues))} error(s) in the content; files with errors are "
            "left out (run 'kiosk validate')",
            file=sys.stderr,
        )
    tz = ZoneInfo(entry.model.timezone)
    start = parse_instant(request.start, tz) if request.start else clock.now().astimezone(tz)
    # Real time (UTC): two datetimes sharing a tzinfo compare and subtract by their wall clock.
    default_end = (start.astimezone(UTC) + timedelta(hours=24)).astimezone(tz)
    end = parse_instant(request.end, tz) if request.end else default_end
    length = end.astimezone(UTC) - start.astimezone(UTC)
    if length <= timedelta(0):
        raise UsageError("--to must be after --from")
    if length > timedelta(days=31):
        raise UsageError("at most 31 days at a time")
    lanes = timeline(content, request.device, start, end)
    if request.zone is not None:
        if request.zone not in lanes:
            raise UsageError(
                f"device '{request.device}' has no zone '{request.zone}'; {did_you_mean(request.zone, lanes)}"
            )
        lanes = {request.zone: lanes[request.zone]}
    range_text = f"{start:%a %Y-%m-%d %H:%M} – {end:%a %Y-%m-%d %H:%M} ({entry.model.timezone})"
    print(f"{entry.model.name} ({request.device}): {range_text}")
    opening = open_periods(content, request.device, start, end)
    if opening is not None:
        hours = ", ".join(f"{s:%a %H:%M}–{e:%a %H:%M}" for s, e, is_open in opening if is_open)
        print(f"opening hours: {hours or 'closed all the time'}")
    for zone, segments in lanes.items():
        print()
        for line in format_zone(zone, segments, summary=request.summary):
            print(line)
    if request.png is not None:
        from kiosk.schedule.chart import ChartInput, save  # Pillow only when a picture is wanted

        names = {name: p.model.name for name, p in content.playlists.items()}
        chart = ChartInput(
            entry.model.name, f"{request.device} · {range_text}", start, end, lanes, opening, names
        )
        try:
            save(chart, request.png)
        except OSError as exc:
            raise WriteError(f"could not write {request.png}: {exc.strerror or exc}") from None
        print(f"\nwrote {request.png}")
    return 0
