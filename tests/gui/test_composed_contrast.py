"""Composed slides in high contrast: the text stands on the palette's plain background, and the pixels
of the render reach the high-contrast ratio (7:1, as the theme's high-contrast text pairs)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.config.loader import load_content
from kiosk.media.cache import ImageCache
from kiosk.media.scrim import parse_hex, ratio
from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.slides.composed import ComposedTextWidget
from kiosk.ui.theme import look_for
from tests.conftest import REPO
from tests.gui.test_composed import BODY, HOSTS, TEXT, label_box, rgb, shown

SLIDES = {
    "gradient": {"background": {"gradient": ["accent", "#001020"]}},
    "picture": {"background": {"image": "images/hafen.png"}},
    "fixed scrim": {"background": {"image": "images/hafen.png", "scrim": 0.3}},
    "colour": {"background": "#5a1e00"},
}


@pytest.fixture
def factory(qtbot, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[SlideFactory]:
    HOSTS.clear()
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    shutil.copy(REPO / "content/images/stadthafen.png", content / "images/hafen.png")
    theme = load_content(REPO).content.themes["rostock"].model
    made = SlideFactory(content, SlideContext(look=look_for(theme, 1.0, high_contrast=request.param)))
    made.assets.cache = ImageCache(tmp_path / "cache")
    yield made
    made.shutdown()
    HOSTS.clear()


@pytest.mark.parametrize("factory", [True], indirect=True, ids=["high contrast"])
@pytest.mark.parametrize("name", SLIDES)
def test_high_contrast_text_reaches_7_to_1_on_the_rendered_pixels(
    qtbot, factory: SlideFactory, name: str
) -> None:
    palette = factory.ctx.look.palette
    data = {"type": "text", "heading": TEXT, "body": BODY, **SLIDES[name]}
    widget = shown(qtbot, factory, data, (1080, 1600))
    labels = [lab for lab in (widget.heading, widget.body) if lab is not None]
    if isinstance(widget, ComposedTextWidget):
        assert widget.picture is None  # nothing photographed or graded behind the text
    for lab in labels:
        lab.hide()
    ground = widget.grab().toImage()
    for lab in labels:
        lab.show()
    QApplication.processEvents()
    drawn = widget.grab().toImage()
    plain = parse_hex(palette.background)
    everywhere = {rgb(ground, x, y) for x in range(0, 1080, 27) for y in range(0, 1600, 40)}
    assert everywhere == {plain}, f"{name}: the ground is not the plain high-contrast background"
    left, top, right, bottom = label_box(widget)  # type: ignore[arg-type]  # any text slide has both
    inked = [rgb(drawn, x, y) for x in range(left, right, 2) for y in range(top, bottom, 2)]
    text = max(inked, key=lambda c: ratio(c, plain))  # a glyph's core: the text colour as drawn
    assert text == parse_hex(palette.text)
    assert ratio(text, plain) >= 7.0
    assert sum(c == text for c in inked) > 200  # real glyphs, not one stray pixel


@pytest.mark.parametrize("factory", [False], indirect=True, ids=["normal"])
def test_the_normal_look_keeps_its_gradient(qtbot, factory: SlideFactory) -> None:
    data = {"type": "text", "heading": TEXT, "body": BODY, **SLIDES["gradient"]}
    widget = shown(qtbot, factory, data, (640, 800))
    image = widget.grab().toImage()
    top, bottom = rgb(image, 2, 1), rgb(image, 2, 798)
    assert (
        ratio(top, parse_hex(factory.ctx.look.palette.accent)) < 1.1 and ratio(bottom, (0, 0x10, 0x20)) < 1.1
    )
