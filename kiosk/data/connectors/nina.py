"""NINA / BBK warnings (``https://warnung.bund.de/api31``) → ``AlertRecord``.

1. ``GET /dashboard/{ARS}.json`` (the source URL; ``{ars}`` in it is replaced by the device's ARS) lists
   the warnings for the district with a short summary (``payload.data``).
2. For each item ``GET /warnings/{id}.json`` (same origin and API prefix as the dashboard, never
   conditional) gives the full CAP message. If that request or its parsing fails, the item is still
   shown from the dashboard summary: one failing detail never loses the others.

Mappings: provider from the id prefix (``mow.`` MOWAS, ``kat.`` KATWARN, ``biw.`` BIWAPP, ``dwd.``/``dwdmap.``
DWD, ``lhp.`` LHP, ``pol.`` POLICE; else ``payload.data.provider``, else "NINA"); CAP severity
Minor/Moderate/Severe/Extreme/Unknown → lower case (anything else "unknown"); msgType Alert/Update/
Cancel → lower case (Ack/Error/missing → "alert": a warning is rather shown than hidden). The record's
own texts come from the German ``info`` block (language ``de``, ``de-DE``, ``DE``, …), else the first
one; every ``info`` block is kept in ``texts`` by its two-letter language (``en-US`` → ``en``), so a
passer-by reads the block of their language (``AlertRecord.text``). A language the CAP message lacks but
the dashboard's ``i18nTitle`` has ({"de": …, "en": …}) gets at least its title. HTML in
description/instruction (``<br/>``) becomes line breaks. ``onset`` is CAP ``onset``, else ``effective``.
A Cancel or Update names the messages it is about in CAP ``references`` (``sender,identifier,sent``
triples): their identifiers go to ``references``, so a Cancel with an id of its own still ends them.

Shape: the dashboard must be a JSON array of items with an ``id`` and a ``payload`` object. ``[]`` is a
real "no warnings" (it clears the screen); an array whose items are none of them dashboard items
(another API's list) is a ``ParseError``, never "no warnings", so it cannot clear an active warning.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote, urljoin

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.connectors.rss import html_to_text
from kiosk.data.connectors.values import load_json
from kiosk.data.errors import ConnectorError, ParseError
from kiosk.data.records import AlertRecord, AlertText, MessageType, Severity

KIND = "nina"
ACCEPT = ("application/json",)

PROVIDER_PREFIXES: dict[str, str] = {
    "mow": "MOWAS",
    "kat": "KATWARN",
    "biw": "BIWAPP",
    "dwd": "DWD",
    "dwdmap": "DWD",
    "lhp": "LHP",
    "pol": "POLICE",
}
SEVERITIES: dict[str, Severity] = {
    "minor": "minor",
    "moderate": "moderate",
    "severe": "severe",
    "extreme": "extreme",
    "unknown": "unknown",
}
MESSAGE_TYPES: dict[str, MessageType] = {"alert": "alert", "update": "update", "cancel": "cancel"}
_ARS_PLACEHOLDER = re.compile(r"\{ars\}|%7Bars%7D", re.IGNORECASE)


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[AlertRecord]:
    url = dashboard_url(source.url, ctx.ars)
    response = http.get(url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    summaries = parse_dashboard(response.body)
    records: list[AlertRecord] = []
    for summary in summaries:
        try:
            detail = http.get(warning_url(url, summary.id), accept=ACCEPT, conditional=False)
            records.extend(parse_warning(detail.body, summary))
        except ConnectorError:
            records.append(summary)  # the dashboard's own data: headline, severity, msgType
    return records


def dashboard_url(url: str, ars: str) -> str:
    """``{ars}`` (also percent-encoded as ``%7Bars%7D``) replaced by the device's ARS."""
    return _ARS_PLACEHOLDER.sub(lambda _: quote(ars, safe=""), url)


def warning_url(dashboard: str, warning_id: str) -> str:
    """``…/api31/dashboard/130030000000.json`` → ``…/api31/warnings/{id}.json`` (same origin)."""
    return urljoin(dashboard, f"../warnings/{quote(warning_id, safe='')}.json")


def provider_of(warning_id: str, fallback: object = None) -> str:
    prefix = warning_id.split(".", 1)[0].lower() if "." in warning_id else ""
    if prefix in PROVIDER_PREFIXES:
        return PROVIDER_PREFIXES[prefix]
    if isinstance(fallback, str) and fallback.strip():
        return fallback.strip().upper()
    return "NINA"


def parse_dashboard(body: bytes) -> list[AlertRecord]:
    """The dashboard list → one summary record per item (from ``payload.data``)."""
    data = _json(body)
    if not isinstance(data, list):
        raise ParseError("NINA dashboard: expected a list of warnings")
    records: list[AlertRecord] = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("payload"), dict):
            continue
        payload = _dict(item.get("payload"))
        summary = _dict(payload.get("data"))
        warning_id = _str(item.get("id")) or _str(payload.get("id"))
        if not warning_id:
            continue
        titles = _titles(item.get("i18nTitle"))
        headline = _str(summary.get("headline")) or next(
            (title.headline for title in titles if title.language == "de"), ""
        )
        records.append(
            AlertRecord(
                id=warning_id,
                provider=provider_of(warning_id, summary.get("provider")),
                severity=_severity(summary.get("severity")),
                headline=headline or warning_id,
                msg_type=_msg_type(summary.get("msgType")),
                sent=_aware(item.get("sent")),
                texts=titles,
            )
        )
    if data and not records:
        raise ParseError("NINA dashboard: no item has an id and a payload (not a NINA dashboard)")
    return records


def _titles(value: object) -> tuple[AlertText, ...]:
    """``i18nTitle`` {"de": …, "en": …} → headline-only texts per language."""
    return tuple(
        AlertText(code, title)
        for code, title in ((_language(k), _str(v)) for k, v in _dict(value).items())
        if code and title
    )


def parse_warning(body: bytes, summary: AlertRecord | None = None) -> list[AlertRecord]:
    """One CAP message (as JSON) → one record; fields it lacks come from ``summary`` if given."""
    cap = _json(body)
    if not isinstance(cap, dict):
        raise ParseError("NINA warning: expected a CAP object")
    warning_id = _str(cap.get("identifier")) or (summary.id if summary else "")
    if not warning_id:
        raise ParseError("NINA warning without identifier")
    infos = [info for info in _list(cap.get("info")) if isinstance(info, dict)]
    info = _german(infos)
    headline = _str(info.get("headline")) or (summary.headline if summary else "") or _str(info.get("event"))
    severity = _severity(info.get("severity"))
    if severity == "unknown" and summary is not None:
        severity = summary.severity
    msg_type = _msg_type(cap.get("msgType")) if "msgType" in cap or summary is None else summary.msg_type
    areas = [_str(area.get("areaDesc")) for area in _list(info.get("area")) if isinstance(area, dict)]
    language = _language(info.get("language")) or "de"
    return [
        AlertRecord(
            id=warning_id,
            provider=provider_of(warning_id, summary.provider if summary else None),
            severity=severity,
            headline=headline or warning_id,
            msg_type=msg_type,
            description=html_to_text(_str(info.get("description"))),
            instruction=html_to_text(_str(info.get("instruction"))),
            sender=_str(info.get("senderName")) or _str(cap.get("sender")),
            sent=_aware(cap.get("sent")) or (summary.sent if summary else None),
            onset=_aware(info.get("onset")) or _aware(info.get("effective")),
            expires=_aware(info.get("expires")),
            event=_str(info.get("event")) or (summary.event if summary else ""),
            area=", ".join(area for area in areas if area),
            language=language,
            texts=_texts(infos, summary.texts if summary else ()),
            references=references_of(cap.get("references")),
        )
    ]


def references_of(value: object) -> tuple[str, ...]:
    """CAP ``references`` ("sender,identifier,sent" triples separated by spaces) → the identifiers."""
    triples = [part.split(",") for part in _str(value).split()]
    return tuple(triple[1].strip() for triple in triples if len(triple) == 3 and triple[1].strip())


def _texts(infos: list[dict[str, Any]], titles: tuple[AlertText, ...]) -> tuple[AlertText, ...]:
    """One text per language: the first ``info`` block of each language, then the dashboard's titles
    for languages the CAP message has no block for."""
    texts: dict[str, AlertText] = {}
    for info in infos:
        # CAP's default for a missing language would be en-US; it is read as German here, as the
        # record's own ``language`` always was (the senders on a German dashboard are German offices)
        code = _language(info.get("language")) or "de"
        headline = _str(info.get("headline")) or _str(info.get("event"))
        if code not in texts and headline:
            texts[code] = AlertText(
                code,
                headline,
                html_to_text(_str(info.get("description"))),
                html_to_text(_str(info.get("instruction"))),
            )
    for title in titles:
        texts.setdefault(title.language, title)
    return tuple(texts.values())


def _language(value: object) -> str:
    """``de-DE``, ``DE``, ``en_US`` → ``de``, ``de``, ``en`` ("" when not a language tag)."""
    code = _str(value).replace("_", "-").split("-")[0].lower()
    return code if code.isascii() and code.isalpha() and 2 <= len(code) <= 3 else ""


def _german(infos: list[dict[str, Any]]) -> dict[str, Any]:
    for info in infos:
        if _language(info.get("language")) == "de":
            return info
    return infos[0] if infos else {}


def _json(body: bytes) -> Any:
    return load_json(body, "NINA")


def _severity(value: object) -> Severity:
    return SEVERITIES.get(value.strip().lower(), "unknown") if isinstance(value, str) else "unknown"


def _msg_type(value: object) -> MessageType:
    return MESSAGE_TYPES.get(value.strip().lower(), "alert") if isinstance(value, str) else "alert"


def _aware(value: object) -> datetime | None:
    """ISO 8601 with offset (CAP requires one); anything else is unknown."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
