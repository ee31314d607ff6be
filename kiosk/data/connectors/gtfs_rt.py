"""GTFS-Realtime TripUpdates joined with a GTFS static excerpt → ``DepartureRecord``.

The feed is a ``FeedMessage`` as protobuf (``application/x-protobuf`` / ``application/octet-stream``) or
its JSON mapping (``application/json``), decoded with ``gtfs-realtime-bindings`` and
``google.protobuf.json_format``. The static excerpt (``source.static``, relative to the content folder:
``stops.txt``, ``routes.txt``, ``trips.txt``, ``stop_times.txt``, optionally ``calendar.txt``,
``calendar_dates.txt`` and ``agency.txt``) is read-only bundled data: it is parsed once per folder and
file modification times and kept in a small module-level LRU cache.

Connector options in ``source.params`` (not sent to the server): ``stops`` (comma-separated stop_ids; a
station's id includes its platforms; default: every stop of the excerpt) and ``horizon_min`` (how far
ahead departures are listed; default 240).

Service days: GTFS times are seconds after "noon minus 12 h" of the service day in the agency's time
zone (Europe/Berlin unless ``agency.txt`` names another), so ``25:10:00`` is 01:10 on the next calendar
day, and on the two DST change days the clock times before the change shift by an hour as the GTFS
reference defines. Yesterday's, today's and tomorrow's service days are considered. A service runs on a
day by ``calendar.txt`` (weekday and date range) with ``calendar_dates.txt`` exceptions (1 added,
2 removed); an excerpt without either file runs every service every day.

Real time: a trip update applies to the instance of its ``start_date`` (without one: the instance
nearest to now). Trip CANCELED/DELETED or stop SKIPPED → ``cancelled``. ``expected`` is the stop's
departure (else arrival) ``time``, else planned + ``delay``; a stop without its own update takes the
delay of the nearest earlier update (over SKIPPED stops, not past NO_DATA), else the trip's ``delay``;
otherwise ``expected`` stays ``None`` (no real-time information). The last stop of a trip is an arrival
and is not listed. Departures gone before ``now − 1 min`` are dropped; the list is sorted by expected
(else planned) time.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from google.protobuf import json_format
from google.transit import gtfs_realtime_pb2

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.errors import ConnectorError, ParseError
from kiosk.data.records import DepartureRecord

KIND = "gtfs-rt"
ACCEPT = (
    "application/x-protobuf",
    "application/octet-stream",
    "application/vnd.google.protobuf",
    "application/protobuf",
    "application/json",
)
OPTION_KEYS = frozenset({"stops", "horizon_min"})
DEFAULT_TIMEZONE = "Europe/Berlin"
DEFAULT_HORIZON = timedelta(minutes=240)
GONE_AFTER = timedelta(minutes=1)
EARLY_SLACK = timedelta(hours=1)
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

_TRIP = gtfs_realtime_pb2.TripDescriptor
_STOP_UPDATE = gtfs_realtime_pb2.TripUpdate.StopTimeUpdate
_TRIP_CANCELLED = frozenset({_TRIP.CANCELED, _TRIP.DELETED})
_GTFS_TIME = re.compile(r"\A\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*\Z")


# --- static excerpt -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stop:
    name: str
    parent: str = ""


@dataclass(frozen=True)
class Trip:
    route_id: str
    service_id: str
    headsign: str


@dataclass(frozen=True)
class StopTime:
    stop_id: str
    sequence: int
    arrival_s: int | None
    departure_s: int | None

    @property
    def leaves_s(self) -> int | None:
        return self.departure_s if self.departure_s is not None else self.arrival_s


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
    timezone = zone if zone and _zone(zone) is not None else DEFAULT_TIMEZONE

    stops = {
        row["stop_id"]: Stop(row.get("stop_name", "") or row["stop_id"], row.get("parent_station", ""))
        for row in _rows(files, "stops.txt", ("stop_id",))
    }
    lines = {
        row["route_id"]: row.get("route_short_name", "") or row.get("route_long_name", "") or row["route_id"]
        for row in _rows(files, "routes.txt", ("route_id",))
    }
    trips = {
        row["trip_id"]: Trip(row["route_id"], row["service_id"], row.get("trip_headsign", ""))
        for row in _rows(files, "trips.txt", ("route_id", "service_id", "trip_id"))
    }
    by_trip: dict[str, list[StopTime]] = {}
    for row in _rows(files, "stop_times.txt", ("trip_id", "stop_id", "stop_sequence")):
        sequence = _int(row["stop_sequence"])
        if sequence is None:
            raise ParseError(f"GTFS stop_times.txt: stop_sequence {row['stop_sequence']!r} is not a number")
        arrival, departure = _seconds(row.get("arrival_time", "")), _seconds(row.get("departure_time", ""))
        by_trip.setdefault(row["trip_id"], []).append(StopTime(row["stop_id"], sequence, arrival, departure))
    stop_times = {trip: tuple(sorted(times, key=lambda t: t.sequence)) for trip, times in by_trip.items()}
    at_stop: dict[str, list[tuple[str, int]]] = {}
    for trip_id, times in stop_times.items():
        for index, stop_time in enumerate(times):
            at_stop.setdefault(stop_time.stop_id, []).append((trip_id, index))

    periods: dict[str, ServicePeriod] = {}
    calendar_rows = _rows(files, "calendar.txt", ("service_id", "start_date", "end_date", *_WEEKDAYS))
    for row in calendar_rows:
        start, end = _date(row["start_date"]), _date(row["end_date"])
        if start is None or end is None:
            raise ParseError(f"GTFS calendar.txt: bad date range for service {row['service_id']!r}")
        periods[row["service_id"]] = ServicePeriod(
            tuple(row[d].strip() == "1" for d in _WEEKDAYS), start, end
        )
    added: dict[str, set[date]] = {}
    removed: dict[str, set[date]] = {}
    exceptions = _rows(files, "calendar_dates.txt", ("service_id", "date", "exception_type"))
    for row in exceptions:
        day = _date(row["date"])
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
    )


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


def _seconds(text: str) -> int | None:
    match = _GTFS_TIME.match(text)
    if not match:
        return None
    hours, minutes, seconds = (int(part) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%Y%m%d").date()
    except ValueError:
        return None


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def service_time(day: date, seconds: int, zone: ZoneInfo) -> datetime:
    """GTFS time of day → instant: seconds after noon − 12 h of the service day (in ``zone``)."""
    noon = datetime.combine(day, time(12), tzinfo=zone).astimezone(UTC)
    return (noon - timedelta(hours=12) + timedelta(seconds=seconds)).astimezone(zone)


# --- real time -------------------------------------------------------------------------------------


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[DepartureRecord]:
    if not source.static:
        raise ConnectorError("a gtfs-rt source needs 'static': the folder with the GTFS excerpt")
    static = load_static(ctx.content_dir / source.static)
    params = {k: v for k, v in source.params.items() if k not in OPTION_KEYS}
    response = http.get(source.url, params=params or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_trip_updates(
        response.body,
        response.headers.get("content-type", ""),
        static,
        stops_param(source.params.get("stops")),
        ctx.now,
        horizon_param(source.params.get("horizon_min")),
    )


def stops_param(value: str | None) -> frozenset[str] | None:
    stops = frozenset(part.strip() for part in (value or "").split(",") if part.strip())
    return stops or None


def horizon_param(value: str | None) -> timedelta:
    minutes = _int(value.strip()) if value else None
    return timedelta(minutes=minutes) if minutes is not None and 0 < minutes <= 48 * 60 else DEFAULT_HORIZON


def decode_feed(body: bytes, content_type: str = "") -> Any:
    """Protobuf or (for ``application/json``, or a body that starts with ``{``) its JSON mapping."""
    feed = gtfs_realtime_pb2.FeedMessage()
    as_json = content_type.split(";")[0].strip().lower().endswith("json") or (
        not content_type and body.lstrip()[:1] == b"{"
    )
    try:
        if as_json:
            json_format.Parse(body.decode("utf-8-sig"), feed, ignore_unknown_fields=True)
        else:
            feed.ParseFromString(body)
    except Exception as exc:  # DecodeError, json_format.ParseError, UnicodeDecodeError, RecursionError …
        raise ParseError(f"not a GTFS-RT FeedMessage: {type(exc).__name__}") from None
    return feed


def parse_trip_updates(
    body: bytes,
    content_type: str,
    static: StaticFeed,
    stops: frozenset[str] | None,
    now: datetime,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[DepartureRecord]:
    return departures(static, decode_feed(body, content_type), stops, now, horizon)


def departures(
    static: StaticFeed,
    feed: Any,
    stops: frozenset[str] | None,
    now: datetime,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[DepartureRecord]:
    zone = _zone(static.timezone) or ZoneInfo(DEFAULT_TIMEZONE)
    today = now.astimezone(zone).date()
    days = (today - timedelta(days=1), today, today + timedelta(days=1))
    cutoff, until = now - GONE_AFTER, now + horizon
    updates = _updates_by_trip(feed)
    wanted = _expand(static, stops)
    nearest_day: dict[str, date | None] = {}
    records: list[DepartureRecord] = []
    for stop_id in sorted(wanted):
        for trip_id, index in static.at_stop.get(stop_id, ()):
            trip = static.trips.get(trip_id)
            times = static.stop_times[trip_id]
            leaves = times[index].leaves_s
            if trip is None or leaves is None or index == len(times) - 1:
                continue  # unknown trip, no time at this stop, or the terminus (arrival only)
            for day in days:
                if not static.runs(trip.service_id, day):
                    continue
                planned = service_time(day, leaves, zone)
                if planned - EARLY_SLACK > until:
                    continue  # cannot come into the horizon even if running early
                update = _update_for(
                    updates.get(trip_id, ()), day, trip_id, static, days, now, zone, nearest_day
                )
                expected, cancelled = _realtime(update, times, index, day, zone)
                shown = planned if cancelled or expected is None else expected
                if shown < cutoff or shown > until:
                    continue
                records.append(
                    DepartureRecord(
                        line=static.lines.get(trip.route_id, trip.route_id),
                        destination=trip.headsign or _stop_name(static, times[-1].stop_id),
                        stop=_stop_name(static, stop_id),
                        planned=planned,
                        expected=None if cancelled else expected,
                        cancelled=cancelled,
                        trip_id=trip_id,
                    )
                )
    records.sort(key=lambda r: (r.expected or r.planned, r.line, r.destination, r.stop))
    return records


def _expand(static: StaticFeed, stops: frozenset[str] | None) -> set[str]:
    if stops is None:
        return set(static.at_stop)
    children = {stop_id for stop_id, stop in static.stops.items() if stop.parent in stops}
    return set(stops) | children


def _stop_name(static: StaticFeed, stop_id: str) -> str:
    stop = static.stops.get(stop_id)
    return stop.name if stop else stop_id


def _updates_by_trip(feed: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for entity in feed.entity:
        if entity.HasField("trip_update") and not entity.is_deleted:
            update = entity.trip_update
            trip_id = _pb_text(update.trip.trip_id)
            if trip_id:
                out.setdefault(trip_id, []).append(update)
    return out


def _update_for(
    candidates: Iterable[Any],
    day: date,
    trip_id: str,
    static: StaticFeed,
    days: tuple[date, ...],
    now: datetime,
    zone: ZoneInfo,
    nearest_day: dict[str, date | None],
) -> Any:
    undated = None
    for update in candidates:
        start_date = _pb_text(update.trip.start_date)
        if not start_date:
            undated = update
        elif _date(start_date) == day:
            return update
    if undated is None:
        return None
    if trip_id not in nearest_day:
        nearest_day[trip_id] = _nearest_instance(static, trip_id, days, now, zone)
    return undated if nearest_day[trip_id] == day else None


def _nearest_instance(
    static: StaticFeed, trip_id: str, days: tuple[date, ...], now: datetime, zone: ZoneInfo
) -> date | None:
    trip = static.trips[trip_id]
    first = next((t.leaves_s for t in static.stop_times[trip_id] if t.leaves_s is not None), None)
    running = [day for day in days if static.runs(trip.service_id, day)]
    if first is None or not running:
        return None
    return min(running, key=lambda day: abs((service_time(day, first, zone) - now).total_seconds()))


def _realtime(
    update: Any, times: tuple[StopTime, ...], index: int, day: date, zone: ZoneInfo
) -> tuple[datetime | None, bool]:
    """(expected departure, cancelled) for the stop ``times[index]`` of one trip instance."""
    if update is None:
        return None, False
    if update.trip.schedule_relationship in _TRIP_CANCELLED:
        return None, True
    target = times[index]
    by_sequence: list[tuple[int, Any]] = []
    for stop_update in update.stop_time_update:
        sequence = _sequence_of(stop_update, times)
        if sequence is not None and sequence <= target.sequence:
            by_sequence.append((sequence, stop_update))
    by_sequence.sort(key=lambda pair: pair[0], reverse=True)
    for sequence, stop_update in by_sequence:
        relationship = stop_update.schedule_relationship
        if relationship == _STOP_UPDATE.NO_DATA:
            return None, False
        if sequence == target.sequence:
            if relationship == _STOP_UPDATE.SKIPPED:
                return None, True
            planned = _planned(target, day, zone)
            exact = _event_time(stop_update, planned)
            if exact is not None:
                return exact.astimezone(zone), False
        if relationship == _STOP_UPDATE.SKIPPED:
            continue  # a delay propagates over a skipped stop
        earlier = next((t for t in times if t.sequence == sequence), None)
        delay = _event_delay(stop_update, _planned(earlier, day, zone) if earlier else None)
        if delay is not None:
            return _shift(_planned(target, day, zone), delay), False
    if update.HasField("delay"):
        return _shift(_planned(target, day, zone), update.delay), False
    return None, False


def _sequence_of(stop_update: Any, times: tuple[StopTime, ...]) -> int | None:
    if stop_update.HasField("stop_sequence"):
        sequence: int = stop_update.stop_sequence
        return sequence
    stop_id = _pb_text(stop_update.stop_id)
    if stop_id:
        return next((t.sequence for t in times if t.stop_id == stop_id), None)
    return None


def _pb_text(value: object) -> str:
    """A protobuf string field: the upb runtime hands out ``bytes`` when the wire data is not UTF-8."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ""


def _planned(stop_time: StopTime, day: date, zone: ZoneInfo) -> datetime | None:
    leaves = stop_time.leaves_s
    return None if leaves is None else service_time(day, leaves, zone)


def _events(stop_update: Any) -> list[Any]:
    return [getattr(stop_update, name) for name in ("departure", "arrival") if stop_update.HasField(name)]


def _event_time(stop_update: Any, planned: datetime | None) -> datetime | None:
    for event in _events(stop_update):
        if event.HasField("time") and event.time > 0:
            try:
                return datetime.fromtimestamp(event.time, UTC)
            except (ValueError, OverflowError, OSError):
                continue
        if event.HasField("delay") and planned is not None:
            return _shift(planned, event.delay)
    return None


def _event_delay(stop_update: Any, planned: datetime | None) -> int | None:
    for event in _events(stop_update):
        if event.HasField("delay"):
            delay: int = event.delay
            return delay
        if event.HasField("time") and event.time > 0 and planned is not None:
            try:
                return round((datetime.fromtimestamp(event.time, UTC) - planned).total_seconds())
            except (ValueError, OverflowError, OSError):
                continue
    return None


def _shift(planned: datetime | None, delay_s: int) -> datetime | None:
    if planned is None:
        return None
    try:
        return planned + timedelta(seconds=delay_s)
    except OverflowError:
        return None
