"""Bright Sky weather alerts (``GET https://api.brightsky.dev/alerts?lat=…&lon=…`` or ``warn_cell_id``)
→ ``AlertRecord`` (provider "DWD": Bright Sky republishes the DWD's CAP warnings).

Mapping of ``{alerts: […], location: {…}}``:

* id ← ``alert_id`` (the CAP identifier), else Bright Sky's own ``id``; an alert with neither is skipped;
* severity ← ``severity`` (minor/moderate/severe/extreme; anything else "unknown");
* headline/description/instruction/event ← the German ``*_de`` text, else the English ``*_en`` one;
  language "de" unless the headline had to be English; a headline missing in both is the event name;
  both languages are kept in ``texts`` (``de`` and ``en``), so an English reader gets ``*_en``;
* sent ← ``effective``, onset ← ``onset``, expires ← ``expires`` (``null``: open end);
* msg_type: Bright Sky has no CAP ``msgType``; a ``status``, ``category`` or ``response_type`` of
  ``cancel`` (and ``response_type: allclear``, the DWD's all-clear) → "cancel", ``update`` → "update",
  else "alert";
* area ← ``location.name`` (the municipality of the warn cell), sender "Deutscher Wetterdienst".

Alerts whose CAP ``status`` is ``test``, ``exercise``, ``system`` or ``draft`` are left out: a test
message must never reach the emergency screen. Times are UTC (``+00:00``) or carry an offset; one without an
offset is taken as UTC (Bright Sky documents UTC) unless ``tz`` was asked for. An alert with a value of
the wrong type is skipped; only when none is usable is it a ``ParseError``. ``{"alerts": []}`` is a real
"no warnings"; a body without an ``alerts`` array (``/current_weather``, an error object, nothing) is a
``ParseError``, never "no warnings".
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.brightsky import load_json, parse_time
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, AlertText, MessageType, Severity

KIND = "brightsky-alerts"
ACCEPT = ("application/json",)
SENDER = "Deutscher Wetterdienst"
SEVERITIES: dict[str, Severity] = {
    "minor": "minor",
    "moderate": "moderate",
    "severe": "severe",
    "extreme": "extreme",
}
NOT_ACTUAL = frozenset({"test", "exercise", "system", "draft"})  # CAP status other than Actual
MESSAGE_TYPES: dict[str, MessageType] = {"cancel": "cancel", "allclear": "cancel", "update": "update"}


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[AlertRecord]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_alerts(response.body, naive_utc="tz" not in source.params)


def parse_alerts(body: bytes, *, naive_utc: bool = True) -> list[AlertRecord]:
    data = load_json(body)
    alerts = data.get("alerts") if isinstance(data, Mapping) else None
    if not isinstance(data, Mapping) or not isinstance(alerts, list):
        raise ParseError("Bright Sky: expected {alerts: […], location: {…}} from /alerts")
    location = data.get("location")
    area = _text(location.get("name"), "location.name") if isinstance(location, Mapping) else None
    records: list[AlertRecord] = []
    rejected: list[str] = []
    for index, item in enumerate(alerts, start=1):
        if not isinstance(item, Mapping):
            rejected.append(f"alert {index} is not an object")
            continue
        try:
            status = _text(item.get("status"), "status")
            if status and status.lower() in NOT_ACTUAL:
                continue  # a test, exercise, system or draft message
            records.append(_alert(item, area or "", naive_utc))
        except ParseError as exc:
            rejected.append(f"alert {index}: {exc}")
    if rejected and not records:
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        raise ParseError(f"Bright Sky: no usable alert: {rejected[0]}{more}")
    return records


def _alert(item: Mapping[str, object], area: str, naive_utc: bool) -> AlertRecord:
    identifier = _text(item.get("alert_id"), "alert_id") or _text(item.get("id"), "id")
    if identifier is None:
        raise ParseError("no alert_id")
    headline_de = _text(item.get("headline_de"), "headline_de")
    event = _german_or_english(item, "event")
    severity = _text(item.get("severity"), "severity")
    return AlertRecord(
        id=identifier,
        provider="DWD",
        severity=SEVERITIES.get(severity.lower(), "unknown") if severity else "unknown",
        headline=headline_de or _text(item.get("headline_en"), "headline_en") or event,
        msg_type=_msg_type(item),
        description=_german_or_english(item, "description"),
        instruction=_german_or_english(item, "instruction"),
        sender=SENDER,
        sent=parse_time(item.get("effective"), "effective", naive_utc=naive_utc),
        onset=parse_time(item.get("onset"), "onset", naive_utc=naive_utc),
        expires=parse_time(item.get("expires"), "expires", naive_utc=naive_utc),
        event=event,
        area=area,
        language="de" if headline_de or not _text(item.get("headline_en"), "headline_en") else "en",
        texts=tuple(text for text in (_in(item, "de", event), _in(item, "en", event)) if text),
    )


def _in(item: Mapping[str, object], language: str, event: str) -> AlertText | None:
    """The ``*_de`` or ``*_en`` texts, if the alert has that language's headline or description."""
    headline, description, instruction = (
        _text(item.get(f"{field}_{language}"), f"{field}_{language}") or ""
        for field in ("headline", "description", "instruction")
    )
    if not headline and not description:
        return None
    event_here = _text(item.get(f"event_{language}"), f"event_{language}") or event
    return AlertText(language, headline or event_here, description, instruction)


def _msg_type(item: Mapping[str, object]) -> MessageType:
    for key in ("status", "category", "response_type"):
        value = _text(item.get(key), key)
        if value and value.lower() in MESSAGE_TYPES:
            return MESSAGE_TYPES[value.lower()]
    return "alert"


def _german_or_english(item: Mapping[str, object], field: str) -> str:
    return (
        _text(item.get(f"{field}_de"), f"{field}_de") or _text(item.get(f"{field}_en"), f"{field}_en") or ""
    )


def _text(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ParseError(f"{what} is not text")
    return str(value).strip() or None
