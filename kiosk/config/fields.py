"""Value types editors write: durations, wall-clock times, colours, names, paths, URLs.

Each type parses the human form (``10s``, ``"07:30"``, ``#003d7c``), writes the same form back (so the
JSON Schema and the reference show defaults the way editors type them) and declares its JSON Schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_ID_RE = re.compile(ID_PATTERN)

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)", re.IGNORECASE)
_DURATION_FULL = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)\s*)+$", re.IGNORECASE)
DURATION_PATTERN = r"^\s*(\d+(\.\d+)?\s*(ms|s|m|h|d|MS|S|M|H|D)\s*)+$"
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}

TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
_TIME_RE = re.compile(TIME_PATTERN)
COLOR_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
_COLOR_RE = re.compile(COLOR_PATTERN)
PATH_PATTERN = r"^(?!/)(?!.*(^|/)\.\.(/|$))[^\\:*?\"<>|]+$"

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- durations --------------------------------------------------------------------------------


def parse_duration(value: Any) -> timedelta:
    """``"10s"``, ``"2m"``, ``"1h30m"``, ``"500ms"`` → timedelta. Bare numbers are refused (which unit?)."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float):  # bool is an int too
        raise ValueError(f"a duration needs a unit: write '{value}s' for seconds or '{value}m' for minutes")
    if not isinstance(value, str) or not _DURATION_FULL.match(value):
        raise ValueError("not a duration: write a number with a unit, e.g. '10s', '2m', '1h30m' or '500ms'")
    seconds = sum(float(n) * _UNIT_SECONDS[u.lower()] for n, u in _DURATION_PART.findall(value))
    return timedelta(seconds=seconds)


def dur(text: str) -> timedelta:
    """A duration default written as editors write it: ``Field(dur("10s"))``."""
    return parse_duration(text)


def format_duration(value: timedelta) -> str:
    """timedelta → the shortest editor form (``90s`` → ``1m30s``)."""
    total_ms = round(value.total_seconds() * 1000)
    if total_ms % 1000:
        return f"{total_ms}ms"
    seconds = total_ms // 1000
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts)


@dataclass(frozen=True)
class DurationRange:
    """Metadata for a bounded duration field: ``Annotated[timedelta, DurationRange("1s", "1h")]``.

    The bounds appear in the JSON Schema (``x-duration-min``/``x-duration-max``) and the reference.
    """

    minimum: str
    maximum: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        lo, hi = parse_duration(self.minimum), parse_duration(self.maximum)

        def validate(value: Any) -> timedelta:
            parsed = parse_duration(value)
            if parsed < lo or parsed > hi:
                raise ValueError(f"must be between {self.minimum} and {self.maximum}")
            return parsed

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                format_duration, return_schema=core_schema.str_schema()
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "examples": [self.minimum, self.maximum],
            "x-duration-min": self.minimum,
            "x-duration-max": self.maximum,
        }


# --- wall-clock times -------------------------------------------------------------------------


def parse_wall_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str) and value.strip() == "24:00":
        raise ValueError("24:00 is not a time: use '00:00'; an end at or before the start runs past midnight")
    well_formed = isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip())
    if well_formed and not _TIME_RE.match(str(value).strip()):
        # quoted and well-formed, so "write it in quotes" would mislead: the numbers are wrong
        raise ValueError(f"{value.strip()} is not a time: hours go from 00 to 23 and minutes from 00 to 59")
    if not isinstance(value, str) or not _TIME_RE.match(value.strip()):
        raise ValueError('not a wall-clock time: write hours and minutes in quotes, e.g. "07:30"')
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def hm(text: str) -> time:
    """A wall-clock default written as editors write it: ``Field(hm("07:00"))``."""
    return parse_wall_time(text)


WallTime = Annotated[
    time,
    BeforeValidator(parse_wall_time),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN, "examples": ["07:30", "22:00"]}),
]


# --- colours, names, paths, URLs --------------------------------------------------------------


def _color(value: Any) -> str:
    if not isinstance(value, str) or not _COLOR_RE.match(value):
        raise ValueError("not a colour: write '#rrggbb' in quotes, e.g. \"#003d7c\"")
    text = str(value)
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


Color = Annotated[
    str,
    BeforeValidator(_color),
    WithJsonSchema({"type": "string", "pattern": COLOR_PATTERN, "examples": ["#003d7c"]}),
]

Identifier = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="name of another editor file, without folder and .yaml"),
]


def is_identifier(name: str) -> bool:
    return bool(_ID_RE.match(name))


def _content_path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("not a file path: write a path relative to content/, e.g. images/hafen.png")
    if value.startswith("/") or "\\" in value or any(part == ".." for part in value.split("/")):
        raise ValueError("a path must stay inside content/: no leading '/', no '..', no backslashes")
    return value.strip()


ContentPath = Annotated[
    str,
    BeforeValidator(_content_path),
    WithJsonSchema({"type": "string", "pattern": PATH_PATTERN, "examples": ["images/stadthafen.png"]}),
]


def _web_url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a web address: write it in full, e.g. https://www.rostock.de/")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("only http:// and https:// addresses with a host name are allowed")
    return str(value).strip()


WebUrl = Annotated[
    str,
    BeforeValidator(_web_url),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "pattern": r"^https?://[^\s/]+",
            "examples": ["https://rathaus.rostock.de/"],
        }
    ),
]
