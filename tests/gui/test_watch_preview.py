"""``kiosk preview --watch`` in process: the editor's words, the strip of problems, the zones a slide
is drawn in, and a broken save that keeps the last good picture (real files, real loader, real PNGs)."""

from __future__ import annotations

import contextlib
import io
from datetime import datetime
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.config.issues import Issue
from kiosk.config.loader import load_content
from kiosk.runtime.watch import WatchPreview, WatchRequest, only_slide, slide_zones
from kiosk.runtime.watch_view import problem_lines, status_line, with_strip

WHEN = datetime(2026, 11, 23, 19, 12, 3)
WARNING = Issue("warning", "content/slides/a.yaml", 4, 3, "title.en", "text missing")
ERROR = Issue("error", "content/slides/b.yaml", 2, 1, "fit", "not allowed", hint="did you mean 'cover'?")


def test_status_line_in_german_by_default_and_in_english() -> None:
    assert (
        status_line("redrawn", WHEN, [WARNING, WARNING], "de")
        == "neu gezeichnet 19:12:03, 0 Fehler, 2 Warnungen"
    )
    assert (
        status_line("redrawn", WHEN, [ERROR, WARNING], "de") == "neu gezeichnet 19:12:03, 1 Fehler, 1 Warnung"
    )
    assert (
        status_line("redrawn", WHEN, [ERROR, ERROR, WARNING], "en") == "redrawn 19:12:03, 2 errors, 1 warning"
    )
    assert status_line("kept", WHEN, [ERROR], "de").startswith(
        "Fehler beim Lesen 19:12:03: 1 Fehler, 0 Warnungen"
    )


def test_problems_errors_first_with_file_line_and_hint_on_one_line() -> None:
    assert problem_lines([WARNING, ERROR], "en") == [
        "content/slides/b.yaml:2:1: error: fit: not allowed — hint: did you mean 'cover'?",
        "content/slides/a.yaml:4:3: warning: title.en: text missing",
    ]
    german = "content/slides/b.yaml:2:1: Fehler: fit: not allowed — Tipp: meinten Sie „cover“?"
    assert problem_lines([WARNING, ERROR])[0] == german


def test_strip_goes_below_a_wide_picture_and_beside_a_tall_one() -> None:
    wide, tall = QImage(800, 450, QImage.Format.Format_RGB32), QImage(450, 800, QImage.Format.Format_RGB32)
    wide.fill(QColor(0, 200, 0))
    tall.fill(QColor(0, 200, 0))
    below = with_strip(wide, "neu gezeichnet", ["<b>x</b>: error: y"], "de")
    beside = with_strip(tall, "neu gezeichnet", [], "de")
    assert below.width() == 800 and below.height() > 450
    assert beside.height() == 800 and beside.width() > 450
    assert below.pixelColor(10, 10) == QColor(0, 200, 0)  # the picture itself is untouched
    strip = {below.pixelColor(x, y).rgb() for x in range(0, 800, 2) for y in range(455, below.height(), 2)}
    assert len(strip) > 2  # text was drawn in it


def test_a_slide_is_drawn_in_the_zones_whose_playlists_list_it(shipped_copy: Path) -> None:
    content = load_content(shipped_copy).content
    assert slide_zones(content, "sporthalle-schmarl", "halle-willkommen") == ["inhalt"]
    (shipped_copy / "content/slides/neu.yaml").write_text(
        "type: text\ntitle: {de: Neu, en: New, ls: Neu}\nbody: {de: Text, en: Text, ls: Text}\n",
        encoding="utf-8",
    )
    content = load_content(shipped_copy).content
    every = slide_zones(content, "sporthalle-schmarl", "neu")
    assert every == ["inhalt", "seite", "laufband"]  # in no playlist yet: every zone of the layout
    shown = only_slide(content, "sporthalle-schmarl", "neu", every)
    device = shown.devices["sporthalle-schmarl"].model
    assert set(device.zones) == set(every)
    assert all(
        zone.default and shown.playlists[zone.default].model.items[0].slide == "neu"
        for zone in device.zones.values()
    )
    assert "vorschau-folie" not in content.playlists  # the copy only; the editor's content is unchanged


def test_a_broken_save_keeps_the_last_good_picture(shipped_copy: Path, tmp_path: Path, qtbot: QtBot) -> None:
    out = tmp_path / "vorschau.png"
    request = WatchRequest(
        shipped_copy, "sporthalle-schmarl", datetime(2026, 11, 23, 10, 0, 30), out, (480, 270)
    )
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        preview = WatchPreview(request, load_content(shipped_copy))
        try:
            qtbot.waitUntil(lambda: out.exists(), timeout=20_000)
            good = Image.open(out).convert("RGB")
            slide = shipped_copy / "content/slides/halle-durchsage.yaml"
            slide.write_text(slide.read_text(encoding="utf-8") + "fit: [\n", encoding="utf-8")
            broken = load_content(shipped_copy)
            written = out.stat().st_mtime_ns
            preview._rejected(broken)  # what the watcher hands over after a broken save
            qtbot.waitUntil(lambda: out.stat().st_mtime_ns != written, timeout=5_000)
        finally:
            preview.stop()
    kept = Image.open(out).convert("RGB")
    assert kept.crop((0, 0, 480, 270)).tobytes() == good.crop((0, 0, 480, 270)).tobytes()
    assert kept.crop((0, 270, 480, kept.height)).tobytes() != good.crop((0, 270, 480, good.height)).tobytes()
    text = printed.getvalue()
    assert "neu gezeichnet" in text and "Fehler beim Lesen" in text
    assert "content/slides/halle-durchsage.yaml:" in text
