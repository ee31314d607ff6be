"""In a running session the real Speaker speaks a fallback text with the voice of the language it is
shown in: a French session (the stele offers French here) on a shipped page without French hears the
English text in the English voice, Leichte Sprache on a German-only page hears German. Measured on the
chunks the Speaker hands its synthesis worker and on the samples the player wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.config.loader import ContentSet, load_content
from kiosk.i18n.tagged import untagged
from kiosk.runtime.interaction import Interaction
from kiosk.runtime.speaker import Speaker
from tests.conftest import REPO
from tests.gui.session_kit import centre, settled, stele, tap

GERMAN_ONLY = """\
title: {de: Hafenfest}
blocks:
  - type: text
    text: {de: Die Schiffe legen um zehn Uhr an.}
"""


def pack(tmp_path: Path) -> ContentSet:
    """The shipped pack, with French offered on the stele and one page that has only German."""
    root = tmp_path / "pack"
    for name in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / name, root / name)
    device = root / "device-config/stadthafen-stele.yaml"
    text = device.read_text(encoding="utf-8")
    assert "languages: [de, en, ls]\n" in text
    device.write_text(text.replace("languages: [de, en, ls]\n", "languages: [de, en, ls, fr]\n"), "utf-8")
    (root / "content/pages/nur-deutsch.yaml").write_text(GERMAN_ONLY, encoding="utf-8")
    return load_content(root).content


def heard(qtbot, session: Interaction, page_id: str) -> tuple[str, list[str], Speaker]:
    """Open ``page_id``, wait until its announcement has been played: (text, chunk languages, speaker)."""
    speaker = session.speaker
    assert speaker is not None and speaker.player.tap is not None
    speaker.stop()  # the session's introduction is not this test's (a touch would cut it off too)
    speaker.player.tap.clear()
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        session.open_page(page_id)
    entry = speaker.log[-1]
    return entry.text, [chunk.language for chunk in entry.chunks], speaker


@pytest.mark.timeout(180)
def test_the_voice_follows_the_language_of_the_text_shown(qtbot, tmp_path: Path) -> None:
    content = pack(tmp_path)
    with stele(qtbot, tmp_path, content) as (shell, session, _clock):
        assert session.speaker is not None
        session.speaker.player.tap = bytearray()  # what the player wrote (null output here)
        session.start_session(speech=True, language="fr")
        assert session.lang == "fr"
        text, voices, speaker = heard(qtbot, session, "buergerservice")  # de, en, ls: no French
        assert untagged(text).startswith("Citizens' service.")
        assert voices and set(voices) == {"en"}, (text, voices)
        # what was played is what the worker made for those English chunks (cached by chunk and language),
        # whole and in order (at the session's volume, so the same length rather than the same bytes)
        audio = speaker.audio_for(text, "fr")
        assert audio is not None and len(speaker.player.tap) == len(audio[0]) > 0

        session.end_session()
        session.start_session(speech=True, language="ls")
        text, voices, speaker = heard(qtbot, session, "nur-deutsch")
        assert untagged(text).startswith("Hafenfest. ")
        assert voices == ["de", "ls"]  # the German title as German, the Leichte Sprache words slower
        # a touch on the German text (explore by touch) reads it as German, its role words as ls
        settled(qtbot, session)
        (block,) = [w for w in session.items() if "Schiffe" in w.accessibleName()]
        tap(shell.window, centre(block))
        qtbot.waitUntil(lambda: "Schiffe" in speaker.log[-1].text, timeout=5_000)
        chunks = speaker.log[-1].chunks
        assert chunks[0].language == "de" and chunks[0].text.startswith("Die Schiffe legen")
        assert {chunk.language for chunk in chunks} == {"de", "ls"}, chunks
