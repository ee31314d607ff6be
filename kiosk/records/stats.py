"""Interaction statistics: counts per page per hour, nothing that could follow a person.

What a record holds: the hour (local, with offset), the page, how often it was opened (``views``), by how
many sessions (``sessions``), how many of those had speech on when they opened it (``speech_sessions``),
and the sessions by the language they read it in (``language``). What it never holds: a session id, a
time finer than the hour, the order of pages, or anything typed. While a session runs, the set of pages
it has opened is kept in memory (to count a session once per page and hour), and forgotten at its end.

Records are flushed when the hour is over and at stop, so an hour cut by a restart gives two records for
the same hour and page: readers add them up (``merge``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def hour_of(at: datetime) -> datetime:
    """The start of ``at``'s hour, in ``at``'s zone (aware)."""
    return at.replace(minute=0, second=0, microsecond=0)


def hour_key(hour: datetime) -> str:
    return hour.isoformat(timespec="minutes")


@dataclass
class _Bucket:
    hour: str
    views: int = 0
    sessions: int = 0
    speech_sessions: int = 0
    language: Counter[str] = field(default_factory=Counter)


class HourlyStats:
    """Aggregates page views. Times come in aware; call ``flush(now)`` when an hour may be over."""

    def __init__(self) -> None:
        # keyed by the hour's POSIX start: two datetimes of one zone compare equal across the repeated
        # autumn hour (PEP 495), their timestamps do not
        self.buckets: dict[tuple[float, str], _Bucket] = {}
        self._session_pages: set[tuple[float, str]] = set()  # this session's (hour, page), in memory

    def page_view(self, page: str, at: datetime, language: str, speech: bool) -> None:
        hour = hour_of(at)
        key = (hour.timestamp(), page)
        bucket = self.buckets.setdefault(key, _Bucket(hour_key(hour)))
        bucket.views += 1
        if key not in self._session_pages:  # first time this session opens it in this hour
            self._session_pages.add(key)
            bucket.sessions += 1
            bucket.speech_sessions += int(speech)
            bucket.language[language] += 1

    def session_ended(self) -> None:
        self._session_pages.clear()

    def flush(self, now: datetime, everything: bool = False) -> list[dict[str, Any]]:
        """Records of the hours before ``now``'s (all hours with ``everything``, at stop), removed here."""
        current = hour_of(now).timestamp()
        done = sorted(key for key in self.buckets if everything or key[0] + 3600 <= current)
        records = []
        for key in done:
            bucket = self.buckets.pop(key)
            records.append(
                {
                    "hour": bucket.hour,
                    "page": key[1],
                    "views": bucket.views,
                    "sessions": bucket.sessions,
                    "speech_sessions": bucket.speech_sessions,
                    "language": dict(sorted(bucket.language.items())),
                }
            )
        return records

    def next_flush(self, now: datetime) -> datetime | None:
        """When the oldest open hour is over (None: nothing to flush)."""
        if not self.buckets:
            return None
        oldest = min(start for start, _ in self.buckets)
        return datetime.fromtimestamp(oldest + 3600, now.tzinfo)


def merge(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records of the same hour and page added up (an hour cut by a restart), in hour order."""
    total: dict[tuple[str, str], dict[str, Any]] = {}
    for record in records:
        hour, page = record.get("hour"), record.get("page")
        if not isinstance(hour, str) or not isinstance(page, str):
            continue
        into = total.setdefault(
            (hour, page),
            {"hour": hour, "page": page, "views": 0, "sessions": 0, "speech_sessions": 0, "language": {}},
        )
        for key in ("views", "sessions", "speech_sessions"):
            value = record.get(key)
            into[key] += value if isinstance(value, int) else 0
        languages = record.get("language")
        if isinstance(languages, dict):
            for code, count in languages.items():
                if isinstance(count, int):
                    into["language"][code] = into["language"].get(code, 0) + count
    return sorted(total.values(), key=lambda r: (str(r["hour"]), str(r["page"])))
