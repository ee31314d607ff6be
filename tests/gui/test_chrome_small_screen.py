"""The page chrome on a short screen: a 540 × 960 touch terminal at the default pixel pitch (26 × 46 cm,
targets 21 mm), whose bar needs three rows and whose home page offers three languages.

Pinned above the bar, the language choice (two rows at this width) left the page 68 px and squeezed the
bar's fixed slots over each other; now each bar row is as tall as its own labels need and the choice
heads the scrolling body instead, so nothing overlaps and the page keeps at least a quarter of the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config.loader import load_content
from kiosk.runtime.pages import PageFactory
from kiosk.session.settings import Settings
from kiosk.ui.pages.screen import PageScreen
from tests.field.packs import touch_pack

SIZE = (540, 960)


@pytest.fixture
def factory(qapp, tmp_path: Path) -> Iterator[PageFactory]:
    pack = touch_pack(tmp_path / "pack", size=SIZE)
    content = load_content(pack.root).content
    made = PageFactory(content, "stele", SIZE, web=False)
    yield made
    made.shutdown()


def build(qtbot, factory: PageFactory, page_id: str) -> PageScreen:
    device = factory.content.devices["stele"].model
    screen = factory.build(page_id, Settings.defaults(device))
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    QApplication.processEvents()
    return screen


def rect(screen: PageScreen, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("page_id", ["start", "info"], ids=["home", "detail"])
def test_the_bar_fits_and_no_slot_covers_another(qtbot, factory: PageFactory, page_id: str) -> None:
    screen = build(qtbot, factory, page_id)
    window = QRect(0, 0, *SIZE)
    slots = {key: rect(screen, button) for key, button in screen.buttons.items()}
    assert screen.bar.columns == 2  # the case in question: three rows
    for key, slot in slots.items():
        assert window.contains(slot), (key, slot)
    for (a, ra), (b, rb) in combinations(slots.items(), 2):
        assert not ra.intersects(rb), f"{a} {ra} and {b} {rb} overlap"
    # each row as tall as its labels need: 'Barriere-freiheit' on two lines makes only its own row taller
    heights = screen.bar.row_heights
    assert heights[0] == heights[1] < heights[2]
    assert screen.scroll_area.viewport().height() >= SIZE[1] // 4


def test_the_home_page_language_choice_heads_the_body_on_a_short_screen(qtbot, factory: PageFactory) -> None:
    home = build(qtbot, factory, "start")
    assert list(home.languages) == ["de", "en", "ls"] and not home.languages_pinned
    viewport = home.scroll_area.viewport()
    assert viewport.height() >= SIZE[1] // 4
    for code, button in home.languages.items():  # in the body, in sight when the page opens
        assert home.body.isAncestorOf(button), code
        top_left = button.mapTo(viewport, QPoint(0, 0))
        assert QRect(top_left, button.size()).intersects(viewport.rect()), code
    # and read where they are shown: after the title, before the intro and the tiles
    items = home.items()
    assert items[0] is home.title and items[1:4] == list(home.languages.values()) and items[4] is home.intro
    tapped: list[str] = []
    home.language_requested.connect(tapped.append)
    home.languages["en"].click()
    assert tapped == ["en"]
