"""The expected time of one stop of one trip instance from its GTFS-RT ``TripUpdate``.

Rules of the GTFS-Realtime reference, in this order for the stop ``times[index]``:

- the stop's own update: SKIPPED → the vehicle does not stop here (no time); NO_DATA → no real time;
  otherwise its event's ``time`` (absolute, wins over ``delay``), else planned + ``delay``;
- else the nearest earlier update with a delay propagates (over SKIPPED stops: they do not stop the
  propagation, and are not propagated themselves); an earlier NO_DATA ends it (no real time from there on);
- else the trip's ``delay``; else no real time (``expected`` stays ``None``).

Which event: a departure row reads the stop's ``departure``; with only an ``arrival`` given, the
arrival's delay applies to the planned departure (a departure that is not the arrival time); an arrival
row (a trip's last stop) the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.data.connectors.gtfs_rt_feed import STOP_UPDATE, pb_text
from kiosk.data.connectors.gtfs_static import StopTime

Planned = Callable[[StopTime, bool], datetime | None]  # (stop time, arrival?) → planned time


@dataclass(frozen=True)
class Prediction:
    expected: datetime | None = None  # None: no real-time information
    skipped: bool = False


def predict(
    update: Any, times: tuple[StopTime, ...], index: int, planned: Planned, arrival: bool
) -> Prediction:
    """``planned(stop_time, arrival)``: that stop's planned arrival (else departure) time in this trip
    instance."""
    if update is None:
        return Prediction()
    target = times[index]
    earlier: list[tuple[int, Any]] = []
    for stop_update in update.stop_time_update:
        sequence = sequence_of(stop_update, times)
        if sequence is not None and sequence <= target.sequence:
            earlier.append((sequence, stop_update))
    earlier.sort(key=lambda pair: pair[0], reverse=True)
    for sequence, stop_update in earlier:
        relationship = stop_update.schedule_relationship
        if relationship == STOP_UPDATE.NO_DATA:
            return Prediction()
        if sequence == target.sequence:
            if relationship == STOP_UPDATE.SKIPPED:
                return Prediction(skipped=True)
            exact = _own_event_time(stop_update, planned(target, arrival), arrival)
            if exact is not None:
                return Prediction(exact)
            # only the other event (e.g. an arrival for a departure row): its delay applies, below
        if relationship == STOP_UPDATE.SKIPPED:
            continue  # a delay propagates over a skipped stop
        before = next((t for t in times if t.sequence == sequence), None)
        delay = _event_delay(stop_update, before, planned)
        if delay is not None:
            return Prediction(shift(planned(target, arrival), delay))
    if update.HasField("delay"):
        return Prediction(shift(planned(target, arrival), update.delay))
    return Prediction()


def sequence_of(stop_update: Any, times: tuple[StopTime, ...]) -> int | None:
    if stop_update.HasField("stop_sequence"):
        sequence: int = stop_update.stop_sequence
        return sequence
    stop_id = pb_text(stop_update.stop_id)
    if stop_id:
        return next((t.sequence for t in times if t.stop_id == stop_id), None)
    return None


def events(stop_update: Any, arrival: bool = False) -> list[Any]:
    names = ("arrival", "departure") if arrival else ("departure", "arrival")
    return [getattr(stop_update, name) for name in names if stop_update.HasField(name)]


def absolute_time(event: Any) -> datetime | None:
    if not event.HasField("time") or event.time <= 0:
        return None
    try:
        return datetime.fromtimestamp(event.time, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _own_event_time(stop_update: Any, planned: datetime | None, arrival: bool) -> datetime | None:
    """The row's own event (the arrival for an arrival row, else the departure): ``time``, else planned
    + ``delay``. An arrival time is not a departure time: a train that arrives on time at 14:29 still
    leaves at 14:31."""
    name = "arrival" if arrival else "departure"
    if not stop_update.HasField(name):
        return None
    event = getattr(stop_update, name)
    exact = absolute_time(event)
    if exact is not None:
        return exact
    return shift(planned, event.delay) if event.HasField("delay") else None


def _event_delay(stop_update: Any, stop_time: StopTime | None, planned: Planned) -> int | None:
    """The delay an earlier stop's update gives (departure first): its ``delay``, else its ``time``
    against that stop's plan."""
    for name in ("departure", "arrival"):
        if not stop_update.HasField(name):
            continue
        event = getattr(stop_update, name)
        if event.HasField("delay"):
            delay: int = event.delay
            return delay
        exact = absolute_time(event)
        scheduled = planned(stop_time, name == "arrival") if stop_time is not None else None
        if exact is not None and scheduled is not None:
            return round((exact - scheduled).total_seconds())
    return None


def shift(planned: datetime | None, delay_s: int) -> datetime | None:
    if planned is None:
        return None
    try:
        return planned + timedelta(seconds=delay_s)
    except OverflowError:
        return None
