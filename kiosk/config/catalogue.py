"""The one catalogue of data-source kinds and data widgets.

A new source kind is one entry in ``SOURCE_KINDS`` (plus its connector module and tests); a new widget is
one entry in ``WIDGETS`` (plus its presentation in ``kiosk/data/present.py``). Everything else is derived
from here: the ``kind`` and ``widget`` values an editor may write, which sources a widget can show, which
kinds carry warnings for every device, the connector registry and the editor reference's table.

Pure data: importing this module imports no connector (the registry imports a connector only when a
device uses its kind).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WidgetSpec:
    """A data widget: a table of rows fed by a source."""

    name: str
    summary: str
    # False for widgets that are not chosen by ``widget:`` (the ticker slide has a type of its own)
    selectable: bool = True


@dataclass(frozen=True)
class SourceKindSpec:
    """A kind of data source: the protocol or format one connector understands."""

    name: str
    module: str  # the connector: ``kiosk.data.connectors.<module>``
    summary: str
    feeds: tuple[str, ...]  # widgets that can show this kind's records
    # its records are warnings: every device fetches such sources, whatever its slides show
    warns: bool = False


WIDGETS: tuple[WidgetSpec, ...] = (
    WidgetSpec("parking", "Car parks with free spaces (or capacity when there is no live count)."),
    WidgetSpec("departures", "Next departures at the configured stops, with real-time state."),
    WidgetSpec("weather", "Current weather: temperature, wind, gusts, precipitation."),
    WidgetSpec("water-level", "Water levels at gauges, with trend and storm-surge state."),
    WidgetSpec("events", "Coming events of a calendar or news feed."),
    WidgetSpec("hall-bookings", "Today's bookings of one sports hall."),
    WidgetSpec("reports", "Citizen reports nearby, with their state."),
    WidgetSpec("warnings", "Active official warnings."),
    WidgetSpec(
        "construction-sites",
        "Current and coming construction sites near the device: street, measure, period, restriction.",
    ),
    WidgetSpec(
        "toilets", "The nearest public toilets: distance and direction, accessible, fee, opening hours."
    ),
    WidgetSpec("charging", "The nearest EV charging stations: distance, operator, charging points, plugs."),
    WidgetSpec(
        "ticker", "Short messages of a ticker slide (`type: ticker`, key `source`).", selectable=False
    ),
)

_NGSI_FEEDS = ("parking", "weather", "water-level", "warnings")

SOURCE_KINDS: tuple[SourceKindSpec, ...] = (
    SourceKindSpec(
        "ngsi-ld", "ngsi_ld", "NGSI-LD broker of the urban data platform (Smart Data Models).", _NGSI_FEEDS
    ),
    SourceKindSpec("ngsi-v2", "ngsi_v2", "FIWARE Orion NGSI-v2 broker (Smart Data Models).", _NGSI_FEEDS),
    SourceKindSpec("ckan-datastore", "ckan", "CKAN `datastore_search` (OpenData.HRO tables).", ("parking",)),
    SourceKindSpec(
        "ckan-resource", "ckan_resource", "A CKAN resource file (GeoJSON, JSON or CSV).", ("parking",)
    ),
    SourceKindSpec("open311", "open311", "Open311 GeoReport v2 / Klarschiff citizen reports.", ("reports",)),
    SourceKindSpec(
        "pegelonline", "pegelonline", "PEGELONLINE water levels (WSV REST API).", ("water-level",)
    ),
    SourceKindSpec("brightsky-weather", "brightsky", "Bright Sky (DWD) current weather.", ("weather",)),
    SourceKindSpec(
        "brightsky-alerts",
        "brightsky_alerts",
        "Bright Sky (DWD) warnings.",
        ("warnings", "ticker"),
        warns=True,
    ),
    SourceKindSpec(
        "nina",
        "nina",
        "NINA warnings (MoWaS, KATWARN, BIWAPP, DWD, LHP, police).",
        ("warnings", "ticker"),
        warns=True,
    ),
    SourceKindSpec(
        "dwd-warnings",
        "dwd_warnings",
        "DWD warnings (JSONP or GeoServer).",
        ("warnings", "ticker"),
        warns=True,
    ),
    SourceKindSpec(
        "gtfs-rt", "gtfs_rt", "GTFS-Realtime trip updates joined with a GTFS excerpt.", ("departures",)
    ),
    SourceKindSpec(
        "ical",
        "ical",
        "An iCalendar feed (city events, one sports hall's bookings).",
        ("events", "hall-bookings"),
    ),
    SourceKindSpec("rss", "rss", "An RSS or Atom news feed.", ("events", "ticker")),
    SourceKindSpec(
        "hro-construction",
        "hro_construction",
        "OpenData.HRO construction sites (`baustellen`, GeoJSON or CSV), nearest first; option `radius_m`.",
        ("construction-sites",),
    ),
    SourceKindSpec(
        "hro-toilets",
        "hro_toilets",
        "OpenData.HRO public toilets (`toiletten`, GeoJSON or CSV), nearest first; option `radius_m`.",
        ("toilets",),
    ),
    SourceKindSpec(
        "hro-charging",
        "hro_charging",
        "OpenData.HRO EV charging stations (`ladestationen_elektrofahrzeuge`, GeoJSON or CSV), nearest "
        "first; option `radius_m`.",
        ("charging",),
    ),
)

SOURCE_KIND_NAMES: tuple[str, ...] = tuple(k.name for k in SOURCE_KINDS)
WIDGET_NAMES: tuple[str, ...] = tuple(w.name for w in WIDGETS if w.selectable)
ALERT_KINDS: frozenset[str] = frozenset(k.name for k in SOURCE_KINDS if k.warns)
WIDGET_SOURCES: dict[str, frozenset[str]] = {
    w.name: frozenset(k.name for k in SOURCE_KINDS if w.name in k.feeds) for w in WIDGETS
}
KIND_BY_NAME: dict[str, SourceKindSpec] = {k.name: k for k in SOURCE_KINDS}


def _check() -> None:
    """A typo in a ``feeds`` entry would silently make a widget unusable: refuse it at import."""
    known = {w.name for w in WIDGETS}
    for kind in SOURCE_KINDS:
        unknown = set(kind.feeds) - known
        if unknown:
            raise ValueError(f"source kind {kind.name} feeds unknown widget(s) {sorted(unknown)}")


_check()
