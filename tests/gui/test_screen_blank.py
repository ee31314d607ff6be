"""The privacy blank (US DOT 49 CFR 27.71(k)): chosen in the panel, the screen is black while reading
aloud, the keypad and speech go on, and the session's end shows the screen again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.session.machine import Phase
from tests.gui.helpers import colour_stats
from tests.gui.session_kit import key, pump, settled, spoken, stele, travel


def all_black(image: QImage) -> bool:
    colours, _share = colour_stats(image, step=3)
    return colours == 1 and image.pixelColor(0, 0).name() == "#000000"


def test_blank_screen_while_reading_aloud_until_the_session_ends(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, clock):
        window = shell.window
        key(window, "F1")  # speech mode by the Help key
        settled(qtbot, session)
        session.open_panel()
        for _ in range(40):
            key(window, "Down")
            if session.focused is not None and session.focused.objectName() == "access-blank_screen":
                break
        assert session.focused is not None and session.focused.objectName() == "access-blank_screen"
        assert spoken(session)[-1].startswith("Bildschirm dunkel beim Vorlesen: aus, Schalter, ")
        assert not all_black(window.grab().toImage())
        key(window, "Return")
        assert session.settings.blank_screen and session.screen_blanked
        pump(50)
        assert all_black(window.grab().toImage())  # nothing readable: panel, ring, zones all covered

        count = len(spoken(session))
        key(window, "Backspace")  # closes the panel; where you are is still said
        key(window, "Down")
        assert len(spoken(session)) > count and session.focused is not None
        assert all_black(window.grab().toImage())

        travel(clock, session, 180)  # idle warning, then the reset
        travel(clock, session, 60)
        pump(50)
        assert session.phase is Phase.ATTRACT and not session.settings.blank_screen
        assert not session.screen_blanked
        assert colour_stats(window.grab().toImage())[0] > 30  # the attract loop is visible again


def test_headphones_plugged_in_start_reading_aloud(qtbot, tmp_path: Path) -> None:
    """The watcher's list changes as QMediaDevices would report a USB headset; the rest is the real path."""
    from kiosk.media.headphones import AudioOutput
    from kiosk.runtime.headphones import HeadphoneWatch

    with stele(qtbot, tmp_path) as (_shell, session, _clock):
        watch = HeadphoneWatch()
        watch.plugged.connect(session.headphones_plugged)
        speaker = AudioOutput(
            "alsa_output.pci-0000_00_1f.3.analog-stereo", "Built-in Audio Analog Stereo", True
        )
        watch.outputs = [speaker]
        assert session.phase is Phase.ATTRACT
        watch.update(
            [speaker, AudioOutput("alsa_output.usb-Sennheiser_SC_160-00.analog-stereo", "SC 160 Headset")]
        )
        pump(50)
        assert session.phase is Phase.INTERACTIVE and session.settings.speech
        assert spoken(session)[-1].startswith("Vorlesen ist an.")
        # 17: title, intro, 6 tiles, the 3 languages of the home page, the 6 bar buttons
        assert spoken(session)[-1].endswith("Rostock – Stadthafen. 17 Einträge.")
