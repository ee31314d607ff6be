"""A data slide pages through its records in the time the playlist gives it, not in its own: a
playlist that shortens a slide must not leave its last departures unseen (and one that lengthens it
must not hurry them)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.loader import load_content
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.data import DataSlideWidget
from tests.gui.shell_kit import open_shell

BERLIN = ZoneInfo("Europe/Berlin")
WEDNESDAY = datetime(2026, 12, 2, 11, 0, tzinfo=BERLIN)  # the stele's weekday playlist (07–18) plays


def _weekday_playlist(root: Path, item: str) -> None:
    (root / "content/playlists/stele-werktags.yaml").write_text(
        "name: Werktags\npriority: 50\nwindows:\n  - days: [mon, tue, wed, thu, fri]\n"
        f'    from: "07:00"\n    to: "18:00"\nitems:\n{item}',
        encoding="utf-8",
    )
    slide = root / "content/slides/daten-parkhaeuser.yaml"
    slide.write_text(slide.read_text(encoding="utf-8").replace("max_items: 8", "max_items: 16"))
    # the stored sample in its own shape, with 16 car parks: more rows than one screen holds
    snapshot = root / "content/snapshots/parkhaeuser.json"
    stored = json.loads(snapshot.read_text(encoding="utf-8"))
    first = stored["records"][0]
    stored["records"] = [
        {**first, "fields": {**first["fields"], "id": f"p{i}", "name": f"Parkhaus {i}", "free": 10 * i}}
        for i in range(16)
    ]
    snapshot.write_text(json.dumps(stored), encoding="utf-8")


@pytest.mark.parametrize(
    ("item", "seconds"),
    [("  - slide: daten-parkhaeuser\n    duration: 6s\n", 6.0), ("  - daten-parkhaeuser\n", 12.0)],
)
def test_pages_share_the_playlists_time(qtbot, shipped_copy: Path, item: str, seconds: float) -> None:
    _weekday_playlist(shipped_copy, item)
    loaded = load_content(shipped_copy)
    assert not [i for i in loaded.issues if i.severity == "error"], loaded.issues
    content = loaded.content
    shell = open_shell(
        qtbot, content, "stadthafen-stele", FixedClock(WEDNESDAY), shipped_copy / "data", (270, 480)
    )
    try:
        qtbot.waitUntil(shell.player.settled, timeout=10_000)
        widget = shell.window.zones["inhalt"].current
        assert isinstance(widget, DataSlideWidget), type(widget)
        # the cycle of one 6 s (12 s) item began at 07:00: 11:00 is the start of an item
        assert widget.showing_s == seconds
        pages = len(widget.pages)
        assert pages >= 2, pages  # else the test says nothing
        assert widget.pager.interval() == max(3000, round(seconds * 1000 / pages))
        assert widget.pager.interval() * pages <= seconds * 1000 or widget.pager.interval() == 3000
    finally:
        shell.stop()
