"""Rows of the "near the device" widgets: construction sites, toilets, charging stations.

Kept apart from ``present.py`` (which owns the labels table ``L`` and ``t``) so that file stays small;
``present`` hands its ``t`` to ``nearby_rows`` and merges the result into ``ROWS``.

Distances: under 1 km rounded to 10 m ("120 m"), else to 100 m ("1,2 km"), with a no-break space so
the unit never wraps alone; with the direction as one of eight compass points ("120 m Richtung
Nordost"). A record without a distance (device position unknown) shows none. Dates of works: "bis
12.12." while running, "ab 03.11." (or "03.11.–12.12.") before, the year only when it is not this
year's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk import i18n
from kiosk.data.connectors.geo import compass_point
from kiosk.data.records import ChargingRecord, ConstructionRecord, ToiletRecord

Translate = Callable[[str, str], str]
RowFunction = Callable[[Any, str, ZoneInfo, datetime], tuple[str, ...]]


def distance_text(distance_m: float | None, language: str, t: Translate) -> str:
    if distance_m is None:
        return ""
    if distance_m < 995:
        return f"{max(10, round(distance_m / 10) * 10)}\u00a0{t('near_metres', language)}"
    km = f"{distance_m / 1000:.1f}"
    return f"{i18n.decimal(km, language)}\u00a0{t('near_km', language)}"


def way_text(distance_m: float | None, bearing_deg: float | None, language: str, t: Translate) -> str:
    """``120 m Richtung Nordost`` / ``120 m to the north-east``; only the distance without a bearing."""
    distance = distance_text(distance_m, language, t)
    if not distance or bearing_deg is None:
        return distance
    return f"{distance} {t('near_towards', language)} {t(f'dir_{compass_point(bearing_deg)}', language)}"


def _day(value: datetime, tz: ZoneInfo, now: datetime) -> str:
    local = value.astimezone(tz)
    return f"{local:%d.%m.}" if local.year == now.astimezone(tz).year else f"{local:%d.%m.%Y}"


def period_text(site: ConstructionRecord, language: str, tz: ZoneInfo, now: datetime, t: Translate) -> str:
    today = now.astimezone(tz).date()
    coming = site.start is not None and site.start.astimezone(tz).date() > today
    if coming and site.start is not None:
        start = _day(site.start, tz, now)
        return f"{start}–{_day(site.end, tz, now)}" if site.end else f"{t('works_from', language)} {start}"
    if site.end is not None:
        return f"{t('works_until', language)} {_day(site.end, tz, now)}"
    if site.start is not None:
        return f"{t('works_since', language)} {_day(site.start, tz, now)}"
    return ""


def still_running(
    sites: Sequence[ConstructionRecord], now: datetime, tz: ZoneInfo
) -> list[ConstructionRecord]:
    """Current and coming sites: those whose last day is today or later (or not known)."""
    today = now.astimezone(tz).date()
    return [s for s in sites if s.end is None or s.end.astimezone(tz).date() >= today]


def nearby_rows(t: Translate) -> dict[str, tuple[type[Any], RowFunction]]:
    """The ``ROWS`` entries of the three widgets, with the labels of ``t``."""

    def construction(r: ConstructionRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
        where = ", ".join(part for part in (r.street, r.place) if part)
        return (
            where or r.measure,
            r.measure if where else "",
            period_text(r, lang, tz, now, t),
            r.restriction,
            distance_text(r.distance_m, lang, t),
        )

    def toilet(r: ToiletRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
        access = {True: t("toilet_accessible", lang), False: t("toilet_not_accessible", lang)}
        if r.fee is False:
            fee = t("toilet_free", lang)
        elif r.fee:
            fee = f"{t('toilet_fee', lang)}: {r.fee_text}" if r.fee_text else t("toilet_fee", lang)
        else:
            fee = ""
        return (
            r.name,
            way_text(r.distance_m, r.bearing_deg, lang, t),
            access.get(r.accessible, "") if r.accessible is not None else "",
            fee,
            t("baby_changing", lang) if r.baby_changing else "",
            r.hours,
        )

    def charging(r: ChargingRecord, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
        points = ""
        if r.points is not None:
            points = f"{r.points} {t('charge_point' if r.points == 1 else 'charge_points', lang)}"
        return (r.name, way_text(r.distance_m, r.bearing_deg, lang, t), r.operator, points, r.plugs)

    return {
        "construction-sites": (ConstructionRecord, construction),
        "toilets": (ToiletRecord, toilet),
        "charging": (ChargingRecord, charging),
    }
