"""HTTP for connectors: a total deadline on every request, a size limit, a content-type check and
conditional requests (ETag / Last-Modified), on top of a ``requests`` session.

The deadline covers connecting, the headers and the whole body (``data.deadline``: a watchdog shuts the
request's socket down at the deadline, which ends a read blocked in ``recv``); the body is also read in
small chunks with the time checked after each, and the per-read timeout stays, never longer than the
time left.
"""

from __future__ import annotations

import contextlib
import http.client
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests
import urllib3

from kiosk import __version__
from kiosk.data.connectors.base import Response
from kiosk.data.deadline import Deadline, DeadlineAdapter, Gate, watching
from kiosk.data.errors import FetchError, api_message

USER_AGENT = f"SmileCityTouchpoint/{__version__} (+https://github.com/smile-city-rostock)"
CHUNK = 8192  # small, so the deadline is checked often while a body streams in
ERROR_BODY_BYTES = 65536  # enough for an API's error message; an error page is not read to its end


@dataclass
class Validators:
    """ETag / Last-Modified remembered per URL, so unchanged data costs a 304 and no parsing."""

    by_url: dict[str, tuple[str, str]] = field(default_factory=dict)

    def headers_for(self, key: str) -> dict[str, str]:
        etag, modified = self.by_url.get(key, ("", ""))
        out = {}
        if etag:
            out["If-None-Match"] = etag
        if modified:
            out["If-Modified-Since"] = modified
        return out


# a shut socket surfaces as any of these, depending on where the read was
_BROKEN = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)


class RequestsHttp:
    """The ``Http`` a coordinator hands to its connector (one per source; not shared across threads).

    ``timeout_s`` is the total deadline of each request; ``abort()`` (from any thread) abandons the
    request in flight.
    """

    def __init__(
        self,
        timeout_s: float,
        max_bytes: int,
        session: requests.Session | None = None,
        validators: Validators | None = None,
        conditional: bool = True,
        gate: Gate | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.gate: Gate | None = gate  # held by the caller during a fetch; let go while a server is slow
        self.max_bytes = max_bytes
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.validators = validators or Validators()
        self.conditional = conditional
        self.requests = 0
        self.aborted = False
        self._deadline: Deadline | None = None
        # validators learnt by this fetch: the coordinator forgets them again when the connector could
        # not parse the bodies, so a mangled answer can never be confirmed later by a 304
        self.pending: dict[str, tuple[str, str]] = {}

    def abort(self) -> None:
        """Abandon the request in flight and refuse further ones (the kiosk is quitting)."""
        self.aborted = True
        deadline = self._deadline
        if deadline is not None:
            deadline.fire()

    def get(
        self,
        url: str,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        accept: tuple[str, ...] = (),
        conditional: bool = True,
    ) -> Response:
        prepared = requests.Request("GET", url, params=params or None).prepare()
        key = prepared.url or url
        if self.aborted:
            raise FetchError(f"request to {_host(key)} abandoned: the kiosk is stopping")
        sent = dict(headers or {})
        if accept and "Accept" not in sent:
            sent["Accept"] = ", ".join(accept)
        if self.conditional and conditional:
            sent.update(self.validators.headers_for(key))
        self.requests += 1
        deadline = self._deadline = Deadline(self.timeout_s, self.gate)
        if self.aborted:  # abort() came between the check above and now
            deadline.fire()
        try:
            with watching(deadline):
                result = self._get(url, params, sent, accept, key, deadline)
            if deadline.fired.is_set():
                # a shut socket reads as the end of the headers, or of a body without a length: cut short
                raise ConnectionAbortedError
        except _BROKEN as exc:
            if self.aborted:
                raise FetchError(f"request to {_host(key)} abandoned: the kiosk is stopping") from None
            if deadline.fired.is_set() or isinstance(exc, requests.Timeout):
                raise self._late(key) from None
            raise FetchError(f"cannot reach {_host(key)}: {type(exc).__name__}") from None
        finally:
            self._deadline = None
            if deadline.finish() and self.gate is not None:
                self.gate.acquire()  # let go while the server was slow: the caller holds it again
        etag, modified = result.headers.get("etag", ""), result.headers.get("last-modified", "")
        if result.not_modified:
            return result
        if etag or modified:
            self.validators.by_url[key] = (etag, modified)
            self.pending[key] = (etag, modified)
        else:  # a body without validators: the old ones belong to other data and must never confirm it
            self.validators.by_url.pop(key, None)
        return result

    def _late(self, key: str) -> FetchError:
        return FetchError(
            f"no answer from {_host(key)} within {self.timeout_s:g} s (the deadline of the whole answer)"
        )

    def _get(
        self,
        url: str,
        params: dict[str, str] | None,
        sent: dict[str, str],
        accept: tuple[str, ...],
        key: str,
        deadline: Deadline,
    ) -> Response:
        per_read = max(0.001, min(self.timeout_s, deadline.left()))
        with self.session.get(
            url,
            params=params or None,
            headers=sent,
            timeout=(per_read, per_read),
            stream=True,
            allow_redirects=True,
        ) as answer:
            if answer.status_code == 304:
                return Response(key, 304, _lower(answer.headers), b"", not_modified=True)
            if answer.status_code != 200:
                raise self._status_error(answer, key, deadline)
            content_type = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if accept and not any(content_type.startswith(a.split(";")[0].lower()) for a in accept):
                raise FetchError(f"unexpected content type {content_type or 'none'!r} from {_host(key)}")
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(
                    f"response of {int(declared):,} bytes exceeds the limit of {self.max_bytes:,}"
                )
            body = bytearray()
            for chunk in answer.iter_content(chunk_size=CHUNK):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(f"response exceeds the limit of {self.max_bytes:,} bytes")
                if deadline.left() <= 0:
                    raise self._late(key)
            return Response(key, 200, _lower(answer.headers), bytes(body))

    def _status_error(self, answer: requests.Response, key: str, deadline: Deadline) -> FetchError:
        """An error answer as a FetchError with the API's own message and its ``Retry-After``."""
        body = bytearray()
        with contextlib.suppress(*_BROKEN):  # the message is a courtesy: a broken error body is no message
            for chunk in answer.iter_content(chunk_size=CHUNK):
                body += chunk
                if len(body) >= ERROR_BODY_BYTES or deadline.left() <= 0:
                    break
        message = api_message(bytes(body), answer.headers.get("Content-Type", ""))
        status = answer.status_code
        return FetchError(
            f"HTTP {status} from {_host(key)}" + (f": {message}" if message else ""),
            status=status,
            retry_after=retry_after_s(answer.headers.get("Retry-After", ""), answer.headers.get("Date", "")),
            api_message=message,
        )


def retry_after_s(value: str, date: str = "") -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP-date), None if absent or
    unreadable. An HTTP-date is measured from the answer's own ``Date`` when it has one, so a server
    whose clock is off still gets the wait it meant."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        until = parsedate_to_datetime(value)
        now = parsedate_to_datetime(date) if date.strip() else datetime.now(UTC)
    except (TypeError, ValueError, IndexError):
        return None
    if until.tzinfo is None or now.tzinfo is None:
        return None
    return max(0.0, (until - now).total_seconds())


def _lower(headers: object) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in dict(headers).items()}  # type: ignore[call-overload]


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
