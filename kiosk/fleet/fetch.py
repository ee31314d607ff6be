"""Downloading a version: the manifest and its signature (``data.http``: total deadline, size limit,
ETag), and the blobs, streamed to disk with a Range request that resumes a download cut short, each
request inside the update's one total deadline (``data.deadline``)."""

from __future__ import annotations

import hashlib
import http.client
import os
import time
from pathlib import Path
from urllib.parse import urljoin

import requests
import urllib3

from kiosk.data.connectors.base import Response
from kiosk.data.deadline import Deadline, DeadlineAdapter, watching
from kiosk.data.errors import FetchError
from kiosk.data.http import USER_AGENT, RequestsHttp, Validators
from kiosk.fleet.manifest import FileEntry, blob_name

CHUNK = 65536
MANIFEST_MAX_BYTES = 32 * 1024 * 1024
SIGNATURE_MAX_BYTES = 4096
REQUEST_S = 60.0  # the longest one request may take (less when the update's deadline is nearer)
_BROKEN = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)


class BlobError(FetchError):
    """A blob that arrived but is not the file the manifest names (size or hash)."""


def manifest_url(base: str, device: str) -> str:
    return urljoin(base if base.endswith("/") else base + "/", f"devices/{device}.json")


class Origin:
    """The published folder at ``base``, for one update that must end by ``ends_at`` (monotonic)."""

    def __init__(self, base: str, ends_at: float, session: requests.Session | None = None) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.ends_at = ends_at
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.downloaded = 0  # bytes of blob bodies received
        self.aborted = False
        self._deadline: Deadline | None = None

    def left(self) -> float:
        return self.ends_at - time.monotonic()

    def _request_s(self) -> float:
        left = self.left()
        if left <= 0:
            raise FetchError("the update took longer than its deadline; it goes on at the next check")
        return min(REQUEST_S, left)

    def abort(self) -> None:
        """Abandon the request in flight (the kiosk is quitting); from any thread."""
        self.aborted = True
        if (deadline := self._deadline) is not None:
            deadline.fire()

    def manifest(self, device: str, etag: str) -> tuple[bytes | None, str]:
        """(manifest bytes, its ETag); (None, etag) when unchanged since ``etag`` (HTTP 304)."""
        url = manifest_url(self.base, device)
        validators = Validators({url: (etag, "")} if etag else {})
        answer = self._small(url, MANIFEST_MAX_BYTES, validators)
        if answer.not_modified:
            return None, etag
        return answer.body, answer.headers.get("etag", "")

    def signature(self, device: str) -> bytes:
        return self._small(manifest_url(self.base, device) + ".sig", SIGNATURE_MAX_BYTES, None).body

    def _small(self, url: str, limit: int, validators: Validators | None) -> Response:
        http = RequestsHttp(
            self._request_s(), limit, self.session, validators, conditional=validators is not None
        )
        return http.get(url)

    def blob(self, entry: FileEntry, partial: Path, target: Path) -> None:
        """Fetch one blob into ``target`` (by rename, after its size and sha256 checked out), resuming
        from ``partial`` when an earlier download was cut short."""
        url = urljoin(self.base, blob_name(entry.sha256))
        partial.parent.mkdir(parents=True, exist_ok=True)
        have = partial.stat().st_size if partial.is_file() else 0
        if have > entry.size:
            partial.unlink()
            have = 0
        headers = {"Range": f"bytes={have}-"} if 0 < have < entry.size else {}
        if have < entry.size or entry.size == 0:
            self._stream(url, entry, partial, headers, have)
        digest = hashlib.sha256()
        with partial.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        if partial.stat().st_size != entry.size or digest.hexdigest() != entry.sha256:
            partial.unlink()  # never resumed: the bytes on the origin are not the file the manifest names
            raise BlobError(f"{entry.path}: the file from the origin does not match its sha256")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)

    def _stream(self, url: str, entry: FileEntry, partial: Path, headers: dict[str, str], have: int) -> None:
        seconds = self._request_s()
        deadline = self._deadline = Deadline(seconds)
        if self.aborted:
            deadline.fire()
        try:
            with (
                watching(deadline),
                self.session.get(url, headers=headers, timeout=(seconds, seconds), stream=True) as answer,
            ):
                if answer.status_code == 206 and have:
                    mode = "ab"
                elif answer.status_code == 200:
                    mode, have = "wb", 0  # the server ignored the Range: start again
                else:
                    raise FetchError(f"HTTP {answer.status_code} for {entry.path}", status=answer.status_code)
                with partial.open(mode) as out:
                    for chunk in answer.iter_content(chunk_size=CHUNK):
                        have += len(chunk)
                        self.downloaded += len(chunk)
                        if have > entry.size:
                            raise BlobError(f"{entry.path}: more than its {entry.size:,} bytes")
                        out.write(chunk)
                        if deadline.fired.is_set():
                            raise ConnectionAbortedError
        except BlobError:
            partial.unlink(missing_ok=True)
            raise
        except _BROKEN as exc:
            if self.aborted:
                raise FetchError("download abandoned: the kiosk is stopping") from None
            if deadline.fired.is_set() or isinstance(exc, requests.Timeout):
                raise FetchError(f"{entry.path}: no complete answer within {seconds:.0f} s") from None
            raise FetchError(f"cannot reach the origin for {entry.path}: {type(exc).__name__}") from None
        finally:
            self._deadline = None
            deadline.finish()
