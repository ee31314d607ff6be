"""Gap-free switching: frames sampled during crossfades and slides between an image, a web page and a
video never show a blank (one-colour) frame."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from PySide6.QtCore import QElapsedTimer
from PySide6.QtGui import QColor, QImage

from kiosk.config.models.slides import Slide, SlideBase
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.theme import look_for
from kiosk.ui.zone import ZoneWidget
from tests.conftest import REPO
from tests.gui.helpers import colour_stats, serve_page

SIZE = (480, 320)
ALT = {"de": "Alt", "en": "Alt", "ls": "Alt"}


def model(data: dict[str, object]) -> SlideBase:
    return TypeAdapter(Slide).validate_python(data)  # type: ignore[no-any-return]


def is_blank(image: QImage) -> bool:
    colours, top = colour_stats(image, step=6)
    return colours < 5 or top > 0.95


@pytest.fixture
def setup(qtbot, tmp_path: Path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "videos").mkdir()
    shutil.copy(REPO / "content/images/stadthafen.png", content / "images/hafen.png")
    shutil.copy(REPO / "content/videos/hafen-loop.mp4", content / "videos/loop.mp4")
    look = look_for(None, 0.5)
    factory = SlideFactory(content, SlideContext(look=look, allowlist=("127.0.0.1",)))
    zone = ZoneWidget("main", look, None)
    zone.resize(*SIZE)
    qtbot.addWidget(zone)
    zone.show()
    qtbot.waitExposed(zone)
    yield factory, zone
    factory.shutdown()


def prepare(qtbot, factory: SlideFactory, zone: ZoneWidget, slide: SlideBase) -> SlideWidget:
    widget = factory.make(slide, SIZE)
    zone.stage(widget)
    qtbot.waitUntil(lambda: widget.state != "preparing", timeout=15_000)
    assert widget.state == "ready"
    return widget


def switch_and_sample(qtbot, zone: ZoneWidget, widget: SlideWidget, kind: str) -> list[QImage]:
    zone.present(widget, kind)
    assert zone.transition is not None  # a real animated transition runs
    frames = []
    clock = QElapsedTimer()
    clock.start()
    while zone.transition is not None and clock.elapsed() < 3000:
        frames.append(zone.grab().toImage())
        qtbot.wait(15)  # deliberately real time: a frame sample every 15 ms during the animation
    frames.append(zone.grab().toImage())
    return frames


@pytest.mark.parametrize("kind", ["crossfade", "slide"])
def test_no_blank_frame_between_image_web_and_video(qtbot, setup, tmp_path: Path, kind: str) -> None:
    factory, zone = setup
    image = prepare(qtbot, factory, zone, model({"type": "image", "image": "images/hafen.png", "alt": ALT}))
    zone.present(image, "cut")
    with PlatformSim() as sim:
        web = prepare(qtbot, factory, zone, model({"type": "web", "url": serve_page(sim), "alt": ALT}))
        frames = switch_and_sample(qtbot, zone, web, kind)
        video = prepare(
            qtbot, factory, zone, model({"type": "video", "video": "videos/loop.mp4", "alt": ALT})
        )
        frames += switch_and_sample(qtbot, zone, video, kind)
        frames += switch_and_sample(
            qtbot,
            zone,
            prepare(qtbot, factory, zone, model({"type": "image", "image": "images/hafen.png", "alt": ALT})),
            kind,
        )
    assert len(frames) >= 12  # the animation really was sampled in between
    blank = [i for i, frame in enumerate(frames) if is_blank(frame)]
    assert not blank, f"blank frames at {blank} of {len(frames)}"


def test_unprepared_white_frame_would_be_caught(qtbot) -> None:
    white = QImage(*SIZE, QImage.Format.Format_RGB32)
    white.fill(0xFFFFFFFF)
    assert is_blank(white)  # the check can fail


def test_crossfade_of_still_slides_blends_without_repainting_them(qtbot, setup) -> None:
    """Between two text slides the fade blends two still pictures: a frame halfway shows a mix of both
    backgrounds, and the live new slide is painted a handful of times, not once per frame."""
    factory, zone = setup
    red = prepare(qtbot, factory, zone, model({"type": "text", "body": ALT, "background": "#c00000"}))
    zone.present(red, "cut")
    qtbot.wait(50)
    blue = prepare(qtbot, factory, zone, model({"type": "text", "body": ALT, "background": "#0000c0"}))
    paints = []
    blue.paintEvent = lambda event, original=blue.paintEvent: (paints.append(1), original(event))[1]
    frames = switch_and_sample(qtbot, zone, blue, "crossfade")
    corner = [QColor(frame.pixel(2, 2)) for frame in frames]
    mixed = [c for c in corner if c.red() > 40 and c.blue() > 40]
    assert mixed, [c.name() for c in corner]  # a real blend, not a cut
    assert corner[-1].name() == "#0000c0"
    assert len(frames) >= 10 and len(paints) <= 3, (len(frames), len(paints))
