"""Walk every shipped page and the accessibility panel on the shipped stele, in German, English and
Leichte Sprache, with normal text and with large text + high contrast.

Asserts what a blind user and a user with motor impairments depend on (R07, R19, R28, R37): every item
has a spoken name that contains its visible text; every touch target is at least 44 px and 20 mm at the
device's pixel pitch in both directions; no text is cut off or wider than the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.config.loader import ContentSet, load_content
from kiosk.navigation.sizes import MIN_TARGET_MM
from kiosk.navigation.strings import plain
from kiosk.runtime.datahub import DataHub
from kiosk.runtime.pages import PageFactory
from kiosk.schedule.clock import FixedClock
from kiosk.session.settings import Settings
from kiosk.ui.pages.button import TouchButton
from kiosk.ui.pages.measure import widest_segment
from tests.conftest import REPO

DEVICE = "stadthafen-stele"
SIZE = (1080, 1920)
AT = datetime(2026, 8, 7, 11, 30, tzinfo=ZoneInfo("Europe/Berlin"))
CONTENT = load_content(REPO).content
PAGES = sorted(CONTENT.pages)
MODES = {"normal": {}, "large-contrast": {"large_text": True, "high_contrast": True}}


def norm(text: str) -> str:
    return " ".join(plain(text).replace("•", " ").split())


def visible_text(label: QLabel) -> str:
    doc = QTextDocument()
    if label.textFormat() == Qt.TextFormat.MarkdownText:
        doc.setMarkdown(label.text())
    elif label.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(label.text())
    else:
        return norm(label.text())
    return norm(doc.toPlainText())


@pytest.fixture(scope="module")
def factory(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageFactory]:
    content: ContentSet = CONTENT
    hub = DataHub(content, DEVICE, FixedClock(AT), tmp_path_factory.mktemp("data"), live=False)
    hub.start()  # bundled snapshots: data widgets show real rows, as on a device without network
    made = PageFactory(content, DEVICE, SIZE, web=False, hub=hub, now=lambda: AT)
    made.preload()
    from pytestqt.qtbot import QtBot

    QtBot(None).waitUntil(lambda: not made.pending, timeout=20_000)  # type: ignore[arg-type]
    yield made
    made.shutdown()
    hub.stop()
    hub.deleteLater()


def check_screen(screen: QWidget, items: list[QWidget], pitch_mm: float, target: int) -> None:
    assert items, "a screen without items"
    for item in items:
        name = norm(item.accessibleName())
        where = f"{type(item).__name__} {item.objectName()!r} {name[:60]!r}"
        assert name, f"{where}: no accessible name"
        assert item.isVisible(), f"{where}: listed but not visible"
        # the name contains every text the item shows (WCAG 2.5.3 label in name)
        shown = [item] if isinstance(item, QLabel) else []
        shown += [lab for lab in item.findChildren(QLabel) if lab.isVisible()]
        for label in shown:
            # a data row's cells ("5 · Südblick · 14:30") are spoken in order within its sentence
            # ("Linie 5 nach Südblick, 14:30"): every shown cell is said, none out of order
            at = 0
            for cell in visible_text(label).split(" · "):
                found = name.find(cell, at)
                assert found >= 0, f"{where}: shows {cell!r} of {visible_text(label)!r} but says {name!r}"
                at = found + len(cell)
        if isinstance(item, TouchButton):
            assert norm(item.text()) in name, where
            # every word fits: nothing is broken mid-word or cut off
            assert widest_segment(item.font(), item.text()) <= item.text_width() + 0.5, where
        if isinstance(item, QAbstractButton):
            w, h = item.width(), item.height()
            assert min(w, h) >= target >= 44, f"{where}: {w}×{h} px < {target} px"
            assert min(w, h) * pitch_mm >= MIN_TARGET_MM, f"{where}: {min(w, h) * pitch_mm:.1f} mm"
        # inside the screen horizontally: no text runs off the glass
        left = item.mapTo(screen, QPoint(0, 0)).x()
        assert left >= 0 and left + item.width() <= screen.width(), f"{where}: x {left}+{item.width()}"
    for label in screen.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.width() > 0:
            doc = QTextDocument()
            doc.setDefaultFont(label.font())
            doc.setDocumentMargin(0)
            if label.textFormat() == Qt.TextFormat.MarkdownText:
                doc.setMarkdown(label.text())
            elif label.textFormat() == Qt.TextFormat.RichText:
                doc.setHtml(label.text())
            else:
                doc.setPlainText(label.text())
            doc.setTextWidth(label.width())
            # idealWidth is the widest laid-out line: wider than the label means a word overflows
            assert doc.idealWidth() <= label.width() + 1, f"label {label.text()[:40]!r} overflows"


def settings_for(language: str, mode: str) -> Settings:
    base = Settings.defaults(CONTENT.devices[DEVICE].model)
    return replace(base, language=language, **MODES[mode])


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("language", ["de", "en", "ls"])
def test_every_page(qtbot, factory: PageFactory, language: str, mode: str) -> None:
    settings = settings_for(language, mode)
    for page_id in PAGES:
        screen = factory.build(page_id, settings)
        qtbot.addWidget(screen)
        screen.resize(*SIZE)
        screen.show()
        qtbot.waitExposed(screen)
        QApplication.processEvents()  # the scroll buttons appear once the layout knows the body's height
        scroll = screen.scroll_area
        assert screen.body.width() <= scroll.viewport().width(), f"{page_id}: body wider than the screen"
        assert not scroll.horizontalScrollBar().maximum(), f"{page_id}: horizontal scrolling"
        check_screen(screen, screen.items(), factory.pitch_mm, factory.target_px)
        assert screen.items()[0].accessibleName() == screen.view.title
        screen.close()


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("language", ["de", "en", "ls"])
def test_access_panel(qtbot, factory: PageFactory, language: str, mode: str) -> None:
    panel = factory.panel(settings_for(language, mode))
    qtbot.addWidget(panel)
    panel.resize(*SIZE)
    panel.show()
    qtbot.waitExposed(panel)
    # in large text the panel scrolls (since the screen-blanking switch): its scroll buttons are laid out
    # once the layout knows the body's height
    QApplication.processEvents()
    check_screen(panel, panel.items(), factory.pitch_mm, factory.target_px)


def test_stele_targets_are_physical(factory: PageFactory) -> None:
    # 0.369 mm per pixel: 20 mm need 55 px, more than WCAG's 44
    assert factory.pitch_mm == pytest.approx(0.369)
    assert factory.target_px == 55


def test_data_widgets_show_snapshot_rows(qtbot, factory: PageFactory) -> None:
    screen = factory.build("bus-und-bahn", settings_for("de", "normal"))
    qtbot.addWidget(screen)
    data = screen.body_items[0]
    # one sentence per departure with its column words, in the order shown, then the snapshot's date
    assert data.accessibleName().startswith(
        "Abfahrten. Linie 5 nach Südblick, 14:30, fällt aus. Linie S1 nach Warnemünde, 14:31."
    )
    assert "Gespeicherte Beispieldaten" in data.accessibleName()
