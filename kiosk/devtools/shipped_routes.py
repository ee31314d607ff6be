"""Where each shipped data source lives on the fake city platform (``kiosk platform-sim``).

Used by ``tools/make_snapshots.py`` and by ``kiosk run --platform URL`` (a demo against the fake
platform, faults included). The editor files keep the real public URLs; only these copies change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.source import DataSource


@dataclass(frozen=True)
class SimRoute:
    """Where a source's data lives on the simulator: path (as in routes.json) and query overrides.

    ``query`` replaces the values of those keys in the source's own params (the simulator matches
    its route's query exactly; extra parameters are tolerated). Connector options (``stops``,
    ``station``, ``cells``, …) stay as the source declares them.
    """

    path: str
    query: Mapping[str, str] = field(default_factory=dict)


# Source id → simulator route. Every shipped source needs an entry (and every entry a source).
SIM_ROUTES: dict[str, SimRoute] = {
    # GTFS-RT TripUpdates (protobuf), joined with content/gtfs-static (copied from gtfs/static).
    "abfahrten-stadthafen": SimRoute("/gtfsrt/tripupdates.pb"),
    # Bright Sky /alerts: the fixture route is for lat=54.09, lon=12.13 (the Stadthafen, rounded);
    # the source asks for 54.0887 / 12.1405, so the coordinates are replaced. tz stays.
    "dwd-warnungen": SimRoute("/alerts", {"lat": "54.09", "lon": "12.13"}),
    # No hall-booking fixture exists: the closest is the city events calendar
    # (events/rostock_veranstaltungen.ics; its Sporthalle-Schmarl handball is CANCELLED and left out).
    "hallenbelegung-schmarl": SimRoute("/events/rostock.ics"),
    # Klarschiff CitySDK requests (route needs extensions=true, which the source sends); the
    # Klarschiff filters detailed_status / max_requests are not applied by the simulator.
    "klarschiff": SimRoute("/citysdk/requests.json"),
    # No press-release fixture exists: the closest RSS 2.0 feed is events/events_rss.xml.
    "nachrichten": SimRoute("/events/rss.xml"),
    # NINA dashboard for ARS 130030000000; the connector fetches /api31/warnings/{id}.json from the
    # same origin (the fixtures have the MOWAS detail; the DWD item stays a dashboard summary).
    "nina-rostock": SimRoute("/api31/dashboard/130030000000.json"),
    # CKAN DataStore under the /opendata-hro prefix; the source's resource_id is a placeholder
    # ("parkhaeuser"), the fixture route's is the invented id below.
    "parkhaeuser": SimRoute(
        "/opendata-hro/api/3/action/datastore_search",
        {"resource_id": "5d3c1f0e-8a2b-4c7d-9e11-2f6a7b8c9d01"},
    ),
    # PEGELONLINE current measurement of WARNEMÜNDE (the station name comes from the URL path).
    "pegel-warnemuende": SimRoute("/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json"),
    # The events calendar itself (events/rostock_veranstaltungen.ics).
    "veranstaltungen": SimRoute("/events/rostock.ics"),
    # Bright Sky /current_weather: the fixture route is for lat=54.18, lon=12.08 (Warnemünde,
    # rounded); the source asks for 54.1803 / 12.0825, so the coordinates are replaced. tz stays.
    "wetter-warnemuende": SimRoute("/current_weather", {"lat": "54.18", "lon": "12.08"}),
    # OpenData.HRO downloads at their real paths (opendata-hro/*: invented features, real shape).
    "baustellen": SimRoute("/download/opendata/baustellen/baustellen.json"),
    "toiletten": SimRoute("/download/opendata/toiletten/toiletten.json"),
    "e-ladestationen": SimRoute(
        "/download/opendata/ladestationen_elektrofahrzeuge/ladestationen_elektrofahrzeuge.json"
    ),
}


def on_platform(source: DataSource, route: SimRoute, base: str) -> DataSource:
    """The source as served by the platform at ``base`` (its URL and the route's query values)."""
    params = {**source.params, **route.query}
    return source.model_copy(update={"url": base.rstrip("/") + route.path, "params": params})


def point_at(content: ContentSet, base: str) -> ContentSet:
    """A copy of ``content`` whose known sources fetch from the fake platform at ``base``."""
    for source_id, entry in list(content.sources.items()):
        route = SIM_ROUTES.get(source_id)
        if route is not None:
            content.sources[source_id] = Entry(
                entry.id, entry.file, on_platform(entry.model, route, base), entry.doc
            )
    return content
