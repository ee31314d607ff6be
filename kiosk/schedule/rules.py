"""Wall-clock rules (weekdays, time windows, date ranges, takeover times) as real intervals.

Everything here returns UTC instants in half-open intervals ``[start, end)``. Python compares and
subtracts two datetimes that share a ``tzinfo`` by their wall-clock reading (ignoring ``fold``), which
is wrong across DST changes; in UTC it is always right. Conversion to the device time zone happens only
when results leave the package.

Wall-clock to instant: ``(day, time)`` in the device zone with ``fold=0``. A time that does not exist
(02:30 on the spring-forward day) becomes the instant an hour later on the wall (03:30), because
``fold=0`` reads it with the offset before the change; a time that exists twice (02:30 on the
fall-back day) is its first occurrence. So the day of the spring change is 23 h long and has no missing
slot, the autumn day 25 h with no doubled slot, and a window 01:00–04:00 lasts 2 h and 4 h on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.config.fields import WEEKDAYS
from kiosk.config.models.base import DateRange
from kiosk.config.models.playlist import Takeover, TimeWindow

Interval = tuple[datetime, datetime]
ONE_DAY = timedelta(days=1)
MIDNIGHT = time(0, 0)


def wall(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock ``at`` on ``day`` in ``tz`` (non-existent times move forward)."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def local_date(instant: datetime, tz: ZoneInfo) -> date:
    """The calendar day of ``instant`` on the device's wall."""
    return instant.astimezone(tz).date()


def midnight(day: date, tz: ZoneInfo) -> datetime:
    """00:00 of ``day`` in ``tz`` as a UTC instant."""
    return wall(day, MIDNIGHT, tz)


def midnights_between(lo: datetime, hi: datetime, tz: ZoneInfo) -> list[datetime]:
    """Every local midnight ``m`` with ``lo < m < hi`` (UTC instants, ascending)."""
    found = []
    day = local_date(lo, tz) + ONE_DAY
    while (m := midnight(day, tz)) < hi:
        if m > lo:
            found.append(m)
        day += ONE_DAY
    return found


def days_covering(lo: datetime, hi: datetime, tz: ZoneInfo) -> list[date]:
    """Days whose windows can reach into ``[lo, hi)``: from the day before ``lo`` (a window belongs to
    the day it starts and may run past midnight; a takeover lasts at most 2 h) to the day of ``hi``."""
    first = local_date(lo, tz) - ONE_DAY
    last = local_date(hi, tz)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def in_dates(day: date, dates: DateRange | None) -> bool:
    """Whether ``day`` lies in the inclusive range (a missing end is open)."""
    if dates is None:
        return True
    return (dates.start is None or day >= dates.start) and (dates.end is None or day <= dates.end)


@dataclass(frozen=True)
class WallWindow:
    """A time window in a form that is quick to test: weekday numbers (Monday 0) and two times."""

    weekdays: frozenset[int]
    start: time
    end: time

    @classmethod
    def of(cls, window: TimeWindow) -> WallWindow:
        return cls(frozenset(WEEKDAYS.index(d) for d in window.days), window.start, window.end)

    def interval(self, day: date, tz: ZoneInfo) -> Interval:
        """The real interval of this window when it starts on ``day``. An end at or before the start
        (22:00–02:00, 18:00–00:00, 00:00–00:00) is on the next day."""
        end_day = day + ONE_DAY if self.end <= self.start else day
        return wall(day, self.start, tz), wall(end_day, self.end, tz)


ALL_DAY = WallWindow(frozenset(range(7)), MIDNIGHT, MIDNIGHT)


def wall_windows(windows: Sequence[TimeWindow]) -> tuple[WallWindow, ...]:
    """The windows of a playlist or of opening hours; none means all day, every day."""
    return tuple(WallWindow.of(w) for w in windows) or (ALL_DAY,)


def window_intervals(
    windows: Sequence[WallWindow], dates: DateRange | None, lo: datetime, hi: datetime, tz: ZoneInfo
) -> list[Interval]:
    """Merged intervals of ``windows`` (judged by the day each one starts) that reach into ``[lo, hi)``."""
    found = [
        window.interval(day, tz)
        for day in days_covering(lo, hi, tz)
        if in_dates(day, dates)
        for window in windows
        if day.weekday() in window.weekdays
    ]
    return merge(i for i in found if i[1] > lo and i[0] < hi)


def takeover_intervals(
    takeover: Takeover, dates: DateRange | None, lo: datetime, hi: datetime, tz: ZoneInfo
) -> list[Interval]:
    """Merged takeover slots reaching into ``[lo, hi)``; each lasts ``duration`` of real time."""
    weekdays = {WEEKDAYS.index(d) for d in takeover.days}
    found = []
    for day in days_covering(lo, hi, tz):
        if day.weekday() in weekdays and in_dates(day, dates):
            for at in takeover.at:
                start = wall(day, at, tz)
                found.append((start, start + takeover.duration))
    return merge(i for i in found if i[1] > lo and i[0] < hi)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping and touching intervals joined (so no boundary is invented)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
