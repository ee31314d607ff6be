"""``kiosk say`` writes real speech for a language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.speech.synth import wav_stats


def test_say_writes_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "hallo.wav"
    assert main(["say", "Willkommen am Stadthafen in Rostock.", "--lang", "de", "--out", str(out)]) == 0
    duration, rms = wav_stats(out)
    assert 1.0 < duration < 6.0 and rms > 0.02
    assert "wrote" in capsys.readouterr().out
