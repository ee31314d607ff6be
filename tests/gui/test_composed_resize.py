"""A composed slide whose zone changes its size (window resized, another layout, the attract bar) gets
its background picture prepared again for the new size, off the GUI thread, once the size stands still;
meanwhile the old picture is drawn scaled, never a blank area."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from kiosk.media.cache import ImageCache
from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.slides.composed import ComposedTextWidget
from kiosk.ui.theme import look_for
from tests.gui.test_composed import BODY, HOSTS, TEXT, rgb, shown

GREY, RED = (120, 120, 120), (220, 20, 20)
SLIDE = {
    "type": "text",
    "heading": TEXT,
    "body": BODY,
    "layout": "picture-beside-text",
    "background": {"image": "images/mark.png", "focus": {"x": 0.85, "y": 0.85}},
}


@pytest.fixture
def factory(qtbot, tmp_path: Path) -> Iterator[SlideFactory]:
    HOSTS.clear()
    (tmp_path / "content/images").mkdir(parents=True)
    # a grey square with a red one around its focus point (0.85, 0.85): where the red lands shows
    # which size the picture was cut for
    picture = Image.new("RGB", (1600, 1600), GREY)
    picture.paste(RED, (1280, 1280, 1440, 1440))
    picture.save(tmp_path / "content/images/mark.png")
    made = SlideFactory(tmp_path / "content", SlideContext(look=look_for(None, 1.0), language="de"))
    made.assets.cache = ImageCache(tmp_path / "cache")
    asked: list[tuple[int, int]] = []
    request = made.assets.request_backdrop

    def counted(key, path, box, framing, text) -> None:  # type: ignore[no-untyped-def]
        asked.append(box)
        request(key, path, box, framing, text)

    made.assets.request_backdrop = counted  # type: ignore[method-assign]
    made.asked = asked  # type: ignore[attr-defined]
    yield made
    made.shutdown()
    HOSTS.clear()


def resize(widget: ComposedTextWidget, width: int, height: int) -> None:
    widget.parentWidget().resize(width, height)
    widget.resize(width, height)


def red(colour: tuple[int, int, int]) -> bool:
    return colour[0] > 180 and colour[1] < 80 and colour[2] < 80


def test_the_picture_is_prepared_again_for_the_new_size(qtbot, factory: SlideFactory) -> None:
    widget = shown(qtbot, factory, SLIDE, (1280, 720))
    assert isinstance(widget, ComposedTextWidget) and widget.picture is not None
    # wide zone: the picture's area is 512×720 at the left; the cover keeps the red square in view
    assert widget.picture.size() == QSize(512, 720)
    assert red(rgb(widget.grab().toImage(), 404, 612))
    # the zone turns upright: the area becomes 720×512 above the text
    resize(widget, 720, 1280)
    assert widget.picture_rect.size() == QSize(720, 512)
    meanwhile = widget.grab().toImage()  # before the debounce can even fire: the old picture, scaled
    background = QColor(widget.look.palette.background)
    area = [meanwhile.pixelColor(x, y) for x in range(10, 720, 50) for y in range(10, 512, 50)]
    assert sum(c == background for c in area) == 0, "a blank picture area while the new one is prepared"
    assert not red(rgb(meanwhile, 612, 404))  # scaled from the old cut: the red square is outside it
    qtbot.waitUntil(
        lambda: widget.picture is not None and widget.picture.size() == QSize(720, 512), timeout=15_000
    )
    QApplication.processEvents()
    image = widget.grab().toImage()
    # cut by the focus rule for 720×512: the 1600² picture scaled to 720², the cut's top at
    # 720·0.85 − 256 = 356 clamped to 208: the red square (576…648 scaled) at x 576…648, y 368…440
    assert red(rgb(image, 612, 404))
    assert not red(rgb(image, 540, 404)) and not red(rgb(image, 612, 350))
    assert rgb(image, 100, 100) == GREY
    assert factory.asked == [(512, 720), (720, 512)]  # type: ignore[attr-defined]


def test_a_drag_of_sizes_prepares_once(qtbot, factory: SlideFactory) -> None:
    widget = shown(qtbot, factory, SLIDE, (1280, 720))
    assert isinstance(widget, ComposedTextWidget)
    # a longer stand-still than the product's 250 ms: a loaded test machine must not split the drag
    widget.reprepare.setInterval(3_000)
    for step in range(1, 13):  # a window dragged wider, one size after another
        resize(widget, 1280 + 40 * step, 720)
        QApplication.processEvents()
    qtbot.waitUntil(
        lambda: widget.picture is not None and widget.picture.size() == QSize(704, 720), timeout=15_000
    )
    assert factory.asked == [(512, 720), (704, 720)]  # type: ignore[attr-defined]
    assert widget.picture_rect.size() == QSize(704, 720)
