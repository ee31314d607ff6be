"""The no-clipping walk (issue 14): every shipped slide in every zone that plays it, in every language of
the device, laid out at the device's screen size with type sized from its viewing distance; and the same
check for editors as ``kiosk validate --render``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.config.loader import load_content
from kiosk.runtime.render_check import check_device, label_problems
from tests.conftest import REPO

CONTENT = load_content(REPO).content


HALL_TODO = pytest.mark.xfail(
    strict=True,
    reason="at 7 m a 0.7° heading is 187 px: the shipped hall texts (Willkommen, Punktspiele, the weather "
    "column) need shorter or hyphenated words and fewer lines; `kiosk validate --render` lists them",
)


DEVICES = [pytest.param(d, marks=HALL_TODO) if "schmarl" in d else d for d in sorted(CONTENT.devices)]


@pytest.mark.parametrize("device", DEVICES)
def test_every_shipped_slide_fits_every_zone_and_language(qtbot, device: str) -> None:
    clipped = check_device(CONTENT, device)
    assert not clipped, "\n".join(clip.format() for clip in clipped)


def test_a_word_wider_than_its_box_and_a_cut_text_are_reported(qtbot) -> None:
    window = QWidget()
    window.resize(400, 300)
    qtbot.addWidget(window)
    label = QLabel("Niederschlagswahrscheinlichkeit …", window)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 120, 30)
    window.show()
    problems = " ".join(label_problems(label, window))
    assert "Niederschlagswahrscheinlichkeit" in problems and "cut with" in problems


def test_validate_render_names_file_slide_zone_and_language() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "validate", "--render", str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "render check:" in done.stdout
    clipped = [line for line in done.stdout.splitlines() if ": slide " in line]
    assert clipped and done.returncode == 1  # the hall's known list (see HALL_TODO)
    for line in clipped:
        assert line.startswith("content/slides/") and "sporthalle-schmarl/" in line and " [" in line
