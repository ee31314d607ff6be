"""Bright Sky current weather (``GET https://api.brightsky.dev/current_weather?lat=…&lon=…``)
→ ``WeatherRecord``.

``source.params`` are the query (``lat``/``lon`` or ``dwd_station_id``/``wmo_station_id``, ``units``,
``tz``, ``max_dist``). The answer must be ``{weather: {…}, sources: […]}`` with a ``timestamp``
(``current_weather_shape``); anything else is a ``ParseError`` and the last good weather stays. Mapping:

* station ← ``station_name`` of the source whose ``id`` is ``weather.source_id`` (else the first source);
* observed ← ``weather.timestamp``; temperature ← ``temperature``; pressure ← ``pressure_msl``;
  condition ← ``condition`` (dry/fog/rain/sleet/snow/hail/thunderstorm);
* wind, gust, direction ← the 10-minute means ``wind_speed_10``, ``wind_gust_speed_10``,
  ``wind_direction_10`` (else the 30-, then 60-minute ones, else the hourly ``wind_speed`` … of
  ``/weather``); precipitation ← ``precipitation_60`` (else the hourly ``precipitation``): the last hour.

Units: ``units=dwd`` (Bright Sky's default) is °C, hPa and km/h; ``units=si`` is K, Pa and m/s, converted
here. Bright Sky writes UTC (``+00:00``), or local time with an offset when ``tz`` is given; a timestamp
without an offset is taken as UTC unless ``tz`` was asked for (then it is an error). A value of the
wrong type is a ``ParseError``: there is only one record.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.values import load_json as _load_json
from kiosk.data.errors import ParseError
from kiosk.data.records import WeatherRecord

KIND = "brightsky-weather"
ACCEPT = ("application/json",)
UNITS = ("dwd", "si")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[WeatherRecord]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_current_weather(
        response.body, units=source.params.get("units", "dwd"), naive_utc="tz" not in source.params
    )


def parse_current_weather(body: bytes, *, units: str = "dwd", naive_utc: bool = True) -> list[WeatherRecord]:
    if units not in UNITS:
        raise ParseError(f"Bright Sky: units={units!r} is not supported (use dwd or si)")
    weather, sources = current_weather_shape(body)
    si = units == "si"
    temperature = first_number(weather, "temperature")
    pressure = first_number(weather, "pressure_msl")
    speed_factor = 3.6 if si else 1.0
    wind = first_number(weather, "wind_speed_10", "wind_speed_30", "wind_speed_60", "wind_speed")
    gust = first_number(
        weather, "wind_gust_speed_10", "wind_gust_speed_30", "wind_gust_speed_60", "wind_gust_speed"
    )
    direction = first_number(
        weather, "wind_direction_10", "wind_direction_30", "wind_direction_60", "wind_direction"
    )
    condition = weather.get("condition")
    if condition is not None and not isinstance(condition, str):
        raise ParseError("Bright Sky: condition is not text")
    return [
        WeatherRecord(
            station=_station(sources, weather.get("source_id")),
            observed=parse_time(weather.get("timestamp"), "timestamp", naive_utc=naive_utc),
            temperature_c=temperature - 273.15 if si and temperature is not None else temperature,
            wind_speed_kmh=wind * speed_factor if wind is not None else None,
            wind_gust_kmh=gust * speed_factor if gust is not None else None,
            wind_direction_deg=direction,
            precipitation_mm=first_number(weather, "precipitation_60", "precipitation"),
            pressure_hpa=pressure / 100.0 if si and pressure is not None else pressure,
            condition=(condition or "").strip() or None,
        )
    ]


def current_weather_shape(body: bytes) -> tuple[Mapping[str, object], list[object]]:
    """``(weather, sources)`` of a ``/current_weather`` answer, or a ``ParseError`` that says what came
    instead: an empty body, another API's JSON, a problem ``{"title", "detail"}`` answered with 200, or
    the hourly ``/weather`` answer (``weather`` is a list there; this connector shows the current one).
    ``weather`` must carry its ``timestamp``: without it the values have no "as of"."""
    if not body.strip():
        raise ParseError("Bright Sky: empty body (expected {weather: {…}, sources: […]})")
    data = load_json(body)
    if not isinstance(data, Mapping):
        raise ParseError("Bright Sky: expected {weather: {…}, sources: […]} from /current_weather")
    weather, sources = data.get("weather"), data.get("sources")
    if isinstance(weather, list):
        raise ParseError(
            "Bright Sky: hourly records from /weather; the source URL should be /current_weather"
        )
    if not isinstance(weather, Mapping) or not isinstance(sources, list):
        problem = " ".join(str(data.get(k)) for k in ("title", "detail") if isinstance(data.get(k), str))
        keys = ", ".join(sorted(str(key)[:30] for key in data)[:6]) or "(none)"
        raise ParseError(
            f"Bright Sky: expected {{weather: {{…}}, sources: […]}} from /current_weather, "
            f"got {problem[:200] if problem else f'an object with keys {keys}'}"
        )
    if weather.get("timestamp") is None:
        raise ParseError("Bright Sky: weather has no timestamp")
    return weather, sources


def _station(sources: list[object], source_id: object) -> str:
    """``station_name`` of the source the record came from (else of the first source; else "")."""
    candidates = [s for s in sources if isinstance(s, Mapping)]
    chosen = next((s for s in candidates if source_id is not None and s.get("id") == source_id), None)
    chosen = chosen or (candidates[0] if candidates else None)
    name = chosen.get("station_name") if chosen else None
    return name.strip() if isinstance(name, str) else ""


# --- plain values (also used by brightsky_alerts) ------------------------------------------------


def load_json(body: bytes) -> object:
    return _load_json(body, "Bright Sky")


def first_number(data: Mapping[str, object], *keys: str) -> float | None:
    """The first of ``keys`` with a value (``null`` = not measured); a non-number is an error."""
    for key in keys:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParseError(f"Bright Sky: {key} is not a number")
        try:
            number = float(value)
        except OverflowError:
            raise ParseError(f"Bright Sky: {key} is out of range") from None
        if not math.isfinite(number) or abs(number) > 1e6:  # no weather value is that large
            raise ParseError(f"Bright Sky: {key} is out of range")
        return number
    return None


def parse_time(value: object, what: str, *, naive_utc: bool) -> datetime | None:
    """ISO 8601; Bright Sky documents UTC, so a time without an offset is UTC when ``naive_utc``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(f"Bright Sky: {what} is not a date-time")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ParseError(f"Bright Sky: {what} is not an ISO 8601 date-time: {value[:40]!r}") from None
    if moment.tzinfo is None:
        if not naive_utc:
            raise ParseError(f"Bright Sky: {what} has no UTC offset: {value[:40]!r}")
        moment = moment.replace(tzinfo=UTC)
    return moment
