"""The one error family every connector raises; the coordinator turns it into ``last_error``.

A failed HTTP answer carries what the coordinator needs to retry politely (``status``, ``retry_after``)
and what an operator needs to fix the source: the API's own error message (``api_message``), read from
the error body in the documented shapes of the APIs we poll, because "HTTP 400" alone says nothing
about a wrong resource id or a misspelt query.
"""

from __future__ import annotations

import json
from typing import Any

MESSAGE_CHARS = 300  # an error page is not a log file: enough for the API's sentence, not its stack trace


class ConnectorError(Exception):
    """A source could not be fetched or its payload could not be understood."""


class FetchError(ConnectorError):
    """Network, HTTP status, timeout, size limit or content type.

    ``status``: the HTTP status of an error answer (None for a network failure); ``retry_after``: the
    seconds the server asked us to wait (``Retry-After``), None when it did not say;
    ``api_message``: the API's own explanation of the error, "" when it gave none.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        api_message: str = "",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.api_message = api_message


class ParseError(ConnectorError):
    """The payload is not of the documented shape."""


def api_message(body: bytes, content_type: str = "") -> str:
    """The error message an API put in an error answer's body, as one plain line ("" if none).

    Shapes understood (JSON): CKAN ``{"success": false, "error": {"__type", "message", <field>: [..]}}``;
    Orion NGSI-v2 ``{"error", "description"}``; NGSI-LD ProblemDetails (RFC 7807)
    ``{"type", "title", "detail"}``; Open311 / GeoReport v2 ``[{"code", "description"}]`` (also under
    ``error_messages``); and the common ``{"message": ..}`` / ``{"error": "..."}``. A short plain-text
    body is taken as it is; HTML (a proxy's or captive portal's page) is not a message.
    """
    text = body[:65536].decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if data is None:
        if "html" in content_type.lower() or text.lstrip().startswith("<"):
            return ""
        return _line(text)
    return _line(_from_json(data))


def _from_json(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("error_messages"), list):
        data = data["error_messages"]  # Open311 (CitySDK) wrapped list
    if isinstance(data, list):  # Open311 / GeoReport v2: [{"code": 403, "description": "Invalid api_key"}]
        parts = [_join(item.get("code"), item.get("description")) for item in data if isinstance(item, dict)]
        return "; ".join(p for p in parts if p)
    if not isinstance(data, dict):
        return ""
    error = data.get("error")
    if isinstance(error, dict):  # CKAN: {"__type": "Not Found Error", "message": "Not found: Resource ..."}
        message = error.get("message")
        fields = "; ".join(
            f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in error.items()
            if key not in ("__type", "message")
        )
        return _join(error.get("__type"), message or fields)
    if "title" in data or "detail" in data:  # NGSI-LD ProblemDetails
        kind = str(data.get("type", "")).rsplit("/", 1)[-1]
        return _join(kind or data.get("title"), data.get("detail") or data.get("title"))
    if isinstance(error, str):  # Orion: {"error": "BadRequest", "description": "invalid character in URI"}
        return _join(error, data.get("description"))
    for key in ("message", "description", "detail"):
        if isinstance(data.get(key), str):
            return str(data[key])
    return ""


def _join(kind: object, message: object) -> str:
    kind_text = "" if kind in (None, "") else str(kind)
    message_text = "" if message in (None, "") else str(message)
    if kind_text and message_text and kind_text != message_text:
        return f"{message_text} ({kind_text})"
    return message_text or kind_text


def _line(text: str) -> str:
    """One line without control characters, at most ``MESSAGE_CHARS`` long."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= MESSAGE_CHARS else flat[: MESSAGE_CHARS - 1] + "…"
