"""Whole screens built by the product from hostile editor files: a page with markup in every text, a
session through it (page, panel, help, idle warning, warnings over it, reset), and the hall display's
zones. Every QLabel on the way is plain text, except the documented allowlist in ``plain_kit``
(escaped Markdown, escaped data rows), so a label added later cannot bring rich text back."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.config.loader import ContentSet, load_content
from kiosk.runtime.pages import PageFactory
from kiosk.schedule.clock import FixedClock
from kiosk.session.settings import Settings
from kiosk.ui.text import clean
from tests.conftest import EDITOR_DIRS, REPO
from tests.gui.plain_kit import (
    BY_NAME,
    CORPUS,
    assert_shown_as_plain,
    label_problems,
    nina_alerts,
    red_pixels,
    red_png,
)
from tests.gui.session_kit import SCENARIO, pump, stele, tap, travel
from tests.gui.shell_kit import running_shell

DEVICE = "stadthafen-stele"
PAGE = "buergerservice"
MARKUP = BY_NAME["font"]


def hostile_pack(root: Path, png: Path) -> ContentSet:
    """The shipped pack with one page whose every editor text is hostile (JSON strings are YAML)."""
    for name in EDITOR_DIRS:
        shutil.copytree(REPO / name, root / name)
    bad = {h.name: h.text[:2000] for h in CORPUS}
    text = {
        "de": f"{bad['style']}\n\n![Bild]({png.as_uri()})\n\n<img src={png.as_uri()}>\n\n{bad['controls']}"
    }
    page = {
        "title": {"de": bad["font"], "en": bad["bold"], "ls": bad["entity"]},
        "view": "detail",
        "intro": {"de": f"{bad['img']} {bad['bidi']}"},
        "blocks": [
            {
                "type": "contact",
                "name": {"de": bad["link"]},
                "address": bad["table"],
                "hours": {"de": bad["long"]},
                "url": "https://rathaus.rostock.de/",
            },
            {"type": "qr", "url": "https://rathaus.rostock.de/termine", "caption": {"de": bad["unbroken"]}},
            {"type": "text", "text": text},
        ],
    }
    (root / f"content/pages/{PAGE}.yaml").write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    result = load_content(root)
    assert PAGE in result.content.pages, [i.format() for i in result.issues]
    return result.content


def assert_all_plain(root: QWidget, stage: str) -> None:
    problems = label_problems(root)
    assert not problems, f"{stage}: {problems}"


def test_a_hostile_page_is_built_of_plain_labels(qtbot, tmp_path: Path) -> None:
    png = red_png(tmp_path)
    content = hostile_pack(tmp_path / "pack", png)
    factory = PageFactory(content, DEVICE, (540, 960), web=False)
    try:
        screen = factory.build(PAGE, Settings.defaults(content.devices[DEVICE].model))
        qtbot.addWidget(screen)
        screen.resize(540, 960)
        screen.show()
        qtbot.waitExposed(screen)
        assert_all_plain(screen, "page")
        assert red_pixels(screen.grab().toImage()) == 0  # neither Markdown nor <img> read the picture
        title = screen.title
        assert isinstance(title, QLabel) and title.text() == MARKUP.text
        assert_shown_as_plain(title, MARKUP)
        shown = {clean(lab.text()) for lab in screen.findChildren(QLabel)}
        assert any(BY_NAME["table"].text in text for text in shown)  # the address line, as characters
        names = " ".join(item.accessibleName() for item in screen.items())
        assert "<font color=#0f0>Entwarnung</font>" in names and "\u202e" not in names and "\x00" not in names
    finally:
        factory.shutdown()


def test_every_label_of_a_session_is_plain_text(qtbot, tmp_path: Path) -> None:
    content = hostile_pack(tmp_path / "pack", red_png(tmp_path))
    with stele(qtbot, tmp_path, content=content) as (shell, session, clock):
        window = shell.window
        assert_all_plain(window, "attract")
        tap(window, QPoint(270, 300))
        pump(300)
        assert_all_plain(window, "home page")
        session.open_page(PAGE)
        pump(300)
        assert session.page is not None and session.page.view.page_id == PAGE
        assert_all_plain(window, "hostile page")
        session.open_panel()
        assert_all_plain(window, "accessibility panel")
        session.apply_settings(replace(session.settings, language="en", large_text=True))
        assert_all_plain(window, "panel in English, large text")
        session.close_panel()
        session.help()
        assert_all_plain(window, "help notice")
        travel(clock, session, 90)
        assert session.notice is not None
        assert_all_plain(window, "idle warning")
        for severity in ("Moderate", "Severe"):
            alerts = nina_alerts(MARKUP.text, MARKUP.text, severity)
            shell.overlay.show_alerts(alerts)
            shell.banner.show_alerts(alerts)
            window.arrange_layers()
            pump(50)
            assert_all_plain(window, f"{severity} warning over the session")
            shown = shell.overlay.headline if severity == "Severe" else shell.banner.text
            assert MARKUP.text in shown.text()
            assert_shown_as_plain(shown, MARKUP)
        shell.overlay.show_alerts([])
        shell.banner.show_alerts([])
        travel(clock, session, 60)
        pump(50)
        assert session.page is None
        assert_all_plain(window, "after the idle reset")


def test_every_label_of_the_hall_display_is_plain_text(qtbot, tmp_path: Path) -> None:
    content = load_content(REPO).content
    clock = FixedClock(SCENARIO)
    with running_shell(qtbot, content, "sporthalle-schmarl", clock, tmp_path / "data") as shell:
        qtbot.waitUntil(lambda: bool(shell.window.findChildren(QLabel)), timeout=5_000)
        pump(300)
        assert_all_plain(shell.window, "hall display")
        hostile = BY_NAME["img"]
        shell.overlay.show_alerts(nina_alerts(hostile.text, hostile.text))
        pump(50)
        assert_all_plain(shell.window, "hall display with a warning")
        assert_shown_as_plain(shell.overlay.headline, hostile)
