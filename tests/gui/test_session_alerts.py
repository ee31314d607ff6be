"""An emergency alert arriving mid-session: the overlay covers pages, panel and focus ring, input only
replays the warning, and a moderate banner pushes the page down instead of hiding under it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from kiosk.data.emergency import ActiveAlert
from tests.gui.session_kit import centre, key, pump, settled, spoken, stele, tap

SEVERE = ActiveAlert("t.severe", "severe", "TEST", {"de": "Sturmflut"}, {"de": "Gehen Sie weg vom Wasser"})
MODERATE = ActiveAlert("t.moderate", "moderate", "TEST", {"de": "Starkregen"})


def stacked_above(a: QWidget, b: QWidget) -> bool:
    """a is painted above its sibling b (later in the parent's child order = higher)."""
    kids = a.parentWidget().children()
    return kids.index(a) > kids.index(b)


def test_focus_ring_is_drawn_above_the_emergency_overlay(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")  # speech session
        settled(qtbot, session)
        shell._alerts([SEVERE])
        qtbot.waitUntil(shell.overlay.isVisible, timeout=2_000)
        assert shell.overlay.isVisible() and stacked_above(shell.overlay, session.page)
        key(shell.window, "Down")  # the keypad user keeps walking
        key(shell.window, "Down")
        ring = session.ring
        assert not (ring.isVisible() and stacked_above(ring, shell.overlay)), "focus ring on top of the alert"


def test_under_the_emergency_overlay_keys_only_replay_the_warning(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        shell._alerts([SEVERE])
        qtbot.waitUntil(shell.overlay.isVisible, timeout=2_000)
        alert_text = spoken(session)[-1]
        assert "Sturmflut" in alert_text
        for _ in range(3):  # title, intro?, first tile
            key(shell.window, "Down")
        key(shell.window, "Return")
        assert not session.ring.isVisible() and session.focused is None  # nothing hidden gets the focus
        assert session.stack == ["start"], f"navigated under the alert overlay: {session.stack}"
        assert spoken(session)[-1] == alert_text  # every key replays the warning instead


def test_explore_by_touch_speaks_page_items_hidden_by_the_overlay(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        tile = session.items()[2]
        shell._alerts([SEVERE])
        qtbot.waitUntil(shell.overlay.isVisible, timeout=2_000)
        tap(shell.window, centre(tile))
        pump(650)  # deliberately real time: longer than the double-tap gap, so two single taps
        tap(shell.window, centre(tile))
        tap(shell.window, centre(tile))  # double-tap on the alert overlay
        assert session.stack == ["start"], f"double-tap on the alert opened a hidden page: {session.stack}"


def test_a_moderate_banner_pushes_the_session_page_down(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        shell._alerts([MODERATE])
        qtbot.waitUntil(shell.banner.isVisible, timeout=2_000)
        assert shell.banner.isVisible()
        tap(shell.window, QPoint(270, 500))  # a passer-by starts a session
        qtbot.waitUntil(lambda: session.page is not None, timeout=2_000)
        assert session.page is not None
        assert stacked_above(shell.banner, session.page), "moderate warning invisible during a session"
