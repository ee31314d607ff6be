"""The admin screen on the shipped stele: the hidden gesture, the PIN pad with its lock, the menu's actions,
and the key guard of kiosk mode. Input goes to the window's QWindow, the path real input takes."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.runtime.admin import Admin
from kiosk.runtime.shell import Shell
from kiosk.session.admin_pin import FIRST_LOCK_S, hash_pin, write_private
from kiosk.session.machine import Phase
from tests.gui.session_kit import centre, handle, key, press, pump, release, stele, tap

PIN = "246810"
CORNER = QPoint(6, 6)


@contextmanager
def admin_on(
    qtbot: QtBot, tmp_path: Path, with_pin: bool = True, kiosk_mode: bool = False, guard_window: bool = False
) -> Iterator[tuple[Shell, Admin, list[str]]]:
    pin_file = tmp_path / "config" / "admin.json"
    if with_pin:
        write_private(pin_file, hash_pin(PIN))
    asked: list[str] = []
    with stele(qtbot, tmp_path) as (shell, _session, _clock):
        admin = Admin(
            shell,
            quit_app=lambda: asked.append("quit"),
            reload=lambda: asked.append("reload"),
            kiosk_mode=kiosk_mode,
            pin_file=lambda: pin_file if pin_file.is_file() else None,
            state=tmp_path / "state",
        )
        admin.start()
        if admin.window_guard is not None and not guard_window:
            admin.window_guard.stop()  # the test window is not full screen
        try:
            yield shell, admin, asked
        finally:
            admin.stop()


def gesture(shell: Shell, admin: Admin, taps: int = 3) -> None:
    """Quick taps in the top-left corner, then a touch held there until the hold is complete."""
    for _ in range(taps):
        tap(shell.window, CORNER)
    press(shell.window, CORNER)
    pump(20)
    if admin.hold.isActive():
        admin.hold.timeout.emit()  # the hold timer's 5 s of real time are the field test's
    pump(20)
    release(shell.window, CORNER)
    pump(20)


def type_pin(shell: Shell, admin: Admin, qtbot: QtBot, digits: str, on_screen: bool = False) -> None:
    for digit in digits:
        if on_screen:
            tap(shell.window, centre(admin.overlay.keys[digit]))
        else:
            key(shell.window, digit)
    if on_screen:
        tap(shell.window, centre(admin.overlay.keys["ok"]))
    else:
        key(shell.window, "Return")
    qtbot.waitUntil(lambda: not admin.checking, timeout=10_000)


def test_the_gesture_opens_the_pin_pad_and_ends_the_session(qtbot: QtBot, tmp_path: Path) -> None:
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        session = shell.interaction
        assert session is not None
        gesture(shell, admin)
        assert admin.is_open and admin.overlay.screen_name == "pin"
        assert session.phase is Phase.ATTRACT and session.page is None  # the taps' session is wiped
        assert admin.overlay.geometry() == shell.window.rect()
        # nothing reaches the session under the admin screen: a tap does not start one
        tap(shell.window, QPoint(270, 300))
        assert session.phase is Phase.ATTRACT


def test_two_taps_and_a_hold_are_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        gesture(shell, admin, taps=2)
        assert not admin.is_open


def test_without_a_pin_the_gesture_does_nothing(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with admin_on(qtbot, tmp_path, with_pin=False) as (shell, admin, _asked):
        gesture(shell, admin)
        assert not admin.is_open
    said = [r.getMessage() for r in caplog.records if "no admin PIN set" in r.getMessage()]
    assert len(said) == 1 and "the admin overlay is off" in said[0]


def test_three_wrong_pins_lock_and_the_lock_outlives_the_screen(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        gesture(shell, admin)
        type_pin(shell, admin, qtbot, "111111", on_screen=True)
        assert "2" in admin.overlay.message.text() and admin.overlay.screen_name == "pin"
        type_pin(shell, admin, qtbot, "111111")
        type_pin(shell, admin, qtbot, "111111")
        assert f"{FIRST_LOCK_S:.0f} s" in admin.overlay.message.text()
        type_pin(shell, admin, qtbot, PIN)  # the right one, but locked
        assert admin.overlay.screen_name == "pin" and not admin.signed_in
        key(shell.window, "Escape")
        assert not admin.is_open
        gesture(shell, admin)  # opened again: still locked, and it says so at once
        assert "gesperrt" in admin.overlay.message.text().lower()
    refusals = [r.getMessage() for r in caplog.records if r.getMessage().startswith("admin PIN refused")]
    assert refusals[:3] == [
        "admin PIN refused: wrong (1 in a row)",
        "admin PIN refused: wrong (2 in a row)",
        "admin PIN refused: wrong (3 in a row), entry locked for 30 s",
    ]
    # the lock runs on the wall clock while the fourth PIN is typed and sent: what is left is told
    # in whole seconds rounded up, so it is at most the full lock and never 0 while still locked
    assert len(refusals) == 4
    left = re.fullmatch(r"admin PIN refused: entry locked for another (\d+) s", refusals[3])
    assert left is not None and 0 < int(left.group(1)) <= FIRST_LOCK_S
    assert not any(PIN in r.getMessage() or "111111" in r.getMessage() for r in caplog.records)


def test_the_right_pin_opens_the_menu_and_its_actions_work(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with admin_on(qtbot, tmp_path) as (shell, admin, asked):
        gesture(shell, admin)
        type_pin(shell, admin, qtbot, PIN, on_screen=True)
        assert admin.signed_in and admin.overlay.screen_name == "menu"
        shell.window.grab().save(str(tmp_path / "admin-menu.png"))
        tap(shell.window, centre(admin.overlay.menu["status"]))
        status = admin.overlay.status_text.text()
        assert "stadthafen-stele" in status and "Datenquellen" in status and "Netzwerk" in status
        assert any(source in status for source in shell.hub.states)
        shell.window.grab().save(str(tmp_path / "admin-status.png"))
        tap(shell.window, centre(admin.overlay.status_back))
        handed: list[Path] = []
        admin.on_screenshot = handed.append  # kiosk run hands it to the fleet's remote screenshots
        tap(shell.window, centre(admin.overlay.menu["screenshot"]))
        shots = list((tmp_path / "state" / "screenshots").glob("screenshot-*.png"))
        assert len(shots) == 1 and str(shots[0]) == admin.overlay.message.text()
        assert handed == shots
        with Image.open(shots[0]) as picture:  # the kiosk under the admin screen, not the admin screen
            assert picture.size == (shell.window.width(), shell.window.height())
            assert picture.convert("RGB").getpixel((270, 300)) != (0x1B, 0x1F, 0x24)
        tap(shell.window, centre(admin.overlay.menu["reload"]))
        tap(shell.window, centre(admin.overlay.menu["speech"]))
        assert shell.speaker is not None and shell.speaker.log[-1].text.startswith("Sprachtest")
        tap(shell.window, centre(admin.overlay.menu["exit"]))
        assert asked == ["reload", "quit"]
    assert any(r.getMessage() == "admin exit" for r in caplog.records)


def test_close_gives_the_screen_back_to_passers_by(qtbot: QtBot, tmp_path: Path) -> None:
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        gesture(shell, admin)
        type_pin(shell, admin, qtbot, PIN)
        tap(shell.window, centre(admin.overlay.menu["close"]))
        assert not admin.is_open and not admin.signed_in
        assert shell.interaction is not None
        tap(shell.window, QPoint(270, 300))
        assert shell.interaction.phase is Phase.INTERACTIVE  # the session's input is back
        gesture(shell, admin)  # and the gesture still works (its filter is first again)
        assert admin.is_open and admin.overlay.screen_name == "pin"  # a new PIN is needed


def test_it_closes_itself_when_idle(qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        gesture(shell, admin)
        assert admin.idle.isActive() and admin.idle.interval() == 60_000
        key(shell.window, "1")
        assert admin.idle.remainingTime() > 59_000  # any input starts the minute again
        admin.idle.timeout.emit()
        assert not admin.is_open
        gesture(shell, admin)
        assert admin.is_open and shell.interaction is not None
        shell.interaction.on_session(False)  # what a session reset tells the shell
        assert not admin.is_open
    closed = [r.getMessage() for r in caplog.records if r.getMessage().startswith("admin screen closed")]
    assert closed == ["admin screen closed (idle)", "admin screen closed (session reset)"]


def test_the_pin_pad_never_shows_the_digits(qtbot: QtBot, tmp_path: Path) -> None:
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        gesture(shell, admin)
        for digit in "2468":
            key(shell.window, digit)
        assert admin.overlay.dots.text() == "●●●●"
        key(shell.window, "Backspace")
        assert admin.overlay.dots.text() == "●●●"
        shell.window.grab().save(str(tmp_path / "admin-pin.png"))


def test_a_service_key_sequence_opens_it(qtbot: QtBot, tmp_path: Path) -> None:
    with admin_on(qtbot, tmp_path) as (shell, admin, _asked):
        admin.replace_device(
            admin.device.model_copy(
                update={"admin": admin.device.admin.model_copy(update={"keys": ["F9", "F9", "F10"]})}
            )
        )
        for name in ("F9", "F9", "F10"):
            key(shell.window, name)
        assert admin.is_open


class KeyRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append((event.key(), event.modifiers()))  # type: ignore[attr-defined]
        return False


ESCAPES = [
    ("F4", Qt.KeyboardModifier.AltModifier),
    ("Tab", Qt.KeyboardModifier.AltModifier),
    *[(letter, Qt.KeyboardModifier.ControlModifier) for letter in "WQNTPSORL"],
    *[(f"F{n}", Qt.KeyboardModifier.NoModifier) for n in (2, 3, 4, 5, 6, 7, 8, 9, 10)],
    ("Escape", Qt.KeyboardModifier.NoModifier),
    ("Backspace", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
    ("Super_L", Qt.KeyboardModifier.NoModifier),
    ("Meta", Qt.KeyboardModifier.NoModifier),
]


def test_kiosk_mode_swallows_every_escape_key_but_the_keypad_works(qtbot: QtBot, tmp_path: Path) -> None:
    with admin_on(qtbot, tmp_path, kiosk_mode=True) as (shell, admin, _asked):
        target = QWidget(shell.window)
        target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        target.show()
        target.setFocus()
        recorder = KeyRecorder()
        target.installEventFilter(recorder)
        for name, modifiers in ESCAPES:
            QTest.keyClick(handle(shell.window), getattr(Qt.Key, f"Key_{name}"), modifiers)
        pump(30)
        assert recorder.keys == []
        assert admin.keys is not None and admin.keys.swallowed >= len(ESCAPES)  # modifiers pressed too
        session = shell.interaction
        assert session is not None
        key(shell.window, "F1")  # the keypad's Help key (F1 on the stele): speech mode
        assert session.phase is Phase.INTERACTIVE and session.settings.speech
        target.deleteLater()


@pytest.mark.qt_log_ignore(r"does not support raise")
def test_the_window_goes_back_to_full_screen(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with admin_on(qtbot, tmp_path, kiosk_mode=True, guard_window=True) as (shell, admin, _asked):
        shell.window.showFullScreen()
        qtbot.waitUntil(shell.window.isFullScreen, timeout=5_000)
        shell.window.showNormal()  # what a window manager's "unmaximise" or "iconify" asks for
        qtbot.waitUntil(lambda: shell.window.isFullScreen(), timeout=5_000)
        shell.window.showMinimized()
        qtbot.waitUntil(lambda: shell.window.isFullScreen() and not shell.window.isMinimized(), timeout=5_000)
        assert admin.window_guard is not None and admin.window_guard.restores >= 2
        shell.window.close()  # not spontaneous: the program itself may close it
        assert not shell.window.isVisible()
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.runtime.lockdown"]
    assert "kiosk window not full screen: putting it back full screen and in front" in lines


@pytest.mark.qt_log_ignore(r"does not support raise")
def test_kiosk_run_hides_the_pointer_and_reload_reads_the_content(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    from kiosk.runtime.admin import attach_admin
    from kiosk.runtime.reload import ContentWatcher

    caplog.set_level(logging.INFO)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    write_private(tmp_path / "config" / "smile-city-touchpoint" / "admin.json", hash_pin(PIN))
    quits: list[str] = []

    class App:
        def quit(self) -> None:
            quits.append("quit")

    with stele(qtbot, tmp_path) as (shell, _session, _clock):
        shell.window.showFullScreen()
        qtbot.waitUntil(shell.window.isFullScreen, timeout=5_000)
        pump(100)  # the resize to the screen has arrived
        watcher = ContentWatcher(shell.content.root, parent=shell)
        watcher.accepted.connect(shell.apply_reload)  # as kiosk run does, before the admin screen
        admin = attach_admin(shell, App(), watcher, kiosk_mode=True)
        assert admin.window_guard is not None
        admin.window_guard.stop()  # offscreen windows never get the focus it would ask for
        try:
            cursor = QGuiApplication.overrideCursor()
            assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
            gesture(shell, admin)
            assert admin.is_open, (admin.gesture.area, shell.window.size())
            type_pin(shell, admin, qtbot, PIN)
            assert admin.signed_in, admin.overlay.message.text()
            with qtbot.waitSignal(watcher.accepted, timeout=20_000):
                tap(shell.window, centre(admin.overlay.menu["reload"]))
                assert admin.overlay.message.text() == "Inhalte werden gelesen …"
            assert re.fullmatch(r"Inhalte neu geladen \(\d+ Dateien\)\.", admin.overlay.message.text())
            tap(shell.window, centre(admin.overlay.menu["exit"]))
            assert quits == ["quit"]
        finally:
            QGuiApplication.restoreOverrideCursor()
            admin.stop()
            watcher.shutdown()
            shiboken6.delete(watcher)  # its inotify handle goes with it
    assert any(r.getMessage().startswith("content reloaded") for r in caplog.records)
