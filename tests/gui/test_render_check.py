"""The no-clipping walk (issue 14): every shipped slide in every zone that plays it, in every language of
the device, laid out at the device's screen size with type sized from its viewing distance; and the same
check for editors as ``kiosk validate --render``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.config.loader import load_content
from kiosk.runtime.render_check import check_device_screens, check_shell, close_shell, label_problems
from tests.conftest import REPO

CONTENT = load_content(REPO).content


@pytest.mark.parametrize("device", sorted(CONTENT.devices))
def test_every_shipped_slide_fits_every_zone_and_language(qtbot, device: str) -> None:
    clipped, crowded = check_device_screens(CONTENT, device)
    assert not clipped, "\n".join(clip.format() for clip in clipped)
    assert not crowded, "\n".join(full.issue().format() for full in crowded)


def test_a_touch_terminal_is_checked_in_the_height_its_attract_bar_leaves(qtbot) -> None:
    """The stele's loop plays under its attract bar: the walk lays its slides out in the content zone
    above the bar, whose height comes from the real bar (its texts in de, en and ls at 1080 px)."""
    shell = check_shell(CONTENT, "stadthafen-stele")
    try:
        bar = shell.interaction.attract if shell.interaction else None
        assert bar is not None and bar.isVisible()
        nominal = shell.window.zone_rects()["inhalt"]
        zone = shell.window.zones["inhalt"].geometry()
        assert nominal.height() == 1600 and bar.height() > 0
        assert zone.top() == nominal.top() and zone.bottom() == bar.geometry().top() - 1
        assert zone.height() == nominal.height() - bar.height() < 1600
        assert shell.window.zones["kopf"].height() == 200  # the bar lies in the largest zone only
    finally:
        close_shell(shell)
    hall = check_shell(CONTENT, "sporthalle-schmarl")  # no touch: every zone its whole height
    try:
        assert hall.interaction is None
        assert all(hall.window.zones[z].geometry() == r for z, r in hall.window.zone_rects().items())
    finally:
        close_shell(hall)


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


def _pack_with_two_faults(root: Path) -> Path:
    """The shipped pack with the hall's old welcome heading (too long at 7 m) and its bookings slide
    given 3 s for its 2 screens."""
    for top in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / top, root / top)
    welcome = root / "content/slides/halle-willkommen.yaml"
    text = welcome.read_text(encoding="utf-8")
    long_heading = "de: Willkommen in der Sporthalle Schmarl"
    welcome.write_text(text.replace("de: Moin!", long_heading), encoding="utf-8")
    bookings = root / "content/slides/daten-hallenbelegung.yaml"
    bookings.write_text(bookings.read_text(encoding="utf-8").replace("duration: 15s", "duration: 3s"))
    return root


def _validate_render(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "validate", "--render", *extra, str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_shipped_pack_passes_validate_render() -> None:
    done = _validate_render(REPO)
    assert done.returncode == 0, done.stdout
    assert "render check: 0 text(s) that do not fit, 0 slide(s) short of time" in done.stdout


def test_validate_render_names_file_slide_zone_language_and_the_screens_needed(tmp_path: Path) -> None:
    root = _pack_with_two_faults(tmp_path)
    done = _validate_render(root)
    assert done.returncode == 1  # a clipped text fails the check
    clipped = [line for line in done.stdout.splitlines() if ": slide " in line]
    assert clipped and all(line.startswith("content/slides/halle-willkommen.yaml: ") for line in clipped)
    assert "sporthalle-schmarl/inhalt [de]" in clipped[0] and "'Willkommen'" in done.stdout
    # German by default, the numbers of the hall at 7 m
    assert (
        "content/slides/daten-hallenbelegung.yaml: Warnung: Folie daten-hallenbelegung braucht 3 Bildschirme "
        "bei 7 m in sporthalle-schmarl/inhalt [de], hat Zeit für 1: Text kürzen oder Dauer verlängern"
    ) in done.stdout
    assert (
        "Folie halle-willkommen braucht 2 Bildschirme bei 7 m in sporthalle-schmarl/inhalt [de], "
        "eine Textfolie hat einen"
    ) in done.stdout
    english = _validate_render(root, "--lang", "en").stdout
    assert (
        "warning: slide daten-hallenbelegung needs 3 screens at 7 m in sporthalle-schmarl/inhalt [de], "
        "has time for 1: shorten the text or make the slide longer"
    ) in english


def test_screens_short_of_time_alone_is_a_warning_unless_strict(tmp_path: Path) -> None:
    root = _pack_with_two_faults(tmp_path)
    welcome = root / "content/slides/halle-willkommen.yaml"
    welcome.write_text((REPO / "content/slides/halle-willkommen.yaml").read_text(encoding="utf-8"))
    done = _validate_render(root)
    assert done.returncode == 0 and "braucht 2 Bildschirme" in done.stdout
    assert _validate_render(root, "--strict").returncode == 1
