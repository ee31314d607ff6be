"""A session started by a language button of the attract bar runs in that language from its first page;
a language the device does not offer is ignored (the device's default), never an error."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.session.controller import SessionController
from kiosk.session.effects import ApplySettings, SessionStarted, ShowPage
from tests.unit.session.test_controller import device

T0 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def test_a_session_starts_in_the_chosen_language() -> None:
    model = SessionController(device())
    effects = model.start(T0, language="en")
    assert model.settings.language == "en" and not model.settings.speech
    kinds = [type(e) for e in effects.items]
    assert kinds == [SessionStarted, ApplySettings, ShowPage]  # the home page is built once, in English
    applied = effects.items[1]
    assert isinstance(applied, ApplySettings) and applied.new.language == "en"


def test_an_unoffered_language_falls_back_to_the_default() -> None:
    model = SessionController(device(languages=["de", "en"]))
    model.start(T0, language="ls")
    assert model.settings.language == "de"


def test_the_idle_reset_brings_back_the_default_language() -> None:
    model = SessionController(device())
    model.start(T0, language="ls")
    model.end()
    assert model.settings.language == "de"
