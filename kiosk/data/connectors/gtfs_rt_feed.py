"""A GTFS-Realtime ``FeedMessage``: decoding, the header check, and the trip updates sorted by what they
do to the schedule.

The feed is protobuf (``application/x-protobuf`` / ``application/octet-stream``) or its JSON mapping
(``application/json``), decoded with ``gtfs-realtime-bindings`` and ``google.protobuf.json_format``.

A FeedMessage must carry a header with ``gtfs_realtime_version``. An empty body decodes as an empty
message, and a truncated or foreign body often decodes as *some* message: without this check either would
read as "no trip updates", so a cancelled trip would show as running and the last good data would be
replaced. Such a body is a ``ParseError``. A ``DIFFERENTIAL`` feed only carries changes; read as a full
data set it would drop the real time of every trip it does not mention, so it is refused as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from google.protobuf import json_format
from google.transit import gtfs_realtime_pb2

from kiosk.data.errors import ParseError

TRIP = gtfs_realtime_pb2.TripDescriptor
STOP_UPDATE = gtfs_realtime_pb2.TripUpdate.StopTimeUpdate
_VERSION = re.compile(r"\A\d+(\.\d+)*\Z")

# Trip updates that adjust an instance of a static trip (found by trip_id and service day).
# REPLACEMENT (deprecated) is read like SCHEDULED: the stop updates carry its times.
# UNSCHEDULED trips (frequencies.txt, not read here) are joined like SCHEDULED ones when the excerpt
# lists them, else read from their absolute times like NEW trips.
ON_SCHEDULE = frozenset({TRIP.SCHEDULED, TRIP.REPLACEMENT, TRIP.UNSCHEDULED, TRIP.CANCELED, TRIP.DELETED})


def pb_text(value: object) -> str:
    """A protobuf string field: the upb runtime hands out ``bytes`` when the wire data is not UTF-8."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ""


def decode_feed(body: bytes, content_type: str = "") -> Any:
    """Protobuf or (for ``application/json``, or a body that starts with ``{``) its JSON mapping; a
    ``ParseError`` unless it is a FeedMessage with a valid header."""
    if not body.strip():
        raise ParseError("not a GTFS-RT FeedMessage: empty body")
    feed = gtfs_realtime_pb2.FeedMessage()
    as_json = content_type.split(";")[0].strip().lower().endswith("json") or (
        not content_type and body.lstrip()[:1] == b"{"
    )
    try:
        if as_json:
            json_format.Parse(body.decode("utf-8-sig"), feed, ignore_unknown_fields=True)
        else:
            feed.ParseFromString(body)
    except Exception as exc:  # DecodeError, json_format.ParseError, UnicodeDecodeError, RecursionError …
        raise ParseError(f"not a GTFS-RT FeedMessage: {type(exc).__name__}") from None
    if not feed.HasField("header"):
        raise ParseError("not a GTFS-RT FeedMessage: no header")
    version = pb_text(feed.header.gtfs_realtime_version)
    if not _VERSION.match(version):
        raise ParseError(f"not a GTFS-RT FeedMessage: gtfs_realtime_version {version[:20]!r}")
    if feed.header.incrementality == gtfs_realtime_pb2.FeedHeader.DIFFERENTIAL:
        raise ParseError("GTFS-RT DIFFERENTIAL feeds are not supported (only FULL_DATASET)")
    return feed


def feed_time(feed: Any) -> datetime | None:
    """The header timestamp (when the producer built the feed), if it gives a usable one."""
    if not feed.header.HasField("timestamp") or feed.header.timestamp <= 0:
        return None
    try:
        return datetime.fromtimestamp(feed.header.timestamp, UTC)
    except (ValueError, OverflowError, OSError):
        return None


@dataclass
class TripUpdates:
    """The feed's trip updates: ``scheduled`` by trip_id (they adjust static trips), ``duplicated``
    (copies of static trips at another time), ``extra`` (trips the excerpt does not list: NEW and ADDED
    ones, and on-schedule ones with an unknown trip_id on a route the excerpt has, e.g. from a newer
    timetable; they are read from their absolute times)."""

    scheduled: dict[str, list[Any]] = field(default_factory=dict)
    duplicated: list[Any] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)


def sort_trip_updates(
    feed: Any,
    known_trips: Container[str],
    known_routes: Container[str],
    match: Callable[[Any], str] | None = None,
) -> TripUpdates:
    """``known_trips``/``known_routes``: the excerpt's trip_ids and route_ids. ``match(trip_descriptor)
    -> trip_id or ""`` finds the trip of an update that gives route_id, direction_id, start_time and
    start_date instead of a trip_id.

    Unknown trips on unknown routes are left out unread: in a nationwide feed they are nearly all of it
    (tens of thousands of trips elsewhere), and reading their stops would cost a second per fetch.

    An ADDED update for a known trip with a ``start_time`` is the older way to duplicate a trip (as
    Google's feed guide reads it); it is dropped when a DUPLICATED update names the same trip, as the
    spec's migration guide asks, so a duplicated trip is never listed twice. A cancelled or deleted trip
    the excerpt does not know has nothing to show and is left out."""
    out = TripUpdates()
    added: list[Any] = []
    duplicated_ids: set[str] = set()
    for entity in feed.entity:
        if not entity.HasField("trip_update") or entity.is_deleted:
            continue
        update = entity.trip_update
        relationship = update.trip.schedule_relationship
        trip_id = pb_text(update.trip.trip_id)
        if not trip_id and match is not None and relationship in ON_SCHEDULE:
            trip_id = match(update.trip)
        if relationship == TRIP.DUPLICATED:
            if trip_id in known_trips:
                out.duplicated.append(update)
                duplicated_ids.update({trip_id, pb_text(update.trip_properties.trip_id)})
        elif relationship in (TRIP.ADDED, TRIP.NEW):
            added.append(update)
        elif trip_id and trip_id in known_trips:
            out.scheduled.setdefault(trip_id, []).append(update)
        elif (
            relationship not in (TRIP.CANCELED, TRIP.DELETED)
            and pb_text(update.trip.route_id) in known_routes
        ):
            out.extra.append(update)
    for update in added:
        trip_id = pb_text(update.trip.trip_id)
        if trip_id and trip_id in duplicated_ids:
            continue
        is_copy = (
            update.trip.schedule_relationship == TRIP.ADDED
            and trip_id in known_trips
            and bool(pb_text(update.trip.start_time))
        )
        (out.duplicated if is_copy else out.extra).append(update)
    return out
