"""Every slide type on screen: pixels of a screenshot of a real zone-sized widget."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk.config.models.slides import SlideBase
from kiosk.runtime.prepare import SlideFactory
from kiosk.ui.slides.base import SlideContext, SlideWidget
from kiosk.ui.theme import look_for
from tests.conftest import REPO
from tests.gui.helpers import REQUESTS, colour_stats, web_server

SIZE = (640, 400)
AT = datetime(2026, 12, 24, 17, 5, tzinfo=ZoneInfo("Europe/Berlin"))


def slide(data: dict[str, object]) -> SlideBase:
    from pydantic import TypeAdapter

    from kiosk.config.models.slides import Slide

    return TypeAdapter(Slide).validate_python(data)  # type: ignore[no-any-return]


TEXT = {"de": "Hallo Rostock", "en": "Hello Rostock", "ls": "Hallo"}


@pytest.fixture
def factory(qtbot, tmp_path: Path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "videos").mkdir()
    shutil.copy(REPO / "content/images/stadthafen.png", content / "images/hafen.png")
    shutil.copy(REPO / "content/videos/hafen-loop.mp4", content / "videos/loop.mp4")
    ctx = SlideContext(look=look_for(None, 0.5), language="de", now=lambda: AT, allowlist=("127.0.0.1",))
    made = SlideFactory(content, ctx)
    yield made
    made.shutdown()


def shown(qtbot, factory: SlideFactory, model: SlideBase) -> tuple[QWidget, SlideWidget]:
    host = QWidget()
    host.resize(*SIZE)
    qtbot.addWidget(host)
    widget = factory.make(model, SIZE)
    widget.setParent(host)
    widget.setGeometry(0, 0, *SIZE)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: widget.state != "preparing", timeout=15_000)
    assert widget.state == "ready"
    widget.start()
    qtbot.wait(50)
    return host, widget


def test_text(qtbot, factory: SlideFactory) -> None:
    host, _ = shown(qtbot, factory, slide({"type": "text", "heading": TEXT, "body": TEXT}))
    image = host.grab().toImage()
    assert image.pixelColor(2, 2) == QColor("#003d7c")  # theme background
    white = sum(
        image.pixelColor(x, y) == QColor("#ffffff")
        for x in range(0, SIZE[0], 2)
        for y in range(0, SIZE[1], 2)
    )
    assert white > 300  # heading and body drawn in the theme's text colour


def test_image_with_caption(qtbot, factory: SlideFactory) -> None:
    model = slide(
        {"type": "image", "image": "images/hafen.png", "alt": TEXT, "caption": TEXT, "fit": "cover"}
    )
    host, _ = shown(qtbot, factory, model)
    image = host.grab().toImage()
    colours, _ = colour_stats(image)
    assert colours > 50  # a real picture
    sky = image.pixelColor(320, 10)
    assert sky.blue() > sky.red() + 40  # the drawn sky is blue
    assert image.pixelColor(4, SIZE[1] - 4).lightness() < 90  # the caption band is dark


def test_web_page_is_painted_before_ready(qtbot, factory: SlideFactory, tmp_path: Path) -> None:
    with web_server(tmp_path) as base:
        host, _ = shown(qtbot, factory, slide({"type": "web", "url": f"{base}/seite.html", "alt": TEXT}))
        image = host.grab().toImage()
    assert image.pixelColor(5, 5) == QColor("#c0392b")
    assert any(image.pixelColor(x, 150) == QColor("#f1c40f") for x in range(0, SIZE[0], 10))


def test_web_profile_is_off_the_record_and_blocks_other_hosts(
    qtbot, factory: SlideFactory, tmp_path: Path
) -> None:
    assert factory.profile.isOffTheRecord()
    REQUESTS.clear()
    with web_server(tmp_path) as base:
        port = base.rsplit(":", 1)[1]
        (tmp_path / "mixed.html").write_text(
            f'<body style="background:#c0392b"><img src="http://localhost:{port}/tracker.png">'
            f'<img src="{base}/allowed.png"></body>'
        )
        shown(qtbot, factory, slide({"type": "web", "url": f"{base}/mixed.html", "alt": TEXT}))
        qtbot.wait(300)
    assert "/allowed.png" in REQUESTS  # same allowlisted host: fetched
    assert "/tracker.png" not in REQUESTS  # 'localhost' is not on the allowlist: never requested


def test_web_page_off_the_allowlist_fails(qtbot, factory: SlideFactory) -> None:
    widget = factory.make(slide({"type": "web", "url": "https://www.example.org/", "alt": TEXT}), SIZE)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.state == "failed", timeout=5000)


def test_unreachable_page_fails_soft(qtbot, factory: SlideFactory) -> None:
    widget = factory.make(slide({"type": "web", "url": "http://127.0.0.1:9/nothing", "alt": TEXT}), SIZE)
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitUntil(lambda: widget.state == "failed", timeout=15_000)


def test_video_first_frame(qtbot, factory: SlideFactory) -> None:
    host, widget = shown(qtbot, factory, slide({"type": "video", "video": "videos/loop.mp4", "alt": TEXT}))
    image = host.grab().toImage()
    colours, _ = colour_stats(image)
    assert colours > 30  # decoded video pixels, not a blank widget
    frames = widget.frames  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: widget.frames > frames + 3, timeout=5000)  # type: ignore[attr-defined]
    widget.stop()


def test_broken_video_fails(qtbot, factory: SlideFactory) -> None:
    (factory.content_dir / "videos/kaputt.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not a video")
    widget = factory.make(slide({"type": "video", "video": "videos/kaputt.mp4", "alt": TEXT}), SIZE)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.state == "failed", timeout=10_000)


def test_clock_shows_device_time(qtbot, factory: SlideFactory) -> None:
    host, widget = shown(qtbot, factory, slide({"type": "clock", "label": TEXT}))
    assert "17:05" in widget.accessibleName()
    assert "Dezember" in widget.accessibleName()
    colours, _ = colour_stats(host.grab().toImage(), step=2)
    assert colours >= 10  # anti-aliased digits, not an empty zone


def test_qr_code_has_finder_patterns(qtbot, factory: SlideFactory) -> None:
    host, widget = shown(
        qtbot, factory, slide({"type": "qr", "url": "https://www.rostock.de/", "caption": TEXT})
    )
    rect = widget.code_rect()  # type: ignore[attr-defined]
    module = rect.width() / widget.matrix.size  # type: ignore[attr-defined]
    image = host.grab().toImage()

    def at(col: float, row: float) -> QColor:
        return image.pixelColor(QPoint(round(rect.x() + col * module), round(rect.y() + row * module)))

    # quiet zone of 4 modules, then the 7×7 finder: dark ring, light ring, dark 3×3 centre
    assert at(2, 2).lightness() > 200
    assert at(4.5, 4.5).lightness() < 60
    assert at(5.5, 5.5).lightness() > 200
    assert at(7.5, 7.5).lightness() < 60


def test_ticker_scrolls(qtbot, factory: SlideFactory) -> None:
    host, widget = shown(qtbot, factory, slide({"type": "ticker", "items": [TEXT, TEXT]}))
    before = widget.pos_x  # type: ignore[attr-defined]
    qtbot.wait(300)
    assert widget.pos_x < before  # type: ignore[attr-defined]
    widget.set_paused(True)  # type: ignore[attr-defined]
    paused_at = widget.pos_x  # type: ignore[attr-defined]
    qtbot.wait(200)
    assert widget.pos_x == paused_at  # type: ignore[attr-defined]
    colours, _ = colour_stats(host.grab().toImage(), step=2)
    assert colours >= 10  # anti-aliased text on the accent band


def test_data_widget_unavailable_then_live(qtbot, factory: SlideFactory) -> None:
    from kiosk.data.present import present
    from kiosk.data.records import ParkingRecord
    from kiosk.data.state import DataState

    model = slide({"type": "data", "widget": "parking", "source": "x"})
    host, widget = shown(qtbot, factory, model)
    assert "Derzeit nicht verfügbar" in widget.accessibleName()  # no data yet: said so, no numbers
    before = host.grab().toImage()
    state = DataState(
        "x",
        (ParkingRecord("a", "Parkhaus Am Stadthafen", 400, 12),),
        AT,
        "live",
        stale_after=timedelta(hours=1),
    )
    widget.set_table(present("parking", state, "de", AT, ZoneInfo("Europe/Berlin")))  # type: ignore[attr-defined]
    qtbot.wait(50)
    name = widget.accessibleName()
    assert "Parkhaus Am Stadthafen, 12 frei" in name and "Stand 17:05" in name
    after = host.grab().toImage()
    assert after != before  # the new rows are painted
    colours, _ = colour_stats(after, step=2)
    assert colours >= 10
