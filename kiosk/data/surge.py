"""Storm surge from a water gauge: a banner on every device while a gauge with ``surge_banner`` stands at
or above its threshold.

Threshold: ``surge_threshold_cm`` (default 100, the BSH's start of a storm surge on the Baltic coast)
above the gauge's mean water (MW). MW comes from the record when the API delivers it
(PEGELONLINE ``characteristicValues``), else from the source's ``mean_water_cm``, else
``present.DEFAULT_MEAN_CM`` (Baltic gauges of PEGELONLINE put gauge zero 5 m below mean water).

A banner on screen goes only when the water is ``SURGE_HYSTERESIS_CM`` below the threshold: waves move
a gauge by a few centimetres from one reading to the next, and a banner blinking on and off with every
poll would read as a fault.

A surge is a moderate alert of kind "surge": a banner, never a full takeover by itself (an official
storm-surge warning comes through NINA and takes over on its own). Only fresh data counts: a snapshot
or a gauge that went stale shows no surge, as for every other warning.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

from kiosk.config.models.source import DataSource
from kiosk.data.emergency import ActiveAlert
from kiosk.data.present import DEFAULT_MEAN_CM
from kiosk.data.records import WaterLevelRecord
from kiosk.data.state import DataState
from kiosk.i18n import codes, decimal, has_own, text

SURGE_HYSTERESIS_CM = 5
PROVIDERS = {"pegelonline": "PEGELONLINE", "ngsi-ld": "NGSI-LD", "ngsi-v2": "NGSI"}


def above_mean_cm(record: WaterLevelRecord, source: DataSource) -> float | None:
    """How far the water stands above mean water (cm), with the mean as the module docstring says."""
    if record.level_cm is None:
        return None
    mean = record.mean_cm if record.mean_cm is not None else source.mean_water_cm
    return record.level_cm - (mean if mean is not None else DEFAULT_MEAN_CM)


def metres(cm: float, language: str) -> str:
    """``130`` → ``"1,3"`` (``"1.3"`` in English): the banner's one decimal of a metre."""
    return decimal(f"{cm / 100:.1f}", language)


def _own(key: str) -> tuple[str, ...]:
    """The languages with their own ``key``: the alert's texts (the others then read German, as a feed's)."""
    return tuple(code for code in codes() if has_own(key, code))


def headlines(cm: float) -> dict[str, str]:
    return {code: text("surge.headline", code, m=metres(cm, code)) for code in _own("surge.headline")}


def surge_alerts(
    states: Mapping[str, DataState],
    sources: Mapping[str, DataSource],
    now: datetime,
    showing: Collection[str] = (),
) -> list[ActiveAlert]:
    """One banner alert per gauge record at or above its threshold, highest first; ``showing``: the ids
    of the surge banners on screen now (they stay down to the threshold minus the hysteresis)."""
    found: list[tuple[float, ActiveAlert]] = []
    for source_id, source in sorted(sources.items()):
        state = states.get(source_id)
        if not source.surge_banner or state is None or not state.available(now):
            continue
        for record in state.records:
            if not isinstance(record, WaterLevelRecord):
                continue
            above = above_mean_cm(record, source)
            alert_id = f"surge.{source_id}.{record.station}"
            threshold = source.surge_threshold_cm - (SURGE_HYSTERESIS_CM if alert_id in showing else 0)
            if above is None or above < threshold:
                continue
            where = record.station.title() if record.station else source.name
            alert = ActiveAlert(
                alert_id,
                "moderate",
                PROVIDERS.get(source.kind, source.kind.upper()),
                headlines(above),
                {code: text("surge.gauge", code, where=where) for code in _own("surge.gauge")},
                sender=source.name,
                sent=record.observed,
                kind="surge",
                source=source_id,
            )
            found.append((above, alert))
    return [alert for _, alert in sorted(found, key=lambda pair: -pair[0])]
