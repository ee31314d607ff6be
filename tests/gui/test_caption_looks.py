"""Captions of a page's video block in the session's look: the shipped Hanse Sail page's Stadthafen film
with its de/en WebVTT, in the normal theme, in high contrast and in large text; a long cue wraps to at
most three lines inside the picture's lower part and is never cut off."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication

from kiosk.config.loader import load_content
from kiosk.media.webvtt import Cue, CueTrack
from kiosk.runtime.pages import PageFactory
from kiosk.session.settings import Settings
from kiosk.ui.slides.picture import CUE_FLAGS, CUE_LINES, CUE_SHARE, VideoSlideWidget
from tests.conftest import REPO

DEVICE = "stadthafen-stele"
SIZE = (1080, 1920)
CONTENT = load_content(REPO).content
DEFAULTS = Settings.defaults(CONTENT.devices[DEVICE].model)
FIRST_CUE_MS = 1500  # "Der Stadthafen Rostock / Rostock's city harbour" (0.5–3.5 s)
LONG = (
    "Möwen kreisen über dem Stadthafen, eine kleine Fähre fährt vor dem Segelschiff hin und her, "
    "und das Wasser glitzert in der Sonne – Gulls circle over the city harbour and a small ferry "
    "moves back and forth in front of a tall ship while the water sparkles in the sun."
)


@pytest.fixture(scope="module")
def factory(qapp) -> Iterator[PageFactory]:
    made = PageFactory(CONTENT, DEVICE, SIZE, web=False)
    yield made
    made.shutdown()


def video_on_page(qtbot, factory: PageFactory, **settings: object) -> VideoSlideWidget:
    screen = factory.build("hanse-sail", replace(DEFAULTS, **settings))  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    (video,) = [w for w in screen.live if isinstance(w, VideoSlideWidget)]
    qtbot.waitUntil(lambda: video.frames > 0, timeout=20_000)
    screen.ensure_visible(video)
    video.set_position(FIRST_CUE_MS)  # the call the player's position signal makes; pins the cue
    QApplication.processEvents()
    return video


def colour_share(image: QImage, colour: str, rect: tuple[int, int, int, int]) -> float:
    want, hits, total = QColor(colour), 0, 0
    x0, y0, x1, y1 = rect
    for y in range(y0, y1, 3):
        for x in range(x0, x1, 3):
            got = QColor.fromRgb(image.pixel(x, y))
            hits += max(abs(got.red() - want.red()), abs(got.green() - want.green()),
                        abs(got.blue() - want.blue())) <= 12  # fmt: skip
            total += 1
    return hits / max(1, total)


def band_of(video: VideoSlideWidget) -> tuple[int, int, int, int]:
    _, box = video.cue_layout()
    pad = video.cue_pad()
    band = box.adjusted(-pad, -pad // 2, pad, pad // 2)
    return band.left(), band.top(), band.right(), band.bottom()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_cue_is_drawn_in_the_sessions_palette(qtbot, factory: PageFactory, high_contrast: bool) -> None:
    video = video_on_page(qtbot, factory, high_contrast=high_contrast)
    assert video.cue_text == "Der Stadthafen Rostock\nRostock's city harbour"
    palette = factory.look(replace(DEFAULTS, high_contrast=high_contrast)).palette
    image = video.grab().toImage()
    band = band_of(video)
    background = colour_share(image, palette.background, band)
    letters = colour_share(image, palette.text, band)
    print(f"high contrast {high_contrast}: band {palette.background} {background:.0%}, "
          f"letters {palette.text} {letters:.0%}")  # fmt: skip
    assert background > 0.6 and letters > 0.05, (background, letters)
    frame = video.frame_rect()
    assert band[3] <= frame.bottom() and band[1] >= frame.bottom() - frame.height() * CUE_SHARE


def test_large_text_makes_the_caption_larger(qtbot, factory: PageFactory) -> None:
    normal = video_on_page(qtbot, factory).cue_layout()[0].pixelSize()
    large = video_on_page(qtbot, factory, large_text=True).cue_layout()[0].pixelSize()
    print(f"caption text {normal} px, {large} px in large text")
    assert large >= normal * 1.3, (normal, large)


@pytest.mark.parametrize("large_text", [False, True])
def test_a_long_cue_wraps_to_three_lines_inside_the_picture(
    qtbot, factory: PageFactory, large_text: bool
) -> None:
    video = video_on_page(qtbot, factory, large_text=large_text)
    video.set_captions(CueTrack([Cue(0, 60_000, LONG)]))
    video.set_position(1000)
    font, box = video.cue_layout()
    metrics = QFontMetrics(font)
    lines = round(metrics.boundingRect(box, CUE_FLAGS, video.cue_text).height() / metrics.lineSpacing())
    frame = video.frame_rect()
    print(f"long cue: {lines} lines at {font.pixelSize()} px in a {frame.width()}×{frame.height()} picture")
    assert lines <= CUE_LINES
    assert frame.contains(box), (frame, box)  # nothing cut off at an edge
    assert box.top() >= frame.bottom() - frame.height() * CUE_SHARE
    # the drawn letters stay inside the band: no text colour left or right of it on the cue's rows
    image = video.grab().toImage()
    text = factory.look(replace(DEFAULTS, large_text=large_text)).palette.text
    left, top, right, bottom = band_of(video)
    assert colour_share(image, text, (frame.left(), top, max(frame.left() + 1, left - 2), bottom)) == 0
    assert colour_share(image, text, (right + 2, top, frame.right(), bottom)) == 0


def test_stop_moving_content_holds_a_page_video_with_its_caption(qtbot, factory: PageFactory) -> None:
    """The panel's "stop moving content" (WCAG 2.2.2): a page built with it holds its video at the first
    frame; switched on an open page (``SessionWeb.apply_motion``, what the session calls) the video
    stops where it is and goes on from there when it is switched off."""
    from kiosk.runtime.session_web import SessionWeb

    held = video_on_page(qtbot, factory, motion_paused=True)
    player = held.playback.player  # type: ignore[attr-defined]
    qtbot.wait(1000)
    assert player.position() < 200, player.position()

    video = video_on_page(qtbot, factory)
    qtbot.waitUntil(lambda: player_of(video).position() > 600, timeout=10_000)
    screen = video.parent()
    while screen is not None and not hasattr(screen, "hold_motion"):
        screen = screen.parent()
    SessionWeb.apply_motion(screen, True)  # type: ignore[arg-type]
    stopped = player_of(video).position()
    qtbot.wait(800)
    assert abs(player_of(video).position() - stopped) < 150, (stopped, player_of(video).position())
    assert video.cue_text  # the caption of that moment stays
    SessionWeb.apply_motion(screen, False)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: player_of(video).position() > stopped + 400, timeout=10_000)


def player_of(video: VideoSlideWidget):  # type: ignore[no-untyped-def]
    return video.playback.player  # type: ignore[attr-defined]
