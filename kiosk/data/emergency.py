"""Which warnings are active for a device now: NINA/DWD/NGSI alerts from fresh data plus the editors'
manual alerts. Severe and extreme take over every zone; moderate shows a banner.

Only fresh data counts (never a bundled snapshot: an offline demo must not cry wolf), cancels and
expired alerts clear, and alerts that disappear from their source clear with the next poll.

Every language a source delivered is kept (``ActiveAlert.text`` picks the passer-by's, else its fallbacks:
kiosk.i18n). ``AllClear`` turns a warning that ended early (cancelled, or gone
from its source while that source is fresh, before its announced end) into a short "Entwarnung" for
``ALL_CLEAR_FOR``; a warning that ran its time, or one that only stopped counting because its source
went stale or down, gets none: the screen must never announce "all clear" that nobody gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from kiosk import i18n
from kiosk.config.models.alert import ManualAlert
from kiosk.data.records import AlertRecord, Severity
from kiosk.data.state import DataState
from kiosk.i18n.tagged import in_language

RANK: dict[str, int] = {"extreme": 4, "severe": 3, "moderate": 2, "minor": 1, "unknown": 0}
TAKEOVER = frozenset({"severe", "extreme"})
BANNER = frozenset({"moderate"})
ALL_CLEAR_FOR = timedelta(minutes=10)  # how long the "Entwarnung" banner stays after a warning ended early
AlertKind = Literal["warning", "surge", "all-clear"]


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
    description: dict[str, str] = field(default_factory=dict)
    kind: AlertKind = "warning"  # "surge": a gauge above its threshold; "all-clear": a warning ended
    source: str = ""  # the data source it came from ("" for an editor's manual alert)
    replaces: tuple[str, ...] = ()  # ids of the earlier messages this update supersedes

    @property
    def takeover(self) -> bool:
        return self.severity in TAKEOVER

    def text(self, field_name: str, language: str) -> str:
        """``field_name`` in ``language``, else in its fallbacks (kiosk.i18n: Leichte Sprache reads German,
        French English, then German), else in any language the source gave; a text from another language
        is tagged with it (``kiosk.i18n.tagged``), so a warning is spoken in the voice it is written in."""
        texts: dict[str, str] = getattr(self, field_name)
        if texts.get(language):
            return texts[language]
        used = next((code for code in i18n.chain(language) if texts.get(code)), None)
        used = used or next((code for code, value in texts.items() if value), "")
        return in_language(texts[used], used) if used else ""


def _from_record(record: AlertRecord, source: str = "") -> ActiveAlert:
    lang = record.language[:2].lower() if record.language else "de"

    def texts(name: str) -> dict[str, str]:
        own = str(getattr(record, name))
        found = {lang: own} if own else {}
        for block in record.texts:  # the record's own text first: it is what the source calls primary
            value = str(getattr(block, name))
            if value and block.language not in found:
                found[block.language] = value
        return found

    return ActiveAlert(
        record.id,
        record.severity,
        record.provider,
        texts("headline") or {lang: record.headline},
        texts("instruction"),
        record.sender,
        record.sent,
        record.expires,
        description=texts("description"),
        source=source,
        replaces=record.references if record.msg_type == "update" else (),
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
                cancelled.update(record.references)  # a Cancel message with an id of its own
                continue
            if record.msg_type == "update":
                cancelled.update(record.references)  # superseded by this update
            if record.severity not in TAKEOVER | BANNER:
                continue
            if (record.onset and record.onset > now) or (record.expires and record.expires <= now):
                continue
            found[record.id] = _from_record(record, state.source)
    for alert_id, alert in manual:
        in_force = alert.active and alert.valid_from <= now < alert.valid_until
        for_us = not alert.devices or device in alert.devices
        if in_force and for_us and alert.severity in TAKEOVER | BANNER:
            found[f"manual.{alert_id}"] = _from_manual(alert_id, alert)
    alerts: list[ActiveAlert] = []
    seen: set[tuple[str, str]] = set()
    for key, active in found.items():
        # one warning often arrives from several channels (NINA, Bright Sky, warnapp): show it once
        same = (active.severity, _headline(active))
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


def _headline(alert: ActiveAlert) -> str:
    return alert.text("headline", "de").casefold()


class AllClear:
    """The "Entwarnung" banners: remembers the warnings that ended early, each for ``ALL_CLEAR_FOR``."""

    def __init__(self) -> None:
        self.shown: dict[str, ActiveAlert] = {}  # id of the ended warning → its all-clear

    def update(
        self,
        before: Iterable[ActiveAlert],
        after: Iterable[ActiveAlert],
        states: Mapping[str, DataState],
        now: datetime,
    ) -> list[ActiveAlert]:
        """The all-clears to show at ``now``, newest first, given the warnings shown ``before`` and the
        ones in force ``after``. A warning that comes back (same id or headline) ends its all-clear."""
        current = [a for a in after if a.kind == "warning"]
        ids, headlines = {a.id for a in current}, {_headline(a) for a in current}
        ids.update(old for a in current for old in a.replaces)  # updated, not ended
        for old in before:
            if old.kind != "warning" or old.id in ids or _headline(old) in headlines:
                continue
            if _ended_early(old, states, now):
                self.shown[old.id] = replace(
                    old,
                    id=f"all-clear.{old.id}",
                    severity="minor",  # never a takeover
                    kind="all-clear",
                    sent=now,
                    expires=now + ALL_CLEAR_FOR,
                    instruction={},
                    description={},
                )
        for key, cleared in list(self.shown.items()):
            if key in ids or _headline(cleared) in headlines or (cleared.expires or now) <= now:
                del self.shown[key]
        return sorted(self.shown.values(), key=lambda a: -(a.sent.timestamp() if a.sent else 0))

    def next_end(self) -> datetime | None:
        return min((a.expires for a in self.shown.values() if a.expires), default=None)


def _ended_early(alert: ActiveAlert, states: Mapping[str, DataState], now: datetime) -> bool:
    """Ended before its announced end, by word of a source that is fresh now (or by an editor)."""
    if alert.expires is not None and alert.expires <= now:
        return False  # it ran its time
    if not alert.source:
        return True  # an editor switched their manual alert off early
    state = states.get(alert.source)
    return state is not None and state.available(now)
