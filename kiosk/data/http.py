"""HTTP for connectors: a timeout on every request, a size limit, a content-type check and
conditional requests (ETag / Last-Modified), on top of a ``requests`` session."""

from __future__ import annotations

from dataclasses import dataclass, field

import requests

from kiosk import __version__
from kiosk.data.connectors.base import Response
from kiosk.data.errors import FetchError

USER_AGENT = f"SmileCityTouchpoint/{__version__} (+https://github.com/smile-city-rostock)"


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


class RequestsHttp:
    """The ``Http`` a coordinator hands to its connector (one per source; not shared across threads)."""

    def __init__(
        self,
        timeout_s: float,
        max_bytes: int,
        session: requests.Session | None = None,
        validators: Validators | None = None,
        conditional: bool = True,
    ) -> None:
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.validators = validators or Validators()
        self.conditional = conditional
        self.requests = 0
        # validators learnt by this fetch: the coordinator forgets them again when the connector could
        # not parse the bodies, so a mangled answer can never be confirmed later by a 304
        self.pending: dict[str, tuple[str, str]] = {}

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
        sent = dict(headers or {})
        if accept and "Accept" not in sent:
            sent["Accept"] = ", ".join(accept)
        if self.conditional and conditional:
            sent.update(self.validators.headers_for(key))
        self.requests += 1
        try:
            with self.session.get(
                url,
                params=params or None,
                headers=sent,
                timeout=self.timeout_s,
                stream=True,
                allow_redirects=True,
            ) as answer:
                if answer.status_code == 304:
                    return Response(key, 304, _lower(answer.headers), b"", not_modified=True)
                if answer.status_code != 200:
                    raise FetchError(f"HTTP {answer.status_code} from {_host(key)}")
                content_type = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
                if accept and not any(content_type.startswith(a.split(";")[0].lower()) for a in accept):
                    raise FetchError(f"unexpected content type {content_type or 'none'!r} from {_host(key)}")
                declared = answer.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(
                        f"response of {int(declared):,} bytes exceeds the limit of {self.max_bytes:,}"
                    )
                body = bytearray()
                for chunk in answer.iter_content(chunk_size=65536):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"response exceeds the limit of {self.max_bytes:,} bytes")
                result = Response(key, 200, _lower(answer.headers), bytes(body))
        except requests.Timeout:
            raise FetchError(f"no answer from {_host(key)} within {self.timeout_s:g} s") from None
        except requests.RequestException as exc:
            raise FetchError(f"cannot reach {_host(key)}: {type(exc).__name__}") from None
        etag, modified = result.headers.get("etag", ""), result.headers.get("last-modified", "")
        if etag or modified:
            self.validators.by_url[key] = (etag, modified)
            self.pending[key] = (etag, modified)
        return result


def _lower(headers: object) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in dict(headers).items()}  # type: ignore[call-overload]


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
