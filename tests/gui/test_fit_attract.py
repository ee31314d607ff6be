"""The attract bar fits every window, language and text size: its texts do not overlap, none is cut off,
and the Accessibility button never breaks inside a word (issue 9: below ~1000 px width the wrapped
"touch to start" lines overlapped the hint and the button read "Barrie re- freihei t").

The shipped stele is tested as it runs (``session_kit.stele``, half size), and the bar alone in windows
whose layout canvas is the window itself (look scale 1, as in the field tests' packs), with the large
text of a session.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import load_content
from kiosk.navigation.strings import plain, ui_text
from kiosk.paths import bundled_root
from kiosk.ui.attract import MAX_SHARE, AttractBar
from kiosk.ui.theme import Look, look_for
from tests.gui.fit_kit import fit_problems, in_window, shown, widest_word
from tests.gui.session_kit import stele

SIZES = [(640, 360), (1280, 720), (1920, 1080), (1080, 1920), (540, 960), (360, 640)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
ORDERS = {"de": ["de", "en", "ls"], "en": ["en", "de", "ls"], "ls": ["ls", "de", "en"]}
THEME = load_content(bundled_root()).content.themes["rostock"].model
TARGET = 55  # 20 mm at the stele's 0.369 mm pitch


def look(text_scale: float = 1.0, high_contrast: bool = False) -> Look:
    return replace(look_for(THEME, 1.0, high_contrast), text_scale=text_scale)


WINDOWS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _windows() -> Iterator[None]:
    yield
    WINDOWS.clear()


def bar_in(qtbot, size: tuple[int, int], bar_look: Look, languages: list[str]) -> AttractBar:
    window = QWidget()
    window.resize(*size)
    qtbot.addWidget(window)
    WINDOWS.append(window)
    window.show()
    qtbot.waitExposed(window)
    bar = AttractBar(bar_look, languages, TARGET, window)
    bar.show()
    bar.place(window.rect())  # as MainWindow.arrange_layers does
    return bar


def check(bar: AttractBar, shot: Path) -> None:
    window = bar.window()
    widgets = shown(bar)
    assert bar.access in widgets and bar.hint in widgets and set(bar.starts) <= set(widgets)
    # texts and button inside the bar, the bar inside the window, nothing overlapping
    problems = fit_problems(widgets, window, in_window(bar, window), shot=shot)
    problems += fit_problems([bar], window)
    assert not problems, "\n".join(problems)
    button = bar.access
    size, word = widest_word(button, button.text())
    assert size <= button.text_width(), f"{word!r} does not fit the button's text area"
    assert bar.height() <= max(bar.box.totalHeightForWidth(bar.width()), round(window.height() * 0.1))


@pytest.mark.parametrize("language", ["de", "en", "ls"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_attract_bar_fits_every_window_in_every_language(qtbot, tmp_path, size, language) -> None:
    bar = bar_in(qtbot, size, look(), ORDERS[language])
    check(bar, tmp_path / "bar.png")
    assert bar.access.text() == ui_text("access", language)  # the label whole, not shortened
    assert [label.text() for label in bar.starts] == [ui_text("touch_to_start", c) for c in ORDERS[language]]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_attract_bar_fits_in_large_text(qtbot, tmp_path, size) -> None:
    bar = bar_in(qtbot, size, look(text_scale=2.5), ORDERS["de"])
    check(bar, tmp_path / "large.png")
    # it grows in height for the big text, up to its share of the window (then its text gets smaller)
    assert bar.height() <= round(size[1] * MAX_SHARE) or bar.height() == bar.box.totalHeightForWidth(
        bar.width()
    )


def test_a_new_look_or_new_languages_place_the_bar_again(qtbot, tmp_path) -> None:
    bar = bar_in(qtbot, (540, 960), look(), ORDERS["de"])
    small = bar.height()
    bar.set_look(look(text_scale=1.6, high_contrast=True))  # a session's settings, before the reset
    check(bar, tmp_path / "restyled.png")
    assert bar.height() > small
    assert bar.access.look.palette == bar.look.palette  # the button follows the look too
    bar.set_languages(["en"])
    check(bar, tmp_path / "english.png")
    assert len(bar.starts) == 1 and bar.access.text() == ui_text("access", "en")
    bar.set_languages(["de", "en", "ls"])
    check(bar, tmp_path / "three.png")
    assert len(bar.starts) == 3


def test_a_window_without_a_size_yet_is_no_problem(qtbot, tmp_path) -> None:
    window = QWidget()  # as the shell builds it: the bar is placed before the window is resized
    qtbot.addWidget(window)
    WINDOWS.append(window)
    bar = AttractBar(look(), ORDERS["de"], TARGET, window)
    for empty in (QRect(), QRect(0, 0, 1, 1), QRect(0, 0, 40, 30)):
        bar.place(empty)
    window.resize(540, 960)
    window.show()
    qtbot.waitExposed(window)
    bar.show()
    bar.place(window.rect())
    check(bar, tmp_path / "late.png")


def test_the_button_is_as_wide_as_its_longest_word_needs(qtbot) -> None:
    for size in [(540, 960), (1080, 1920), (360, 640)]:
        bar = bar_in(qtbot, size, look(), ORDERS["de"])
        button = bar.access
        size_px, _ = widest_word(button, button.text())
        assert size_px <= button.text_width()
        assert button.width() >= round(bar.width() * 0.2) or button.width() >= button.target_px
        assert plain(button.text()) == "Barrierefreiheit"


def test_shipped_stele_attract_bar_fits(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (shell, session, _clock):
        bar = session.attract
        qtbot.waitUntil(bar.isVisible)
        check(bar, tmp_path / "stele.png")
        # at the foot of the largest zone as the layout places it, above the ticker; that zone now ends
        # above the bar, and no zone lies under it
        nominal = shell.window.zone_rects()
        main_id = max(nominal, key=lambda z: nominal[z].width() * nominal[z].height())
        main = nominal[main_id]
        assert bar.geometry().bottom() == main.bottom() and main.contains(bar.geometry())
        for zone in shell.window.zones.values():
            assert not zone.geometry().intersects(bar.geometry()), zone.objectName()
        assert shell.window.zones[main_id].geometry().bottom() == bar.geometry().top() - 1


def test_touch_to_start_once_per_wording_also_for_languages_that_read_english(qtbot) -> None:
    """French and Spanish read the English line (tagged for the English voice): it is shown once."""
    bar = bar_in(qtbot, (540, 960), look(), ["de", "en", "fr", "es"])
    assert [plain(label.text()) for label in bar.starts] == [
        plain(ui_text("touch_to_start", "de")),
        plain(ui_text("touch_to_start", "en")),
    ]
