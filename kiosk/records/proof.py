"""Proof of play: one record per finished showing of a slide in a zone, for the city's reports.

A showing starts when a slide is on screen (after its transition began) and ends when another slide, the
standby or the closed screen takes the zone, or the kiosk stops (the one on screen at stop is written
then). Standby and closed are no showing. Times are ISO 8601 with the device's offset, to the
millisecond; a showing of the same slide that goes on across a content reload is one showing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Showing:
    zone: str
    playlist: str | None
    slide: str
    start: datetime


def iso(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds")


def proof_record(device: str, showing: Showing, end: datetime) -> dict[str, Any]:
    return {
        "device": device,
        "zone": showing.zone,
        "slide": showing.slide,
        "playlist": showing.playlist,
        "start": iso(showing.start),
        "end": iso(end),
    }


class ProofOfPlay:
    """Keeps what each zone shows; ``shown`` and ``stop`` return the records of showings that ended."""

    def __init__(self, device: str) -> None:
        self.device = device
        self.current: dict[str, Showing] = {}

    def shown(self, zone: str, playlist: str | None, slide: str | None, at: datetime) -> list[dict[str, Any]]:
        """The zone now shows ``slide`` (None: nothing, i.e. standby or closed)."""
        before = self.current.get(zone)
        if before is not None and before.slide == slide and before.playlist == playlist:
            return []  # the same showing goes on (a one-slide playlist, a reload)
        ended = [proof_record(self.device, before, at)] if before is not None else []
        if slide is None:
            self.current.pop(zone, None)
        else:
            self.current[zone] = Showing(zone, playlist, slide, at)
        return ended

    def stop(self, at: datetime) -> list[dict[str, Any]]:
        ended = [proof_record(self.device, showing, at) for showing in self.current.values()]
        self.current.clear()
        return ended


def parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def select(
    records: list[dict[str, Any]], since: datetime | None = None, device: str | None = None
) -> list[dict[str, Any]]:
    """Proof-of-play records that ended at or after ``since`` (aware) and belong to ``device``."""
    chosen = []
    for record in records:
        end = parse_time(record.get("end"))
        if end is None or parse_time(record.get("start")) is None:
            continue  # not a proof-of-play record (a foreign line that happens to be JSON)
        if since is not None and end < since:
            continue
        if device is not None and record.get("device") != device:
            continue
        chosen.append(record)
    return chosen
