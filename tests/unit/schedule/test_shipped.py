"""The shipped Rostock pack resolves for both devices, including the Hanse Sail days."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from kiosk.config.loader import ContentSet, load_content
from kiosk.schedule.resolver import resolve
from kiosk.schedule.timeline import timeline
from tests.conftest import REPO
from tests.unit.schedule.packs import at


def playlist(content: ContentSet, device: str, when: str, zone: str = "inhalt") -> str | None:
    return resolve(content, device, at(when)).zones[zone].playlist


DEVICES = ("stadthafen-stele", "sporthalle-schmarl")
INSTANTS = (
    "2026-08-07 00:00",  # Hanse Sail, Friday
    "2026-08-07 10:01",
    "2026-08-07 23:30",
    "2026-08-08 01:30",
    "2026-08-10 10:01",  # an ordinary Monday, during the hall's takeover
    "2026-08-15 01:30",  # Friday night's evening window, on Saturday
    "2026-03-29 02:30",  # spring DST change
    "2026-10-25 02:30",  # autumn DST change
    "2026-12-24 17:00",
)


@pytest.fixture(scope="module")
def shipped() -> ContentSet:
    result = load_content(REPO)
    assert result.ok
    return result.content


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("when", INSTANTS)
def test_every_zone_resolves(shipped: ContentSet, device: str, when: str) -> None:
    plan = resolve(shipped, device, at(when))
    layout = shipped.layouts[shipped.devices[device].model.layout].model
    assert list(plan.zones) == [z.id for z in layout.zones]
    for zone in plan.zones.values():
        assert zone.start.timestamp() <= at(when).timestamp() < zone.until.timestamp()
        assert zone.until.timestamp() - at(when).timestamp() <= 24 * 3600
        if zone.slide is not None:
            assert zone.slide in shipped.slides and zone.playlist in shipped.playlists


def test_hanse_sail_wins_on_both_devices(shipped: ContentSet) -> None:
    assert playlist(shipped, "stadthafen-stele", "2026-08-07 12:00") == "hanse-sail-stele"
    hall = resolve(shipped, "sporthalle-schmarl", at("2026-08-07 12:00"))
    assert hall.open and hall.zones["inhalt"].playlist == "hanse-sail-halle"


def test_hall_takeover_closing_and_evening(shipped: ContentSet) -> None:
    monday = resolve(shipped, "sporthalle-schmarl", at("2026-08-10 10:01")).zones["inhalt"]
    assert (monday.reason, monday.playlist) == ("takeover", "halle-durchsage")
    assert monday.until == at("2026-08-10 10:02")
    assert (
        resolve(shipped, "sporthalle-schmarl", at("2026-08-10 19:00")).zones["inhalt"].playlist
        == "halle-abend"
    )
    night = resolve(shipped, "sporthalle-schmarl", at("2026-08-10 23:00"))
    assert not night.open and night.zones["seite"].reason == "closed"


def test_stele_evening_runs_past_midnight_on_friday(shipped: ContentSet) -> None:
    assert (
        resolve(shipped, "stadthafen-stele", at("2026-08-15 01:30")).zones["inhalt"].playlist == "stele-abend"
    )
    assert resolve(shipped, "stadthafen-stele", at("2026-08-11 01:30")).zones["inhalt"].playlist == (
        "stele-standard"
    )


@pytest.mark.parametrize("device", DEVICES)
def test_hanse_sail_week_timeline(shipped: ContentSet, device: str) -> None:
    start = at("2026-08-05 00:00")
    lanes = timeline(shipped, device, start, start + timedelta(days=7))
    for segments in lanes.values():
        assert segments[0].start == start and segments[-1].end == start + timedelta(days=7)
        assert all(a.end == b.start for a, b in itertools.pairwise(segments))
