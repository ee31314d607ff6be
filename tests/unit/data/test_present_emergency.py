"""What data widgets show, and which warnings take over: pure functions with a travelling clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.config.models.alert import ManualAlert
from kiosk.data.emergency import active_alerts, next_change
from kiosk.data.present import present
from kiosk.data.records import (
    AlertRecord,
    DepartureRecord,
    EventRecord,
    ParkingRecord,
    ReportRecord,
    WaterLevelRecord,
)
from kiosk.data.state import DataState
from kiosk.i18n.tagged import untagged
from kiosk.speech.marks import marked

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)


def state(*records: object, origin: str = "live", available: bool = True) -> DataState:
    """Data fetched 2 minutes ago; ``available=False`` makes its staleness limit shorter than that."""
    limit = timedelta(hours=6) if available else timedelta(minutes=1)
    return DataState("s", tuple(records), NOW - timedelta(minutes=2), origin, stale_after=limit)  # type: ignore[arg-type]


def test_parking_with_and_without_live_numbers() -> None:
    table = present(
        "parking",
        state(
            ParkingRecord("a", "Am Stadthafen", 400, 12),
            ParkingRecord("b", "Doberaner Platz", 250, 0),
            ParkingRecord("c", "Kröpeliner Tor", 300, None),
        ),
        "de",
        NOW,
        TZ,
    )
    assert table.rows == (
        ("Am Stadthafen", "12 frei"),
        ("Doberaner Platz", "voll"),
        ("Kröpeliner Tor", "300 Plätze · keine Live-Daten"),
    )
    assert table.note == "Stand 14:28" and table.status == "ok"


def test_departures_show_delay_and_cancellation() -> None:
    planned = datetime(2025, 10, 18, 12, 40, tzinfo=UTC)
    table = present(
        "departures",
        state(
            DepartureRecord("5", "Südblick", "Stadthafen", planned, planned + timedelta(minutes=3)),
            DepartureRecord("6", "Neuer Friedhof", "Stadthafen", planned, None, cancelled=True),
            DepartureRecord("S1", "Warnemünde", "Hbf", planned, planned),
        ),
        "en",
        NOW,
        TZ,
    )
    assert table.rows[0] == ("5", "Südblick", "14:40", "14:43 (+3)")
    assert table.rows[1][3] == "cancelled" and table.rows[2][3] == "on time"


def test_departures_already_gone_are_not_listed_even_from_kept_data() -> None:
    gone = DepartureRecord("5", "Südblick", "Stadthafen", NOW - timedelta(minutes=5))
    late = DepartureRecord(
        "6", "Neuer Friedhof", "Stadthafen", NOW - timedelta(minutes=5), NOW + timedelta(minutes=2)
    )
    leaving = DepartureRecord("S1", "Warnemünde", "Hbf", NOW - timedelta(seconds=30))
    table = present("departures", state(gone, late, leaving), "de", NOW, TZ)
    assert [row[0] for row in table.rows] == ["6", "S1"]  # the delayed tram is still to come


def test_storm_surge_from_one_metre_above_mean_water() -> None:
    calm = present("water-level", state(WaterLevelRecord("WARNEMÜNDE", NOW, 590.0, 1)), "de", NOW, TZ)
    surge = present("water-level", state(WaterLevelRecord("WARNEMÜNDE", NOW, 612.0, 1)), "de", NOW, TZ)
    assert not calm.emphasis and "keine Sturmflut" in calm.rows[0]
    assert surge.emphasis and surge.rows[0][3] == "Sturmflut (+1,1 m)" and surge.rows[0][2] == "steigend"


def test_unavailable_and_snapshot_are_clearly_marked() -> None:
    stale = present("parking", state(ParkingRecord("a", "X", 1, 1), available=False), "de", NOW, TZ)
    assert (
        stale.status == "unavailable" and not stale.rows and stale.note.startswith("Derzeit nicht verfügbar")
    )
    snap = present(
        "parking", state(ParkingRecord("a", "X", 1, 1), origin="snapshot", available=False), "ls", NOW, TZ
    )
    assert (
        snap.status == "snapshot" and snap.rows and snap.note.startswith("Alte Beispiel·daten vom 18.10.2025")
    )
    assert present("parking", None, "en", NOW, TZ).note == "Currently unavailable"


def test_hall_bookings_only_today_and_not_over() -> None:
    def booking(h: int, title: str, days: int = 0) -> EventRecord:
        start = datetime(2025, 10, 18, h, 0, tzinfo=TZ) + timedelta(days=days)
        return EventRecord(title, start, start + timedelta(hours=1, minutes=30))

    table = present(
        "hall-bookings",
        state(booking(9, "Früh"), booking(15, "Handball"), booking(15, "Morgen", 1)),
        "de",
        NOW,
        TZ,
    )
    assert table.rows == (("15:00–16:30", "Handball"),)


def test_hall_bookings_without_an_end_and_reports_of_unknown_stage() -> None:
    open_ended = EventRecord("Hallenwart", datetime(2025, 10, 18, 16, 0, tzinfo=TZ))
    assert present("hall-bookings", state(open_ended), "de", NOW, TZ).rows == (("16:00", "Hallenwart"),)
    odd = ReportRecord("1", "Schlagloch", "geparkt", progress="unknown")
    assert present("reports", state(odd), "en", NOW, TZ).rows == (("Schlagloch", "status unknown", ""),)


def alert(severity: str, **extra: object) -> AlertRecord:
    fields = {
        "id": f"mow.{severity}",
        "provider": "MOWAS",
        "severity": severity,
        "headline": "Sturmflut",
        "expires": NOW + timedelta(hours=2),
    } | extra
    return AlertRecord(**fields)  # type: ignore[arg-type]


def test_severe_takes_over_moderate_banners_minor_ignored() -> None:
    alerts = active_alerts([state(alert("moderate"), alert("severe"), alert("minor"))], [], "d", NOW)
    assert [(a.severity, a.takeover) for a in alerts] == [("severe", True), ("moderate", False)]


def test_alerts_clear_on_cancel_expiry_and_staleness() -> None:
    assert not active_alerts([state(alert("severe"), alert("severe", msg_type="cancel"))], [], "d", NOW)
    assert not active_alerts([state(alert("severe"))], [], "d", NOW + timedelta(hours=3))
    assert not active_alerts([state(alert("severe"), available=False)], [], "d", NOW)
    assert not active_alerts([state(alert("severe"), origin="snapshot", available=False)], [], "d", NOW)
    assert next_change([state(alert("severe"))], [], NOW) == NOW + timedelta(hours=2)
    # without a new poll, its warnings stop counting when the data gets too old (polling may have died)
    short = DataState(
        "s", (alert("severe"),), NOW - timedelta(minutes=2), "live", stale_after=timedelta(minutes=10)
    )
    assert next_change([short], [], NOW) == NOW + timedelta(minutes=8)
    assert active_alerts([short], [], "d", NOW) and not active_alerts(
        [short], [], "d", NOW + timedelta(minutes=9)
    )


def test_manual_alert_for_some_devices_in_its_window() -> None:
    manual = ManualAlert.model_validate(
        {
            "severity": "extreme",
            "headline": {"de": "Evakuierung", "en": "Evacuation"},
            "instruction": {"de": "Verlassen Sie den Hafen."},
            "sender": "Hansestadt Rostock",
            "valid_from": "2025-10-18T14:00:00+02:00",
            "valid_until": "2025-10-18T16:00:00+02:00",
            "devices": ["stele"],
        }
    )
    (found,) = active_alerts([], [("evak", manual)], "stele", NOW)
    assert (
        found.takeover
        and found.text("headline", "en") == "Evacuation"
        and untagged(found.text("instruction", "en")).startswith("Verlassen")
    )
    # the German stand-in is tagged German: it is spoken with the German voice, not the English one
    assert marked(found.text("instruction", "en")) == [("de", "Verlassen Sie den Hafen"), (None, ".")]
    assert not active_alerts([], [("evak", manual)], "halle", NOW)
    assert not active_alerts([], [("evak", manual)], "stele", NOW + timedelta(hours=2))
