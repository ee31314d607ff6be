"""What a widget may show for one source at one moment (shared by the coordinator, presenters and
the emergency logic; free of any network code, so widgets can import it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

Origin = Literal["live", "cache", "snapshot", "none"]


@dataclass(frozen=True)
class DataState:
    """What a widget may show for one source at one moment."""

    source: str
    records: tuple[Any, ...]
    as_of: datetime | None  # when this data was fetched (or the snapshot's date)
    origin: Origin
    last_error: str | None = None
    stale_after: timedelta | None = None  # live or cached data older than this is no longer current

    # Availability is computed when read, from the age of the data: a state kept by a widget (or by a hub
    # whose polling stopped) turns unavailable by itself once its data is too old.
    def available(self, now: datetime) -> bool:
        """Fresh enough at ``now`` to show as current (live or cached, within ``stale_after``)."""
        if self.origin not in ("live", "cache") or self.as_of is None or self.stale_after is None:
            return False
        return now - self.as_of <= self.stale_after

    def stale_at(self) -> datetime | None:
        """When live or cached data stops being current (None: it never was)."""
        if self.origin not in ("live", "cache") or self.as_of is None or self.stale_after is None:
            return None
        return self.as_of + self.stale_after

    def showable(self, now: datetime) -> bool:
        """Fresh data, or a bundled snapshot that is shown clearly marked with its date."""
        return self.available(now) or self.origin == "snapshot"
