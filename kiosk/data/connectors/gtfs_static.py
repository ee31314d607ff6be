"""The GTFS static excerpt a GTFS-RT feed is joined with: parsing, a small cache, service days.

The excerpt (``stops.txt``, ``routes.txt``, ``trips.txt``, ``stop_times.txt``, optionally
``calendar.txt``, ``calendar_dates.txt`` and ``agency.txt``) is read-only bundled data: it is parsed once
per folder and file modification times and kept in a small module-level LRU cache.

Service days: GTFS times are seconds after "noon minus 12 h" of the service day in the agency's time
zone (Europe/Berlin unless ``agency.txt`` names another), so ``25:10:00`` is 01:10 on the next calendar
day, and on the two DST change days the clock times before the change shift by an hour as the GTFS
reference defines. A service runs on a day by ``calendar.txt`` (weekday and date range) with
``calendar_dates.txt`` exceptions (1 added, 2 removed); an excerpt without either file runs every
service every day.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.data.errors import ConnectorError, ParseError

DEFAULT_TIMEZONE = "Europe/Berlin"
STATIC_FILES = (
    "agency.txt",
    "stops.txt",
    "routes.txt",
    "trips.txt",
    "stop_times.txt",
    "calendar.txt",
    "calendar_dates.txt",
)
REQUIRED_FILES = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
_GTFS_TIME = re.compile(r"\A\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*\Z")


@dataclass(frozen=True)
class Stop:
    name: str
    parent: str = ""
    platform: str = ""  # platform_code ("1", "3a"), when the excerpt gives one


@dataclass(frozen=True)
class Trip:
    route_id: str
    service_id: str
    headsign: str
    direction: str = ""  # direction_id as written ("0", "1" or empty)


@dataclass(frozen=True)
class StopTime:
    stop_id: str
    sequence: int
    arrival_s: int | None
    departure_s: int | None

    @property
    def leaves_s(self) -> int | None:
        return self.departure_s if self.departure_s is not None else self.arrival_s

    @property
    def arrives_s(self) -> int | None:
        return self.arrival_s if self.arrival_s is not None else self.departure_s


@dataclass(frozen=True)
class ServicePeriod:
    weekdays: tuple[bool, ...]  # Monday first
    start: date
    end: date


@dataclass(frozen=True)
class StaticFeed:
    timezone: str
    stops: Mapping[str, Stop]
    lines: Mapping[str, str]  # route_id → short name (else long name, else id)
    trips: Mapping[str, Trip]
    stop_times: Mapping[str, tuple[StopTime, ...]]  # by trip_id, in stop_sequence order
    at_stop: Mapping[str, tuple[tuple[str, int], ...]]  # stop_id → (trip_id, index in its stop_times)
    periods: Mapping[str, ServicePeriod]
    added: Mapping[str, frozenset[date]]
    removed: Mapping[str, frozenset[date]]
    has_calendar: bool
    #: route_id → (route_color, route_text_color) as "#rrggbb" ("" where the excerpt gives none)
    colors: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone) or ZoneInfo(DEFAULT_TIMEZONE)

    def line(self, route_id: str) -> str:
        """What a rider reads as the line: the short name, else the long name, else the id itself."""
        return self.lines.get(route_id, route_id)

    def stop_name(self, stop_id: str) -> str:
        stop = self.stops.get(stop_id)
        return stop.name if stop else stop_id

    def runs(self, service_id: str, day: date) -> bool:
        if day in self.removed.get(service_id, frozenset()):
            return False
        if day in self.added.get(service_id, frozenset()):
            return True
        period = self.periods.get(service_id)
        if period is not None:
            return period.start <= day <= period.end and period.weekdays[day.weekday()]
        return not self.has_calendar


def load_static(folder: Path) -> StaticFeed:
    """The parsed excerpt in ``folder``, from the cache while no file's mtime or size changed."""
    stamp: list[tuple[str, int, int]] = []
    for name in STATIC_FILES:
        try:
            info = (folder / name).stat()
        except FileNotFoundError:
            if name in REQUIRED_FILES:
                raise ConnectorError(f"GTFS static excerpt: {name} missing in {folder}") from None
            continue
        except OSError as exc:
            raise ConnectorError(f"GTFS static excerpt: cannot read {name}: {exc.strerror}") from None
        stamp.append((name, info.st_mtime_ns, info.st_size))
    return _load_cached(str(folder.resolve()), tuple(stamp))


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str, stamp: tuple[tuple[str, int, int], ...]) -> StaticFeed:
    try:
        files = {name: (Path(folder) / name).read_bytes() for name, _, _ in stamp}
    except OSError as exc:
        raise ConnectorError(f"GTFS static excerpt: cannot read {folder}: {exc.strerror}") from None
    return parse_static(files)


def parse_static(files: Mapping[str, bytes]) -> StaticFeed:
    """File name → content (CSV, UTF-8 with or without BOM) → the excerpt's indexes."""
    for name in REQUIRED_FILES:
        if name not in files:
            raise ParseError(f"GTFS static excerpt: {name} missing")
    agency = _rows(files, "agency.txt", ())
    zone = next((row.get("agency_timezone", "") for row in agency if row.get("agency_timezone")), "")
    timezone = zone if zone and zone_named(zone) is not None else DEFAULT_TIMEZONE

    stops = {
        row["stop_id"]: Stop(
            row.get("stop_name", "") or row["stop_id"],
            row.get("parent_station", ""),
            row.get("platform_code", "").strip()[:8],
        )
        for row in _rows(files, "stops.txt", ("stop_id",))
    }
    routes = _rows(files, "routes.txt", ("route_id",))
    lines = {
        row["route_id"]: row.get("route_short_name", "") or row.get("route_long_name", "") or row["route_id"]
        for row in routes
    }
    colors = {
        row["route_id"]: (_color(row.get("route_color")), _color(row.get("route_text_color")))
        for row in routes
    }
    trips = {
        row["trip_id"]: Trip(
            row["route_id"], row["service_id"], row.get("trip_headsign", ""), row.get("direction_id", "")
        )
        for row in _rows(files, "trips.txt", ("route_id", "service_id", "trip_id"))
    }
    by_trip: dict[str, list[StopTime]] = {}
    for row in _rows(files, "stop_times.txt", ("trip_id", "stop_id", "stop_sequence")):
        sequence = to_int(row["stop_sequence"])
        if sequence is None:
            raise ParseError(f"GTFS stop_times.txt: stop_sequence {row['stop_sequence']!r} is not a number")
        arrival, departure = (
            gtfs_seconds(row.get("arrival_time", "")),
            gtfs_seconds(row.get("departure_time", "")),
        )
        by_trip.setdefault(row["trip_id"], []).append(StopTime(row["stop_id"], sequence, arrival, departure))
    stop_times = {trip: tuple(sorted(times, key=lambda t: t.sequence)) for trip, times in by_trip.items()}
    at_stop: dict[str, list[tuple[str, int]]] = {}
    for trip_id, times in stop_times.items():
        for index, stop_time in enumerate(times):
            at_stop.setdefault(stop_time.stop_id, []).append((trip_id, index))

    periods: dict[str, ServicePeriod] = {}
    calendar_rows = _rows(files, "calendar.txt", ("service_id", "start_date", "end_date", *_WEEKDAYS))
    for row in calendar_rows:
        start, end = gtfs_date(row["start_date"]), gtfs_date(row["end_date"])
        if start is None or end is None:
            raise ParseError(f"GTFS calendar.txt: bad date range for service {row['service_id']!r}")
        periods[row["service_id"]] = ServicePeriod(
            tuple(row[d].strip() == "1" for d in _WEEKDAYS), start, end
        )
    added: dict[str, set[date]] = {}
    removed: dict[str, set[date]] = {}
    exceptions = _rows(files, "calendar_dates.txt", ("service_id", "date", "exception_type"))
    for row in exceptions:
        day = gtfs_date(row["date"])
        kind = row["exception_type"].strip()
        if day is None or kind not in ("1", "2"):
            raise ParseError(f"GTFS calendar_dates.txt: bad row for service {row['service_id']!r}")
        (added if kind == "1" else removed).setdefault(row["service_id"], set()).add(day)
    return StaticFeed(
        timezone=timezone,
        stops=stops,
        lines=lines,
        trips=trips,
        stop_times=stop_times,
        at_stop={stop: tuple(entries) for stop, entries in at_stop.items()},
        periods=periods,
        added={k: frozenset(v) for k, v in added.items()},
        removed={k: frozenset(v) for k, v in removed.items()},
        has_calendar="calendar.txt" in files or "calendar_dates.txt" in files,
        colors={route: pair for route, pair in colors.items() if pair[0]},
    )


_HEX6 = re.compile(r"\A[0-9a-fA-F]{6}\Z")


def _color(value: str | None) -> str:
    """A GTFS colour ("E30613", six hex digits without "#") as "#e30613"; anything else as ""."""
    text = (value or "").strip().lstrip("#")
    return f"#{text.lower()}" if _HEX6.match(text) else ""


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _rows(files: Mapping[str, bytes], name: str, required: Iterable[str]) -> list[dict[str, str]]:
    content = files.get(name)
    if content is None:
        return []
    try:
        reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        header = [field.strip() for field in (reader.fieldnames or [])]
        missing = [column for column in required if column not in header]
        if missing:
            raise ParseError(f"GTFS {name}: column {missing[0]} missing")
        reader.fieldnames = header
        rows = [
            {key: (value or "").strip() for key, value in row.items() if isinstance(key, str)}
            for row in reader
        ]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ParseError(f"GTFS {name}: not CSV in UTF-8 ({type(exc).__name__})") from None
    return [row for row in rows if all(row.get(column) for column in required)]


def gtfs_seconds(text: str) -> int | None:
    match = _GTFS_TIME.match(text)
    if not match:
        return None
    hours, minutes, seconds = (int(part) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def gtfs_date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%Y%m%d").date()
    except ValueError:
        return None


def to_int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def zone_named(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def service_time(day: date, seconds: int, zone: ZoneInfo) -> datetime:
    """GTFS time of day → instant: seconds after noon − 12 h of the service day (in ``zone``)."""
    noon = datetime.combine(day, time(12), tzinfo=zone).astimezone(UTC)
    return (noon - timedelta(hours=12) + timedelta(seconds=seconds)).astimezone(zone)
