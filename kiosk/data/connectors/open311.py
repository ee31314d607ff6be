"""Open311 GeoReport v2 / CitySDK (Klarschiff: ``GET …/citysdk/requests.json``) → ``ReportRecord``.

``source.params`` are the query (e.g. ``extensions=true``, ``status=open``, ``max_requests``). The answer
is a JSON array of service requests:

* id ← ``service_request_id`` (an integer in Klarschiff, text elsewhere); a request without one is skipped;
* service ← ``service_name``, else ``service_code`` (int or text);
* status ← ``status`` as delivered: Open311 ``open``/``closed``, or the backoffice's own detailed status
  (``in_process``, …); without one, ``extended_attributes.detailed_status`` in lower case, else "unknown";
* progress ← the CitySDK ``extended_attributes.detailed_status`` classified as open / in_progress / closed
  (``PROGRESS``: any case, ``_``/``-``/space ignored); a detailed status not in the table (``PUBLIC``, a
  visibility, not a stage) falls back to ``status``, and a status not in it either is "unknown". The table
  follows Klarschiff (``app/models/citysdk/status.rb``: open = pending/received/reviewed/in_process,
  closed = closed/duplicate/not_solvable; CitySDK PENDING/RECEIVED/IN_PROCESS/PROCESSED/REJECTED), the
  legacy Klarschiff backend's German names and the stages other GeoReport v2 servers use;
* detailed_status, status_notes ← as delivered (not text: left empty rather than losing the report);
* description ← ``description``, hidden ("") when ``extended_attributes.description_public`` is false;
* address ← ``address`` (else ``address_string``); requested/updated ← ``requested_datetime``/
  ``updated_datetime`` (Rails ``2025-10-16T08:41:12.000+02:00``; a time without offset is an error,
  GeoReport v2 requires one); latitude/longitude ← ``lat``/``long`` (numbers or numeric text).

A request with a value of the wrong type is skipped; only when none is usable is it a ``ParseError``.
Errors (``[{code, description}]`` in GeoReport v2, ``{"error_messages": […]}`` in Klarschiff) are a
``ParseError`` with their text.

``fetch`` keeps only the reports within ``ctx.radius_m`` of the kiosk (haversine) when the kiosk's
position is known (reports without a position are then left out) and sorts newest first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.values import aware_time as _time
from kiosk.data.connectors.values import load_json
from kiosk.data.errors import ParseError
from kiosk.data.records import ReportProgress, ReportRecord

KIND = "open311"
ACCEPT = ("application/json",)
EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)

_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")
_SEPARATORS = re.compile(r"[\W_]+")

#: status words (lower case, separators removed) → stage. Open: reported, not yet worked on.
PROGRESS: dict[str, ReportProgress] = {
    **dict.fromkeys(
        ("open", "pending", "received", "reviewed", "new", "submitted", "acknowledged", "confirmed",
         "accepted", "reopened", "gemeldet", "offen"),
        "open",
    ),
    **dict.fromkeys(
        ("inprocess", "inprogress", "processing", "assigned", "started", "investigating",
         "actionscheduled", "planned", "inbearbeitung"),
        "in_progress",
    ),
    **dict.fromkeys(
        ("closed", "processed", "rejected", "archived", "duplicate", "notsolvable", "solved", "resolved",
         "completed", "done", "fixed", "unabletofix", "notresponsible", "wontfix", "invalid",
         "abgeschlossen", "erledigt", "wirdnichtbearbeitet"),
        "closed",
    ),
}  # fmt: skip


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[ReportRecord]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    reports = parse_requests(response.body)
    if ctx.latitude is not None and ctx.longitude is not None:
        reports = nearby(reports, ctx.latitude, ctx.longitude, ctx.radius_m)
    return reports


def parse_requests(body: bytes) -> list[ReportRecord]:
    """A ``requests.json`` array → reports, newest (``requested_datetime``) first."""
    data = load_json(body, "Open311")
    if isinstance(data, Mapping):
        if "error_messages" in data:
            raise ParseError(f"Open311: {_errors(data['error_messages'])}")
        if "service_request_id" in data:
            data = [data]  # GET /requests/{id}.json from a lenient server
    if not isinstance(data, list):
        raise ParseError("Open311: expected a JSON array of service requests")
    reports: list[ReportRecord] = []
    rejected: list[str] = []
    errors: list[object] = []
    for index, item in enumerate(data, start=1):
        if (
            isinstance(item, Mapping)
            and "service_request_id" not in item
            and "description" in item
            and "code" in item
        ):
            errors.append(item)  # GeoReport v2 error array
            continue
        if not isinstance(item, Mapping):
            rejected.append(f"entry {index} is not an object")
            continue
        try:
            reports.append(report(item))
        except ParseError as exc:
            rejected.append(f"entry {index}: {exc}")
    if errors and not reports:
        raise ParseError(f"Open311: {_errors(errors)}")
    if rejected and not reports:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"Open311: no usable service request: {rejected[0]}{more}")
    return newest_first(reports)


def report(item: Mapping[str, object]) -> ReportRecord:
    identifier = _text(item.get("service_request_id"), "service_request_id")
    if identifier is None:
        raise ParseError("no service_request_id")
    extended = item.get("extended_attributes")
    extended = extended if isinstance(extended, Mapping) else {}
    delivered = _text(item.get("status"), "status")
    detailed = _note(extended.get("detailed_status"))
    status = delivered or (detailed.lower() if detailed else "unknown")
    description = _text(item.get("description"), "description") or ""
    if extended.get("description_public") is False:
        description = ""
    return ReportRecord(
        id=identifier,
        service=_text(item.get("service_name"), "service_name")
        or _text(item.get("service_code"), "service_code")
        or "",
        status=status,
        description=description,
        address=_text(item.get("address"), "address") or _text(item.get("address_string"), "address") or "",
        requested=_time(item.get("requested_datetime"), "requested_datetime"),
        updated=_time(item.get("updated_datetime"), "updated_datetime"),
        latitude=_coordinate(item.get("lat"), 90.0),
        longitude=_coordinate(item.get("long"), 180.0),
        progress=progress(detailed, delivered),
        detailed_status=detailed,
        status_notes=_note(item.get("status_notes")),
    )


def progress(detailed: str, status: str | None) -> ReportProgress:
    """The stage of a report: its detailed status if the table knows it, else its basic status."""
    for value in (detailed, status):
        if value and (stage := PROGRESS.get(_SEPARATORS.sub("", value).lower())):
            return stage
    return "unknown"


def newest_first(reports: list[ReportRecord]) -> list[ReportRecord]:
    """By ``requested`` descending; reports without a date last (in their delivered order)."""
    dated = [r for r in reports if r.requested is not None]
    dated.sort(key=lambda r: r.requested.timestamp() if r.requested else 0.0, reverse=True)
    return dated + [r for r in reports if r.requested is None]


def nearby(
    reports: list[ReportRecord], latitude: float, longitude: float, radius_m: float
) -> list[ReportRecord]:
    """Reports whose position is within ``radius_m`` of (``latitude``, ``longitude``); order kept."""
    return [
        r
        for r in reports
        if r.latitude is not None
        and r.longitude is not None
        and distance_m(latitude, longitude, r.latitude, r.longitude) <= radius_m
    ]


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _errors(items: object) -> str:
    entries = items if isinstance(items, list) else [items]
    texts = []
    for entry in entries:
        if isinstance(entry, Mapping):
            code, description = entry.get("code"), entry.get("description")
            texts.append(" ".join(str(part) for part in (code, description) if part is not None))
        else:
            texts.append(str(entry)[:200])
    return ("; ".join(t for t in texts if t) or "error without a description")[:500]


def _text(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseError(f"{what} is not text")
    return str(value).strip() or None


def _note(value: object) -> str:
    """Optional text: a value of another type is left out instead of losing the whole report."""
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _coordinate(value: object, limit: float) -> float | None:
    """A latitude/longitude (number or numeric text) within ±limit; anything else is unknown."""
    if isinstance(value, str) and _NUMBER.match(value):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None
