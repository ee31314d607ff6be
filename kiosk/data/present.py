"""From records to what a data widget shows: rows, an "as of" line and a status, in the shown language.

Declared as data (a labels table and one small row function per widget), not as widget code, so the
same presentation serves slides, pages, previews and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from kiosk.data.present_board import (
    Board,
    booking_board,
    cells_board,
    dated_heading,
    departure_board,
    parking_board,
    water_board,
    weather_board,
)
from kiosk.data.present_nearby import nearby_rows, still_running
from kiosk.data.present_spoken import spoken_row
from kiosk.data.present_words import t
from kiosk.data.records import (
    AlertRecord,
    DepartureRecord,
    EventRecord,
    ParkingRecord,
    ReportRecord,
    WaterLevelRecord,
    WeatherRecord,
)
from kiosk.data.state import DataState
from kiosk.i18n import decimal

Status = Literal["ok", "snapshot", "unavailable", "empty"]
STORM_SURGE_CM = 100  # BSH: a storm surge at the Baltic coast starts 1 m above mean water
DEFAULT_MEAN_CM = 500  # PEGELONLINE gauges on the Baltic use a gauge zero 5 m below mean water
# A car-park count older than this is history, not a reason to drive there: shown as "no live data"
# with the time it was counted. Parking guidance systems count every minute or so.
PARKING_LIVE_MAX_AGE = timedelta(minutes=30)
# A gauge reading older than this is shown with its time (PEGELONLINE sends some gauges hourly).
WATER_LIVE_MAX_AGE = timedelta(hours=1)
# A departure is listed until a minute after it leaves: a rider running for it still sees it
DEPARTED_GRACE = timedelta(minutes=1)


@dataclass(frozen=True)
class Table:
    heading: str
    rows: tuple[tuple[str, ...], ...]
    note: str
    status: Status
    emphasis: bool = False  # e.g. a storm surge: the widget shows it in the warning colours
    #: each row as a spoken sentence with its column words ("Linie 5 nach Südblick, 14:30, fällt aus")
    spoken: tuple[str, ...] = ()
    #: what the signage widget draws: column heads, now/next, badges, bars, big figures (``None``: lines)
    board: Board | None = None

    def spoken_rows(self) -> tuple[str, ...]:
        """The rows as they are read out (a table made without sentences: its cells, with pauses)."""
        if len(self.spoken) == len(self.rows):
            return self.spoken
        return tuple(", ".join(cell for cell in row if cell) for row in self.rows)


def _num(value: float | None, language: str, digits: int = 0, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{decimal(f'{value:.{digits}f}', language)} {unit}".strip()


def _hm(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M") if value else "–"


# What car-park sources write as their status → one of closed / full / almost_full / open / unknown:
# Smart Data Models OffStreetParking ``status`` tokens and the German words of CKAN tables.
PARKING_STATES = {
    "closed": "closed",
    "geschlossen": "closed",
    "zu": "closed",
    "gesperrt": "closed",
    "außer betrieb": "closed",
    "full": "full",
    "voll": "full",
    "besetzt": "full",
    "belegt": "full",
    "almostfull": "almost_full",
    "almost full": "almost_full",
    "fast voll": "almost_full",
    "open": "open",
    "spacesavailable": "open",
    "geöffnet": "open",
    "geoeffnet": "open",
    "offen": "open",
    "unknown": "unknown",
    "unbekannt": "unknown",
    "keine daten": "unknown",
}


def parking_state(status: str | None) -> str | None:
    """The source's status text as one of ``PARKING_STATES``' values (``None``: not given or not known)."""
    if status is None:
        return None
    word = " ".join(status.replace("_", " ").replace("-", " ").split()).lower()
    return PARKING_STATES.get(word) or PARKING_STATES.get(word.replace(" ", ""))


def _when(value: datetime, tz: ZoneInfo, now: datetime) -> str:
    """``14:05``, or ``17.10. 14:05`` on another day."""
    local = value.astimezone(tz)
    return local.strftime("%H:%M") if local.date() == now.astimezone(tz).date() else f"{local:%d.%m. %H:%M}"


def _parking(r: ParkingRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    state = parking_state(r.status)
    if state == "closed":  # its capacity is not free spaces, whatever the count says
        return (r.name, t("car_park_closed", lang))
    fresh = r.observed is None or now - r.observed <= PARKING_LIVE_MAX_AGE
    if fresh and r.free is not None:
        return (r.name, t("full", lang) if r.free <= 0 else f"{r.free} {t('free', lang)}")
    if fresh and state in ("full", "almost_full"):
        return (r.name, t(state, lang))
    cap = f"{r.capacity} {t('spaces', lang)} · " if r.capacity is not None else ""
    counted = r.observed is not None and (r.free is not None or state in ("full", "almost_full"))
    since = f" · {t('as_of', lang)} {_when(r.observed, tz, now)}" if counted and r.observed else ""
    return (r.name, cap + t("no_live", lang) + since)


def _departure(r: DepartureRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    """(line, destination, planned time, real time or state). A trip ending here reads "Arrival" where
    the destination would be (it goes nowhere from here); an extra trip says so where an on-time one
    says "on time" (its plan is its announced time)."""
    if r.cancelled:
        real = t("cancelled", lang)
    elif r.skipped:
        real = t("stop_skipped", lang)
    elif r.delay_s is None or abs(r.delay_s) < 60:
        real = t("added_trip", lang) if r.added else "" if r.delay_s is None else t("on_time", lang)
    else:
        real = f"{_hm(r.expected, tz)} ({'+' if r.delay_s > 0 else '−'}{abs(r.delay_s) // 60})"
    destination = t("arrival", lang) if r.arrival else r.destination
    return (r.line, destination, _hm(r.planned, tz), real)


def _last_day(r: EventRecord, tz: ZoneInfo) -> date:
    """The last local day an event covers (an end at midnight, as an all-day DTEND, ends the day before)."""
    if r.end is None or r.end <= r.start:
        return r.start.astimezone(tz).date()
    return (r.end.astimezone(tz) - timedelta(microseconds=1)).date()


def _titled(r: EventRecord, lang: str) -> str:
    """The title, led by "Abgesagt:" when it is called off, so the mark survives a cut-off title."""
    if not r.cancelled:
        return r.title
    mark = t("event_cancelled", lang)
    return f"{mark[:1].upper()}{mark[1:]}: {r.title}"


def _event(r: EventRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    day = r.start.astimezone(tz)
    today = now.astimezone(tz).date()
    if r.all_day:
        first, last = day.date(), _last_day(r, tz)
        if first != last:
            when = f"{first:%d.%m.}–{last:%d.%m.}"
        else:
            when = t("all_day", lang) if first == today else f"{first:%d.%m.} {t('all_day', lang)}"
    else:
        when = _when(r.start, tz, now)
    return (when, _titled(r, lang), r.location)


def _booking(r: EventRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    if r.all_day:
        return (t("all_day", lang), _titled(r, lang))
    today = now.astimezone(tz).date()
    start_day = r.start.astimezone(tz).date()
    start = _when(r.start, tz, now)
    if r.end is None:
        return (start, _titled(r, lang))
    end = _hm(r.end, tz)
    last_day = _last_day(r, tz)
    if last_day > today and (start_day < today or r.end - r.start >= timedelta(days=1)):
        end = f"{r.end.astimezone(tz):%d.%m.} {end}"  # more than "tonight, past midnight": say the day
    return (f"{start}–{end}", _titled(r, lang))


def _covers_today_and_not_over(r: EventRecord, now: datetime, tz: ZoneInfo) -> bool:
    """Overlaps today (a booking past midnight counts on both days) and has not ended yet."""
    tomorrow = datetime.combine(now.astimezone(tz).date() + timedelta(days=1), time(), tzinfo=tz)
    return r.start < tomorrow and (r.end > now if r.end is not None else r.start >= now)


#: the words for a report's stage (``ReportRecord.progress``)
PROGRESS_KEYS = {"open": "open", "in_progress": "in_process", "closed": "closed", "unknown": "report_unknown"}


def _report(r: ReportRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    stage: str = r.progress
    if stage == "unknown" and r.status in ("open", "closed"):
        stage = r.status  # a record kept on disk before reports were classified
    return (r.service, t(PROGRESS_KEYS.get(stage, "report_unknown"), lang), r.address)


def _warning(r: AlertRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    return (t(r.severity, lang), r.text("headline", lang), r.provider)  # the source's block in lang


def _weather_rows(records: Sequence[Any], lang: str) -> tuple[tuple[str, ...], ...]:
    w = next((r for r in records if isinstance(r, WeatherRecord)), None)
    if w is None:
        return ()
    return (
        (t("temperature", lang), _num(w.temperature_c, lang, 1, "°C")),
        (t("wind", lang), _num(w.wind_speed_kmh, lang, 0, "km/h")),
        (t("gusts", lang), _num(w.wind_gust_kmh, lang, 0, "km/h")),
        (t("rain", lang), _num(w.precipitation_mm, lang, 1, "mm")),
    )


def surge_cm(record: WaterLevelRecord) -> float | None:
    """How far the water stands above mean water (cm), when the level is known."""
    if record.level_cm is None:
        return None
    return record.level_cm - (record.mean_cm if record.mean_cm is not None else DEFAULT_MEAN_CM)


def _water_rows(
    records: Sequence[Any], lang: str, tz: ZoneInfo, now: datetime
) -> tuple[tuple[tuple[str, ...], ...], bool]:
    rows: list[tuple[str, ...]] = []
    emphasis = False
    for w in (r for r in records if isinstance(r, WaterLevelRecord)):
        name = f"{t('level', lang)} {w.station.title()}"
        if w.level_cm is None:  # listed, so a gauge that fell silent is seen, not missing
            rows.append((name, t("no_current_value", lang), "", ""))
            continue
        trends = {1: t("rising", lang), -1: t("falling", lang), 0: t("steady", lang)}
        trend = trends.get(w.trend, "") if w.trend is not None else ""  # unknown is not "steady"
        if w.observed is not None and now - w.observed > WATER_LIVE_MAX_AGE:
            trend = f"{t('as_of', lang)} {_when(w.observed, tz, now)}"  # an old trend says nothing now
        above = surge_cm(w)
        surge = above is not None and above >= STORM_SURGE_CM
        emphasis |= surge
        state = (
            f"{t('surge', lang)} (+{_num(above / 100, lang, 1, 'm')})"
            if surge and above
            else t("no_surge", lang)
        )
        rows.append((name, _num(w.level_cm, lang, 0, "cm"), trend, state))
    return tuple(rows), emphasis


ROWS: dict[str, tuple[type[Any], Callable[[Any, str, ZoneInfo, datetime], tuple[str, ...]]]] = {
    "parking": (ParkingRecord, _parking),
    "departures": (DepartureRecord, _departure),
    "events": (EventRecord, _event),
    "hall-bookings": (EventRecord, _booking),
    "reports": (ReportRecord, _report),
    "warnings": (AlertRecord, _warning),
}
ROWS.update(nearby_rows(t))


def present(
    widget: str,
    state: DataState | None,
    language: str,
    now: datetime,
    tz: ZoneInfo,
    max_items: int = 6,
    heading: str = "",
) -> Table:
    """The table a widget shows for ``state`` at ``now``."""
    title = heading or t(widget, language)
    if state is None or not state.showable(now):
        since = (
            f" · {t('as_of', language)} {state.as_of.astimezone(tz):%d.%m. %H:%M}"
            if state and state.as_of
            else ""
        )
        return Table(title, (), t("unavailable", language) + since, "unavailable")
    emphasis = False
    records: Sequence[Any] = state.records
    snapshot = state.origin == "snapshot"
    if snapshot and state.as_of is not None:
        now = state.as_of  # a dated snapshot is shown as it was then, not filtered by today's date
        title = dated_heading(widget, title, t(widget, language), state.as_of.astimezone(tz).date(), language)
    chosen: list[Any] = []
    if widget == "weather":
        rows = _weather_rows(records, language)
    elif widget == "water-level":
        rows, emphasis = _water_rows(records, language, tz, now)
    else:
        kind, row = ROWS[widget]
        chosen = [r for r in records if isinstance(r, kind)]
        if widget == "hall-bookings":
            chosen = [r for r in chosen if _covers_today_and_not_over(r, now, tz)]
        elif widget == "events":
            chosen = [r for r in chosen if (r.end or r.start) >= now]
        elif widget == "departures":  # kept data (a feed refused meanwhile) must not list trams gone
            chosen = [r for r in chosen if (r.expected or r.planned) >= now - DEPARTED_GRACE]
        elif widget == "warnings":
            chosen = [r for r in chosen if r.msg_type != "cancel" and (r.expires is None or r.expires > now)]
        elif widget == "construction-sites":
            chosen = still_running(chosen, now, tz)
        chosen = chosen[:max_items]
        rows = tuple(row(r, language, tz, now) for r in chosen)
    as_of = state.as_of.astimezone(tz) if state.as_of else None
    if snapshot:
        note = f"{t('snapshot', language)} {as_of:%d.%m.%Y, %H:%M}" if as_of else t("snapshot", language)
        status: Status = "snapshot"
    else:
        # data of another day (a daily download, last good data after a failure) says which day
        note = f"{t('as_of', language)} {_when(as_of, tz, now)}" if as_of else ""
        status = "ok"
    board = _board(widget, records, chosen, rows, language, tz, now, not snapshot)
    if not rows:
        message = board.empty if board else t(EMPTY.get(widget, "empty"), language)
        if widget == "hall-bookings" and snapshot:
            message = t("none_on_day", language)  # not "today": the stored day
        board = replace(board, empty=message) if board else None
        state_of = status if status == "snapshot" else "empty"
        return Table(title, ((message,),), note, state_of, spoken=(message,), board=board)
    rows = rows[:max_items]
    spoken = tuple(spoken_row(widget, row, language) for row in rows)
    return Table(title, rows, note, status, emphasis, _with_marks(spoken, board, language), board)


def _with_marks(spoken: tuple[str, ...], board: Board | None, lang: str) -> tuple[str, ...]:
    """What the board shows besides the table's cells, said too: "Jetzt: 14:00–16:00, Judo" (a
    booking on now or next), "…, in 3 Minuten" (a departure's countdown)."""
    if board is None or len(board.rows) != len(spoken):
        return spoken
    out = []
    for said, row in zip(spoken, board.rows, strict=True):
        keys = [c.key for c in board.columns]
        if "state" in keys and row.mark:  # the timetable's "jetzt" / "danach"
            word = row.cells[keys.index("state")].text
            said = f"{word[:1].upper()}{word[1:]}: {said}"
        if "leaves" in keys and (away := row.cells[keys.index("leaves")].text):
            minutes = "".join(ch for ch in away if ch.isdigit())
            said = f"{said}, {t('spoken_minutes', lang, n=minutes) if minutes else away}"
        out.append(said)
    return tuple(out)


#: the sentence of an empty list, per widget
EMPTY = {
    "hall-bookings": "none_today",
    "warnings": "no_warnings",
    "departures": "none_departures",
    "parking": "none_parking",
    "events": "none_events",
}


def _board(
    widget: str,
    records: Sequence[Any],
    chosen: Sequence[Any],
    rows: tuple[tuple[str, ...], ...],
    lang: str,
    tz: ZoneInfo,
    now: datetime,
    live: bool,
) -> Board | None:
    """The board of the widgets drawn as one (the near-the-device lists stay lines: ``None``)."""
    empty = t(EMPTY.get(widget, "empty"), lang)
    if widget == "departures":
        return departure_board(chosen, rows, lang, now, live)
    if widget == "parking":
        states = [parking_state(r.status) for r in chosen]
        fresh = [r.observed is None or now - r.observed <= PARKING_LIVE_MAX_AGE for r in chosen]
        return parking_board(chosen, rows, states, lang, fresh)
    if widget == "hall-bookings":
        return booking_board(chosen, rows, lang, now, live, empty)
    if widget == "weather":
        return weather_board(records, rows, lang)
    if widget == "water-level":
        return water_board(records, rows, lang, DEFAULT_MEAN_CM, STORM_SURGE_CM)
    return cells_board(widget, rows, lang)
