"""Every key press changes something on screen (issue 15): the first Help press opens help, a volume step
or the end of a list shows a cue in the words that are spoken."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.session.machine import Phase
from tests.gui.session_kit import key, pump, settled, spoken, stele


def strip(image: QImage, height: int) -> list[int]:
    return [image.pixel(x, y) for y in range(0, height, 4) for x in range(0, image.width(), 8)]


def test_a_volume_step_and_the_end_of_the_list_are_seen_as_well_as_heard(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        window = shell.window
        key(window, "F1")
        settled(qtbot, session)
        pump(100)
        cue = session.cue
        before = strip(window.grab().toImage(), cue.sizeHint().height())
        key(window, "F12")
        pump(50)
        assert cue.isVisible() and cue.text() == spoken(session)[-1] == "Lautstärke 6 von 10"
        after = strip(window.grab().toImage(), cue.geometry().height())
        assert after != before[: len(after)]  # the pixels at the top changed
        for _ in range(len(session.items())):
            key(window, "Down")
        key(window, "Down")  # past the last item: said and shown before the focus wraps
        assert spoken(session)[-1].startswith("Ende der Liste.") and cue.text() == spoken(session)[-1]
        assert session.focused is session.items()[-1]


def test_the_first_help_press_in_a_touch_session_opens_help(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        session.start_session()
        assert session.phase is Phase.INTERACTIVE and not session.settings.speech
        key(shell.window, "F1")
        assert session.notice is not None and session.notice.isVisible()
        assert session.settings.speech and spoken(session)[-1].startswith("Vorlesen ist an. Berühren Sie")
        assert session.notice.message.text() in spoken(session)[-1]
