"""Plays a device: asks the resolver what each zone shows, prepares the next slide unseen, and switches
at the resolver's deadlines (APScheduler). Nothing polls; one bad slide never blanks a zone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer

from kiosk.config.loader import ContentSet
from kiosk.config.models.slides import ImageSlide, SlideBase, VideoSlide
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.prepare import SlideFactory
from kiosk.schedule.clock import Clock, real_seconds
from kiosk.schedule.resolver import DevicePlan, ZonePlan, resolve
from kiosk.ui.main_window import MainWindow
from kiosk.ui.slides.base import SlideWidget
from kiosk.ui.zone import StandbyWidget


def media_files(slide: SlideBase) -> set[str]:
    """The files a slide shows, relative to the content root."""
    if isinstance(slide, ImageSlide):
        return {f"content/{slide.image}"}
    if isinstance(slide, VideoSlide):
        return {f"content/{slide.video}", *([f"content/{slide.captions}"] if slide.captions else [])}
    return set()


log = logging.getLogger(__name__)

ScheduleFn = Callable[[datetime | None, float], None]  # (deadline, real seconds until it)
READY_GRACE_MS = 10_000  # how long a switch may wait for a slow slide before it is skipped
OVERDUE_S = 3.0  # a deadline this far in the past without a switch means the scheduler lost it


@dataclass
class ZoneState:
    """What one zone shows and what it has prepared."""

    shown: tuple[str | None, str | None, SlideBase | None] = (None, None, None)  # playlist, slide, model
    staged: dict[str, SlideWidget] = field(default_factory=dict)  # slide id -> prepared widget
    reason: str = ""
    waiting: SlideWidget | None = None


class Player(QObject):
    """Drives every zone of one device window from the pure resolver."""

    def __init__(
        self,
        content: ContentSet,
        device: str,
        window: MainWindow,
        factory: SlideFactory,
        clock: Clock,
        schedule_at: ScheduleFn | None = None,
        animate: bool = True,
    ) -> None:
        super().__init__(window)
        self.content = content
        self.device = device
        self.window = window
        self.factory = factory
        self.clock = clock
        self.zones = {zone_id: ZoneState() for zone_id in window.zones}
        self.failed: set[str] = set()
        # per zone: slides whose picture or video changed on disk while their file stayed the same (a
        # synced version): shown again once, from the new file
        self.stale: dict[str, set[str]] = {}
        self.plan: DevicePlan | None = None
        self.paused = False
        self.animate = animate
        self.reduce_motion = content.devices[device].model.reduce_motion or not animate
        # The scheduler callback: by default a single-shot QTimer to the deadline; runtime.app passes an
        # APScheduler-backed one. Tests call ``tick()`` with a travelling clock instead.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        self.schedule_at: ScheduleFn = schedule_at or self._schedule_with_timer
        # The safety net: whatever the scheduler does, a deadline long past without a switch is noticed,
        # logged once and played (the first round's kiosk froze after one switch and nothing said so).
        self._overdue = QTimer(self)
        self._overdue.setSingleShot(True)
        self._overdue.timeout.connect(self._check_overdue)
        self._missed = False
        self._unresolved = False
        self._broken_zones: set[str] = set()
        # the shell's listeners: each plan (opening hours → screen power), each change of what a zone shows
        self.on_plan: Callable[[DevicePlan], None] | None = None
        self.on_shown: Callable[[str, str | None, str | None], None] | None = None

    # --- timing ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.tick()

    def pause(self) -> None:
        """Hold every zone where it is (someone is using the terminal: nothing moves under them)."""
        if self.paused:
            return
        self.paused = True
        self._timer.stop()
        self._overdue.stop()
        self._set_motion(paused=True)

    def resume(self) -> None:
        """Back to the schedule: the resolver is time-anchored, so this jumps to what plays now."""
        if not self.paused:
            return
        self.paused = False
        self._set_motion(paused=False)
        self.tick()

    def _set_motion(self, paused: bool) -> None:
        for zone in self.window.zones.values():
            current = zone.current
            set_paused = getattr(current, "set_paused", None)  # tickers
            if callable(set_paused):
                set_paused(paused)

    def tick(self) -> None:
        """Apply the plan for now and arm the next deadline."""
        if self.paused:
            return  # an APScheduler job may still fire once; resume() ticks again
        now = self.clock.now()
        if self.plan is not None and real_seconds(self.clock, now - self.plan.next_deadline) < OVERDUE_S:
            self._missed = False  # on time again: a later miss is news worth a log line
        try:
            plan = resolve(self.content, self.device, now)
        except Exception:  # supervision boundary: a resolver bug must not freeze the screen for good
            if not self._unresolved:  # once, not every 30 s for as long as the content stays broken
                log.exception("the schedule could not be resolved; retrying every 30 s")
            self._unresolved = True
            self.schedule_at(None, 30.0)
            return
        if self._unresolved:
            log.info("the schedule resolves again")
            self._unresolved = False
        self.plan = plan
        if self.on_plan is not None:
            self.on_plan(plan)
        for zone_id, zone_plan in plan.zones.items():
            if zone_id in self.window.zones:
                self._apply_zone_safely(zone_id, zone_plan)
        self._arm(plan.next_deadline)

    def _arm(self, deadline: datetime) -> None:
        delay = max(0.05, real_seconds(self.clock, deadline - self.clock.now()))
        self.schedule_at(deadline, delay)
        self._overdue.start(timer_ms(timedelta(seconds=delay + OVERDUE_S), minimum_ms=0))

    def _check_overdue(self) -> None:
        if self.paused or self.plan is None:
            return
        late = real_seconds(self.clock, self.clock.now() - self.plan.next_deadline)
        if late < OVERDUE_S:  # the timer was early (QTimer's hourly cap) or the clock stands (preview):
            # look again when the deadline is that late, not every few seconds until it
            self._overdue.start(timer_ms(timedelta(seconds=OVERDUE_S - late), minimum_ms=0))
            return
        if not self._missed:
            log.error(
                "playback deadline %s passed %.1f s ago without a switch; re-arming",
                self.plan.next_deadline.isoformat(),
                late,
            )
            self._missed = True
        self.tick()

    def _schedule_with_timer(self, deadline: datetime | None, delay_s: float) -> None:
        # QTimer takes a 32-bit int: a deadline days away is re-checked hourly (tick() re-arms it)
        self._timer.start(timer_ms(timedelta(seconds=delay_s), minimum_ms=0))

    def _apply_zone_safely(self, zone_id: str, plan: ZonePlan) -> None:
        try:
            self._apply_zone(zone_id, plan)
        except Exception:  # supervision boundary: one bad slide never ends playback of the device
            if zone_id not in self._broken_zones:
                log.exception("zone %s could not show %s; it keeps what it had", zone_id, plan.slide)
                self._broken_zones.add(zone_id)
            if plan.slide:
                self.failed.add(plan.slide)
        else:
            if zone_id in self._broken_zones:
                log.info("zone %s plays again", zone_id)
                self._broken_zones.discard(zone_id)

    # --- zones -----------------------------------------------------------------------------------
    def _apply_zone(self, zone_id: str, plan: ZonePlan) -> None:
        state = self.zones[zone_id]
        zone = self.window.zones[zone_id]
        if plan.reason != state.reason:
            log.info("zone %s: %s%s", zone_id, plan.reason, f" ({plan.playlist})" if plan.playlist else "")
            state.reason = plan.reason
        if plan.slide is None or plan.slide not in self.content.slides:
            self._drop_staged(zone_id)
            self._drop_waiting(zone_id)  # a page still loading must not appear on the closed zone later
            zone.show_standby(closed=plan.reason == "closed")
            self._set_shown(zone_id, (None, None, None))
            return
        slide = self.content.slides[plan.slide].model
        stale = plan.slide in self.stale.get(zone_id, ())
        if (
            state.shown[1] == plan.slide
            and state.shown[2] == slide
            and not stale
            and not isinstance(zone.current, StandbyWidget)
        ):
            self._stage_next(zone_id, plan)  # same slide again (one-item playlist): keep it running
            return
        widget = state.staged.pop(plan.slide, None)
        if widget is not None and (widget.slide != slide or stale):  # edited meanwhile
            zone.discard(widget)
            widget = None
        self.stale.get(zone_id, set()).discard(plan.slide)
        if widget is None and plan.slide not in self.failed:
            widget = self.factory.make(slide, (zone.width(), zone.height()))
            zone.stage(widget)
        if widget is None:
            self._drop_waiting(zone_id)  # the slide of an earlier deadline, if still loading, is over too
            self._fallback(zone_id, plan, slide)
            return
        self._show_when_ready(zone_id, plan, slide, widget)

    def _show_when_ready(self, zone_id: str, plan: ZonePlan, slide: SlideBase, widget: SlideWidget) -> None:
        state = self.zones[zone_id]
        zone = self.window.zones[zone_id]
        if state.waiting is not None and state.waiting is not widget:
            zone.discard(state.waiting)
        state.waiting = None
        transition = "cut" if self.reduce_motion else slide.transition
        if widget.state == "ready":
            self._present(zone_id, plan, slide, widget, transition)
            return
        if widget.state == "failed":
            self._failed(zone_id, plan, slide, widget, "it failed to load")
            return
        state.waiting = widget

        def on_ready() -> None:
            if state.waiting is widget:
                state.waiting = None
                self._present(zone_id, plan, slide, widget, transition)

        def on_failed(reason: str) -> None:
            if state.waiting is widget:
                state.waiting = None
                self._failed(zone_id, plan, slide, widget, reason)

        def give_up() -> None:
            if state.waiting is widget:
                widget.mark_failed(f"not ready after {READY_GRACE_MS // 1000} s")

        widget.ready.connect(on_ready)
        widget.failed.connect(on_failed)
        grace = QTimer(widget)  # parented: it dies with the widget if that goes first
        grace.setSingleShot(True)
        grace.timeout.connect(give_up)
        grace.start(READY_GRACE_MS)

    def _present(
        self, zone_id: str, plan: ZonePlan, slide: SlideBase, widget: SlideWidget, transition: str
    ) -> None:
        widget.show_for(self._showing_s(plan))
        self.window.zones[zone_id].present(widget, transition)
        self._set_shown(zone_id, (plan.playlist, plan.slide, slide))

        def broke(reason: str) -> None:  # a shown web page past its memory limit; it shows its text
            self._skip(plan.slide, zone_id, f"{reason} (while shown)")

        widget.failed.connect(broke)
        self._stage_next(zone_id, plan)

    def _showing_s(self, plan: ZonePlan) -> float:
        """Real seconds of this showing: until the zone may change next, which the resolver gives as the
        item's end by the playlist's time for it (that may override the slide's own), or earlier a
        takeover or the end of a window."""
        return real_seconds(self.clock, plan.until - self.clock.now())

    def _failed(
        self, zone_id: str, plan: ZonePlan, slide: SlideBase, widget: SlideWidget, reason: str
    ) -> None:
        self._skip(plan.slide, zone_id, reason)
        self.window.zones[zone_id].discard(widget)
        self._fallback(zone_id, plan, slide)

    def _skip(self, slide_id: str | None, zone_id: str, reason: str) -> None:
        """Skip a slide from now on (until the content changes), said once."""
        if slide_id and slide_id not in self.failed:
            log.error("slide %s skipped from now on in zone %s: %s", slide_id, zone_id, reason)
            self.failed.add(slide_id)

    def _fallback(self, zone_id: str, plan: ZonePlan, slide: SlideBase) -> None:
        """Keep what plays (the zone never goes blank); with nothing playing, show the text alternative."""
        zone = self.window.zones[zone_id]
        if isinstance(zone.current, StandbyWidget) or self.zones[zone_id].shown[1] is None:
            zone.present(self.factory.notice(slide), "cut")
            self._set_shown(zone_id, (plan.playlist, plan.slide, slide))
        self._stage_next(zone_id, plan)

    def _set_shown(self, zone_id: str, shown: tuple[str | None, str | None, SlideBase | None]) -> None:
        self.zones[zone_id].shown = shown
        if self.on_shown is not None:
            self.on_shown(zone_id, shown[0], shown[1])

    def _stage_next(self, zone_id: str, plan: ZonePlan) -> None:
        """Prepare what comes at ``plan.until`` now, so the switch has nothing left to load."""
        state = self.zones[zone_id]
        try:
            upcoming = resolve(self.content, self.device, plan.until).zones.get(zone_id)
        except Exception:  # supervision boundary: no preparation is better than no playback
            log.exception("could not look ahead in zone %s", zone_id)
            return
        wanted = upcoming.slide if upcoming is not None else None
        for slide_id in list(state.staged):
            if slide_id != wanted:
                self.window.zones[zone_id].discard(state.staged.pop(slide_id))
        if wanted is None or wanted == plan.slide or wanted in state.staged or wanted in self.failed:
            return
        entry = self.content.slides.get(wanted)
        if entry is None:
            return
        zone = self.window.zones[zone_id]
        try:
            widget = self.factory.make(entry.model, (zone.width(), zone.height()))
        except Exception:  # supervision boundary: the switch will try again and then skip the slide
            log.exception("slide %s could not be prepared in zone %s", wanted, zone_id)
            self.failed.add(wanted)
            return
        zone.stage(widget)
        state.staged[wanted] = widget

    def _drop_waiting(self, zone_id: str) -> None:
        state = self.zones[zone_id]
        if state.waiting is not None:
            self.window.zones[zone_id].discard(state.waiting)
            state.waiting = None

    def _drop_staged(self, zone_id: str) -> None:
        state = self.zones[zone_id]
        for widget in state.staged.values():
            self.window.zones[zone_id].discard(widget)
        state.staged.clear()

    # --- hot reload --------------------------------------------------------------------------------
    def replace_content(self, content: ContentSet, changed: frozenset[str] = frozenset()) -> None:
        """Switch to newly validated content; zones keep their place (the resolver is time-anchored).
        ``changed``: files (relative to the content root) whose bytes changed under the same name."""
        self.content = content
        media = {sid for sid, entry in content.slides.items() if media_files(entry.model) & changed}
        self.stale = {zone_id: set(media) for zone_id in self.zones}
        self.reduce_motion = content.devices[self.device].model.reduce_motion or not self.animate
        self.failed.clear()
        before = {zone_id: state.shown[1] for zone_id, state in self.zones.items()}
        for zone_id in self.zones:
            self._drop_staged(zone_id)
        self.tick()
        for zone_id in self.zones:
            wanted = self.plan.zones[zone_id].slide if self.plan and zone_id in self.plan.zones else None
            if wanted != before[zone_id]:
                log.info("zone %s now shows %s after the content change", zone_id, wanted or "standby")

    def settled(self) -> bool:
        """No zone waits for a slide to load and no transition runs (what preview waits for)."""
        return all(state.waiting is None for state in self.zones.values()) and all(
            zone.transition is None for zone in self.window.zones.values()
        )

    def stop(self) -> None:
        self._timer.stop()
        self._overdue.stop()
        for zone_id in self.zones:
            self._drop_staged(zone_id)
