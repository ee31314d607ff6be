"""GTFS-RT trip updates joined with the static excerpt → the departures at some stops.

Which trips are listed:

- every static trip instance at the stops (yesterday's, today's and tomorrow's service days), with the
  real time of its update (``gtfs_rt_predict``). An update applies to the instance of its
  ``start_date``, without one to the instance nearest to now. CANCELED → listed as cancelled (no
  time); DELETED → not listed (the reference: "must not be shown to users", e.g. replaced by other
  trips); a SKIPPED stop → listed as ``skipped``, the trip itself runs;
- DUPLICATED trips: a copy of the static trip moved to ``trip_properties.start_date``/``start_time``
  (planned times shifted by the offset to the original first departure, ``delay`` relative to the
  shifted plan, ``time`` as given), marked ``added``. The older form (ADDED with the static trip_id and
  a ``start_time``) is read the same way;
- trips the excerpt does not know (NEW, ADDED, and on-schedule updates with an unknown trip_id on a
  known route, e.g. after a timetable change): from their absolute stop times at stops given by
  ``stop_id``; the line from ``route_id``, the destination from ``trip_properties.trip_headsign``, else
  the stop of the last update. NEW/ADDED are marked ``added``; a stop event without ``time`` cannot be
  placed and is left out;
- a trip's last stop is listed as an ``arrival`` (its arrival time): a board at a terminus shows what
  comes in.

Rows gone before ``now − 1 min`` or beyond the horizon are dropped; the list is sorted by expected
(else planned) time. An unknown trip, stop or route never breaks the join: a stop or route falls back to
its id, a trip without a usable time is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.data.connectors.gtfs_rt_feed import STOP_UPDATE, TRIP, TripUpdates, pb_text, sort_trip_updates
from kiosk.data.connectors.gtfs_rt_predict import Planned, Prediction, absolute_time, events, predict, shift
from kiosk.data.connectors.gtfs_static import (
    StaticFeed,
    StopTime,
    Trip,
    gtfs_date,
    gtfs_seconds,
    service_time,
)
from kiosk.data.records import DepartureRecord

DEFAULT_HORIZON = timedelta(minutes=240)
GONE_AFTER = timedelta(minutes=1)
EARLY_SLACK = timedelta(hours=1)


@dataclass(frozen=True)
class _Board:
    static: StaticFeed
    stops: frozenset[str]  # the stop_ids shown (a station's platforms included)
    zone: ZoneInfo
    days: tuple[date, date, date]  # yesterday, today, tomorrow (service days)
    now: datetime
    cutoff: datetime
    until: datetime

    def row(
        self,
        *,
        line: str,
        destination: str,
        stop_id: str,
        planned: datetime | None,
        prediction: Prediction,
        trip_id: str,
        cancelled: bool = False,
        arrival: bool = False,
        added: bool = False,
        route_id: str = "",
    ) -> DepartureRecord | None:
        expected = None if cancelled or prediction.skipped else prediction.expected
        try:
            planned = planned.astimezone(self.zone) if planned else None
            expected = expected.astimezone(self.zone) if expected else None
        except (OverflowError, ValueError):
            return None  # a time the feed put outside what a clock can show
        if planned is None:
            return None
        shown = expected or planned
        if shown < self.cutoff or shown > self.until:
            return None
        return DepartureRecord(
            line=line,
            destination=destination,
            stop=self.static.stop_name(stop_id),
            planned=planned,
            expected=expected,
            cancelled=cancelled,
            trip_id=trip_id,
            skipped=prediction.skipped and not cancelled,
            arrival=arrival,
            added=added,
            platform=stop.platform if (stop := self.static.stops.get(stop_id)) else "",
            color=self.static.colors.get(route_id, ("", ""))[0],
            text_color=self.static.colors.get(route_id, ("", ""))[1],
        )


def departures(
    static: StaticFeed,
    feed: Any,
    stops: frozenset[str] | None,
    now: datetime,
    horizon: timedelta = DEFAULT_HORIZON,
    realtime: bool = True,
) -> list[DepartureRecord]:
    """The rows at ``stops`` (``None``: every stop of the excerpt). ``realtime=False``: the timetable
    only (the feed is too old to say anything about now)."""
    zone = static.zone
    today = now.astimezone(zone).date()
    board = _Board(
        static=static,
        stops=_expand(static, stops),
        zone=zone,
        days=(today - timedelta(days=1), today, today + timedelta(days=1)),
        now=now,
        cutoff=now - GONE_AFTER,
        until=now + horizon,
    )
    updates = (
        sort_trip_updates(feed, static.trips, static.lines, _matcher(static)) if realtime else TripUpdates()
    )
    records = [*_scheduled(board, updates), *_duplicated(board, updates), *_extra(board, updates)]
    records.sort(key=lambda r: (r.expected or r.planned, r.line, r.destination, r.stop))
    return records


def _expand(static: StaticFeed, stops: frozenset[str] | None) -> frozenset[str]:
    if stops is None:
        return frozenset(static.at_stop) | frozenset(static.stops)
    children = {stop_id for stop_id, stop in static.stops.items() if stop.parent in stops}
    return stops | children


def _plan(day: date, offset_s: int, zone: ZoneInfo) -> Planned:
    def planned(stop_time: StopTime, arrival: bool) -> datetime | None:
        seconds = stop_time.arrives_s if arrival else stop_time.leaves_s
        return None if seconds is None else service_time(day, seconds + offset_s, zone)

    return planned


def _destination(static: StaticFeed, trip: Trip, times: tuple[StopTime, ...], headsign: str = "") -> str:
    return headsign or trip.headsign or static.stop_name(times[-1].stop_id)


# --- static trip instances ------------------------------------------------------------------------------


def _scheduled(board: _Board, updates: TripUpdates) -> Iterable[DepartureRecord]:
    static = board.static
    nearest: dict[str, date | None] = {}
    for stop_id in sorted(board.stops):
        for trip_id, index in static.at_stop.get(stop_id, ()):
            trip = static.trips.get(trip_id)
            if trip is None:
                continue  # stop_times.txt names a trip trips.txt does not have
            times = static.stop_times[trip_id]
            arrival = index == len(times) - 1
            for day in board.days:
                if not static.runs(trip.service_id, day):
                    continue
                planned_of = _plan(day, 0, board.zone)
                planned = planned_of(times[index], arrival)
                if planned is None or planned - EARLY_SLACK > board.until:
                    continue  # no time at this stop, or cannot come into the horizon even if early
                update = _update_for(board, updates.scheduled.get(trip_id, ()), trip_id, day, nearest)
                relationship = update.trip.schedule_relationship if update is not None else TRIP.SCHEDULED
                if relationship == TRIP.DELETED:
                    continue
                cancelled = relationship == TRIP.CANCELED
                record = board.row(
                    line=static.line(trip.route_id),
                    route_id=trip.route_id,
                    destination=_destination(static, trip, times),
                    stop_id=stop_id,
                    planned=planned,
                    prediction=Prediction()
                    if cancelled
                    else predict(update, times, index, planned_of, arrival),
                    trip_id=trip_id,
                    cancelled=cancelled,
                    arrival=arrival,
                )
                if record is not None:
                    yield record


def _update_for(
    board: _Board, candidates: Iterable[Any], trip_id: str, day: date, nearest: dict[str, date | None]
) -> Any:
    undated = None
    for update in candidates:
        start_date = pb_text(update.trip.start_date)
        if not start_date:
            undated = update
        elif gtfs_date(start_date) == day:
            return update
    if undated is None:
        return None
    if trip_id not in nearest:
        nearest[trip_id] = _nearest_instance(board, trip_id)
    return undated if nearest[trip_id] == day else None


def _nearest_instance(board: _Board, trip_id: str) -> date | None:
    static = board.static
    trip = static.trips[trip_id]
    first = next((t.leaves_s for t in static.stop_times[trip_id] if t.leaves_s is not None), None)
    running = [day for day in board.days if static.runs(trip.service_id, day)]
    if first is None or not running:
        return None
    return min(
        running, key=lambda day: abs((service_time(day, first, board.zone) - board.now).total_seconds())
    )


def _matcher(static: StaticFeed) -> Callable[[Any], str]:
    """A trip descriptor without trip_id → the one static trip of its route_id, direction_id,
    start_time (first stop) and start_date, else "". The index is built on first use."""
    index: dict[tuple[str, str, int], list[str]] | None = None

    def match(descriptor: Any) -> str:
        nonlocal index
        route_id, start = pb_text(descriptor.route_id), gtfs_seconds(pb_text(descriptor.start_time))
        day = gtfs_date(pb_text(descriptor.start_date))
        if not route_id or start is None or day is None or not descriptor.HasField("direction_id"):
            return ""
        if index is None:
            index = {}
            for trip_id, trip in static.trips.items():
                times = static.stop_times.get(trip_id, ())
                # producers write the first stop's departure, some its arrival (they differ at a terminus)
                starts = {times[0].arrival_s, times[0].departure_s} if times else set()
                for first in (s for s in starts if s is not None):
                    index.setdefault((trip.route_id, trip.direction, first), []).append(trip_id)
        found = [
            trip_id
            for trip_id in index.get((route_id, str(descriptor.direction_id), start), ())
            if static.runs(static.trips[trip_id].service_id, day)
        ]
        return found[0] if len(found) == 1 else ""

    return match


# --- duplicated trips -----------------------------------------------------------------------------------


def _duplicated(board: _Board, updates: TripUpdates) -> Iterable[DepartureRecord]:
    static = board.static
    for update in updates.duplicated:
        trip_id = pb_text(update.trip.trip_id)
        trip, times = static.trips[trip_id], static.stop_times.get(trip_id, ())
        first = next((t.leaves_s for t in times if t.leaves_s is not None), None)
        if first is None:
            continue
        props = update.trip_properties
        is_new_form = update.trip.schedule_relationship == TRIP.DUPLICATED
        start_date = pb_text(props.start_date) if is_new_form else ""
        start_time = pb_text(props.start_time) if is_new_form else ""
        day = gtfs_date(start_date or pb_text(update.trip.start_date)) or board.days[1]
        start = gtfs_seconds(start_time or pb_text(update.trip.start_time))
        planned_of = _plan(day, 0 if start is None else start - first, board.zone)
        new_id = (pb_text(props.trip_id) if is_new_form else "") or trip_id
        destination = _destination(static, trip, times, pb_text(props.trip_headsign))
        for index, stop_time in enumerate(times):
            if stop_time.stop_id not in board.stops:
                continue
            arrival = index == len(times) - 1
            record = board.row(
                line=static.line(trip.route_id),
                route_id=trip.route_id,
                destination=destination,
                stop_id=stop_time.stop_id,
                planned=planned_of(stop_time, arrival),
                prediction=predict(update, times, index, planned_of, arrival),
                trip_id=new_id,
                arrival=arrival,
                added=True,
            )
            if record is not None:
                yield record


# --- trips the excerpt does not know --------------------------------------------------------------------


def _extra(board: _Board, updates: TripUpdates) -> Iterable[DepartureRecord]:
    static = board.static
    for update in updates.extra:
        trip_id = pb_text(update.trip.trip_id)
        known = static.trips.get(trip_id)
        at_sequence = {t.sequence: t.stop_id for t in static.stop_times.get(trip_id, ())}
        calls = [
            (pb_text(stop_update.stop_id) or at_sequence.get(stop_update.stop_sequence, ""), stop_update)
            for stop_update in update.stop_time_update
        ]
        calls = [(stop_id, stop_update) for stop_id, stop_update in calls if stop_id]
        if not any(stop_id in board.stops for stop_id, _ in calls):
            continue  # most of a nationwide feed: trips elsewhere
        route_id = pb_text(update.trip.route_id) or (known.route_id if known else "")
        last_stop = calls[-1][0]
        destination = (
            pb_text(update.trip_properties.trip_headsign)
            or (known.headsign if known else "")
            or (static.stops[last_stop].name if last_stop in static.stops else "")
        )
        added = update.trip.schedule_relationship in (TRIP.ADDED, TRIP.NEW)
        for position, (stop_id, stop_update) in enumerate(calls):
            if stop_id not in board.stops:
                continue
            arrival = position == len(calls) - 1
            expected, planned = _times_of(stop_update, arrival)
            skipped = stop_update.schedule_relationship == STOP_UPDATE.SKIPPED
            record = board.row(
                line=static.line(route_id) if route_id else "",
                route_id=route_id,
                destination=destination,
                stop_id=stop_id,
                planned=planned,
                prediction=Prediction(None if skipped else expected, skipped),
                trip_id=trip_id,
                arrival=arrival,
                added=added,
            )
            if record is not None:
                yield record


def _times_of(stop_update: Any, arrival: bool) -> tuple[datetime | None, datetime | None]:
    """(expected, planned) of a stop of an unknown trip: the event's ``time``, and ``time − delay`` when
    the producer gives the delay too (it knows the plan we lack)."""
    if stop_update.schedule_relationship == STOP_UPDATE.NO_DATA:
        return None, None
    for event in events(stop_update, arrival):
        exact = absolute_time(event)
        if exact is not None:
            planned = shift(exact, -event.delay) if event.HasField("delay") else exact
            return exact, planned
    return None, None
