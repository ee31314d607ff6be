"""What a widget may show for one source at one moment (shared by the coordinator, presenters and
the emergency logic; free of any network code, so widgets can import it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

Origin = Literal["live", "cache", "snapshot", "none"]


@dataclass(frozen=True)
class DataState:
    """What a widget may show for one source at one moment."""

    source: str
    records: tuple[Any, ...]
    as_of: datetime | None  # when this data was fetched (or the snapshot's date)
    available: bool  # fresh enough to show as current (live or cached within stale_after)
    origin: Origin
    last_error: str | None = None

    @property
    def showable(self) -> bool:
        """Fresh data, or a bundled snapshot that is shown clearly marked with its date."""
        return self.available or self.origin == "snapshot"
