"""Typed records that connectors produce and widgets show. Frozen, timezone-aware, no Qt.

A field a source does not deliver is ``None`` ("unknown"), never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

from kiosk import i18n

Severity = Literal["minor", "moderate", "severe", "extreme", "unknown"]
MessageType = Literal["alert", "update", "cancel"]
#: how far a citizen report is: the three classes every backoffice status maps to (``unknown``: none does)
ReportProgress = Literal["open", "in_progress", "closed", "unknown"]


@dataclass(frozen=True)
class ParkingRecord:
    id: str
    name: str
    capacity: int | None = None
    free: int | None = None  # None: no live occupancy for this car park
    status: str | None = None  # e.g. "open", "closed", "full" as the source says
    observed: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class WeatherRecord:
    station: str
    observed: datetime | None = None
    temperature_c: float | None = None
    wind_speed_kmh: float | None = None
    wind_gust_kmh: float | None = None
    wind_direction_deg: float | None = None
    precipitation_mm: float | None = None  # in the last hour (or the source's own period)
    pressure_hpa: float | None = None
    condition: str | None = None  # e.g. "rain", "dry" as the source names it


@dataclass(frozen=True)
class WaterLevelRecord:
    station: str
    observed: datetime | None = None
    level_cm: float | None = None
    trend: int | None = None  # -1 falling, 0 steady, 1 rising
    mean_cm: float | None = None  # mean water level (MW) of the gauge, when known
    water: str | None = None


class AlertText(NamedTuple):
    """One language's texts of a warning (a CAP ``info`` block, or a feed's ``*_en`` fields)."""

    language: str  # two-letter code, lower case: "de", "en", "fr", …
    headline: str
    description: str = ""
    instruction: str = ""


ALERT_FIELDS = ("headline", "description", "instruction")


@dataclass(frozen=True)
class AlertRecord:
    id: str
    provider: str  # "MOWAS", "KATWARN", "BIWAPP", "DWD", "LHP", "POLICE", "NGSI", "MANUAL", ...
    severity: Severity
    headline: str
    msg_type: MessageType = "alert"
    description: str = ""
    instruction: str = ""
    sender: str = ""
    sent: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    event: str = ""
    area: str = ""
    language: str = "de"
    # every language the source delivered (the fields above hold the German, or else the first, one)
    texts: tuple[AlertText, ...] = ()
    # CAP ``references``: the identifiers of the earlier messages a Cancel or Update is about
    references: tuple[str, ...] = ()

    def text(self, field: str, language: str) -> str:
        """``field`` (headline, description, instruction) in ``language``, else in its fallbacks
        (``kiosk.i18n.chain``: Leichte Sprache reads German, French English, then German); else the
        record's own text. Untagged: the warnings list is data cells (a record's own words)."""
        if field not in ALERT_FIELDS:
            raise ValueError(f"no alert text field {field!r}")
        for code in i18n.chain(language):
            for block in self.texts:
                if block.language == code and getattr(block, field):
                    return str(getattr(block, field))
        return str(getattr(self, field))


@dataclass(frozen=True)
class DepartureRecord:
    line: str
    destination: str
    stop: str
    planned: datetime
    expected: datetime | None = None  # None: no real-time information
    cancelled: bool = False
    trip_id: str = ""
    skipped: bool = False  # the trip runs but does not stop here (not the same as a cancelled trip)
    arrival: bool = False  # the trip ends here: ``planned``/``expected`` are its arrival
    added: bool = False  # an extra trip, not in the timetable (GTFS-RT NEW/ADDED/DUPLICATED)
    platform: str = ""  # the stop's platform (GTFS ``platform_code``), when the feed gives one
    color: str = ""  # the line's colour, "#rrggbb" (GTFS ``route_color``); "" = the theme's
    text_color: str = ""  # the feed's text colour on it (GTFS ``route_text_color``)

    @property
    def delay_s(self) -> int | None:
        return None if self.expected is None else round((self.expected - self.planned).total_seconds())


@dataclass(frozen=True)
class EventRecord:
    """An event of a city calendar, or a booking of a sports hall (one calendar per hall)."""

    title: str
    start: datetime
    end: datetime | None = None
    location: str = ""
    url: str = ""
    all_day: bool = False
    description: str = ""
    cancelled: bool = False  # STATUS:CANCELLED: shown marked, so a hall never looks free or booked wrongly


@dataclass(frozen=True)
class ReportRecord:
    """A citizen report (Klarschiff / Open311)."""

    id: str
    service: str
    status: str  # "open", "closed", or a detailed status such as "in_process" as delivered
    description: str = ""
    address: str = ""
    requested: datetime | None = None
    updated: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    progress: ReportProgress = "unknown"  # status and detailed status, classified
    detailed_status: str = ""  # CitySDK extended_attributes.detailed_status as delivered
    status_notes: str = ""  # the backoffice's note on the status, plain text


@dataclass(frozen=True)
class NewsRecord:
    title: str
    published: datetime | None = None
    link: str = ""
    summary: str = ""


@dataclass(frozen=True)
class ConstructionRecord:
    """A construction site (OpenData.HRO ``baustellen``); dates are local midnights (Europe/Berlin).

    ``distance_m``/``bearing_deg``: from the device to the nearest point of the site, when the device's
    position is known (the connector sorts by it).
    """

    id: str
    street: str
    measure: str = ""
    place: str = ""  # the section of the street, as the city describes it
    restriction: str = ""  # what it means for traffic
    start: datetime | None = None
    end: datetime | None = None  # the last day of the works
    latitude: float | None = None
    longitude: float | None = None
    distance_m: float | None = None
    bearing_deg: float | None = None


@dataclass(frozen=True)
class ToiletRecord:
    """A public toilet (OpenData.HRO ``toiletten``)."""

    id: str
    name: str
    operator: str = ""
    accessible: bool | None = None  # wheelchair accessible ("behindertengerecht")
    baby_changing: bool | None = None
    fee: bool | None = None  # True: costs money, False: free of charge
    fee_text: str = ""  # the amount or the city's words, when given
    hours: str = ""  # opening hours as the city writes them
    latitude: float | None = None
    longitude: float | None = None
    distance_m: float | None = None
    bearing_deg: float | None = None


@dataclass(frozen=True)
class ChargingRecord:
    """A charging station for electric vehicles (OpenData.HRO ``ladestationen_elektrofahrzeuge``)."""

    id: str
    name: str
    operator: str = ""
    points: int | None = None  # number of charging points
    plugs: str = ""  # plug types as the city writes them ("Typ 2, CCS")
    cost: str = ""
    hours: str = ""
    latitude: float | None = None
    longitude: float | None = None
    distance_m: float | None = None
    bearing_deg: float | None = None


Record = (
    ParkingRecord
    | WeatherRecord
    | WaterLevelRecord
    | AlertRecord
    | DepartureRecord
    | EventRecord
    | ReportRecord
    | NewsRecord
    | ConstructionRecord
    | ToiletRecord
    | ChargingRecord
)
