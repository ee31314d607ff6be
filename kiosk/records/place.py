"""Where records are kept: beside the last good data in the XDG state folder, or inside ``--data-dir``."""

from __future__ import annotations

import os
from pathlib import Path

PROOF, STATISTICS = "proof-of-play", "statistics"


def default_records_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "smile-city-touchpoint" / "records"


def records_dir(data_dir: Path | None) -> Path:
    """Inside an explicit ``kiosk run --data-dir`` (a test or a demo keeps what it leaves in the folder it
    named, and a demo's throw-away folder takes its records with it); else the state folder's."""
    return data_dir / "records" if data_dir is not None else default_records_dir()
