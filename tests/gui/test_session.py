"""Sessions on the shipped stele: a touch starts one, idle warns (seen and heard) and resets, and a
reset leaves nothing of the passer-by behind."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint

from kiosk.runtime.speaker import volume_gain
from kiosk.session.machine import Phase
from kiosk.ui.idle import Notice
from kiosk.ui.pages.screen import PageScreen
from tests.gui.session_kit import centre, key, pump, settled, spoken, stele, tap, travel


def test_a_touch_starts_a_session_on_the_home_page_and_pauses_the_loop(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        assert session.phase is Phase.ATTRACT and session.attract.isVisible()
        tap(shell.window, QPoint(270, 300))
        assert session.phase is Phase.INTERACTIVE
        assert isinstance(session.page, PageScreen) and session.page.view.page_id == "start"
        assert session.page.isVisible() and session.page.geometry() == shell.window.rect()
        assert not session.attract.isVisible()
        assert shell.player.paused  # nothing switches under the passer-by (WCAG 2.2.2)
        assert session.settings.speech is False and spoken(session) == []  # speech only when asked


def test_the_touch_that_starts_a_session_does_not_also_open_a_tile(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        tap(shell.window, QPoint(140, 180))  # where the first tile will be
        tap(shell.window, QPoint(140, 180))  # a quick second tap, as people do on a sleeping screen
        assert session.stack == ["start"]
        settled(qtbot, session)
        assert session.page is not None
        tile = session.page.items()[2]
        tap(shell.window, centre(tile))  # later, a deliberate tap opens it
        assert session.stack == ["start", "mobilitaet"]


def test_attract_bar_and_notices_meet_the_target_size_and_have_names(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, clock):
        target = session.screens.target_px()
        assert target >= 44 and target * shell.pages.pitch_mm >= 20  # 20 mm at the configured pitch
        access = session.attract.access
        assert (
            min(access.width(), access.height()) >= target and access.accessibleName() == "Barrierefreiheit"
        )
        assert all(label.accessibleName() for label in (session.attract.start, session.attract.hint))
        tap(shell.window, QPoint(270, 300))
        session.help()
        travel(clock, session, 90)  # the idle warning replaces the help
        assert session.notice is not None and session.notice.isVisible()
        for item in session.notice.items():
            assert item.accessibleName() and item.isVisible()
        for button in session.notice.buttons:
            assert min(button.width(), button.height()) >= target


def test_idle_warning_is_shown_and_spoken_then_the_session_resets(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, clock):
        key(shell.window, "F1")  # Help on the attract screen: a session in speech mode
        assert session.settings.speech
        travel(clock, session, 179)  # speech mode doubles the 90 s idle timeout
        assert session.phase is Phase.INTERACTIVE and session.notice is None
        travel(clock, session, 1)
        assert session.phase is Phase.WARNING
        assert isinstance(session.notice, Notice) and session.notice.isVisible()
        assert "60 Sekunden" in session.notice.message.text()  # 30 s warning, doubled in speech mode
        assert spoken(session)[-1] == session.notice.message.text()  # visible and heard, the same words
        travel(clock, session, 59)
        assert session.phase is Phase.WARNING
        travel(clock, session, 1)
        assert session.phase is Phase.ATTRACT and session.page is None and session.attract.isVisible()
        assert not shell.player.paused


def test_one_tap_extends_the_warning_at_least_ten_times(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, clock):
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        for _ in range(10):
            travel(clock, session, 90)
            assert session.phase is Phase.WARNING and session.notice is not None
            more_time = session.notice.buttons[0]
            tap(shell.window, centre(more_time))
            assert session.phase is Phase.INTERACTIVE and session.notice is None
        assert session.stack == ["start"]  # extending changed nothing else


def test_after_an_idle_reset_nothing_of_the_session_remains(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, clock):
        defaults = session.settings
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        assert session.page is not None
        tap(shell.window, centre(session.page.items()[2]))  # Mobilität
        assert session.stack == ["start", "mobilitaet"]
        session.open_panel()
        panel = session.panel
        assert panel is not None
        for name in ("large_text", "high_contrast", "speech", "motion_paused"):
            session.apply_settings(session.settings.toggled(name))
        session.apply_settings(session.settings.with_volume(9))
        session.apply_settings(type(session.settings)(**{**session.settings.__dict__, "language": "en"}))
        assert session.settings != defaults
        assert session.speaker is not None and session.speaker.player.gain == volume_gain(9)
        old_widgets = [w for w in (session.page, session.panel) if w is not None]
        travel(clock, session, 180)
        travel(clock, session, 60)
        pump(50)
        assert session.phase is Phase.ATTRACT
        assert (
            session.stack == [] and session.page is None and session.panel is None and session.notice is None
        )
        assert session.settings == defaults  # language, text size, contrast, speech, volume, motion
        assert session.focused is None and not session.ring.isVisible()
        assert session.profile is None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not any(shiboken6.isValid(w) for w in old_widgets)  # the screens are gone, not hidden
        gain_default = session.speaker.player.gain
        tap(shell.window, QPoint(270, 300))  # the next passer-by starts from the defaults
        assert session.settings == defaults and session.stack == ["start"]
        assert session.speaker.player.gain == gain_default == volume_gain(defaults.volume) < volume_gain(9)
