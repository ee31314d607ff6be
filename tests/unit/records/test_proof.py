"""Proof of play: one record per finished showing, the same showing never twice, the current one at stop."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.records.proof import ProofOfPlay, select

T0 = datetime(2026, 12, 2, 7, 59, 58, 250000, tzinfo=ZoneInfo("Europe/Berlin"))


def s(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_record_when_a_slide_leaves_and_for_the_ones_on_screen_at_stop() -> None:
    proof = ProofOfPlay("halle")
    assert proof.shown("main", "loop", "a", s(0)) == []
    assert proof.shown("side", "info", "x", s(0.5)) == []
    assert proof.shown("main", "loop", "a", s(1)) == [], "the same slide going on is one showing"
    (ended,) = proof.shown("main", "loop", "b", s(2))
    assert ended == {
        "device": "halle",
        "zone": "main",
        "slide": "a",
        "playlist": "loop",
        "start": "2026-12-02T07:59:58.250+01:00",
        "end": "2026-12-02T08:00:00.250+01:00",
    }
    (closed,) = proof.shown("main", None, None, s(3))  # closed or standby: no showing
    assert closed["slide"] == "b" and proof.shown("main", None, None, s(4)) == []
    at_stop = proof.stop(s(5))
    assert [(r["zone"], r["slide"], r["end"]) for r in at_stop] == [
        ("side", "x", "2026-12-02T08:00:03.250+01:00")
    ]
    assert proof.stop(s(6)) == []


def test_select_by_time_and_device_and_foreign_lines_left_out() -> None:
    proof = ProofOfPlay("halle")
    proof.shown("main", "loop", "a", s(0))
    records = proof.shown("main", "loop", "b", s(10)) + proof.shown("main", "loop", "c", s(20))
    records += [
        {"device": "halle", "end": "gestern"},
        {"device": "other", **records[0]} | {"device": "other"},
    ]
    assert [r["slide"] for r in select(records, since=s(15))] == ["b"]
    assert [r["slide"] for r in select(records, device="halle")] == ["a", "b"]
    assert [r["device"] for r in select(records, device="other")] == ["other"]
