"""resolve(): weekdays, overnight windows, priorities, takeovers, date ranges, default, standby, closed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.config.loader import ContentSet
from kiosk.schedule.clock import FixedClock
from kiosk.schedule.resolver import UnknownDeviceError, ZonePlan, resolve
from tests.unit.schedule.packs import DEVICE, at, make_pack

IMMER = "items: [a, b]"
WERKTAGS = "windows: [{days: [mon, tue, wed, thu, fri], from: '07:00', to: '18:00'}]\nitems: [a]"


def plan(content: ContentSet, when: str, zone: str = "main") -> ZonePlan:
    return resolve(content, DEVICE, at(when)).zones[zone]


def same_instant(a: datetime, b: datetime) -> bool:
    # Compare real instants: two datetimes sharing a tzinfo compare by wall clock, ignoring fold.
    return a.timestamp() == b.timestamp()


def test_weekday_window(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {
            "werktags": WERKTAGS,
            "immer": IMMER,
        },
        "main: {playlists: [werktags], default: immer}",
    )
    assert plan(content, "2026-08-07 10:00").playlist == "werktags"  # Friday
    assert plan(content, "2026-08-07 10:00").reason == "scheduled"
    assert plan(content, "2026-08-08 10:00").playlist == "immer"  # Saturday
    assert plan(content, "2026-08-08 10:00").reason == "default"
    early = plan(content, "2026-08-10 06:59:55")  # Monday, 5 s before the window
    assert early.playlist == "immer" and same_instant(early.until, at("2026-08-10 07:00"))
    assert plan(content, "2026-08-10 07:00").playlist == "werktags"
    assert plan(content, "2026-08-10 18:00").playlist == "immer"  # the end is exclusive


def test_overnight_window_belongs_to_the_day_it_starts(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"nacht": "windows: [{days: [fri], from: '22:00', to: '02:00'}]\nitems: [e, c]", "immer": IMMER},
        "main: {playlists: [nacht], default: immer}",
    )
    assert plan(content, "2026-08-07 22:30").playlist == "nacht"  # Friday night
    assert plan(content, "2026-08-08 01:30").playlist == "nacht"  # ... still, on Saturday morning
    assert plan(content, "2026-08-08 02:00").playlist == "immer"
    assert plan(content, "2026-08-08 22:30").playlist == "immer"  # Saturday is not listed
    assert plan(content, "2026-08-07 01:30").playlist == "immer"  # Thursday night is not Friday's
    last = plan(content, "2026-08-08 01:59:55")
    assert same_instant(last.until, at("2026-08-08 02:00"))  # the item is cut at the window's end


def test_overnight_run_plays_on_through_midnight(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"nacht": "windows: [{days: [fri], from: '22:00', to: '02:00'}]\nitems: [e, c]"},
        "main: {playlists: [nacht]}",
    )
    # Cycle 5 m 30 s from 22:00; 2 h later it is 270 s into item 'e', which began at 23:55:30.
    p = plan(content, "2026-08-08 00:00:10")
    assert (p.slide, p.item_index) == ("e", 0)
    assert same_instant(p.start, at("2026-08-07 23:55:30"))
    assert same_instant(p.until, at("2026-08-08 00:00:30"))


def test_priority_then_listed_first(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {
            "p1": "priority: 50\nitems: [a]",
            "p2": "priority: 70\nitems: [b]",
            "p3": "priority: 70\nitems: [c]",
        },
        "main: {playlists: [p1, p3, p2]}\nside: {playlists: [p1, p2, p3]}",
        layout_zones=("main", "side"),
    )
    device = resolve(content, DEVICE, at("2026-08-07 12:00"))
    assert device.zones["main"].playlist == "p3"
    assert device.zones["side"].playlist == "p2"
    assert list(device.zones) == ["main", "side"]  # layout order


def test_higher_priority_window_interrupts_and_lower_restarts(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {
            "basis": "priority: 10\nitems: [a, b, c]",
            "mittag": "priority: 90\nwindows: [{from: '12:00', to: '13:00'}]\nitems: [d]",
        },
        "main: {playlists: [basis, mittag]}",
    )
    assert plan(content, "2026-08-07 12:30").playlist == "mittag"
    after = plan(content, "2026-08-07 13:00:05")  # not a takeover: basis starts again at item 0
    assert (after.playlist, after.item_index) == ("basis", 0)
    assert same_instant(after.start, at("2026-08-07 13:00"))


TAKEOVER_PACK = {
    "prog": "windows: [{from: '09:00', to: '12:00'}]\nitems: [a, b, e]",
    "ansage": "priority: 10\ntakeover: {at: ['10:00'], duration: 5m, days: [fri]}\nitems: [d]",
}


def test_takeover_interrupts_then_resumes_at_item_and_offset(tmp_path: Path) -> None:
    content = make_pack(tmp_path, TAKEOVER_PACK, "main: {playlists: [prog, ansage]}")
    # prog cycles 10 s + 20 s + 5 m = 330 s from 09:00; at 10:00 it is 300 s in: item 2 ('e'), 270 s in.
    before = plan(content, "2026-08-07 09:59:59")
    assert (before.slide, before.item_index) == ("e", 2)
    assert same_instant(before.until, at("2026-08-07 10:00"))  # cut by the takeover
    during = plan(content, "2026-08-07 10:02")
    assert (during.reason, during.playlist, during.slide) == ("takeover", "ansage", "d")
    assert same_instant(during.start, at("2026-08-07 10:02")) and same_instant(
        during.until, at("2026-08-07 10:03")
    )
    resumed = plan(content, "2026-08-07 10:05:10")
    assert (resumed.reason, resumed.slide, resumed.item_index) == ("scheduled", "e", 2)
    assert same_instant(resumed.start, at("2026-08-07 10:05")) and resumed.offset == timedelta(seconds=270)
    assert same_instant(resumed.until, at("2026-08-07 10:05:30"))
    nxt = plan(content, "2026-08-07 10:05:31")
    assert (nxt.slide, nxt.item_index) == ("a", 0) and same_instant(nxt.start, at("2026-08-07 10:05:30"))


def test_takeover_only_in_its_slots(tmp_path: Path) -> None:
    content = make_pack(tmp_path, TAKEOVER_PACK, "main: {playlists: [prog, ansage]}")
    assert plan(content, "2026-08-07 10:05").playlist == "prog"  # slot over (end exclusive)
    assert plan(content, "2026-08-08 10:02").playlist == "prog"  # Saturday: no takeover day
    assert plan(content, "2026-08-07 08:00").reason == "standby"  # never outside its slots


def test_after_a_takeover_another_playlist_starts_from_item_0(tmp_path: Path) -> None:
    packs = {
        **TAKEOVER_PACK,
        "prog": "windows: [{from: '09:00', to: '10:03'}]\nitems: [a, b, e]",
        "immer": IMMER,
    }
    content = make_pack(tmp_path, packs, "main: {playlists: [prog, ansage], default: immer}")
    p = plan(content, "2026-08-07 10:05:01")
    assert (p.reason, p.playlist, p.item_index, p.offset) == ("default", "immer", 0, timedelta(0))
    assert same_instant(p.start, at("2026-08-07 10:05"))


def test_date_range_last_day_inclusive_and_its_night(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {
            "sail": "priority: 80\ndates: {from: 2026-08-06, until: 2026-08-09}\n"
            "windows: [{from: '20:00', to: '02:00'}]\nitems: [a]",
            "immer": IMMER,
        },
        "main: {playlists: [sail], default: immer}",
    )
    assert plan(content, "2026-08-06 01:00").playlist == "immer"  # Wednesday's night is outside
    assert plan(content, "2026-08-06 20:00").playlist == "sail"
    assert plan(content, "2026-08-09 23:00").playlist == "sail"  # last day, inclusive
    assert plan(content, "2026-08-10 01:30").playlist == "sail"  # its window runs past midnight
    assert plan(content, "2026-08-10 02:00").playlist == "immer"
    assert plan(content, "2026-08-10 20:30").playlist == "immer"


def test_default_then_standby(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"werktags": WERKTAGS},
        "main: {playlists: [werktags]}",
        layout_zones=("main", "side"),
    )
    saturday = plan(content, "2026-08-08 10:00")
    assert (saturday.reason, saturday.playlist, saturday.slide, saturday.item_index) == (
        "standby",
        None,
        None,
        None,
    )
    assert same_instant(saturday.start, at("2026-08-08 00:00"))  # standby is reported per day
    assert same_instant(saturday.until, at("2026-08-09 00:00"))
    monday = plan(content, "2026-08-10 03:00")
    assert same_instant(monday.until, at("2026-08-10 07:00"))
    assert plan(content, "2026-08-10 10:00", zone="side").reason == "standby"  # nothing assigned


def test_opening_hours_close_every_zone(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"immer": IMMER, "ansage": "takeover: {at: ['07:00'], duration: 5m}\nitems: [d]"},
        "main: {playlists: [ansage], default: immer}\nside: {default: immer}",
        device_extra="opening_hours: [{days: [mon, tue, wed, thu, fri], from: '08:00', to: '20:00'}]\n",
        layout_zones=("main", "side"),
    )
    saturday = resolve(content, DEVICE, at("2026-08-08 10:00"))
    assert not saturday.open and {z.reason for z in saturday.zones.values()} == {"closed"}
    assert all(z.playlist is None and z.slide is None for z in saturday.zones.values())
    friday = resolve(content, DEVICE, at("2026-08-07 19:59:55"))
    assert friday.open and same_instant(friday.next_deadline, at("2026-08-07 20:00"))
    evening = plan(content, "2026-08-07 20:30")
    assert same_instant(evening.start, at("2026-08-07 20:00")) and same_instant(
        evening.until, at("2026-08-08 00:00")
    )
    assert plan(content, "2026-08-07 07:01").reason == "closed"  # closed beats a takeover
    morning = plan(content, "2026-08-07 08:00")  # opening starts a new run at item 0
    assert (morning.playlist, morning.item_index) == ("immer", 0) and same_instant(
        morning.start, at("2026-08-07 08:00")
    )


def test_item_durations_and_missing_slides(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"p": "items: [a, {slide: b, duration: 3s}, c]", "leer": "priority: 99\nitems: [c]"},
        "main: {playlists: [leer, p]}",
    )
    content.slides.pop("c")  # as if its file had errors: items are skipped, 'leer' has none left
    at_midnight = plan(content, "2026-08-07 00:00:00")
    assert at_midnight.playlist == "p" and at_midnight.item_index == 0
    second = plan(content, "2026-08-07 00:00:11")  # 'a' 10 s, then 'b' for its own 3 s
    assert (second.slide, second.item_index) == ("b", 1) and same_instant(
        second.until, at("2026-08-07 00:00:13")
    )
    assert plan(content, "2026-08-07 00:00:13").item_index == 0  # 'c' (index 2) is skipped


def test_next_deadline_is_the_earliest_until(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"kurz": "items: [a]", "lang": "items: [f]"},
        "main: {default: lang}\nside: {default: kurz}",
        layout_zones=("main", "side"),
    )
    clock = FixedClock(at("2026-08-07 10:00:05"))
    device = resolve(content, DEVICE, clock.now())
    assert device.next_deadline == device.zones["side"].until
    assert same_instant(device.next_deadline, at("2026-08-07 10:00:10"))
    assert device.at.tzinfo is not None and str(device.at.tzinfo) == "Europe/Berlin"
    assert all(str(z.until.tzinfo) == "Europe/Berlin" for z in device.zones.values())


def test_unknown_device_and_naive_time(tmp_path: Path) -> None:
    content = make_pack(tmp_path, {"immer": IMMER}, "main: {default: immer}")
    with pytest.raises(UnknownDeviceError, match="did you mean 'screen'"):
        resolve(content, "screne", at("2026-08-07 10:00"))
    with pytest.raises(KeyError):
        resolve(content, "nope", at("2026-08-07 10:00"))
    with pytest.raises(ValueError, match="timezone-aware"):
        resolve(content, DEVICE, at("2026-08-07 10:00").replace(tzinfo=None))


def test_other_device_time_zone(tmp_path: Path) -> None:
    content = make_pack(
        tmp_path,
        {"abend": "windows: [{from: '18:00', to: '20:00'}]\nitems: [a]"},
        "main: {playlists: [abend]}",
        device_extra="timezone: America/New_York\n",
    )
    # 18:30 in New York is 00:30 the next day in Berlin.
    p = plan(content, "2026-08-08 00:30")
    assert p.playlist == "abend" and str(p.start.tzinfo) == "America/New_York"
