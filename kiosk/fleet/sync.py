"""One check of a device's content against its published manifest (blocking: run in a worker thread).

ask (If-None-Match) → verify the signature → parse → download the blobs not in the cache → build the
version → validate it with the editors' loader → switch ``current`` → prune. Any failure leaves
``current`` as it was; the caller keeps playing it and says why (``CheckOutcome.error``).
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal

from kiosk.config.issues import errors
from kiosk.config.loader import LoadResult, load_content
from kiosk.config.models.sync import Sync
from kiosk.data.errors import FetchError
from kiosk.fleet.fetch import Origin
from kiosk.fleet.manifest import Manifest, ManifestError, changed_paths, missing, parse
from kiosk.fleet.signing import SignatureError, verify
from kiosk.fleet.state import SyncState
from kiosk.fleet.store import VersionStore

log = logging.getLogger(__name__)

Kind = Literal["unchanged", "applied", "held", "older", "failed"]


@dataclass(frozen=True)
class CheckOutcome:
    kind: Kind
    state: SyncState  # as saved after this check
    version: str | None = None  # the published version, when the manifest was read
    error: str | None = None
    result: LoadResult | None = None  # applied: the new version's validated content
    changed: frozenset[str] = frozenset()  # applied: paths whose bytes differ from the version before
    files: int = 0  # blobs downloaded
    bytes: int = 0


class Rejected(Exception):
    """The published version cannot be used; ``remember``: its content is invalid, so the same version
    fails the same way again and is not downloaded again (a 304 for its manifest says so)."""

    def __init__(self, message: str, remember: bool = False) -> None:
        super().__init__(message)
        self.remember = remember


def check_once(
    device: str, config: Sync, store: VersionStore, origin: Origin | None = None, playing: str | None = None
) -> CheckOutcome:
    """Bring ``store`` up to the published version of ``device`` if it can; never raises for a failure of
    the origin or the bundle (only for a bug). ``playing`` is the version on screen (kept when pruning)."""
    origin = origin or Origin(config.url, time.monotonic() + config.deadline.total_seconds())
    now = datetime.now(UTC)
    with store.locked():
        seen = [store.state().with_(last_check=now)]  # the state as far as the check got
        try:
            outcome = _check(device, config, store, origin, seen, playing)
            outcome = _ok(outcome, now)
        except (FetchError, ManifestError, SignatureError, Rejected, OSError) as exc:
            reason = str(exc) or type(exc).__name__
            state = seen[-1]
            if isinstance(exc, Rejected) and exc.remember and state.published_version:
                state = state.with_(rejected={**state.rejected, state.published_version: reason})
            state = state.with_(last_error=reason, last_error_at=now)
            outcome = CheckOutcome("failed", state, state.published_version, reason, bytes=origin.downloaded)
        store.save(outcome.state)
        outcome = replace(outcome, state=outcome.state.with_(current_version=store.current()))
    return outcome


def _ok(outcome: CheckOutcome, now: datetime) -> CheckOutcome:
    state = outcome.state.with_(last_success=now, last_error=None, last_error_at=None)
    return replace(outcome, state=state)


def _check(
    device: str, config: Sync, store: VersionStore, origin: Origin, seen: list[SyncState], playing: str | None
) -> CheckOutcome:
    state = seen[-1]
    current = store.current()
    raw, new_etag = origin.manifest(device, state.etag if current else "")
    if raw is None:  # 304: the manifest this device handled for good last time
        published = state.published_version
        if published in state.rejected:
            raise Rejected(state.rejected[published or ""])
        return CheckOutcome("held" if published == state.held_back else "unchanged", state, published)
    verify(raw, origin.signature(device), config.public_keys)
    manifest = parse(raw, device, max_bytes=round(config.max_mb * 1_000_000))
    state = state.with_(published_version=manifest.version)
    seen.append(state)
    if manifest.version in state.rejected:
        seen.append(state.with_(etag=new_etag))
        raise Rejected(state.rejected[manifest.version])
    if manifest.version == current:
        return CheckOutcome("unchanged", state.with_(etag=new_etag), manifest.version)
    if manifest.version == state.held_back:
        return CheckOutcome("held", state.with_(etag=new_etag), manifest.version)
    if _older(manifest, store.manifest_of(current)):
        # a cache still serving yesterday's manifest, or an old one replayed: never a step back
        return CheckOutcome("older", state, manifest.version)
    files, size = _download(manifest, store, origin)
    staging = store.build(manifest, raw)
    result = load_content(staging)
    problems = errors(result.issues)
    if problems or device not in result.content.devices:
        shutil.rmtree(staging, ignore_errors=True)
        first = problems[0].format().replace("\n", " ") if problems else f"no device {device} in it"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        seen.append(state.with_(etag=new_etag))  # the same manifest is invalid again: a 304 says so
        raise Rejected(f"version {manifest.version} is not valid content: {first}{more}", remember=True)
    before = store.manifest_of(current)
    root = store.commit(staging, manifest.version)
    store.switch(manifest.version)
    state = store.remember(state, manifest.version).with_(etag=new_etag, held_back=None)
    state = store.prune(state, config.keep, playing)
    result = load_content(root)  # read from its final place: the screen loads its files from there
    changed = changed_paths(before, manifest)
    return CheckOutcome("applied", state, manifest.version, None, result, changed, files, size)


def _older(manifest: Manifest, current: Manifest | None) -> bool:
    try:
        return current is not None and datetime.fromisoformat(manifest.time) < datetime.fromisoformat(
            current.time
        )
    except ValueError:
        return False


def _download(manifest: Manifest, store: VersionStore, origin: Origin) -> tuple[int, int]:
    todo = [f for f in missing(manifest, []) if not store.has_blob(f.sha256)]
    for entry in todo:
        origin.blob(entry, store.partial / entry.sha256, store.blobs / entry.sha256)
    return len(todo), origin.downloaded
