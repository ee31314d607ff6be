"""Page screens and the accessibility panel on the shipped stele: pixels, release semantics, signals,
large-text cap height, scrolling without drag, late pictures and failing live blocks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config.loader import load_content
from kiosk.config.models.slides import WebSlide
from kiosk.navigation.model import page_view
from kiosk.navigation.sizes import min_cap_height_px
from kiosk.runtime.pages import PageFactory
from kiosk.session.settings import Settings
from kiosk.ui.pages import AccessPanel, PageScreen, TouchButton
from kiosk.ui.pages.screen import BAR_KEYS
from kiosk.ui.slides.base import SlideContext, SlideWidget
from tests.conftest import REPO

DEVICE = "stadthafen-stele"
SIZE = (1080, 1920)
CONTENT = load_content(REPO).content
DEFAULTS = Settings.defaults(CONTENT.devices[DEVICE].model)


@pytest.fixture(scope="module")
def factory(qapp) -> Iterator[PageFactory]:
    made = PageFactory(CONTENT, DEVICE, SIZE, web=False)
    made.preload()
    from pytestqt.qtbot import QtBot

    QtBot(None).waitUntil(lambda: not made.pending, timeout=20_000)  # type: ignore[arg-type]
    yield made
    made.shutdown()


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()  # pending layout requests: the body's height, the scroll buttons
    return widget


def page(qtbot, factory: PageFactory, page_id: str, **settings: object) -> PageScreen:
    screen = factory.build(page_id, replace(DEFAULTS, **settings))  # type: ignore[arg-type]
    shown(qtbot, screen)
    return screen


def ink_height(font: QFont, text: str = "H") -> int:
    """Rows of a rendered capital that contain ink: the cap height as drawn, in pixels."""
    size = font.pixelSize() * 3
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("#000000"))
    painter.drawText(size // 4, size * 2 // 3, text)
    painter.end()
    rows = [y for y in range(size) if any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(size))]
    return rows[-1] - rows[0] + 1 if rows else 0


def test_tile_page_pixels(qtbot, factory: PageFactory) -> None:
    screen = page(qtbot, factory, "start")
    tiles = [w for w in screen.body_items if isinstance(w, TouchButton)]
    assert len(tiles) == 6 and screen.tile_columns == 2
    assert len({t.x() for t in tiles}) == 2  # two columns
    image = screen.grab().toImage()
    tile = tiles[0]
    top_left = tile.mapTo(screen, QPoint(0, 0))
    accent = QColor(CONTENT.themes["rostock"].model.normal.accent)
    surface = QColor(CONTENT.themes["rostock"].model.normal.surface)
    # the 3:1 boundary: accent pixels along the tile's left edge, surface inside
    edge = [QColor(image.pixel(top_left.x() + 1, top_left.y() + y)) for y in range(20, tile.height() - 20)]
    assert sum(c == accent for c in edge) > len(edge) * 0.8
    assert QColor(image.pixel(top_left.x() + 12, top_left.y() + tile.height() // 2)) == surface
    # the icon is drawn: colours that are neither surface nor text in the icon area
    centre = tile.mapTo(screen, QPoint(tile.width() // 2, round(tile.pad + tile.icon_side() / 2)))
    icon_colours = {
        image.pixel(centre.x() + dx, centre.y() + dy) for dx in range(-60, 60, 6) for dy in range(-60, 60, 6)
    }
    assert len(icon_colours) > 3
    # high contrast swaps the palette
    dark = page(qtbot, factory, "start", high_contrast=True)
    assert QColor(dark.grab().toImage().pixel(5, dark.height() // 2)) == QColor("#000000")


def test_release_inside_navigates_release_outside_does_not(qtbot, factory: PageFactory) -> None:
    screen = page(qtbot, factory, "start")
    tile = screen.body_items[0]
    went: list[str] = []
    screen.navigate.connect(went.append)
    centre = tile.rect().center()
    QTest.mousePress(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert tile.isDown() and not went  # nothing happens on the down-event (WCAG 2.5.2)
    QTest.mouseRelease(
        tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(-30, centre.y())
    )
    assert not went  # slid off before lifting the finger: cancelled
    QTest.mousePress(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert went == ["mobilitaet"]


def test_touch_release_outside_cancels(qtbot, factory: PageFactory) -> None:
    screen = page(qtbot, factory, "start")
    tile = screen.body_items[1]
    went: list[str] = []
    screen.navigate.connect(went.append)
    device = QTest.createTouchDevice()
    inside = tile.mapTo(screen.window(), tile.rect().center())
    outside = tile.mapTo(screen.window(), QPoint(tile.width() + 40, tile.height() // 2))
    QTest.touchEvent(screen.window(), device).press(0, inside).commit()
    QTest.touchEvent(screen.window(), device).move(0, outside).commit()
    QTest.touchEvent(screen.window(), device).release(0, outside).commit()
    QApplication.processEvents()
    assert not went
    QTest.touchEvent(screen.window(), device).press(0, inside).commit()
    QTest.touchEvent(screen.window(), device).release(0, inside).commit()
    qtbot.waitUntil(lambda: went == ["veranstaltungen"], timeout=2000)


def test_bar_is_fixed_and_complete(qtbot, factory: PageFactory) -> None:
    home = page(qtbot, factory, "start")
    detail = page(qtbot, factory, "bus-und-bahn")
    # same place and order on every page (WCAG 3.2.6 consistent help)
    assert [b.objectName() for b in home.buttons.values()] == [f"bar-{k}" for k in BAR_KEYS]
    for key in BAR_KEYS:
        a, b = home.buttons[key], detail.buttons[key]
        assert a.mapTo(home, QPoint(0, 0)) == b.mapTo(detail, QPoint(0, 0)) and a.size() == b.size()
    detail.set_speech_state(paused=False, can_pause=True, can_repeat=True)  # as while something is spoken
    fired: list[str] = []
    for name in (
        "back_requested",
        "home_requested",
        "help_requested",
        "repeat_requested",
        "pause_requested",
        "access_requested",
    ):
        getattr(detail, name).connect(lambda n=name: fired.append(n))
    for key in BAR_KEYS:
        qtbot.mouseClick(detail.buttons[key], Qt.MouseButton.LeftButton)
    assert fired == [
        "back_requested",
        "home_requested",
        "help_requested",
        "repeat_requested",
        "pause_requested",
        "access_requested",
    ]
    # Back on the home page has nowhere to go: it keeps its slot, disabled, and says so
    went: list[bool] = []
    home.home_requested.connect(lambda: went.append(True))
    home.back_requested.connect(lambda: went.append(False))
    qtbot.mouseClick(home.buttons["back"], Qt.MouseButton.LeftButton)
    assert went == [] and not home.buttons["back"].isEnabled()
    assert home.buttons["back"].accessibleName() == "Zurück: nicht verfügbar"


def test_pause_label_follows_state(qtbot, factory: PageFactory) -> None:
    screen = page(qtbot, factory, "start", language="en")
    pause = screen.buttons["pause"]
    assert not pause.isEnabled() and pause.accessibleName() == "Pause: not available"  # nothing spoken yet
    screen.set_speech_state(paused=True, can_pause=False, can_repeat=True)
    assert pause.text() == "Resume" and pause.accessibleName() == "Resume" and pause.isEnabled()
    screen.set_speech_state(paused=False, can_pause=True, can_repeat=True)
    assert pause.accessibleName() == "Pause" and pause.isEnabled()
    screen.set_speech_state(paused=False, can_pause=False, can_repeat=True)
    assert not pause.isEnabled() and screen.buttons["repeat"].isEnabled()


def test_large_text_cap_height(qtbot, factory: PageFactory) -> None:
    normal = page(qtbot, factory, "start")
    large = page(qtbot, factory, "start", large_text=True)
    need = min_cap_height_px(0.5, 0.369)  # 6.1 mm on the stele = 16.6 px
    small_text = [large.intro.font(), large.buttons["back"].font()]
    for font in small_text:
        assert ink_height(font) >= need
    assert ink_height(large.intro.font()) >= 1.5 * ink_height(normal.intro.font())
    # large text reflows the tiles into one column instead of breaking words: rows, each picture beside
    # its words, in larger type, so that most of them are in sight at once
    assert large.tile_columns == 1
    first = large.body_items[0]
    assert isinstance(first, TouchButton) and first.role == "row"
    assert ink_height(first.font()) > ink_height(normal.body_items[0].font())
    viewport = large.scroll_area.viewport().rect()
    in_sight = [w for w in large.body_items if viewport.contains(w.geometry())]
    assert len(in_sight) >= 4, len(in_sight)


def test_tiles_fill_a_tall_page(qtbot, factory: PageFactory) -> None:
    """Six tiles do not leave the lower half of the stele white: they grow (all to one height) into the
    body, up to half again their own height."""
    screen = page(qtbot, factory, "start")
    assert screen.tile_columns == 2
    heights = {tile.height() for tile in screen.tiles}
    assert len(heights) == 1, heights
    natural = max(tile.height_for(tile.width()) for tile in screen.tiles)
    assert heights.pop() > natural
    bottom = max(tile.geometry().bottom() for tile in screen.tiles)
    assert bottom > 0.8 * screen.scroll_area.viewport().height()


def test_scroll_without_dragging(qtbot, factory: PageFactory) -> None:
    screen = page(qtbot, factory, "sporthallen", large_text=True)
    assert screen.scroll_down in screen.items() and screen.scroll_down.isVisible()
    bar = screen.scroll_area.verticalScrollBar()
    assert bar.value() == 0
    qtbot.mouseClick(screen.scroll_down, Qt.MouseButton.LeftButton)
    assert bar.value() > 0
    qtbot.mouseClick(screen.scroll_up, Qt.MouseButton.LeftButton)
    assert bar.value() == 0
    last = screen.body_items[-1]
    screen.ensure_visible(last)
    top = last.mapTo(screen.scroll_area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < screen.scroll_area.viewport().height()
    short = page(qtbot, factory, "start")
    assert short.scroll_down not in short.items()


def test_late_pictures_arrive(qtbot) -> None:
    made = PageFactory(CONTENT, DEVICE, SIZE, web=False)
    try:
        screen = made.build("start", DEFAULTS)
        shown(qtbot, screen)
        tile = screen.body_items[0]
        assert tile.icon_image is None  # built before the icons were decoded
        height_without = tile.height()
        made.preload()
        qtbot.waitUntil(lambda: tile.icon_image is not None, timeout=20_000)
        # the tile grows to make room for its icon (it was laid out without one)
        qtbot.waitUntil(lambda: tile.height() >= tile.heightForWidth(tile.width()), timeout=5_000)
        assert tile.height() > height_without
    finally:
        made.shutdown()


def test_failed_live_block_shows_its_text(qtbot, factory: PageFactory) -> None:
    view = page_view(CONTENT, "offene-daten", "de")
    env = factory.env(DEFAULTS)
    made: list[SlideWidget] = []

    def make_block(block: object, parent: QWidget) -> QWidget:
        slide = WebSlide(type="web", url="https://www.opendata-hro.de/", alt={"de": "Portal"})  # type: ignore[arg-type]
        widget = SlideWidget(slide, SlideContext(look=env.look), parent)
        made.append(widget)
        return widget

    screen = PageScreen(view, replace(env, make_block=make_block))
    shown(qtbot, screen)
    assert made[0] in screen.items()
    made[0].mark_failed("could not be loaded")
    alternative = screen.body_items[0]
    assert alternative.objectName() == "alternative" and alternative in screen.items()
    assert "Open-Data-Portal" in alternative.accessibleName()
    assert "kann hier gerade nicht gezeigt werden" in alternative.accessibleName()


def test_web_off_shows_alternative(qtbot, factory: PageFactory) -> None:
    screen = page(qtbot, factory, "offene-daten", language="en")
    assert screen.body_items[0].accessibleName().startswith("The OpenData.HRO portal")


def test_access_panel(qtbot, factory: PageFactory) -> None:
    panel = factory.panel(DEFAULTS)
    assert isinstance(panel, AccessPanel)
    shown(qtbot, panel)
    changes: list[Settings] = []
    panel.changed.connect(changes.append)
    large = panel.switches["large_text"]
    assert large.text() == "Große Schrift: aus" and large.accessibleName() == "Große Schrift: aus"
    qtbot.mouseClick(large, Qt.MouseButton.LeftButton)
    assert changes[-1].large_text and large.accessibleName() == "Große Schrift: an" and large.switch
    assert AccessPanel.needs_rebuild(DEFAULTS, changes[-1])
    english = panel.language_buttons["en"]
    assert english.text() == "English" and english.property("speech_language") == "en"
    assert panel.language_buttons["de"].accessibleName() == "Deutsch: ausgewählt"
    qtbot.mouseClick(english, Qt.MouseButton.LeftButton)
    assert changes[-1].language == "en"
    assert english.accessibleName() == "English: selected"
    assert panel.switches["speech"].accessibleName() == "Read aloud: off"  # labels follow the language
    for _ in range(8):
        qtbot.mouseClick(panel.volume_up, Qt.MouseButton.LeftButton)
    assert changes[-1].volume == 10 and panel.volume_label.text() == "Volume 10 of 10"
    count = len(changes)
    qtbot.mouseClick(panel.volume_up, Qt.MouseButton.LeftButton)
    assert len(changes) == count  # already at the top: nothing changes, nothing is emitted
    assert panel.volume_down.accessibleName() == "Quieter. Volume 10 of 10"
    closed: list[bool] = []
    panel.close_requested.connect(lambda: closed.append(True))
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert closed == [True]
    names = [w.objectName() for w in panel.items()]
    assert {"access-lang-ls", "access-large_text", "access-volume_up", "access-close"} <= set(names)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_capped_picture_fills_its_bands(qtbot, factory: PageFactory, high_contrast: bool) -> None:
    """The lighthouse (square) under the stele's 40 % height cap is narrower than the page: its side
    bands show a darkened wash of the picture, never the page's white; in high contrast the plain
    background (no wash)."""
    from kiosk.ui.pages.blocks import ImageView

    screen = page(qtbot, factory, "pegel-warnemuende", high_contrast=high_contrast)
    view = next(w for w in screen.body_items if isinstance(w, ImageView))
    assert view.image is not None and view.height() == view.max_height < view.width()  # capped: bands
    image = view.grab().toImage()
    band = view.width() * (1 - view.height() / view.width()) / 4  # the middle of the left band
    background = QColor(factory.look(replace(DEFAULTS, high_contrast=high_contrast)).palette.background)
    rows = range(10, view.height() - 10, 20)
    xs = (round(band), view.width() - 1 - round(band))
    pixels = [QColor(image.pixel(x, y)) for x in xs for y in rows]
    if high_contrast:
        assert all(p == background for p in pixels)
    else:
        assert all(p != background and p != QColor("#ffffff") for p in pixels)
        assert all(p.lightness() < 160 for p in pixels)  # darkened: the picture stands out of it
    middle = QColor(image.pixel(view.width() // 2, view.height() // 4))  # the sky of the picture itself
    assert middle.blue() > middle.red() and middle != background
