"""A device's sync state, readable by anyone who reports on the device (heartbeat, metrics, status).

``read_state(sync_dir)`` reads what the sync left on disk (any process may call it, it never writes);
the running kiosk's sync hands out the same :class:`SyncState` live (``FleetSync.state``).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

STATE_FILE = "state.json"
CURRENT = "current"


@dataclass(frozen=True)
class SyncState:
    """What a device's content sync knows. Times are aware datetimes (UTC); None = never."""

    current_version: str | None = None  # what the ``current`` link points at (what plays after a start)
    published_version: str | None = None  # the version of the last manifest whose signature verified
    last_check: datetime | None = None  # the last time the origin was asked, whatever came of it
    last_success: datetime | None = None  # the last check that ended well (unchanged, applied or held)
    last_error: str | None = None  # why the last check failed; None when it went well
    last_error_at: datetime | None = None
    held_back: str | None = None  # a version refused by ``kiosk rollback`` until a newer one appears
    versions: tuple[str, ...] = ()  # kept versions, oldest first
    # the ETag of the manifest last handled for good, sent as If-None-Match
    etag: str = ""
    rejected: dict[str, str] = field(default_factory=dict)  # version -> why its content is invalid

    @property
    def up_to_date(self) -> bool:
        """Playing the published version (or deliberately not: rolled back)."""
        return self.published_version in (self.current_version, self.held_back) and self.last_error is None

    def with_(self, **changes: Any) -> SyncState:
        return replace(self, **changes)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def current_version(sync_dir: Path) -> str | None:
    with contextlib.suppress(OSError):
        return Path(os.readlink(sync_dir / CURRENT)).name
    return None


def read_state(sync_dir: Path) -> SyncState:
    """The state a sync left in ``sync_dir`` (an empty state when there is none or it is unreadable)."""
    data: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads((sync_dir / STATE_FILE).read_text(encoding="utf-8"))
        data = loaded if isinstance(loaded, dict) else {}

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    versions = data.get("versions")
    rejected = data.get("rejected")
    return SyncState(
        current_version=current_version(sync_dir),
        published_version=text("published_version"),
        last_check=_time(data.get("last_check")),
        last_success=_time(data.get("last_success")),
        last_error=text("last_error"),
        last_error_at=_time(data.get("last_error_at")),
        held_back=text("held_back"),
        versions=tuple(v for v in versions if isinstance(v, str)) if isinstance(versions, list) else (),
        etag=text("etag") or "",
        rejected={str(k): str(v) for k, v in rejected.items()} if isinstance(rejected, dict) else {},
    )


def write_state(sync_dir: Path, state: SyncState) -> None:
    """Write the state (by rename: a power cut leaves the old or the new file, never half of one)."""

    def when(value: datetime | None) -> str | None:
        return value.isoformat(timespec="seconds") if value is not None else None

    data = {
        "published_version": state.published_version,
        "last_check": when(state.last_check),
        "last_success": when(state.last_success),
        "last_error": state.last_error,
        "last_error_at": when(state.last_error_at),
        "held_back": state.held_back,
        "versions": list(state.versions),
        "etag": state.etag,
        "rejected": dict(list(state.rejected.items())[-20:]),
    }
    sync_dir.mkdir(parents=True, exist_ok=True)
    temporary = sync_dir / f".{STATE_FILE}.tmp"
    temporary.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, sync_dir / STATE_FILE)


def default_sync_dir(data_dir: Path | None) -> Path:
    """Inside ``kiosk run --data-dir DIR`` (tests, demos), else the XDG state folder."""
    if data_dir is not None:
        return data_dir / "sync"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "smile-city-touchpoint" / "sync"
