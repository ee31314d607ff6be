"""Which warnings are active for a device now: NINA/DWD/NGSI alerts from fresh data plus the editors'
manual alerts. Severe and extreme take over every zone; moderate shows a banner.

Only fresh data counts (never a bundled snapshot: an offline demo must not cry wolf), cancels and
expired alerts clear, and alerts that disappear from their source clear with the next poll.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.config.models.alert import ManualAlert
from kiosk.data.records import AlertRecord, Severity
from kiosk.data.state import DataState

RANK: dict[str, int] = {"extreme": 4, "severe": 3, "moderate": 2, "minor": 1, "unknown": 0}
TAKEOVER = frozenset({"severe", "extreme"})
BANNER = frozenset({"moderate"})


@dataclass(frozen=True)
class ActiveAlert:
    id: str
    severity: Severity
    provider: str
    headline: dict[str, str]
    instruction: dict[str, str] = field(default_factory=dict)
    sender: str = ""
    sent: datetime | None = None
    expires: datetime | None = None

    @property
    def takeover(self) -> bool:
        return self.severity in TAKEOVER

    def text(self, field_name: str, language: str) -> str:
        texts: dict[str, str] = getattr(self, field_name)
        return texts.get(language) or texts.get("de") or next(iter(texts.values()), "")


def _from_record(record: AlertRecord) -> ActiveAlert:
    lang = record.language[:2].lower() if record.language else "de"
    return ActiveAlert(
        record.id,
        record.severity,
        record.provider,
        {lang: record.headline},
        {lang: record.instruction} if record.instruction else {},
        record.sender,
        record.sent,
        record.expires,
    )


def _from_manual(alert_id: str, alert: ManualAlert) -> ActiveAlert:
    def texts(value: object) -> dict[str, str]:
        return {k: v for k, v in vars(value).items() if isinstance(v, str)}

    return ActiveAlert(
        f"manual.{alert_id}",
        alert.severity,
        "MANUAL",
        texts(alert.headline),
        texts(alert.instruction),
        alert.sender,
        alert.valid_from,
        alert.valid_until,
    )


def active_alerts(
    states: Iterable[DataState], manual: Iterable[tuple[str, ManualAlert]], device: str, now: datetime
) -> list[ActiveAlert]:
    """Moderate and worse alerts in force at ``now``, worst first, newest first within a severity."""
    found: dict[str, ActiveAlert] = {}
    cancelled: set[str] = set()
    for state in states:
        if not state.available(now):  # stale, down, or only a bundled snapshot
            continue
        for record in state.records:
            if not isinstance(record, AlertRecord):
                continue
            if record.msg_type == "cancel":
                cancelled.add(record.id)
                continue
            if record.severity not in TAKEOVER | BANNER:
                continue
            if (record.onset and record.onset > now) or (record.expires and record.expires <= now):
                continue
            found[record.id] = _from_record(record)
    for alert_id, alert in manual:
        in_force = alert.active and alert.valid_from <= now < alert.valid_until
        for_us = not alert.devices or device in alert.devices
        if in_force and for_us and alert.severity in TAKEOVER | BANNER:
            found[f"manual.{alert_id}"] = _from_manual(alert_id, alert)
    alerts: list[ActiveAlert] = []
    seen: set[tuple[str, str]] = set()
    for key, active in found.items():
        # one warning often arrives from several channels (NINA, Bright Sky, warnapp): show it once
        same = (active.severity, active.text("headline", "de").casefold())
        if key not in cancelled and same not in seen:
            seen.add(same)
            alerts.append(active)
    alerts.sort(key=lambda a: (-RANK[a.severity], -(a.sent.timestamp() if a.sent else 0)))
    return alerts


def next_change(
    states: Iterable[DataState], manual: Iterable[tuple[str, ManualAlert]], now: datetime
) -> datetime | None:
    """The next instant an alert starts or ends on its own (without a new poll), or its data goes stale."""
    moments: list[datetime] = []
    for state in states:
        alerting = False
        for record in state.records:
            if isinstance(record, AlertRecord):
                alerting = True
                moments += [m for m in (record.onset, record.expires) if m and m > now]
        stale = state.stale_at()
        if alerting and stale is not None and stale > now:  # its warnings stop counting then
            moments.append(stale)
    for _, alert in manual:
        moments += [m for m in (alert.valid_from, alert.valid_until) if m > now]
    return min(moments, default=None)
