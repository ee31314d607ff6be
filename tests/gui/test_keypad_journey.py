"""A whole journey with the keypad alone, as a blind visitor would make it (ACCESSIBILITY.md R01, R04,
R15, R21, R36): attract → speech by the Help key → language → a detail page → back home. The spoken log
is the test's eyes: every step must have been said, in the right language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from kiosk.runtime.interaction import Interaction
from kiosk.session.machine import Phase
from kiosk.ui.pages.panel import AccessPanel
from tests.gui.session_kit import key, spoken, stele


def focus_to(
    window: QWidget, session: Interaction, wanted: Callable[[QWidget], bool], limit: int = 40
) -> QWidget:
    """Press Down until the focused item is the wanted one; the test fails if it is never reached."""
    for _ in range(limit):
        key(window, "Down")
        if session.focused is not None and wanted(session.focused):
            return session.focused
    raise AssertionError(f"not reachable with Down: {[w.accessibleName() for w in session.items()]}")


def named(text: str) -> Callable[[QWidget], bool]:
    return lambda w: w.accessibleName().startswith(text)


def test_keypad_only_journey_with_the_spoken_log(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        window = shell.window
        key(window, "F1")  # the Help key starts a session in speech mode, no need to see or touch
        assert session.phase is Phase.INTERACTIVE and session.settings.speech
        log = spoken(session)
        # reading aloud is on, how it works, then the title and the number of items the keypad reaches
        assert log[-1].startswith("Vorlesen ist an. Berühren Sie den Bildschirm")
        assert log[-1].endswith(f"Rostock – Stadthafen. {len(session.items())} Einträge.")  # (R04)

        # every item, static text included, can be reached; each is spoken as it gets the focus
        first = focus_to(window, session, lambda w: True)
        assert first.accessibleName() == "Rostock – Stadthafen"
        assert spoken(session)[-1] == f"Rostock – Stadthafen, Überschrift, 1 von {len(session.items())}"
        assert session.ring.isVisible() and session.ring.geometry().contains(
            first.mapTo(window, first.rect().center())
        )  # the spoken item is the highlighted one (R04)

        focus_to(window, session, named("Barrierefreiheit"))
        key(window, "Return")
        assert isinstance(session.panel, AccessPanel) and session.panel.isVisible()
        english = focus_to(window, session, named("English"))
        assert session.speaker is not None and session.speaker.log[-1].language == "en"  # in its own language
        key(window, "Return")
        assert session.settings.language == "en" and english is not session.panel  # rebuilt in English
        key(window, "Backspace")  # Back closes the panel
        assert session.panel is None
        assert spoken(session)[-1].startswith("Settings closed. Rostock – city harbour.")
        assert spoken(session)[-1].endswith(f"{len(session.items())} items.")
        assert session.speaker.log[-1].language == "en"

        focus_to(window, session, named("Town hall & offices"))
        key(window, "Return")
        assert session.stack == ["start", "rathaus"] and spoken(session)[-1].startswith(
            "Town hall & offices."
        )
        focus_to(window, session, named("Citizens' service"))
        key(window, "Return")
        assert session.stack[-1] == "buergerservice"
        announcement = spoken(session)[-1]
        assert announcement.startswith("Citizens' service.")
        assert session.page is not None and session.page.view.view == "detail"

        # the detail page's content is read item by item (static text is focusable too)
        texts = [focus_to(window, session, lambda w: True).accessibleName() for _ in range(3)]
        said = spoken(session)[-3:]
        assert all(texts) and all(s.startswith(t) for s, t in zip(said, texts, strict=True))

        key(window, "F1")  # help in speech mode: context help, seen and heard
        assert session.notice is not None and spoken(session)[-1] == session.notice.message.text()
        key(window, "Backspace")  # Back first closes the help
        assert session.notice is None and session.stack[-1] == "buergerservice"
        assert spoken(session)[-1].startswith("Help closed. Citizens' service.")  # where one is again
        key(window, "Backspace")
        key(window, "Backspace")
        assert session.stack == ["start"]
        assert spoken(session)[-1].startswith("Rostock – city harbour.")

        key(window, "F12")  # volume up, announced
        assert spoken(session)[-1] == "Volume 6 of 10" and session.settings.volume == 6

        # (the home page's "Leichte Sprache" is said in its own, slower German voice)
        assert all(entry.language in ("de", "en", "ls") for entry in session.speaker.log)
