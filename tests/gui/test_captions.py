"""Captions over a playing video: the cue of a WebVTT file is on screen exactly during its time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.slides.picture import VideoSlideWidget
from kiosk.ui.theme import FALLBACK, look_for
from tests.gui.mjpeg_avi import write_flat_video
from tests.gui.test_slide_types import AT, TEXT, slide

SIZE = (640, 400)
GREEN = "#20a040"
VTT = """WEBVTT - Stadthafen

NOTE the cue comes after a second of silence

1
00:00:01.000 --> 00:00:02.000 line:90% align:center
<v Sprecherin>Willkommen im <b>Stadthafen</b> &amp; Hafen
"""


def near(rgb: int, colour: str, tolerance: int = 24) -> bool:
    want = QColor(colour)
    got = QColor.fromRgb(rgb)
    return (
        max(abs(got.red() - want.red()), abs(got.green() - want.green()), abs(got.blue() - want.blue()))
        <= tolerance
    )


def caption_pixels(image: QImage, top: int) -> tuple[int, int]:
    """(pixels of the theme's background, pixels of its text colour) below row ``top``."""
    scrim = text = 0
    for y in range(top, image.height(), 2):
        for x in range(0, image.width(), 2):
            rgb = image.pixel(x, y)
            scrim += near(rgb, FALLBACK.background)
            text += near(rgb, FALLBACK.text, 60)
    return scrim, text


@pytest.fixture
def captioned(qtbot, tmp_path: Path):
    content = tmp_path / "content"
    (content / "videos").mkdir(parents=True)
    write_flat_video(content / "videos/flat.avi", GREEN, 3.0, size=(320, 200))  # same aspect: no bands
    (content / "videos/flat.vtt").write_text(VTT, encoding="utf-8")
    ctx = SlideContext(look=look_for(None, 0.5), language="de", now=lambda: AT, allowlist=())
    factory = SlideFactory(content, ctx)
    host = QWidget()
    host.resize(*SIZE)
    qtbot.addWidget(host)
    model = slide(
        {
            "type": "video",
            "video": "videos/flat.avi",
            "captions": "videos/flat.vtt",
            "alt": TEXT,
            "play": "loop",
        }
    )
    widget = factory.make(model, SIZE)
    widget.setParent(host)
    widget.setGeometry(0, 0, *SIZE)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: widget.state != "preparing", timeout=15_000)
    assert widget.state == "ready"
    yield host, widget
    widget.stop()
    factory.shutdown()


def test_cue_is_shown_during_its_second_only(qtbot, captioned: tuple[QWidget, VideoSlideWidget]) -> None:
    host, widget = captioned
    player = widget.playback.player  # type: ignore[attr-defined]
    widget.start()
    samples: dict[str, tuple[int, int, int]] = {}

    def sample(name: str, low: int, high: int) -> None:
        """Grab while the position is inside [low, high]; a loaded machine may miss the window on one
        pass of the looping video, so try again on the next pass."""
        for _ in range(5):
            qtbot.waitUntil(lambda: low <= player.position() <= high - 150, timeout=10_000)
            QApplication.processEvents()
            before = player.position()
            image = host.grab().toImage()
            after = player.position()
            if low <= before <= after <= high:
                scrim, text = caption_pixels(image, image.height() // 2)
                samples[name] = (before, scrim, text)
                return
        raise AssertionError(f"{name}: never sampled inside {low}–{high} ms")

    sample("before", 300, 900)
    sample("during", 1300, 1800)
    sample("after", 2300, 3000)
    _, scrim, text = samples["before"]
    assert scrim == 0 and text == 0, samples
    _, scrim, text = samples["during"]
    assert scrim > 500 and text > 50, samples  # a band of theme background with white letters on it
    _, scrim, text = samples["after"]
    assert scrim == 0 and text == 0, samples


def test_cue_text_is_plain_and_in_the_lower_part(qtbot, captioned: tuple[QWidget, VideoSlideWidget]) -> None:
    host, widget = captioned
    widget.set_position(1500)  # the same call the player's positionChanged makes
    assert widget.cue_text == "Willkommen im Stadthafen & Hafen"
    image = host.grab().toImage()
    assert caption_pixels(image, 0) == caption_pixels(image, image.height() * 2 // 3)  # nothing above
    assert caption_pixels(image, 0)[0] > 500


def test_broken_captions_cost_the_captions_not_the_video(qtbot, tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "videos").mkdir(parents=True)
    write_flat_video(content / "videos/flat.avi", GREEN, 1.0, size=(320, 200))
    (content / "videos/flat.vtt").write_text(
        "SRT\n\n1\n00:00:01,000 --> 00:00:02,000\nHallo\n", encoding="utf-8"
    )
    ctx = SlideContext(look=look_for(None, 0.5), language="de", now=lambda: AT, allowlist=())
    factory = SlideFactory(content, ctx)
    model = slide({"type": "video", "video": "videos/flat.avi", "captions": "videos/flat.vtt", "alt": TEXT})
    widget = factory.make(model, SIZE)
    qtbot.addWidget(widget)
    assert isinstance(widget, VideoSlideWidget) and widget.cues is None
    qtbot.waitUntil(lambda: widget.state != "preparing", timeout=15_000)
    assert widget.state == "ready"
    factory.shutdown()
