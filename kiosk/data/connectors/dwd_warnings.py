"""DWD warnapp JSONP (``https://www.dwd.de/DWD/warnungen/warnapp/json/warnings.json``) → ``AlertRecord``.

The file is ``warnWetter.loadWarnings({...});``: the wrapper is removed by a strict pattern (callback
name, one argument, optional ``;``) and the argument is read with ``json.loads``. Nothing is evaluated.
Plain JSON (no wrapper) is accepted too.

``warnings`` maps a warn-cell id (``1`` + AGS for districts, e.g. ``113003000`` for Rostock) to a list of
warnings. Source param ``cells`` (comma separated) keeps only those cells; without it every cell is
kept. ``vorabInformation`` (pre-information about possible severe weather) is not shown.

Severity from ``level``. The DWD does not document the codes, and they are *not* the CAP warning stages
1–4: the live file has 1 = VORABINFORMATION, 2 = WINDBÖEN (CAP Minor), 3 = STURMBÖEN/STARKREGEN (CAP
Moderate), 4 = SCHWERES GEWITTER mit HEFTIGEM STARKREGEN (Unwetter, CAP Severe) (public observation in
bundesAPI/sofortmassnahmen#75), and the fixtures agree: the same STARKREGEN warning is level 3 here,
"Moderate" in NINA and "moderate" in Bright Sky; WINDBÖEN is level 2 here and "minor" in Bright Sky. So
(``LEVEL_SEVERITY``): 1 → minor (pre-information only), 2 → minor, 3 → moderate, 4 → severe,
5 → extreme, anything else (heat 49–51, UV 19/20, …) → unknown. Reading ``level`` as the CAP stage
would turn every ordinary heavy-rain warning into a full-screen takeover.
``start``/``end`` are epoch milliseconds → aware UTC. Provider is "DWD"; msgType is always "alert".
The warnapp texts are German only (``language`` "de", no ``texts``).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.errors import ParseError
from kiosk.data.records import AlertRecord, Severity

KIND = "dwd-warnings"
ACCEPT = ("application/javascript", "text/javascript", "application/x-javascript", "application/json")
OPTION_KEYS = frozenset({"cells"})  # connector options in source.params, not sent as query parameters

# warnapp level → CAP severity (see the module docstring for the evidence; not confirmed by the DWD).
LEVEL_SEVERITY: dict[int, Severity] = {1: "minor", 2: "minor", 3: "moderate", 4: "severe", 5: "extreme"}

_JSONP = re.compile(r"\A\s*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\((.*)\)\s*;?\s*\Z", re.DOTALL)


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[AlertRecord]:
    params = {k: v for k, v in source.params.items() if k not in OPTION_KEYS}
    response = http.get(source.url, params=params or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_warnings(response.body, cells_param(source.params.get("cells")))


def cells_param(value: str | None) -> frozenset[str] | None:
    cells = frozenset(part.strip() for part in (value or "").split(",") if part.strip())
    return cells or None


def unwrap_jsonp(body: bytes) -> Any:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError("DWD warnings: not UTF-8") from None
    match = _JSONP.match(text)
    inner = match.group(1) if match else text
    try:
        return json.loads(inner)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"DWD warnings: not JSONP/JSON ({type(exc).__name__})") from None


def parse_warnings(body: bytes, cells: frozenset[str] | None = None) -> list[AlertRecord]:
    """The warnings of ``cells`` (all cells if None). ``{"warnings": {}}`` is a real "no warnings";
    a document without a ``warnings`` object (another API's JSON, an empty body), a cell whose value
    is not a list, or a list of which no entry is a warning object is a ``ParseError``: a broken
    answer must never clear a warning on screen."""
    data = unwrap_jsonp(body)
    if not isinstance(data, dict) or not isinstance(data.get("warnings"), dict):
        raise ParseError("DWD warnings: expected {'warnings': {cellId: [...]}}")
    records: list[AlertRecord] = []
    for cell, warnings in data["warnings"].items():
        if cells is not None and cell not in cells:
            continue
        if not isinstance(warnings, list):
            raise ParseError(f"DWD warnings: cell {str(cell)[:20]} is not a list of warnings")
        usable = [warning for warning in warnings if isinstance(warning, dict)]
        if warnings and not usable:
            raise ParseError(f"DWD warnings: cell {str(cell)[:20]} holds no warning object")
        records.extend(_record(str(cell), warning) for warning in usable)
    return records


def _record(cell: str, warning: dict[str, Any]) -> AlertRecord:
    event = _str(warning.get("event"))
    headline = _str(warning.get("headline")) or event or "DWD-Warnung"
    start = warning.get("start")
    return AlertRecord(
        id=f"dwd-warnapp.{cell}.{warning.get('type')}.{event}.{start}",
        provider="DWD",
        severity=severity_of(warning.get("level")),
        headline=headline,
        description=_str(warning.get("description")),
        instruction=_str(warning.get("instruction")),
        sender="Deutscher Wetterdienst",
        onset=_epoch_ms(start),
        expires=_epoch_ms(warning.get("end")),
        event=event,
        area=_str(warning.get("regionName")),
    )


def severity_of(level: object) -> Severity:
    if isinstance(level, bool) or not isinstance(level, int):
        return "unknown"
    return LEVEL_SEVERITY.get(level, "unknown")


def _epoch_ms(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
