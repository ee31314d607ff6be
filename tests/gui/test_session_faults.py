"""Sessions under faults and awkward input: Pause/Repeat through real input, pages that fail to build, quick
double taps, touch-accepting widgets, layered help, the warning by keypad, timers outliving their page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.session.machine import Phase
from tests.gui.session_kit import centre, handle, key, pump, settled, spoken, stele, tap

LONG = (
    "Willkommen am Stadthafen. Hier finden Sie Informationen zu Bus und Bahn, zum Parken, zu "
    "Veranstaltungen und zu den Ämtern der Stadt. Bei Sturmflut warnt Sie dieser Bildschirm."
)


def focus_named(window, session, prefix: str) -> QWidget:
    for _ in range(40):
        key(window, "Down")
        if session.focused is not None and session.focused.accessibleName().startswith(prefix):
            return session.focused
    raise AssertionError(prefix)


def test_pause_by_keypad_holds_the_speech_and_resume_goes_on_where_it_stopped(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        focus_named(shell.window, session, "Pause")
        speaker = session.speaker
        session.say(LONG)  # the page reads something long (as after Repeat)
        # wait until the second sentence is at the output: Resume must not start from the top
        qtbot.waitUntil(lambda: (speaker.position() or ("", "", 0))[2] >= 1, timeout=30_000)
        key(shell.window, "Return")  # Enter on the focused Pause button: the press silences, Pause holds
        pause = session.page.buttons["pause"]
        assert pause.text() == "Weiter" and session.voice.held is not None
        written = speaker.player.samples_written
        pump(300)
        assert speaker.player.samples_written == written  # silent while paused
        key(shell.window, "Return")  # now "Weiter": resume
        assert pause.text() == "Pause" and session.voice.held is None
        assert speaker.log[-1].text == LONG and speaker.position() is not None
        assert speaker.position()[2] >= 1  # from the sentence where it stopped, not from the beginning


def test_pause_by_touch_holds_the_speech(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        session.say(LONG, force=True)
        qtbot.waitUntil(lambda: session.speaker.player.state == "playing", timeout=20_000)
        tap(shell.window, centre(session.page.buttons["pause"]))
        assert session.page.buttons["pause"].text() == "Weiter" and session.voice.held is not None
        assert session.speaker.player.state == "idle"
        settled(qtbot, session)
        tap(shell.window, centre(session.page.buttons["pause"]))
        assert session.page.buttons["pause"].text() == "Pause"
        qtbot.waitUntil(lambda: session.speaker.player.state == "playing", timeout=20_000)


def test_repeat_by_keypad_repeats_the_last_content_not_its_own_name(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        session.open_page("buergerservice")
        announcement = spoken(session)[-1]
        assert announcement.startswith("Bürgerservice.")
        button = focus_named(shell.window, session, "Wieder")  # passes every item on the way: each spoken
        last_item = spoken(session)[-2]  # the item before Repeat
        key(shell.window, "Return")
        assert spoken(session)[-1] == last_item != button.accessibleName()


def test_a_broken_home_page_returns_to_the_attract_loop(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        real = session.screens.make_screen

        def make(page_id, settings, profile):
            if page_id == "start":
                raise ValueError("broken page")
            return real(page_id, settings, profile)

        session.screens.make_screen = make
        tap(shell.window, QPoint(270, 300))
        pump(50)
        assert session.phase is Phase.ATTRACT or session.page is not None or session.notice is not None, (
            "INTERACTIVE session with nothing on screen: attract bar hidden, no page, no notice"
        )


def test_back_to_a_page_that_fails_to_build_keeps_stack_and_screen_together(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (_shell, session, _clock):
        session.start_session()
        session.open_page("mobilitaet")
        session.open_page("parken") if "parken" in session.content.pages else None
        assert len(session.stack) == 3, session.stack
        shown = session.page.view.page_id
        real = session.screens.make_screen

        def make(page_id, settings, profile):
            if page_id == "mobilitaet":
                raise ValueError("broken page")
            return real(page_id, settings, profile)

        session.screens.make_screen = make
        session.back()
        assert session.stack[-1] == session.page.view.page_id, (
            f"stack says {session.stack[-1]!r}, screen shows {session.page.view.page_id!r} (was {shown})"
        )


def test_a_quick_double_tap_on_a_tile_opens_one_level(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        tile = session.page.items()[2]
        pos = centre(tile)
        tap(shell.window, pos, hold_ms=20)
        tap(shell.window, pos, hold_ms=20)  # the habit of double-clicking, 40 ms later
        assert len(session.stack) <= 2, f"one double-tap went {len(session.stack) - 1} pages deep"


class Probe(QWidget):
    """Stands for a widget that takes touch events itself, as QtWebEngine's render widget does."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.seen: list[QEvent.Type] = []

    def event(self, e: QEvent) -> bool:
        if e.type() in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
        ):
            self.seen.append(e.type())
            e.accept()
            return True
        return super().event(e)


def test_in_speech_mode_a_touch_accepting_widget_gets_no_touch(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        assert session.filter.capture
        probe = Probe(session.page)
        probe.setGeometry(0, 300, 540, 200)
        probe.show()
        probe.raise_()
        touch_device = QTest.createTouchDevice()
        QTest.touchEvent(handle(shell.window), touch_device).press(0, QPoint(270, 400))
        pump(30)
        QTest.touchEvent(handle(shell.window), touch_device).release(0, QPoint(270, 400))
        pump(30)
        assert QEvent.Type.TouchEnd not in probe.seen, "a single touch reached the widget in speech mode"


def test_layered_help_goes_from_the_page_to_how_to_use_the_kiosk(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")  # speech session
        settled(qtbot, session)
        session.open_page("buergerservice")
        texts = []
        for _ in range(4):
            key(shell.window, "F1")
            texts.append(session.notice.message.text() if session.notice else None)
        assert len(set(texts)) > 1, f"Help shows the same layer every time: {texts[0]!r}"


def test_the_warning_buttons_are_reachable_by_keypad(qtbot, tmp_path: Path) -> None:
    from tests.gui.session_kit import travel

    with stele(qtbot, tmp_path) as (shell, session, clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        travel(clock, session, 180)
        assert session.phase is Phase.WARNING and session.notice is not None
        key(shell.window, "Down")  # towards "End session"
        assert session.notice is not None, "the first key closes the warning: 'End session' is unreachable"


def test_touch_fix_consume_and_ignore_synthesizes_mouse(qtbot, tmp_path: Path) -> None:
    """Trial of the proposed fix: consume Touch* while capturing, marked unaccepted."""
    from kiosk.ui.explore import InputFilter

    original = InputFilter.eventFilter

    def patched(self, obj, event):
        if (
            obj is self._handle
            and self.capture
            and event.type()
            in (
                QEvent.Type.TouchBegin,
                QEvent.Type.TouchUpdate,
                QEvent.Type.TouchEnd,
                QEvent.Type.TouchCancel,
            )
        ):
            if event.type() == QEvent.Type.TouchBegin:
                self.interrupted.emit()
            event.ignore()  # unaccepted: Qt synthesizes the mouse events, which the filter then sees
            return True
        return original(self, obj, event)

    InputFilter.eventFilter = patched
    try:
        with stele(qtbot, tmp_path) as (shell, session, _clock):
            key(shell.window, "F1")
            settled(qtbot, session)
            probe = Probe(session.page)
            probe.setGeometry(0, 300, 540, 200)
            probe.show()
            probe.raise_()
            presses = []
            session.filter.pressed.connect(lambda p: presses.append(p))
            dev = QTest.createTouchDevice()
            QTest.touchEvent(handle(shell.window), dev).press(0, QPoint(270, 400))
            pump(30)
            QTest.touchEvent(handle(shell.window), dev).release(0, QPoint(270, 400))
            pump(30)
            assert not probe.seen and presses
    finally:
        InputFilter.eventFilter = original


def test_a_long_press_outlives_the_page_it_started_on(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from tests.gui.session_kit import press, release

    with stele(qtbot, tmp_path) as (shell, session, _clock):
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        for _ in range(3):
            key(shell.window, "Down")  # keypad focus on the first tile
        other = session.page.items()[4]
        spot = centre(other)
        press(shell.window, spot)  # a finger rests on another tile
        key(shell.window, "Return")  # a companion presses Enter: new page, old one deleteLater'd
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        pump(3500)  # the long-press timer fires on the deleted button
        release(shell.window, spot)


def test_repeat_and_pause_keys_of_the_keypad(qtbot, tmp_path: Path) -> None:
    """R05 with the keypad's own keys (device defaults F2 and F3), not Enter on the on-screen buttons."""
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        item = focus_named(shell.window, session, "Rostock")
        count = len(spoken(session))
        said = spoken(session)[-1]
        assert said.startswith(item.accessibleName())
        key(shell.window, "F2")  # Repeat: the focused item's text once more
        assert spoken(session)[count:] == [said]
        speaker = session.speaker
        session.say(LONG)
        qtbot.waitUntil(lambda: (speaker.position() or ("", "", 0))[2] >= 1, timeout=30_000)
        key(shell.window, "F3")  # Pause: silent, the button on screen says "Weiter"
        assert session.voice.held is not None and session.page.buttons["pause"].text() == "Weiter"
        written = speaker.player.samples_written
        pump(300)
        assert speaker.player.samples_written == written
        count = len(spoken(session))
        key(shell.window, "F3")  # Resume, from the sentence where it stopped
        assert spoken(session)[count:] == [LONG] and speaker.position()[2] >= 1
        assert session.page.buttons["pause"].text() == "Pause" and session.voice.held is None
