"""PEGELONLINE (WSV, ``https://www.pegelonline.wsv.de/webservices/rest-api/v2``) → ``WaterLevelRecord``.

Two kinds of URL, told apart by the answer's shape:

* ``…/stations/{station}/W/currentmeasurement.json`` → ``{timestamp, value, trend, stateMnwMhw,
  stateNswHsw}``: one record. The station name is ``params["station"]`` (a kiosk-only option, not sent),
  else the URL's path segment after ``stations/`` (URL-decoded: ``WARNEMÜNDE``; a UUID stays a UUID, so
  set ``station`` when the URL uses one). ``…/stations/{station}/W.json?includeCurrentMeasurement=true``
  (the time series with a ``currentMeasurement``) is read the same way.
* ``…/stations.json?includeTimeseries=true&includeCurrentMeasurement=true&timeseries=W`` → one record
  per station that has a ``W`` time series: station ← ``longname`` (else ``shortname``), water ←
  ``water.longname`` (else ``shortname``), level/observed ← ``timeseries[W].currentMeasurement``, mean
  ← the ``MW`` entry of ``characteristicValues`` (with ``includeCharacteristicValues=true``).

Level in cm above gauge zero (a time series in ``m`` is converted); trend −1/0/1 (anything else unknown).
PEGELONLINE writes local time with an offset (``+02:00``): a timestamp without one is an error.

A gauge whose ``W`` series has no ``currentMeasurement`` (or whose value is ``null``) is a record with
``level_cm=None``, so the kiosk lists it as "no current value" instead of dropping it. Shape errors are
``ParseError`` (the last good data stays), never "no records": a body that is not a measurement
(``timestamp`` missing) or not a station list, an empty station list (the query matches no gauge), a
list in which no station carries a current measurement (the query lacks
``includeCurrentMeasurement=true``), and a list of which no station is usable. A station with a value
of the wrong type is skipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.values import aware_time as _time
from kiosk.data.connectors.values import finite_number, load_json
from kiosk.data.errors import ParseError
from kiosk.data.records import WaterLevelRecord

KIND = "pegelonline"
ACCEPT = ("application/json",)
OPTION_KEYS = ("station",)  # kiosk options in ``params``, never sent to PEGELONLINE
UNIT_TO_CM = {"cm": 1.0, "m": 100.0}


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[WaterLevelRecord]:
    params = {k: v for k, v in source.params.items() if k not in OPTION_KEYS}
    response = http.get(source.url, params=params or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    if response.body.lstrip()[:1] == b"[":
        return parse_stations(response.body)
    return parse_currentmeasurement(
        response.body, source.params.get("station") or station_from_url(source.url)
    )


def station_from_url(url: str) -> str:
    """``…/stations/WARNEM%C3%9CNDE/W/currentmeasurement.json`` → ``WARNEMÜNDE`` ("" if none)."""
    segments = urlsplit(url).path.split("/")
    for index, segment in enumerate(segments[:-1]):
        if segment == "stations":
            name = unquote(segments[index + 1])
            return name.removesuffix(".json").strip()
    return ""


def parse_currentmeasurement(body: bytes, station: str = "") -> list[WaterLevelRecord]:
    """``currentmeasurement.json`` (or a ``W.json`` time series with ``currentMeasurement``) → one record."""
    data = _json(body)
    if not isinstance(data, Mapping):
        raise ParseError("PEGELONLINE: expected a measurement object {timestamp, value, trend}")
    if "timeseries" not in data and ("currentMeasurement" in data or "unit" in data):  # a time series
        if not isinstance(data.get("currentMeasurement"), Mapping):
            raise ParseError(
                "PEGELONLINE: the time series has no currentMeasurement "
                "(query with includeCurrentMeasurement=true)"
            )
        return [_from_timeseries(data, station, None)]
    if "timeseries" in data:  # one station (``stations/{uuid}.json?includeTimeseries=…``)
        return _stations([data])
    if not isinstance(data.get("timestamp"), str):
        raise ParseError("PEGELONLINE: expected a measurement object {timestamp, value, trend}")
    return [_from_measurement(data, station, None, 1.0, None)]


def parse_stations(body: bytes) -> list[WaterLevelRecord]:
    """``stations.json`` (``includeTimeseries``, ``includeCurrentMeasurement``) → one record per station."""
    data = _json(body)
    stations = [data] if isinstance(data, Mapping) and "timeseries" in data else data
    if not isinstance(stations, list):
        raise ParseError("PEGELONLINE: expected a JSON array of stations")
    if not stations:
        raise ParseError("PEGELONLINE: the station list is empty (no station matches the query)")
    return _stations(stations)


def _stations(stations: list[object]) -> list[WaterLevelRecord]:
    records: list[WaterLevelRecord] = []
    rejected: list[str] = []
    for index, station in enumerate(stations, start=1):
        if not isinstance(station, Mapping):
            rejected.append(f"station {index} is not an object")
            continue
        try:
            record = _from_station(station)
        except ParseError as exc:
            rejected.append(f"station {index}: {exc}")
            continue
        if record is not None:
            records.append(record)
    if rejected and not records:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"PEGELONLINE: no usable station: {rejected[0]}{more}")
    if not any(r.observed is not None or r.level_cm is not None for r in records):
        raise ParseError(
            "PEGELONLINE: no station has a current W measurement "
            "(query with includeTimeseries=true&includeCurrentMeasurement=true)"
        )
    return records


def _from_station(station: Mapping[str, object]) -> WaterLevelRecord | None:
    name = _text(station.get("longname"), "longname") or _text(station.get("shortname"), "shortname")
    if name is None:
        raise ParseError("station without a name")
    water = station.get("water")
    water_name = (
        _text(water.get("longname"), "water.longname") or _text(water.get("shortname"), "water.shortname")
        if isinstance(water, Mapping)
        else None
    )
    series = station.get("timeseries")
    if not isinstance(series, list):
        return None
    for item in series:
        if isinstance(item, Mapping) and item.get("shortname") == "W":
            return _from_timeseries(item, name, water_name)
    return None


def _from_timeseries(series: Mapping[str, object], station: str, water: str | None) -> WaterLevelRecord:
    """The series' current measurement; none (the gauge sends nothing now) → a record without a level."""
    measurement = series.get("currentMeasurement")
    if measurement is None:
        measurement = {}
    if not isinstance(measurement, Mapping):
        raise ParseError("currentMeasurement is not an object")
    unit = _text(series.get("unit"), "unit")
    factor = 1.0 if unit is None else UNIT_TO_CM.get(unit.lower())
    if factor is None:
        raise ParseError(f"W in unit {unit!r}, expected cm")
    return _from_measurement(
        measurement, station, water, factor, _mean_water(series.get("characteristicValues"))
    )


def _from_measurement(
    data: Mapping[str, object], station: str, water: str | None, factor: float, mean_cm: float | None
) -> WaterLevelRecord:
    level = finite_number(data.get("value"), "value")
    if level is not None:
        level *= factor
        if not math.isfinite(level):
            raise ParseError("value is out of range")
    trend = data.get("trend")
    return WaterLevelRecord(
        station=station,
        observed=_time(data.get("timestamp"), "timestamp"),
        level_cm=level,
        trend=trend
        if isinstance(trend, int) and not isinstance(trend, bool) and trend in (-1, 0, 1)
        else None,
        mean_cm=mean_cm,
        water=water,
    )


def _mean_water(values: object) -> float | None:
    """``characteristicValues[shortname == "MW"]`` in cm; absent or malformed → unknown."""
    if not isinstance(values, list):
        return None
    for item in values:
        if isinstance(item, Mapping) and item.get("shortname") == "MW":
            try:
                value = finite_number(item.get("value"), "MW")
            except ParseError:
                return None
            unit = item.get("unit")
            factor = UNIT_TO_CM.get(unit.lower()) if isinstance(unit, str) else 1.0
            mean = value * factor if value is not None and factor is not None else None
            return mean if mean is not None and math.isfinite(mean) else None
    return None


def _json(body: bytes) -> object:
    return load_json(body, "PEGELONLINE")


def _text(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(f"{what} is not text")
    return value.strip() or None
