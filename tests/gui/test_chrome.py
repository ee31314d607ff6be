"""Stable chrome (issue 14, deliverable 6): the page bar keeps its slots in every language and text size,
unavailable controls look and say so, a visible language choice on the home page and the attract bar,
high-contrast icons that stand out from their tiles, and an attract bar that covers no zone.

Measured on the shipped stele (the pages at full size, the running shell at half size).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kiosk.config.contrast import contrast_ratio
from kiosk.config.loader import load_content
from kiosk.navigation.sizes import min_cap_height_px
from kiosk.runtime.pages import PageFactory
from kiosk.runtime.session_view import describe_item
from kiosk.schedule.clock import FixedClock
from kiosk.session.settings import Settings
from kiosk.ui.pages.bar import BAR_KEYS
from kiosk.ui.pages.button import TouchButton
from kiosk.ui.pages.measure import cap_height_px, widest_segment
from kiosk.ui.pages.screen import PageScreen
from kiosk.ui.slides.data import DataSlideWidget
from tests.conftest import REPO
from tests.gui.session_kit import SIZE as HALF
from tests.gui.session_kit import centre, settled, shipped, tap
from tests.gui.shell_kit import running_shell

DEVICE = "stadthafen-stele"
SIZE = (1080, 1920)
CONTENT = load_content(REPO).content
DEFAULTS = Settings.defaults(CONTENT.devices[DEVICE].model)
LANGUAGES = ("de", "en", "ls")
PAGES = sorted(CONTENT.pages)
SCENARIO = datetime(2026, 12, 16, 10, 0, 10, tzinfo=ZoneInfo("Europe/Berlin"))  # departures on the stele


@pytest.fixture(scope="module")
def factory(qapp) -> Iterator[PageFactory]:
    made = PageFactory(CONTENT, DEVICE, SIZE, web=False)
    made.preload()
    from pytestqt.qtbot import QtBot

    QtBot(None).waitUntil(lambda: not made.pending, timeout=20_000)  # type: ignore[arg-type]
    yield made
    made.shutdown()


def build(qtbot, factory: PageFactory, page_id: str, **settings: object) -> PageScreen:
    screen = factory.build(page_id, replace(DEFAULTS, **settings))  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    QApplication.processEvents()
    return screen


def rgb(color: QColor) -> str:
    return color.name()


def ratio(a: QColor, b: QColor) -> float:
    return contrast_ratio(a.name(), b.name())


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_the_bar_keeps_its_slots_in_every_language(qtbot, factory: PageFactory, large: bool) -> None:
    floor = min_cap_height_px(CONTENT.devices[DEVICE].model.screen.viewing_distance_m, factory.pitch_mm)
    grids: set[int] = set()
    for page_id in PAGES:
        rects: dict[str, dict[str, QRect]] = {}
        for language in LANGUAGES:
            screen = build(qtbot, factory, page_id, language=language, large_text=large)
            grids.add(screen.bar.columns)
            rects[language] = {
                key: QRect(b.mapTo(screen, QPoint(0, 0)), b.size()) for key, b in screen.buttons.items()
            }
            for key, button in screen.buttons.items():
                # every word whole in its slot, and never smaller than 0.7° at the viewing distance
                assert widest_segment(button.font(), button.text()) <= button.text_width() + 0.5, (
                    key,
                    language,
                )
                assert cap_height_px(button.font()) >= floor - 0.5, (key, language, button.font().pixelSize())
            # the order: left to right, top to bottom, as BAR_KEYS
            places = [(r.top(), r.left()) for r in rects[language].values()]
            assert places == sorted(places) and list(rects[language]) == list(BAR_KEYS)
            screen.close()
        for language in LANGUAGES[1:]:
            assert rects[language] == rects["de"], f"{page_id}: the bar moves between de and {language}"
    assert len(grids) == 1  # one grid for every page and language


def test_the_grid_is_the_same_in_large_text(qtbot, factory: PageFactory) -> None:
    normal = build(qtbot, factory, "start")
    large = build(qtbot, factory, "start", large_text=True, language="en")
    assert normal.bar.columns == large.bar.columns == 3
    for key in BAR_KEYS:  # same column and row of the grid, same width
        a, b = normal.buttons[key], large.buttons[key]
        assert a.x() == b.x() and a.width() == b.width()
        assert (a.y() == normal.buttons["back"].y()) == (b.y() == large.buttons["back"].y())


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_unavailable_controls_look_and_say_so(qtbot, factory: PageFactory, contrast: bool) -> None:
    home = build(qtbot, factory, "start", high_contrast=contrast)
    palette = home.env.look.palette
    back, help_ = home.buttons["back"], home.buttons["help"]
    assert not back.isEnabled() and help_.isEnabled()
    assert back.accessibleName() == "Zurück: nicht verfügbar"
    item = describe_item(back)
    assert item.role == "button" and not item.action and item.name == "Zurück: nicht verfügbar"
    assert describe_item(help_).action
    image = home.grab().toImage()

    def column(button: TouchButton, x: int) -> list[QColor]:
        origin = button.mapTo(home, QPoint(0, 0))
        return [QColor(image.pixel(origin.x() + x, origin.y() + y)) for y in range(20, button.height() - 20)]

    background, surface = QColor(palette.background), QColor(palette.surface)
    enabled_edge = column(help_, 1)
    disabled_edge = column(back, 1)
    # an enabled boundary is solid accent; an unavailable one is dashed (background shows between the
    # dashes) in a colour of its own, still 3:1 against the background where it is drawn
    assert sum(c == QColor(palette.accent) for c in enabled_edge) > 0.8 * len(enabled_edge)
    drawn = [c for c in disabled_edge if ratio(c, background) > 1.5]
    gaps = [c for c in disabled_edge if ratio(c, background) < 1.1]
    assert gaps and len(drawn) > 0.3 * len(disabled_edge)
    assert not any(c == QColor(palette.accent) for c in drawn)
    assert max(ratio(c, background) for c in drawn) >= 3.0
    # inside: the surface for an enabled button, the bare background for an unavailable one
    assert column(help_, 12)[len(enabled_edge) // 2] == surface
    assert column(back, 12)[len(disabled_edge) // 2] == background


def test_pause_and_repeat_follow_what_is_spoken(qtbot, tmp_path: Path) -> None:
    with running_shell(qtbot, shipped(), DEVICE, FixedClock(SCENARIO), tmp_path / "data", HALF) as shell:
        session = shell.interaction
        assert session is not None
        tap(shell.window, QPoint(270, 300))
        settled(qtbot, session)
        page = session.page
        assert page is not None
        pause, repeat = page.buttons["pause"], page.buttons["repeat"]
        assert not pause.isEnabled() and not repeat.isEnabled()  # touch mode: nothing said yet
        assert pause.accessibleName() == "Pause: nicht verfügbar"
        session.say("Guten Tag.", force=True)
        assert pause.isEnabled() and pause.accessibleName() == "Pause" and repeat.isEnabled()
        # spoken to its end: nothing left to pause, but something to repeat
        qtbot.waitUntil(lambda: not session.speaker.speaking, timeout=20_000)
        qtbot.waitUntil(lambda: not pause.isEnabled(), timeout=5_000)
        assert repeat.isEnabled() and pause.accessibleName() == "Pause: nicht verfügbar"


def test_home_page_offers_every_language_named_in_itself(qtbot, factory: PageFactory) -> None:
    home = build(qtbot, factory, "start", language="en")
    names = {code: b.text() for code, b in home.languages.items()}
    assert names == {"de": "Deutsch", "en": "English", "ls": "Leichte Sprache"}
    assert home.languages["en"].accessibleName() == "English: selected" and home.languages["en"].selected
    assert home.languages["de"].accessibleName() == "Deutsch" and not home.languages["de"].selected
    assert home.languages["de"].property("speech_language") == "de"
    items = home.items()  # after the tiles, just before the bar
    assert items[-9:-6] == list(home.languages.values()) and items[-6] is home.buttons["back"]
    chosen: list[str] = []
    home.language_requested.connect(chosen.append)
    home.languages["ls"].click()
    assert chosen == ["ls"]
    detail = build(qtbot, factory, "bus-und-bahn")
    assert not detail.languages  # only the home page: the other pages have the panel


def test_a_language_on_the_attract_bar_starts_the_session_in_it(qtbot, tmp_path: Path) -> None:
    with running_shell(qtbot, shipped(), DEVICE, FixedClock(SCENARIO), tmp_path / "data", HALF) as shell:
        session = shell.interaction
        assert session is not None
        bar = session.attract
        qtbot.waitUntil(bar.isVisible)
        assert [b.text() for b in bar.language_buttons.values()] == ["Deutsch", "English", "Leichte Sprache"]
        tap(shell.window, centre(bar.language_buttons["en"]))
        qtbot.waitUntil(lambda: session.page is not None, timeout=5_000)
        assert session.lang == "en" and session.page is not None
        assert session.page.view.title == "Rostock – city harbour" and session.page.env.language == "en"
        settled(qtbot, session)
        # and on the home page one tap switches again
        tap(shell.window, centre(session.page.languages["de"]))
        qtbot.waitUntil(lambda: session.lang == "de" and session.page.view.title == "Rostock – Stadthafen")


def test_high_contrast_icons_stand_out_from_their_tiles(qtbot, factory: PageFactory) -> None:
    """WCAG 1.4.11 on the rendered pixels: every visible part of a tile icon is 3:1 against the tile
    (anti-aliased edges aside); the icons are there (a share of their box is ink)."""
    home = build(qtbot, factory, "start", high_contrast=True)
    palette = home.env.look.palette
    surface = QColor(palette.surface)
    image: QImage = home.grab().toImage()
    tiles = [w for w in home.body_items if isinstance(w, TouchButton) and w.icon_image is not None]
    assert len(tiles) == 6
    for tile in tiles:
        side = round(tile.icon_side())
        top_left = tile.mapTo(home, QPoint(round(tile.width() / 2 - side / 2), round(tile.pad)))
        weak = ink = total = 0
        for y in range(top_left.y(), top_left.y() + side, 2):
            for x in range(top_left.x(), top_left.x() + side, 2):
                c = ratio(QColor(image.pixel(x, y)), surface)
                total += 1
                if c >= 3.0:
                    ink += 1
                elif c > 1.15:
                    weak += 1
        name = tile.text()
        assert weak / total < 0.06, f"{name}: {weak / total:.0%} of the icon below 3:1 against its tile"
        assert ink / total > 0.08, f"{name}: only {ink / total:.0%} of the icon box drawn"
        # the tile's label and boundary
        assert ratio(QColor(palette.text), surface) >= 7.0
        assert ratio(QColor(palette.accent), QColor(palette.background)) >= 3.0


def test_the_attract_bar_covers_no_zone_and_the_stand_line_shows(qtbot, tmp_path: Path) -> None:
    with running_shell(qtbot, shipped(), DEVICE, FixedClock(SCENARIO), tmp_path / "data", HALF) as shell:
        session = shell.interaction
        assert session is not None
        bar = session.attract
        qtbot.waitUntil(bar.isVisible)
        zone = shell.window.zones["inhalt"]
        qtbot.waitUntil(lambda: isinstance(zone.current, DataSlideWidget), timeout=10_000)
        for other in shell.window.zones.values():
            assert not other.geometry().intersects(bar.geometry()), other.objectName()
        slide = zone.current
        assert isinstance(slide, DataSlideWidget)
        QApplication.processEvents()
        note = slide.note
        assert note.isVisible() and note.text().startswith("Gespeicherte Beispieldaten")
        rect = QRect(note.mapTo(shell.window, QPoint(0, 0)), note.size())
        assert zone.geometry().contains(rect) and not rect.intersects(bar.geometry())
        # and it is drawn: the note's pixels on the window hold its muted ink
        shot = shell.window.grab().toImage()
        inks = {
            shot.pixel(x, y)
            for x in range(rect.left(), rect.right(), 2)
            for y in range(rect.top(), rect.bottom())
        }
        assert len(inks) > 3


def test_the_zone_follows_a_new_bar_height(qtbot, tmp_path: Path) -> None:
    """A reload with other languages changes the bar's height: the zone above it follows at once."""
    with running_shell(qtbot, shipped(), DEVICE, FixedClock(SCENARIO), tmp_path / "data", HALF) as shell:
        session = shell.interaction
        assert session is not None
        bar, zone = session.attract, shell.window.zones["inhalt"]
        qtbot.waitUntil(bar.isVisible)
        with_languages = bar.height()
        bar.set_languages(["de"])  # one language: no language row
        assert bar.height() < with_languages and not bar.language_buttons
        assert zone.geometry().bottom() == bar.geometry().top() - 1
