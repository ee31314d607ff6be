"""GTFS-Realtime TripUpdates joined with a GTFS static excerpt → ``DepartureRecord`` (the connector).

The parts: ``gtfs_static`` (the excerpt and service days), ``gtfs_rt_feed`` (decoding, the header
check, sorting the trip updates), ``gtfs_rt_predict`` (the expected time of one stop),
``gtfs_rt_join`` (which trips are listed, and how).

Connector options in ``source.params`` (not sent to the server): ``stops`` (comma-separated stop_ids; a
station's id includes its platforms; default: every stop of the excerpt) and ``horizon_min`` (how far
ahead departures are listed; default 240). ``source.static`` is the excerpt's folder (relative to the
content folder).

An old feed (header timestamp more than ``MAX_FEED_AGE`` before now: the producer is stuck, or a cache
between us serves an old copy) says nothing about the trips now: its delays and cancellations are
ignored and the timetable is shown, as a board does without real time. The "as of" time stays the
fetch time, which is when that timetable was read. Going old and coming back are logged once each.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.gtfs_rt_feed import decode_feed, feed_time
from kiosk.data.connectors.gtfs_rt_join import DEFAULT_HORIZON, departures
from kiosk.data.connectors.gtfs_static import (
    STATIC_FILES,
    StaticFeed,
    load_static,
    parse_static,
    service_time,
)
from kiosk.data.errors import ConnectorError
from kiosk.data.records import DepartureRecord

__all__ = [
    "ACCEPT",
    "KIND",
    "STATIC_FILES",
    "StaticFeed",
    "decode_feed",
    "departures",
    "fetch",
    "load_static",
    "parse_static",
    "parse_trip_updates",
    "service_time",
]

KIND = "gtfs-rt"
ACCEPT = (
    "application/x-protobuf",
    "application/octet-stream",
    "application/vnd.google.protobuf",
    "application/protobuf",
    "application/json",
)
OPTION_KEYS = frozenset({"stops", "horizon_min"})
MAX_FEED_AGE = timedelta(minutes=15)  # producers publish every 30–60 s; 15 min is clearly stuck

log = logging.getLogger(__name__)
_old_feeds: set[str] = set()  # source URLs whose last feed was too old (to log the change only)


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[DepartureRecord]:
    if not source.static:
        raise ConnectorError("a gtfs-rt source needs 'static': the folder with the GTFS excerpt")
    static = load_static(ctx.content_dir / source.static)
    params = {k: v for k, v in source.params.items() if k not in OPTION_KEYS}
    response = http.get(source.url, params=params or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    feed = decode_feed(response.body, response.headers.get("content-type", ""))
    current = is_current(feed, ctx.now)
    _log_age_change(source, feed, current)
    return departures(
        static,
        feed,
        stops_param(source.params.get("stops")),
        ctx.now,
        horizon_param(source.params.get("horizon_min")),
        realtime=current,
    )


def parse_trip_updates(
    body: bytes,
    content_type: str,
    static: StaticFeed,
    stops: frozenset[str] | None,
    now: datetime,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[DepartureRecord]:
    feed = decode_feed(body, content_type)
    return departures(static, feed, stops, now, horizon, realtime=is_current(feed, now))


def is_current(feed: Any, now: datetime) -> bool:
    """Whether the feed's real time applies now: built at most ``MAX_FEED_AGE`` ago (a feed without a
    timestamp, or one a little "from the future" through clock skew, is believed)."""
    built = feed_time(feed)
    return built is None or now - built <= MAX_FEED_AGE


def _log_age_change(source: DataSource, feed: Any, current: bool) -> None:
    if not current and source.url not in _old_feeds:
        _old_feeds.add(source.url)
        built = feed_time(feed)
        log.warning(
            "GTFS-RT feed of %s is old (built %s): showing the timetable without real time",
            source.name,
            built.isoformat() if built else "?",
        )
    elif current and source.url in _old_feeds:
        _old_feeds.discard(source.url)
        log.info("GTFS-RT feed of %s is current again", source.name)


def stops_param(value: str | None) -> frozenset[str] | None:
    stops = frozenset(part.strip() for part in (value or "").split(",") if part.strip())
    return stops or None


def horizon_param(value: str | None) -> timedelta:
    try:
        minutes = int(value.strip()) if value else None
    except ValueError:
        minutes = None
    return timedelta(minutes=minutes) if minutes is not None and 0 < minutes <= 48 * 60 else DEFAULT_HORIZON
