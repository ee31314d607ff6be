"""Smaller promises of a session: errors seen and heard, the keypad tremor filter, the
spoken attract hint, and no growth of widgets over many sessions."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.config.loader import load_content
from kiosk.navigation.strings import ui_text
from kiosk.session.machine import Phase
from tests.gui.session_kit import centre, handle, key, pump, settled, spoken, stele, tap, travel


def test_a_missing_page_is_shown_and_spoken_and_the_session_goes_on(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (_shell, session, _clock):
        session.start_session()
        session.open_page("gibt-es-nicht")
        message = ui_text("error_page_missing", "de")
        assert session.notice is not None and session.notice.message.text() == message
        assert spoken(session)[-1] == message  # spoken even outside speech mode
        assert session.stack == ["start"] and session.phase is Phase.INTERACTIVE


def test_a_shaking_hand_is_one_key_press_with_the_debounce(qtbot, tmp_path: Path, shipped_copy: Path) -> None:
    device = shipped_copy / "device-config/stadthafen-stele.yaml"
    device.write_text(
        device.read_text().replace("  volume_down: F11", "  volume_down: F11\n  debounce: 500ms")
    )
    content = load_content(shipped_copy).content
    with stele(qtbot, tmp_path, content=content) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        QTest.keyClick(handle(shell.window), Qt.Key.Key_F12)
        QTest.keyClick(handle(shell.window), Qt.Key.Key_F12)  # a double strike within 0.5 s
        pump(30)
        assert session.settings.volume == 6
        pump(550)  # deliberately real time: past the 0.5 s of a double strike
        QTest.keyClick(handle(shell.window), Qt.Key.Key_F12)
        pump(30)
        assert session.settings.volume == 7


def test_the_attract_screen_can_say_how_to_start_speech(qtbot, tmp_path: Path, shipped_copy: Path) -> None:
    device = shipped_copy / "device-config/stadthafen-stele.yaml"
    device.write_text(device.read_text().replace("  long_press: 3s", "  long_press: 3s\n  attract_hint: 10m"))
    content = load_content(shipped_copy).content
    with stele(qtbot, tmp_path, content=content) as (shell, session, _clock):
        assert session.hint_timer.isActive() and session.hint_timer.interval() == 600_000
        session.hint_timer.timeout.emit()
        assert spoken(session) == [ui_text("speech_hint", "de")]
        tap(shell.window, QPoint(270, 300))
        assert not session.hint_timer.isActive()  # never over someone's session
        session.end_session()
        assert session.hint_timer.isActive()


def test_the_default_device_never_talks_to_nobody(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (_shell, session, _clock):
        assert not session.hint_timer.isActive()


def count_objects(root: QObject) -> int:
    return len(root.findChildren(QObject))


def test_many_sessions_leave_no_widgets_behind(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, clock):
        pump(300)
        baseline = None
        for round_no in range(12):
            tap(shell.window, QPoint(270, 300))
            settled(qtbot, session)
            assert session.page is not None
            tap(shell.window, centre(session.page.items()[2]))
            assert session.page is not None
            session.open_panel()
            session.help()
            travel(clock, session, 90)
            travel(clock, session, 30)
            assert session.phase is Phase.ATTRACT
            for _ in range(3):
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                pump(20)
            gc.collect()
            if round_no == 1:  # after warm-up (caches, lazily built helpers)
                baseline = count_objects(shell.window)
        assert baseline is not None
        assert count_objects(shell.window) <= baseline + 5, (baseline, count_objects(shell.window))
