"""Composed slides and picture fill on screen: pixels of real zone-sized widgets made by the factory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.media.cache import ImageCache
from kiosk.media.scrim import ratio
from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.slides.composed import ComposedTextWidget
from kiosk.ui.theme import look_for
from tests.conftest import REPO
from tests.gui.test_slide_types import slide

TEXT = {"de": "Bürgerservice am Stadthafen", "en": "Citizens' service", "ls": "Bürger·service"}
BODY = {"de": "Mit einem Termin sparen Sie Wartezeit. Termine gibt es online und am Telefon."}


@pytest.fixture
def factory(qtbot, tmp_path: Path):
    HOSTS.clear()
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    shutil.copy(REPO / "content/images/stadthafen.png", content / "images/hafen.png")
    shutil.copy(REPO / "content/images/hanse-sail.png", content / "images/sail.png")
    ctx = SlideContext(look=look_for(None, 1.0), language="de")
    made = SlideFactory(content, ctx)
    made.assets.cache = ImageCache(tmp_path / "cache")
    yield made
    made.shutdown()
    HOSTS.clear()


HOSTS: list[QWidget] = []


def shown(qtbot, factory: SlideFactory, data: dict[str, object], size: tuple[int, int]) -> SlideWidget:
    host = QWidget()
    HOSTS.append(host)  # alive until the test ends (qtbot closes it)
    host.resize(*size)
    qtbot.addWidget(host)
    widget = factory.make(slide(data), size)
    widget.setParent(host)
    widget.setGeometry(0, 0, *size)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: widget.state != "preparing", timeout=15_000)
    assert widget.state == "ready"
    QApplication.processEvents()
    return widget


def rgb(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    c = image.pixelColor(x, y)
    return c.red(), c.green(), c.blue()


def test_contain_fills_its_bands_with_the_picture_not_white(qtbot, factory: SlideFactory) -> None:
    # a wide picture in a tall zone: contain leaves bands above and below it
    widget = shown(
        qtbot,
        factory,
        {"type": "image", "image": "images/hafen.png", "fit": "contain", "alt": TEXT},
        (540, 800),
    )
    image = widget.grab().toImage()
    band_rows = [*range(0, 200, 10), *range(620, 800, 10)]  # the picture is 540×304 in the middle
    colours = [rgb(image, x, y) for y in band_rows for x in range(0, 540, 20)]
    assert all(max(c) < 235 for c in colours), "a band pixel is (nearly) white"
    assert len(set(colours)) > 20  # a blurred copy of the picture, not one flat colour
    assert sum(map(sum, colours)) / len(colours) / 3 < 150  # darkened: the picture stands out


def label_box(widget: ComposedTextWidget) -> tuple[int, int, int, int]:
    labels = [lab for lab in (widget.heading, widget.body) if lab is not None]
    return (
        min(lab.x() for lab in labels),
        min(lab.y() for lab in labels),
        max(lab.geometry().right() for lab in labels),
        max(lab.geometry().bottom() for lab in labels),
    )


@pytest.mark.parametrize("size", [(1080, 1600), (1280, 960)])
def test_text_over_picture_reaches_4_5_to_1_on_the_rendered_pixels(
    qtbot, factory: SlideFactory, size: tuple[int, int]
) -> None:
    data = {"type": "text", "heading": TEXT, "body": BODY, "background": {"image": "images/hafen.png"}}
    widget = shown(qtbot, factory, data, size)
    assert isinstance(widget, ComposedTextWidget) and widget.scrim is not None
    left, top, right, bottom = label_box(widget)
    scrim = widget.scrim_rect
    assert scrim.top() <= top and scrim.bottom() >= bottom  # the scrim covers where the text really is
    text = widget.scrim.text
    for lab in (widget.heading, widget.body):
        assert lab is not None
        lab.hide()  # the ground under the letters, as drawn
    ground = widget.grab().toImage()
    for lab in (widget.heading, widget.body):
        assert lab is not None
        lab.show()
    worst = min(ratio(text, rgb(ground, x, y)) for x in range(left, right, 3) for y in range(top, bottom, 3))
    assert worst >= 4.5
    drawn = widget.grab().toImage()
    glyphs = sum(
        ratio(text, rgb(drawn, x, y)) < 1.2 for x in range(left, right, 3) for y in range(top, bottom, 3)
    )
    assert glyphs > 200  # the text is drawn in the colour the contrast was computed for
    outside = rgb(drawn, size[0] // 2, size[1] - 5)
    assert outside != rgb(ground, left, top)  # away from the text the picture shows unscrimmed


def test_picture_beside_text_takes_forty_percent(qtbot, factory: SlideFactory) -> None:
    data = {
        "type": "text",
        "heading": TEXT,
        "body": BODY,
        "background": {"image": "images/sail.png"},
        "layout": "picture-beside-text",
        "picture_side": "right",
    }
    widget = shown(qtbot, factory, data, (1280, 960))
    assert isinstance(widget, ComposedTextWidget)
    assert (widget.picture_rect.x(), widget.picture_rect.width()) == (768, 512)
    right = label_box(widget)[2]
    assert right < 768  # the text stays out of the picture
    image = widget.grab().toImage()
    background = QColor(widget.look.palette.background)
    assert image.pixelColor(20, 20) == background
    picture = [rgb(image, x, y) for x in range(770, 1280, 40) for y in range(0, 960, 40)]
    plain = sum(p == (background.red(), background.green(), background.blue()) for p in picture)
    assert len(set(picture)) > 10 and plain < len(picture) // 5  # the picture, not the zone colour
    upright = shown(qtbot, factory, {**data, "picture_side": "left"}, (1080, 1600))
    assert isinstance(upright, ComposedTextWidget)
    assert (upright.picture_rect.y(), upright.picture_rect.height()) == (0, 640)  # above the text
    assert label_box(upright)[1] > 640


def test_gradient_runs_between_its_colours_with_the_text_that_reads_on_both(
    qtbot, factory: SlideFactory
) -> None:
    data = {"type": "text", "heading": TEXT, "body": BODY, "background": {"gradient": ["#003d7c", "#001020"]}}
    widget = shown(qtbot, factory, data, (640, 800))
    image = widget.grab().toImage()
    assert ratio(rgb(image, 2, 1), (0, 0x3D, 0x7C)) < 1.1 and ratio(rgb(image, 2, 798), (0, 0x10, 0x20)) < 1.1
    assert isinstance(widget, ComposedTextWidget) and widget.text_colour == "#ffffff"


def test_missing_background_picture_falls_back_to_plain_text(qtbot, factory: SlideFactory) -> None:
    data = {"type": "text", "heading": TEXT, "body": BODY, "background": {"image": "images/nope.png"}}
    widget = shown(qtbot, factory, data, (640, 400))
    assert isinstance(widget, ComposedTextWidget) and widget.picture is None
    assert widget.grab().toImage().pixelColor(2, 2) == QColor(widget.look.palette.background)


def test_the_theme_font_is_shipped_and_drawn(qapp) -> None:
    from kiosk.config.loader import load_content
    from kiosk.runtime.theme_files import load_fonts

    theme = load_content(REPO).content.themes["rostock"].model
    assert theme.font_files and all((REPO / "content" / f).is_file() for f in theme.font_files)
    licence = next((REPO / "content/fonts").glob("*L*C*N*.txt")).read_text(encoding="utf-8")
    assert "Permission" in licence or "SIL OPEN FONT LICENSE" in licence  # shipped with its licence
    families = load_fonts(REPO / "content", theme.font_files)
    assert families == (theme.font_family,)
    look = look_for(theme, 1.0)
    from PySide6.QtGui import QFontInfo

    for bold in (False, True):
        assert QFontInfo(look.font(1.0, bold=bold)).family() == theme.font_family


@pytest.mark.parametrize("size", [(1080, 200), (640, 960)])
def test_brand_frame_puts_mark_and_name_by_the_clock(qtbot, tmp_path: Path, size: tuple[int, int]) -> None:
    from dataclasses import replace

    from kiosk.config.loader import load_content
    from kiosk.runtime.theme_files import load_brand
    from kiosk.ui.slides.brand import BrandFrame

    theme = load_content(REPO).content.themes["rostock"].model
    look = replace(look_for(theme, 1.0), brand=load_brand(REPO / "content", theme.brand))
    made = SlideFactory(REPO / "content", SlideContext(look=look, language="de"))
    try:
        clock = {"type": "clock", "show": "datetime", "label": {"de": "Stadthafen"}}
        widget = shown(qtbot, made, clock, size)
        assert isinstance(widget, BrandFrame) and widget.mark is not None
        image = widget.grab().toImage()
        accent = QColor(theme.normal.accent)
        assert image.pixelColor(2, 2) == accent  # the band in the theme's accent colour
        mark = widget.mark.geometry()
        inked = sum(
            image.pixelColor(x, y) == QColor(theme.normal.accent_text)
            for x in range(mark.left(), mark.right(), 2)
            for y in range(mark.top(), mark.bottom(), 2)
        )
        assert inked > mark.width() * mark.height() // 4 // 8  # the mark drawn in accent_text
        names = [lab.text() for lab in widget.names]
        assert names == ["Hanse- und Universitätsstadt Rostock", "Smile City"]
        boxes = [widget.mark.geometry(), *(lab.geometry() for lab in widget.names)]
        clock_box = widget.clock.geometry()
        assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
        assert not any(b.intersects(clock_box) for b in boxes)  # beside (header) or above (column)
        for lab in widget.names:
            assert lab.heightForWidth(lab.width()) <= lab.height()  # not clipped
    finally:
        made.shutdown()


def test_an_opaque_brand_mark_is_left_out_not_drawn_as_a_square(qapp, tmp_path: Path, caplog) -> None:
    from PIL import Image

    from kiosk.config.models.theme import Brand
    from kiosk.runtime.theme_files import load_brand

    Image.new("RGB", (64, 64), (200, 30, 30)).save(tmp_path / "mark.png")
    brand = load_brand(tmp_path, Brand(frame=True, mark="mark.png", wordmark="Rostock"))
    assert brand is not None and brand.mark is None and brand.wordmark == "Rostock"
    assert "no transparency" in caplog.text


@pytest.mark.parametrize("fixed", [0.3, 0.85])
def test_the_editors_own_scrim_is_the_one_painted(qtbot, factory: SlideFactory, fixed: float) -> None:
    background = {"image": "images/hafen.png", "scrim": fixed}
    data = {"type": "text", "heading": TEXT, "body": BODY, "background": background}
    widget = shown(qtbot, factory, data, (1080, 1600))
    assert isinstance(widget, ComposedTextWidget) and widget.scrim is not None
    assert widget.scrim.alpha == fixed  # not the computed one (0.6 for this picture and box)
    scrim_rgb = widget.scrim.color
    ground = widget.grab().toImage()
    painted = rgb(ground, 4, widget.scrim_rect.center().y())
    picture = rgb(widget.picture, 4, widget.scrim_rect.center().y() - widget.picture_rect.top())
    expected = tuple(round(p * (1 - fixed) + s * fixed) for p, s in zip(picture, scrim_rgb, strict=True))
    assert all(abs(a - b) <= 3 for a, b in zip(painted, expected, strict=True)), (painted, expected)
