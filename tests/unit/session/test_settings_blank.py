"""The rule of the privacy blank in the pure settings: black only while reading aloud."""

from __future__ import annotations

from kiosk.session.settings import Settings


def test_blank_needs_speech_and_turning_it_on_starts_speech() -> None:
    touch = Settings(language="de")
    assert not touch.screen_blanked
    blanked = touch.toggled("blank_screen")
    assert blanked.speech and blanked.blank_screen and blanked.screen_blanked  # never a dark, mute screen
    speech_off = blanked.toggled("speech")
    assert speech_off.blank_screen and not speech_off.screen_blanked  # the screen is shown again
    assert not blanked.toggled("blank_screen").screen_blanked
    assert blanked.toggled("blank_screen").speech  # lifting the blank leaves reading aloud on
