"""What a data widget shows as a board: columns with heads, rows with marks, big figures (pure, no Qt).

The flat ``Table.rows`` (strings) serve pages and speech; the board says what the signage widget draws
on top of that: which columns there are and which one takes the width left (the destination, never
elided: it wraps), which row is *now* and which is *next*, which cell is a line badge (with the route
colour when the feed gives one), a fill bar (free spaces of the capacity), a state in words with its
tone (the colour repeats the word, never replaces it), and for weather and water the big number with
its pictogram. The widgets in ``kiosk.ui.slides.board`` only measure and paint it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from kiosk import i18n
from kiosk.data.present_words import t
from kiosk.data.records import DepartureRecord, EventRecord, ParkingRecord, WaterLevelRecord, WeatherRecord
from kiosk.i18n.tagged import untagged

Tone = Literal["", "warning", "alert", "muted"]
Mark = Literal["", "now", "next"]
ColumnKind = Literal["badge", "text", "time", "state", "bar"]
# a departure this close is counted down ("in 3 min"): further away the time says it better
COUNTDOWN = timedelta(minutes=10)
# a car park with at most this share of its spaces free is "almost full" (unless the source says more)
ALMOST_FULL_SHARE = 0.05


@dataclass(frozen=True)
class Column:
    key: str
    head: str
    kind: ColumnKind = "text"
    grows: bool = False  # takes the width the others leave, and wraps there
    optional: bool = False  # left out where the columns do not fit (the countdown: the times say it too)


@dataclass(frozen=True)
class Cell:
    text: str = ""
    tone: Tone = ""
    struck: bool = False  # a cancelled booking: struck through, and its state cell says so
    color: str = ""  # a badge's fill ("#rrggbb" from GTFS route_color); "" = the theme's accent
    text_color: str = ""  # the feed's route_text_color (the widget checks its contrast)
    fill: float | None = None  # a bar's filled share, 0…1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    mark: Mark = ""


@dataclass(frozen=True)
class Figure:
    """One big number with its pictogram: a temperature, a water level."""

    title: str
    value: str
    pictogram: str  # sun, partly, cloud, rain, snow, fog, thunder; rising, falling, steady
    caption: str  # the condition or trend in words (the pictogram never says it alone)
    facts: tuple[tuple[str, str], ...] = ()
    tone: Tone = ""


@dataclass(frozen=True)
class Board:
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    figures: tuple[Figure, ...] = ()
    empty: str = ""  # the sentence of an empty list, shown centred with ``pictogram``
    pictogram: str = ""


def day_text(day: date, language: str, short: bool = False) -> str:
    """``18.10.2025`` / ``18 Oct 2025`` (``short``: ``18/10/2025``): as the language writes a day
    (a fact of the language in kiosk.i18n, as its decimal mark)."""
    return i18n.day(day, language, short)


# words that claim the present: a heading with one of them is not shown over stored data
TODAY_WORDS = frozenset({"heute", "heutige", "today", "tonight", "jetzt", "now", "aktuell", "gerade", "live"})


def dated_heading(widget: str, heading: str, title: str, day: date, language: str) -> str:
    """The heading of snapshot data: a list of a day, or a heading that says "today" or "now", gets
    the stored day instead ("Belegung am 18.10.2025", "Wetter am 18.10.2025"); others stay."""
    when = day_text(day, language)
    words = {word.strip(".,:;!?–-()").lower() for word in untagged(heading).split()}
    if words and words <= TODAY_WORDS:  # "Heute" alone (a heading kept short for 7 m): the day alone
        return day_text(day, language, short=True)
    if widget == "hall-bookings":
        return t("bookings_on", language, date=when)
    if widget == "events":
        return t("events_on", language, date=when)
    if words & TODAY_WORDS:
        return t("on_day", language, what=title, date=when)
    return heading


def _hm(value: datetime, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M")


# --- departures -------------------------------------------------------------------------------------------
def departure_board(
    records: Sequence[DepartureRecord], cells: Sequence[tuple[str, ...]], lang: str, now: datetime, live: bool
) -> Board:
    """Badge · destination · plan · real time or state · (countdown) · (platform). ``cells`` are the
    table's strings of the same records (one wording for screen and speech)."""
    rows, countdown, next_seen = [], False, not live  # a snapshot has no "next": it is not now
    for record, row in zip(records, cells, strict=False):
        line, destination, planned, real = (*row, "", "", "", "")[:4]
        gone = record.cancelled or record.skipped
        tone: Tone = "alert" if gone else ("warning" if real and real[:1].isdigit() else "")
        when = record.expected or record.planned
        away = ""
        if live and not gone and when - now < COUNTDOWN:
            minutes = max(0, int((when - now).total_seconds() // 60))
            away = t("leaves_now", lang) if minutes == 0 else t("minutes_away", lang, n=minutes)
            countdown = True
        mark: Mark = ""
        if not next_seen and not gone and not record.arrival:
            mark, next_seen = "next", True
        rows.append(
            Row(
                (
                    Cell(line, color=record.color, text_color=record.text_color),
                    Cell(destination, struck=record.cancelled),
                    Cell(planned, struck=record.cancelled),
                    Cell(real, tone=tone),
                    Cell(away),
                    Cell(record.platform),
                ),
                mark,
            )
        )
    columns = [
        Column("line", t("col_line", lang), "badge"),
        Column("destination", t("col_destination", lang), grows=True),
        Column("planned", t("col_planned", lang), "time"),
        Column("real", t("col_real", lang), "state"),
        Column("leaves", t("col_leaves", lang), "time", optional=True),
        Column("platform", t("col_platform", lang)),
    ]
    keep = [True, True, True, True, countdown, any(r.platform for r in records)]
    return _only(columns, rows, keep, t("none_departures", lang), "departures")


def _only(
    columns: Sequence[Column], rows: Sequence[Row], keep: Sequence[bool], empty: str, pictogram: str
) -> Board:
    """The board without the columns no row fills (no platform column when no feed gives platforms)."""
    picked = tuple(c for c, k in zip(columns, keep, strict=True) if k)
    kept = tuple(Row(tuple(c for c, k in zip(r.cells, keep, strict=True) if k), r.mark) for r in rows)
    return Board(picked, kept, empty=empty, pictogram=pictogram)


def without_optional(board: Board) -> Board:
    """``board`` without its optional columns (for a zone too narrow for all of them)."""
    keep = [not c.optional for c in board.columns]
    return _only(board.columns, board.rows, keep, board.empty, board.pictogram)


# --- parking ----------------------------------------------------------------------------------------------
def parking_board(
    records: Sequence[ParkingRecord],
    cells: Sequence[tuple[str, ...]],
    states: Sequence[str | None],
    lang: str,
    fresh: Sequence[bool],
) -> Board:
    """Name · status word · free spaces with a bar of the capacity. ``states``: each record's
    ``parking_state``; ``fresh``: whether its count is live (not older than the age limit)."""
    rows = []
    for record, row, state, live in zip(records, cells, states, fresh, strict=True):
        free, capacity = record.free, record.capacity
        count, fill = "", None
        if state == "closed":
            word, tone = t("car_park_closed", lang), "alert"
        elif live and free is not None:
            share = free / capacity if capacity else None
            if free <= 0:
                word, tone = t("full", lang), "alert"
            elif state in ("full", "almost_full") or (share is not None and share <= ALMOST_FULL_SHARE):
                word, tone = t("almost_full", lang), "warning"
            else:
                word, tone = t("free", lang), ""
            if capacity:
                count = t("free_of", lang, free=max(0, free), capacity=capacity)
                fill = max(0.0, min(1.0, free / capacity))
            else:
                count = f"{max(0, free)}"
        elif live and state in ("full", "almost_full"):
            word, tone = t(state, lang), "alert" if state == "full" else "warning"
        else:
            word, tone = row[1] if len(row) > 1 else t("no_live", lang), "muted"
            word = word.split(" · ", 1)[-1] if capacity is not None else word  # "450 Plätze · …"
            count = f"{capacity} {t('spaces', lang)}" if capacity is not None else ""
        rows.append(Row((Cell(record.name), Cell(word, tone=tone), Cell(count, fill=fill))))  # type: ignore[arg-type]
    columns = [
        Column("name", t("col_car_park", lang), grows=True),
        Column("status", t("col_status", lang), "state"),
        Column("free", t("col_free", lang), "bar"),
    ]
    return _only(columns, rows, [True, True, True], t("none_parking", lang), "parking")


# --- hall bookings and events -----------------------------------------------------------------------------
def booking_board(
    records: Sequence[EventRecord],
    cells: Sequence[tuple[str, ...]],
    lang: str,
    now: datetime,
    live: bool,
    empty: str,
) -> Board:
    """Time · group · "jetzt" / "danach" / "Abgesagt"; the booking on now and the next one marked."""
    rows, next_seen = [], False
    for record, row in zip(records, cells, strict=False):
        when, _ = (*row, "", "")[:2]
        running = record.start <= now and (record.end is None or now < record.end)
        mark: Mark = ""
        state, tone = "", ""
        if record.cancelled:
            state, tone = t("booking_cancelled", lang), "alert"
        elif live and running and not record.all_day:
            mark, state = "now", t("booking_now", lang)
        elif live and not next_seen and record.start > now:
            mark, state, next_seen = "next", t("booking_next", lang), True
        rows.append(
            Row(
                (
                    Cell(when, struck=record.cancelled),
                    Cell(record.title, struck=record.cancelled),
                    Cell(state, tone=tone),  # type: ignore[arg-type]
                ),
                mark,
            )
        )
    columns = [
        Column("time", t("col_time", lang), "time"),
        Column("group", t("col_group", lang), grows=True),
        Column("state", t("col_booking_state", lang), "state"),
    ]
    keep = [True, True, any(r.cells[2].text for r in rows)]
    return _only(columns, rows, keep, empty, "hall-bookings")


def cells_board(widget: str, cells: Sequence[tuple[str, ...]], lang: str) -> Board | None:
    """Events, reports, warnings: the table's cells under column heads (the second column grows)."""
    heads = {
        "events": ("col_time", "col_event", "col_venue"),
        "reports": ("col_report", "col_stage", "col_address"),
    }.get(widget)  # warnings stay lines: a headline reads better across the width than in a column
    if heads is None:
        return None
    grow = 1 if widget != "reports" else 0
    columns = tuple(Column(key, t(key, lang), grows=i == grow) for i, key in enumerate(heads))
    rows = tuple(Row(tuple(Cell(text) for text in (*row, "", "", "")[:3])) for row in cells)
    empty = t(
        "none_events" if widget == "events" else "no_warnings" if widget == "warnings" else "empty", lang
    )
    return Board(columns, rows, empty=empty, pictogram=widget)


# --- weather and water ------------------------------------------------------------------------------------
CONDITIONS = (  # (words in the source's condition, pictogram, word key); the first match wins
    (("thunder", "gewitter", "lightning"), "thunder", "cond_thunder"),
    (("sleet", "schneeregen"), "snow", "cond_sleet"),
    (("hail", "hagel"), "snow", "cond_hail"),
    (("snow", "schnee"), "snow", "cond_snow"),
    (("rain", "regen", "drizzle", "shower", "niesel", "schauer"), "rain", "cond_rain"),
    (("fog", "nebel", "mist", "haze"), "fog", "cond_fog"),
    (("partly", "few", "scattered", "heiter"), "partly", "cond_partly"),
    (("cloud", "overcast", "bewölkt", "bedeckt"), "cloud", "cond_cloud"),
    (("sun", "clear", "sonn", "klar", "fine"), "sun", "cond_sun"),
    (("dry", "trocken"), "partly", "cond_partly"),
)


def condition(text: str | None) -> tuple[str, str]:
    """The pictogram and word key of a source's condition text ("rain", "lightRain", "Gewitter"); a
    text we do not know gives no pictogram rather than a wrong one."""
    word = (text or "").lower()
    for needles, pictogram, key in CONDITIONS:
        if any(needle in word for needle in needles):
            return pictogram, key
    return "", ""


def weather_board(records: Sequence[Any], table_rows: Sequence[tuple[str, ...]], lang: str) -> Board:
    """The temperature big, the condition as pictogram and word, wind, gusts and precipitation below."""
    w = next((r for r in records if isinstance(r, WeatherRecord)), None)
    if w is None or not table_rows:
        return Board(empty=t("empty", lang), pictogram="weather")
    pictogram, key = condition(w.condition)
    temperature, *facts = table_rows
    return Board(
        figures=(
            Figure(
                w.station,
                temperature[1],
                pictogram,
                t(key, lang) if key else "",
                tuple((r[0], r[1]) for r in facts),
            ),
        )
    )


def water_board(
    records: Sequence[WaterLevelRecord],
    table_rows: Sequence[tuple[str, ...]],
    lang: str,
    mean_default: float,
    surge_cm: float,
) -> Board:
    """Per gauge: the level big, the trend as arrow and word, mean water and the surge threshold."""
    figures = []
    gauges = [r for r in records if isinstance(r, WaterLevelRecord)]
    for record, (name, value, trend, state) in zip(gauges, table_rows, strict=False):
        mean = record.mean_cm if record.mean_cm is not None else mean_default
        arrow = (
            {1: "rising", -1: "falling", 0: "steady"}.get(record.trend, "")
            if record.trend is not None
            else ""
        )
        if not trend or trend.startswith(t("as_of", lang)):
            arrow = ""  # an old trend says nothing now: no arrow either
        facts = (
            (t("mean_water", lang), f"{mean:.0f} cm"),
            (t("surge_from", lang), f"{mean + surge_cm:.0f} cm"),
        )
        surge = state != t("no_surge", lang) and bool(state)
        figures.append(
            Figure(
                name,
                value,
                arrow,
                trend,
                ((state, ""), *facts) if state else facts,
                "warning" if surge else "",
            )
        )
    return Board(figures=tuple(figures), empty=t("empty", lang), pictogram="water-level")


__all__ = [
    "Board",
    "Cell",
    "Column",
    "Figure",
    "Row",
    "booking_board",
    "cells_board",
    "condition",
    "dated_heading",
    "day_text",
    "departure_board",
    "parking_board",
    "water_board",
    "weather_board",
]
