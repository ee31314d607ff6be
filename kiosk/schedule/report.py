"""The ``kiosk schedule`` table: one line per segment (or per playlist stretch), per zone, local time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.config.fields import format_duration
from kiosk.schedule.timeline import Segment

_REASON_WIDTH = 9


@dataclass(frozen=True)
class Stretch:
    """Consecutive segments with the same reason and playlist (a playlist's time on screen)."""

    start: datetime
    end: datetime
    reason: str
    playlist: str | None
    segments: tuple[Segment, ...]


def stretches(segments: Sequence[Segment]) -> list[Stretch]:
    """Join consecutive segments of the same reason and playlist."""
    out: list[Stretch] = []
    group: list[Segment] = []
    for segment in segments:
        if group and (segment.reason, segment.playlist) != (group[0].reason, group[0].playlist):
            out.append(_stretch(group))
            group = []
        group.append(segment)
    if group:
        out.append(_stretch(group))
    return out


def _stretch(group: list[Segment]) -> Stretch:
    return Stretch(group[0].start, group[-1].end, group[0].reason, group[0].playlist, tuple(group))


def _clock(at: datetime, dst_days: set[date]) -> str:
    # On a DST day the same wall time can occur twice: show the zone abbreviation (CEST/CET) there.
    text = at.strftime("%H:%M:%S")
    return f"{text} {at.tzname()}" if at.date() in dst_days else text


def _dst_days(segments: Sequence[Segment]) -> set[date]:
    """Days of the table whose UTC offset changes (their local midnights have different offsets)."""
    if not segments:
        return set()
    tz = segments[0].start.tzinfo
    days = {s.start.date() for s in segments} | {s.end.date() for s in segments}

    def offset(day: date) -> timedelta | None:
        return datetime.combine(day, time(0), tzinfo=tz).utcoffset()

    return {d for d in days if offset(d) != offset(d + timedelta(days=1))}


def _span_text(start: datetime, end: datetime, dst_days: set[date]) -> str:
    end_text = _clock(end, dst_days)
    if end.date() != start.date():
        end_text = end.strftime("%a %d.%m. ") + end_text
    return f"{_clock(start, dst_days)}–{end_text}"


def format_zone(zone: str, segments: Sequence[Segment], summary: bool = False) -> Iterator[str]:
    """Lines of one zone's table: a day header whenever the date changes, then one line per segment
    (``summary``: per playlist stretch, with the number of slides shown)."""
    yield f"zone {zone}"
    dst_days = _dst_days(segments)
    day = None
    rows: list[tuple[datetime, datetime, str, str, str]] = []
    if summary:
        for s in stretches(segments):
            count = len(s.segments)
            what = "" if s.playlist is None else f"{count} slide{'s' if count != 1 else ''}"
            rows.append((s.start, s.end, s.reason, s.playlist or "–", what))
    else:
        for seg in segments:
            what = "" if seg.slide is None else f"{seg.slide} (#{seg.item_index})"
            if seg.offset:
                what += f", from {format_duration(seg.offset)} in"
            rows.append((seg.start, seg.end, seg.reason, seg.playlist or "–", what))
    width = max((len(r[3]) for r in rows), default=1)
    times_width = max((len(_span_text(r[0], r[1], dst_days)) for r in rows), default=1)
    for start, end, reason, playlist, what in rows:
        if start.date() != day:
            day = start.date()
            yield f"  {start.strftime('%a %Y-%m-%d')}"
        times = _span_text(start, end, dst_days)
        yield f"    {times:<{times_width}}  {reason:<{_REASON_WIDTH}}  {playlist:<{width}}  {what}".rstrip()
