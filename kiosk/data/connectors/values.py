"""Small value parsers shared by the connectors: each raises ``ParseError`` and nothing else."""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from kiosk.data.errors import ParseError


def iso_time(value: object, what: str) -> datetime:
    """An ISO 8601 date-time text, as written (with or without an offset)."""
    if not isinstance(value, str):
        raise ParseError(f"{what} is not a date-time")
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise ParseError(f"{what} is not an ISO 8601 date-time: {value[:40]!r}") from None


def aware_time(value: object, what: str) -> datetime | None:
    """ISO 8601 with a UTC offset (``None`` stays unknown); a time without an offset is an error,
    because guessing the zone of a warning or a departure is worse than not showing it."""
    if value is None:
        return None
    moment = iso_time(value, what)
    if moment.tzinfo is None:
        raise ParseError(f"{what} has no UTC offset: {str(value)[:40]!r}")
    return moment


def load_json(body: bytes, source: str) -> Any:
    """The JSON document of a response; anything else (including absurd nesting) is a ParseError."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"{source}: not JSON ({type(exc).__name__})") from None


def finite_number(value: object, what: str) -> float | None:
    """A JSON number as a finite float (``None`` stays unknown); text, booleans and ±inf are errors."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParseError(f"{what} is not a number")
    try:
        number = float(value)
    except OverflowError:
        raise ParseError(f"{what} is out of range") from None
    if not math.isfinite(number):
        raise ParseError(f"{what} is not a finite number")
    return number
