"""Explore-by-touch (EN 301 549 5.5.2, ACCESSIBILITY.md R22): in speech mode a touch speaks, it never
activates; a double-tap activates; a long touch starts speech mode without activating anything; and any
touch silences speech at once, measured on the player."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton

from kiosk.session.machine import Phase
from tests.gui.session_kit import centre, key, move, press, pump, release, settled, spoken, stele, tap


def test_in_speech_mode_a_single_touch_never_activates(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        assert session.page is not None
        items = session.items()
        assert sum(isinstance(w, QAbstractButton) for w in items) >= 12  # 6 tiles + 6 bar buttons
        for item in items:
            tap(shell.window, centre(item))
            pump(DOUBLE_TAP_GAP_MS)  # slow single taps, not double-taps
            # its name, role and position ("Mobilität, Schaltfläche, 3 von 14"); a language of the home
            # page's choice says it in its own language ("English, option, 10 of 17")
            of = "of" if item.property("speech_language") == "en" else "von"
            position = f"{items.index(item) + 1} {of} {len(items)}"
            said = spoken(session)[-1]
            assert session.focused is item
            assert said.startswith(item.accessibleName()) and said.endswith(position)
            assert session.stack == ["start"] and session.panel is None and session.notice is None
        assert session.phase is Phase.INTERACTIVE


def test_sliding_a_finger_over_the_tiles_speaks_each_and_opens_none(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        assert session.page is not None
        tiles = [w for w in session.items() if isinstance(w, QAbstractButton)][:6]
        window = shell.window
        before = len(spoken(session))
        press(window, centre(tiles[0]))
        for tile in tiles[1:]:
            move(window, centre(tile))
            pump(20)
        release(window, centre(tiles[-1]))
        pump(50)
        said = spoken(session)[before:]
        assert [s.split(", ")[0] for s in said] == [t.accessibleName() for t in tiles]
        assert all(", Schaltfläche, " in s for s in said)
        assert session.stack == ["start"]


def test_a_double_tap_activates_the_spoken_item(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        assert session.page is not None
        tile = session.items()[2]
        tap(shell.window, centre(tile))
        assert session.stack == ["start"] and session.focused is tile
        pump(DOUBLE_TAP_GAP_MS)
        tap(shell.window, centre(tile))
        tap(shell.window, centre(tile))  # double-tap
        assert session.stack == ["start", "mobilitaet"]
        assert spoken(session)[-1].startswith("Mobilität.")


def test_a_long_touch_starts_speech_mode_and_activates_nothing(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        assert session.page is not None and not session.settings.speech
        tile = session.items()[2]
        long_press = session.device.speech.long_press.total_seconds() * 1000
        tap(shell.window, centre(tile), hold_ms=round(long_press) + 800)
        assert session.settings.speech and session.stack == ["start"]
        assert "Vorlesen ist an" in " ".join(spoken(session))
        assert not tile.isDown()


def test_a_long_touch_on_the_attract_screen_starts_a_session_in_speech_mode(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        long_press = session.device.speech.long_press.total_seconds() * 1000
        tap(shell.window, QPoint(270, 300), hold_ms=round(long_press) + 800)
        assert session.phase is Phase.INTERACTIVE and session.settings.speech
        said = spoken(session)[-1]  # reading aloud is on, how it works, where one is
        assert said.startswith("Vorlesen ist an. Berühren Sie den Bildschirm") and "Zweimal tippen" in said
        assert said.endswith(f"Rostock – Stadthafen. {len(session.items())} Einträge.")


def test_a_touch_silences_speech_while_the_touch_is_handled(qtbot, tmp_path: Path) -> None:
    """The player is stopped inside the press event's handling, before the press returns; how fast that
    is in milliseconds is a timing figure for ``bench/`` (speech interrupt p95), not for a test."""
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        key(shell.window, "F1")
        settled(qtbot, session)
        speaker = session.speaker
        assert speaker is not None and session.page is not None
        latencies = []
        for _ in range(5):
            speaker.say(LONG_TEXT, "de")
            qtbot.waitUntil(lambda: speaker.player.state == "playing", timeout=20_000)
            pump(150)  # mid-sentence
            written = speaker.player.samples_written
            assert written > 0
            t_event = time.perf_counter()
            press(shell.window, QPoint(270, 500))
            stopped_at = speaker.player.t_stop  # set already: the press itself stopped it
            release(shell.window, QPoint(270, 500))
            assert stopped_at is not None and stopped_at >= t_event
            latencies.append(stopped_at - t_event)
            after = speaker.player.samples_written
            pump(200)
            # nothing of the long text is played after the touch (the item under the finger may speak)
            assert speaker.log[-1].text != LONG_TEXT or speaker.player.samples_written == after
            pump(DOUBLE_TAP_GAP_MS)
        print(f"touch to stop: {max(latencies) * 1000:.1f} ms at worst of {len(latencies)}")


DOUBLE_TAP_GAP_MS = 650
LONG_TEXT = (
    "Willkommen am Stadthafen. Hier finden Sie Informationen zu Bus und Bahn, zum Parken, zu "
    "Veranstaltungen und zu den Ämtern der Stadt. Bei Sturmflut warnt Sie dieser Bildschirm. "
    "Die Hilfe-Taste unten erklärt alles. Halten Sie den Finger drei Sekunden auf den Bildschirm."
)
