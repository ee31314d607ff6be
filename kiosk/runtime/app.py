"""``kiosk preview`` and what ``kiosk run`` shares with it: load the content, prepare Qt, picture a device."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kiosk.config.issues import errors
from kiosk.config.loader import ContentSet, load_content
from kiosk.config.suggest import did_you_mean

if TYPE_CHECKING:
    from kiosk.runtime.shell import Shell

log = logging.getLogger("kiosk")


def setup_logging(log_json: bool = False) -> None:
    """stdout, one line per state change: plain, without time stamps under journald, or JSON lines
    (``runtime/logformat.py``)."""
    from kiosk.runtime.logformat import configure

    configure(log_json)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # it logs every job run: ticks, not changes


def has_display() -> bool:
    return bool(
        os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def web_allowed_here() -> bool:
    """QtWebEngine refuses to run as root without its sandbox disabled and then ends the process; a
    device never runs as root, so there we simply do not show web pages (they fail soft)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        return bool(os.environ.get("QTWEBENGINE_DISABLE_SANDBOX")) or "--no-sandbox" in flags
    return True


def load_device(root: Path, device: str | None) -> tuple[ContentSet, str] | None:
    result = load_content(root)
    problems = errors(result.issues)
    if problems:
        # Once at start: the device shows what is valid and says what is not.
        log.error(
            "content has %d error(s); files with errors are skipped (run 'kiosk validate')", len(problems)
        )
        for issue in problems:
            log.error("%s", issue.format().replace("\n", " "))
    content = result.content
    name = device or (sorted(content.devices)[0] if content.devices else None)
    if name is None or name not in content.devices:
        hint = did_you_mean(name or "", content.devices) if name else ""
        print(
            f"kiosk: no valid device '{name or ''}' in {root}/device-config. {hint}".rstrip(), file=sys.stderr
        )
        return None
    if content.devices[name].model.layout not in content.layouts:
        layout = content.devices[name].model.layout
        print(f"kiosk: device '{name}' needs layout '{layout}', which is missing or invalid", file=sys.stderr)
        return None
    return content, name


# FFmpeg dumps every opened video's metadata and the audio backend probes for PipeWire: steady-state noise
# that would bury state changes in the journal.
QT_LOG_RULES = (
    "qt.multimedia.ffmpeg*=false\nqt.multimedia.symbolsresolver=false\nqt.multimedia.playbackengine*=false"
)


def uses_web(content: ContentSet, device: str) -> bool:
    """Whether ``device`` can show a web page with this content: a web slide in one of its playlists, or
    a web block on a page of a touch terminal."""
    from kiosk.config.models.page import WebBlock
    from kiosk.config.models.slides import WebSlide

    model = content.devices[device].model
    playlists = {p for zone in model.zones.values() for p in [*zone.playlists, *[zone.default or ""]]}
    for name in playlists & set(content.playlists):
        for item in content.playlists[name].model.items:
            slide = content.slides.get(item.slide)
            if slide is not None and isinstance(slide.model, WebSlide):
                return True
    if model.role == "touch-terminal" and model.home_page is not None:
        return any(isinstance(b, WebBlock) for page in content.pages.values() for b in page.model.blocks)
    return False


def prepare_qt(web_allowlist: Iterable[str] | None = None, web: bool = False) -> None:
    """Before the QApplication exists: the kiosk's Chromium switches (``runtime/chromium.py``; with
    ``web_allowlist`` no other host even resolves), share GL contexts, quiet steady-state logs; with
    ``web`` (the device shows web content, ``uses_web``), import QtWebEngine now, in the start order Qt
    documents.

    Without web content QtWebEngine is not imported at all, so the device never maps Chromium (~100 MB
    of library, tens of ms of start). Should a reload bring a web slide, the first web widget built
    imports it then (``ui/slides/web.py``): shared GL contexts are what QtWebEngine needs from before
    the QApplication, and its switches are read when its first profile is made."""
    from kiosk.runtime.chromium import add_kiosk_switches

    add_kiosk_switches(web_allowlist)
    if web:
        import PySide6.QtWebEngineWidgets  # noqa: F401
    from PySide6.QtCore import QCoreApplication, QLoggingCategory, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QLoggingCategory.setFilterRules(QT_LOG_RULES)


def qt_app(web_allowlist: Iterable[str], web: bool = False) -> object:
    """The QApplication, after ``prepare_qt`` with the device's ``web_allowlist``."""
    from PySide6.QtWidgets import QApplication

    from kiosk.runtime.gc_guard import collect_in_gui_thread

    prepare_qt(web_allowlist, web)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    collect_in_gui_thread(app)  # a QObject must never be destroyed by a collection in a worker thread
    return app


@dataclass(frozen=True)
class SessionView:
    """For ``kiosk preview`` of a touch terminal: a page or the panel, with a passer-by's settings."""

    page: str | None = None
    panel: bool = False
    language: str | None = None
    large_text: bool = False
    high_contrast: bool = False


def preview(
    root: Path,
    device: str,
    at: datetime,
    out: Path,
    size: tuple[int, int] | None,
    timeout_s: float = 20.0,
    session: SessionView | None = None,
) -> int:
    """Render exactly what ``device`` shows at ``at`` (all zones, web and data slides included) to a PNG;
    with ``session``, a page of the touch navigation instead (what an editor checks after editing pages)."""
    setup_logging()
    # a picture needs no screen: render offscreen unless a display is there (preview is a tool, not a device)
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    loaded = load_device(root, device)
    if loaded is None:
        return 2
    content, name = loaded
    model = content.devices[name].model
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(model.timezone))
    app = qt_app(model.web_allowlist, uses_web(content, name))
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.runtime.shell import Shell
    from kiosk.schedule.clock import FixedClock

    shell = Shell(
        content,
        name,
        size or (model.screen.width, model.screen.height),
        kiosk_mode=False,
        clock=FixedClock(at),
        live=False,  # a picture of an instant: last good data or the bundled snapshot, no fetching
        speech=False,
        schedule_at=lambda deadline, delay: None,
        web=web_allowed_here(),
        animate=False,
        records=False,  # a picture is no showing
    )
    shell.window.show()
    shell.start()
    if session is not None and not _open_session(shell, session):
        shell.stop()
        return 2
    timer = QElapsedTimer()
    timer.start()
    while not _settled(shell) and timer.elapsed() < timeout_s * 1000:
        QApplication.processEvents()
        QApplication.instance().thread().msleep(20)  # type: ignore[union-attr]
    if session is not None:  # pictures that came late change heights: let the layouts settle
        settle = QElapsedTimer()
        settle.start()
        while settle.elapsed() < 300:
            QApplication.processEvents()
            QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
    if not _settled(shell):
        log.warning("some zones were still loading after %.0f s; they show what they had", timeout_s)
    for _ in range(3):  # a table that came last re-lays its rows (posted layout requests); no time passes,
        QApplication.sendPostedEvents()  # so a ticker stays where it starts
        QApplication.processEvents()
    ok = shell.window.grab().save(str(out))
    shell.stop()
    del app
    if not ok:
        print(f"kiosk preview: could not write {out}", file=sys.stderr)
        return 1
    plan = shell.player.plan
    if session is not None and shell.interaction is not None:
        print(f"page: {shell.interaction.stack[-1]}{' + accessibility panel' if session.panel else ''}")
    elif plan is not None:
        for zone_id, zone in plan.zones.items():
            shown = f"{zone.playlist or '-'} / {zone.slide or '-'}"
            print(f"{zone_id}: {zone.reason} {shown} until {zone.until:%Y-%m-%d %H:%M:%S}")
    print(f"wrote {out}")
    return 0


def _open_session(shell: Shell, view: SessionView) -> bool:
    from dataclasses import replace

    session = shell.interaction
    if session is None:
        print("kiosk preview: --page/--panel need a touch terminal with a home_page", file=sys.stderr)
        return False
    if view.page is not None and view.page not in shell.content.pages:
        hint = did_you_mean(view.page, shell.content.pages)
        print(f"kiosk preview: no valid page '{view.page}'. {hint}".rstrip(), file=sys.stderr)
        return False
    languages = session.device.languages
    if view.language is not None and view.language not in languages:
        print(f"kiosk preview: --lang must be one of {', '.join(languages)}", file=sys.stderr)
        return False
    session.start_session()
    session.apply_settings(
        replace(
            session.settings,
            language=view.language or session.settings.language,
            large_text=view.large_text,
            high_contrast=view.high_contrast,
        )
    )
    if view.page is not None and view.page != session.stack[-1]:
        session.open_page(view.page)
    if view.panel:
        session.open_panel()
    return True


def _settled(shell: Shell) -> bool:
    if shell.interaction is not None and shell.interaction.page is not None:
        return not shell.pages.pending  # every picture and QR code of the pages is there
    return shell.player.settled()
