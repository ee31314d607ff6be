"""The theme's font files in Qt's font database: a file replaced under the same name (a new version of
the brand font) is loaded again, its old copy removed, the change logged once."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics

from kiosk.config.loader import load_content
from kiosk.runtime import theme_files
from kiosk.runtime.theme_files import load_fonts
from tests.conftest import REPO
from tests.gui.session_kit import stele

FONTS = REPO / "content/fonts"
PROBE = "Kiosk Probe"  # the same length as "DejaVu Sans": the name table keeps its layout
SAMPLE = "Hamburgefonstiv 0123"


def renamed(source: Path, target: Path) -> None:
    """``source`` with its family renamed to ``PROBE``: a family no system has installed, so what Qt draws
    for it can only come from this file (names are stored in UTF-16 and in Mac Roman)."""
    data = source.read_bytes()
    for encoding in ("utf-16-be", "latin-1"):
        data = data.replace("DejaVu Sans".encode(encoding), PROBE.encode(encoding))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def width() -> int:
    font = QFont(PROBE)
    font.setPixelSize(40)
    assert QFontInfo(font).family() == PROBE
    return QFontMetrics(font).horizontalAdvance(SAMPLE)


@pytest.fixture
def forget_probe(qapp) -> Iterator[None]:
    yield
    for rel, font in list(theme_files._LOADED.items()):
        if PROBE in font.families:  # later tests must not find the probe family, nor its file's name
            QFontDatabase.removeApplicationFont(font.font_id)
            del theme_files._LOADED[rel]


def test_a_font_replaced_under_the_same_name_is_loaded_again(tmp_path: Path, caplog, forget_probe) -> None:
    content = tmp_path / "content"
    renamed(FONTS / "DejaVuSans.ttf", content / "fonts/brand.ttf")
    assert load_fonts(content, ["fonts/brand.ttf"]) == (PROBE,)
    first = theme_files._LOADED["fonts/brand.ttf"]
    regular = width()
    # the editor's new version: same file name, same family, other letters (the bold cut is wider)
    renamed(FONTS / "DejaVuSans-Bold.ttf", content / "fonts/brand.ttf")
    with caplog.at_level(logging.INFO, logger="kiosk.runtime.theme_files"):
        assert load_fonts(content, ["fonts/brand.ttf"]) == (PROBE,)
        assert width() > regular * 1.05, "the old copy of the font is still drawn"
        assert QFontDatabase.applicationFontFamilies(first.font_id) == []  # the old copy is gone
        assert load_fonts(content, ["fonts/brand.ttf"]) == (PROBE,)  # nothing new: nothing read, no log
        os.utime(content / "fonts/brand.ttf")  # touched, the same bytes: not loaded again
        assert load_fonts(content, ["fonts/brand.ttf"]) == (PROBE,)
    changes = [r for r in caplog.records if "changed" in r.getMessage()]
    assert len(changes) == 1 and "content/fonts/brand.ttf" in changes[0].getMessage()
    assert len([f for f in theme_files._LOADED.values() if PROBE in f.families]) == 1


def test_a_broken_new_version_keeps_the_old_font(tmp_path: Path, caplog, forget_probe) -> None:
    content = tmp_path / "content"
    renamed(FONTS / "DejaVuSans.ttf", content / "fonts/brand.ttf")
    load_fonts(content, ["fonts/brand.ttf"])
    regular = width()
    (content / "fonts/brand.ttf").write_bytes(b"not a font")
    assert load_fonts(content, ["fonts/brand.ttf"]) == (PROBE,)
    assert "cannot be loaded" in caplog.text
    assert width() == regular  # still drawn in the last good version


def test_a_running_kiosk_loads_a_replaced_font_on_reload(qtbot, tmp_path: Path, caplog) -> None:
    root = tmp_path / "pack"
    for name in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / name, root / name)
    with stele(qtbot, tmp_path, content=load_content(root).content) as (shell, _session, _clock):
        assert PROBE not in QFontDatabase.families()
        # a new version of the regular cut under its old name (the bold file still brings DejaVu Sans)
        renamed(FONTS / "DejaVuSans.ttf", root / "content/fonts/DejaVuSans.ttf")
        result = load_content(root)
        assert result.ok, [i.format() for i in result.issues]
        try:
            with caplog.at_level(logging.INFO):
                shell.apply_reload(result)
                shell.apply_reload(result)
            assert PROBE in QFontDatabase.families()  # the new bytes are in the database
            assert width() > 0
            assert caplog.text.count("font file content/fonts/DejaVuSans.ttf changed") == 1
            assert "restart" not in caplog.text  # the theme file is the same: nothing to restart for
        finally:  # the shipped font again, for the tests after this one in the same process
            load_fonts(REPO / "content", ["fonts/DejaVuSans.ttf"])
    assert PROBE not in QFontDatabase.families()


def test_the_watcher_sees_a_font_written_in_place(qapp, tmp_path: Path) -> None:
    from kiosk.runtime.reload import ContentWatcher

    root = tmp_path / "pack"
    shutil.copytree(REPO / "content", root / "content")
    watcher = ContentWatcher(root, debounce_ms=10)
    try:
        # a directory tells of files created or renamed over it, not of one overwritten: the file is watched
        assert str(root / "content/fonts/DejaVuSans.ttf") in watcher.watcher.files()
    finally:
        watcher.shutdown()
