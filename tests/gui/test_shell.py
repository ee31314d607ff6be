"""The device window: zones at the right place, real pixels of text and pictures, fail-soft."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QColor, QImage

from kiosk.config.loader import load_content
from kiosk.runtime.shell import Shell
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.basic import NoticeSlideWidget, TextSlideWidget, TickerSlideWidget
from kiosk.ui.slides.picture import ImageSlideWidget
from kiosk.ui.zone import StandbyWidget
from tests.gui.shell_kit import open_shell

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN)  # minipack 'tag' plays mon-fri 07-18


def make_shell(qtbot, root: Path, at: datetime = MONDAY_NOON) -> Shell:
    content = load_content(root).content
    data = root.parent / "data"  # beside the pack, in the test's own folder
    shell = open_shell(qtbot, content, "stele", FixedClock(at), data, (540, 960))
    qtbot.waitUntil(shell.player.settled, timeout=10_000)
    return shell


def grab(shell: Shell) -> QImage:
    return shell.window.grab().toImage()


def test_zones_are_scaled_from_the_reference_canvas(qtbot, minipack: Path) -> None:
    shell = make_shell(qtbot, minipack)
    nominal = shell.window.zone_rects()
    assert nominal["main"].getRect() == (0, 0, 540, 860)
    assert nominal["band"].getRect() == (0, 860, 540, 100)
    main, band = shell.window.zones["main"], shell.window.zones["band"]
    assert (band.x(), band.y(), band.width(), band.height()) == (0, 860, 540, 100)
    # the touch terminal's attract bar lies at the foot of the main zone, which ends above it
    attract = shell.interaction.attract if shell.interaction is not None else None
    assert attract is not None and attract.isVisible()
    assert (main.x(), main.y(), main.width(), main.height()) == (0, 0, 540, attract.y())
    assert attract.geometry().bottom() == 859
    attract.hide()  # (closed, or a session on top): the zone has its whole height back
    assert (main.x(), main.y(), main.width(), main.height()) == (0, 0, 540, 860)
    shell.stop()


def test_picture_pixels_reach_the_screen(qtbot, minipack: Path) -> None:
    shell = make_shell(qtbot, minipack)
    widget = shell.window.zones["main"].current
    assert isinstance(widget, ImageSlideWidget)
    assert shell.interaction is not None
    # the touch terminal's attract bar has its own strip: the picture fills the zone above it, whole
    zone = shell.window.zones["main"]
    assert zone.geometry().bottom() < shell.interaction.attract.geometry().top()
    image = grab(shell)
    # the drawn harbour: sky #1d6fb8 at the top, dark water low in the zone, the white boat between
    assert image.pixelColor(270, 100) == QColor("#1d6fb8")
    assert image.pixelColor(20, zone.height() - 40) == QColor("#0b3d6e")
    assert image.pixelColor(270, round(zone.height() * 0.756)) == QColor("#ffffff")
    shell.stop()


def test_ticker_draws_text_on_the_accent_colour(qtbot, minipack: Path) -> None:
    shell = make_shell(qtbot, minipack)
    ticker = shell.window.zones["band"].current
    assert isinstance(ticker, TickerSlideWidget)

    def band_row() -> list[str]:
        image = grab(shell)
        return [image.pixelColor(x, 910).name() for x in range(0, 540, 2)]

    qtbot.waitUntil(lambda: any(c != "#ffffff" for c in band_row()), timeout=5_000)  # the text scrolled in
    row = band_row()
    assert row.count("#ffffff") > 100  # theme accent is white
    assert any(c != "#ffffff" for c in row)  # and text is on it
    shell.stop()


def test_a_picture_holds_the_ticker_where_it_starts_and_a_running_kiosk_scrolls_it(
    qtbot, minipack: Path
) -> None:
    """A preview (animate=False) is the same picture at any machine load; a kiosk's ticker moves."""
    content = load_content(minipack).content
    for animate, moves in ((False, False), (True, True)):
        data = minipack.parent / f"data-{animate}"
        clock = FixedClock(MONDAY_NOON)
        shell = open_shell(qtbot, content, "stele", clock, data, (540, 960), animate=animate)
        qtbot.waitUntil(shell.player.settled, timeout=10_000)
        ticker = shell.window.zones["band"].current
        assert isinstance(ticker, TickerSlideWidget)
        start = ticker.pos_x
        qtbot.wait(400)  # twelve frames of a running ticker
        assert (ticker.pos_x != start) is moves, f"animate={animate}: {start} -> {ticker.pos_x}"
        shell.stop()


def test_corrupt_picture_is_skipped_and_never_blank(qtbot, minipack: Path) -> None:
    (minipack / "content/images/hafen.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not a picture")
    shell = make_shell(qtbot, minipack)
    widget = shell.window.zones["main"].current
    assert isinstance(widget, NoticeSlideWidget)  # nothing played before: its text alternative shows
    assert "hafen" in shell.player.failed
    image = grab(shell)
    colours = {image.pixelColor(x, y).name() for x in range(0, 540, 3) for y in range(0, 860, 3)}
    assert "#003d7c" in colours and "#ffffff" in colours  # alt text in white on the theme background
    shell.stop()


def test_text_slide_and_standby(qtbot, minipack: Path) -> None:
    (minipack / "content/playlists/tag.yaml").write_text("name: Tag\nitems: [willkommen]\n")
    (minipack / "device-config/stele.yaml").write_text(
        "name: S\nrole: hall-display\nlayout: hoch\nzones:\n  main: {playlists: [tag]}\n"
    )
    shell = make_shell(qtbot, minipack)
    assert isinstance(shell.window.zones["main"].current, TextSlideWidget)
    assert isinstance(shell.window.zones["band"].current, StandbyWidget)
    image = grab(shell)
    rows = [
        y
        for y in range(0, 860, 4)
        if any(image.pixelColor(x, y).name() == "#ffffff" for x in range(0, 540, 2))
    ]
    assert len(rows) > 10  # heading and body drawn in white
    band = {image.pixelColor(x, y).name() for x in range(0, 540, 3) for y in range(870, 955, 3)}
    assert len(band) > 2  # standby: city name and clock, not a blank zone
    shell.stop()
