"""Small value parsers shared by the connectors: each raises ``ParseError`` and nothing else."""

from __future__ import annotations

from datetime import datetime

from kiosk.data.errors import ParseError


def aware_time(value: object, what: str) -> datetime | None:
    """ISO 8601 with a UTC offset (``None`` stays unknown); a time without an offset is an error,
    because guessing the zone of a warning or a departure is worse than not showing it."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(f"{what} is not a date-time")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ParseError(f"{what} is not an ISO 8601 date-time: {value[:40]!r}") from None
    if moment.tzinfo is None:
        raise ParseError(f"{what} has no UTC offset: {value[:40]!r}")
    return moment
