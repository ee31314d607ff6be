"""The shipped stele's "near the device" pages: reachable from Mobilität, and the toilets page shows its
live block from the bundled snapshot (rows painted, accessible wording, the snapshot's date)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.config.loader import load_content
from kiosk.runtime.datahub import DataHub
from kiosk.runtime.pages import PageFactory
from kiosk.schedule.clock import FixedClock
from kiosk.session.settings import Settings
from kiosk.ui.pages import PageScreen, TouchButton
from kiosk.ui.pages.blocks import DataBlockView
from tests.conftest import REPO

DEVICE = "stadthafen-stele"
SIZE = (1080, 1920)
AT = datetime(2025, 10, 20, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
CONTENT = load_content(REPO).content
DEFAULTS = Settings.defaults(CONTENT.devices[DEVICE].model)


@pytest.fixture(scope="module")
def factory(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageFactory]:
    hub = DataHub(CONTENT, DEVICE, FixedClock(AT), tmp_path_factory.mktemp("data"), live=False)
    hub.start()  # no network: the bundled snapshots
    made = PageFactory(CONTENT, DEVICE, SIZE, web=False, hub=hub, now=lambda: AT)
    made.preload()
    from pytestqt.qtbot import QtBot

    QtBot(None).waitUntil(lambda: not made.pending, timeout=20_000)  # type: ignore[arg-type]
    yield made
    made.shutdown()
    hub.stop()
    hub.deleteLater()


def shown(qtbot, factory: PageFactory, page_id: str, language: str = "de") -> PageScreen:
    screen = factory.build(page_id, replace(DEFAULTS, language=language))
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    QApplication.processEvents()
    return screen


def test_mobility_page_links_the_three_pages(qtbot, factory: PageFactory) -> None:
    assert {"toiletten", "baustellen", "e-laden"} <= set(CONTENT.pages["mobilitaet"].model.children)
    screen = shown(qtbot, factory, "mobilitaet")
    names = [tile.text() for tile in screen.body_items if isinstance(tile, TouchButton)]
    assert {"Toiletten in der Nähe", "Baustellen", "E-Laden"} <= set(names)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ("Stadthafen, Haedgehalbinsel", "Richtung Ost", "♿ barrierefrei", "kostenlos")),
        ("en", ("Stadthafen, Haedgehalbinsel", "to the east", "♿ wheelchair accessible", "free of charge")),
        ("ls", ("Stadthafen, Haedgehalbinsel", "Meter Richtung Osten", "♿ für Roll·stuhl", "kostet nichts")),
    ],
)
def test_toilets_page_renders_the_snapshot_block(
    qtbot, factory: PageFactory, language: str, words: tuple[str, ...]
) -> None:
    screen = shown(qtbot, factory, "toiletten", language)
    blocks = [w for w in screen.findChildren(DataBlockView) if w.isVisible()]
    assert len(blocks) == 1
    block = blocks[0]
    assert block.table is not None and block.table.status == "snapshot" and len(block.table.rows) == 3
    spoken = block.accessibleName().replace("\u00a0", " ")
    for word in words:
        assert word in spoken, (word, spoken)
    assert "18.10.2025" in block.table.note  # the snapshot says its date
    rows = [lab for lab in block.findChildren(QLabel) if lab.isVisible() and "Haedgehalbinsel" in lab.text()]
    assert rows and rows[0].height() > 0
    # painted: the first row has dark text on the card's light background
    image = screen.grab().toImage()
    top_left = rows[0].mapTo(screen, QPoint(0, 0))
    dark = sum(
        1
        for x in range(top_left.x(), top_left.x() + rows[0].width(), 3)
        for y in range(top_left.y(), top_left.y() + rows[0].height(), 3)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    assert dark > 50
