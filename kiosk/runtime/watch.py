"""``kiosk preview --watch``: a picture of a device (a page, or a slide in each zone size) drawn again
after every save, with the validation problems beside it.

The files are watched, debounced and validated off the GUI thread by the hot reload's own watcher
(``runtime/reload.py``). Each good version is drawn by a fresh ``Shell`` (a preview may change what a
running kiosk applies only at a restart: layout, theme, screen), offscreen and never shown; the GUI
thread only builds widgets and waits on timers. A broken save keeps the last good picture and lists
the problems; the first picture is drawn from the valid files even if others are broken (as a device
starts)."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from kiosk.config.issues import Issue, errors
from kiosk.config.loader import ContentSet, Entry, LoadResult
from kiosk.config.models.playlist import Playlist, PlaylistItem
from kiosk.runtime.app import SessionView, _open_session, _settled, web_allowed_here
from kiosk.runtime.reload import ContentWatcher
from kiosk.runtime.watch_view import WatchWindow, problem_lines, status_line, with_strip, word

if TYPE_CHECKING:
    from kiosk.runtime.shell import Shell

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150  # a save burst (temp file, rename) is over well within this; the promise is 1 s
SETTLE_TIMEOUT_MS = 10_000  # slow pictures: after this the zones show what they have
SESSION_SETTLE_MS = 300  # late pictures change heights on a page: let the layout settle
PREVIEW_PLAYLIST = "vorschau-folie"  # the playlist ``--slide`` plays in each zone (never written to disk)


@dataclass(frozen=True)
class WatchRequest:
    root: Path
    device: str
    at: datetime | None  # None: the instant of each drawing
    out: Path | None  # None: a window
    size: tuple[int, int] | None
    session: SessionView | None = None
    slide: str | None = None
    lang: str = "de"  # the editor's language: messages and status line


def slide_zones(content: ContentSet, device: str, slide: str) -> list[str]:
    """The device's zones that can show ``slide``: those whose playlists list it, else every zone (a new
    slide no playlist lists yet still gets a picture in each size)."""
    model = content.devices[device].model
    listing = []
    for zone_id, zone in model.zones.items():
        names = [*zone.playlists, *([zone.default] if zone.default else [])]
        if any(
            item.slide == slide
            for name in names
            if name in content.playlists
            for item in content.playlists[name].model.items
        ):
            listing.append(zone_id)
    layout = content.layouts[model.layout].model
    return listing or [z.id for z in layout.zones]


def only_slide(content: ContentSet, device: str, slide: str, zones: list[str]) -> ContentSet:
    """A copy of ``content`` in which ``zones`` of ``device`` play only ``slide`` (and no page opens)."""
    entry = content.slides[slide]
    playlist = Playlist(name=slide, items=[PlaylistItem(slide=slide)])
    device_entry = content.devices[device]
    assignment = type(next(iter(device_entry.model.zones.values())))
    model = device_entry.model.model_copy(
        update={"zones": {z: assignment(default=PREVIEW_PLAYLIST) for z in zones}, "home_page": None}
    )
    playlists = {
        **content.playlists,
        PREVIEW_PLAYLIST: Entry(PREVIEW_PLAYLIST, entry.file, playlist, entry.doc),
    }
    devices = {**content.devices, device: replace(device_entry, model=model)}
    return replace(content, playlists=playlists, devices=devices)


class WatchPreview(QObject):
    """Draws, waits for the next good save, draws again; says what it did on stdout and beside the picture."""

    def __init__(self, request: WatchRequest, first: LoadResult) -> None:
        super().__init__()
        self.request = request
        self.picture: QImage | None = None
        self.issues: list[Issue] = list(first.issues)
        self.pending: LoadResult | None = first
        self.shell: Shell | None = None
        self.zones: list[str] = []
        self.partial = bool(errors(first.issues))
        self.clock_started = QElapsedTimer()
        self.poll = QTimer(self)
        self.poll.setInterval(20)
        self.poll.timeout.connect(self._check)
        self.settle_until = 0
        self.window: WatchWindow | None = None
        if request.out is None:
            self.window = WatchWindow(f"Vorschau – {request.device}", request.lang)
            self.window.show()
        self.watcher = ContentWatcher(request.root, self, lang=request.lang, debounce_ms=DEBOUNCE_MS)
        self.watcher.accepted.connect(self._accepted)
        self.watcher.rejected.connect(self._rejected)
        QTimer.singleShot(0, self._next)

    # --- new files -------------------------------------------------------------------------------
    def _accepted(self, result: LoadResult) -> None:
        self.pending, self.partial = result, False
        self._next()

    def _rejected(self, result: LoadResult) -> None:
        if self.picture is None:  # nothing good yet: draw what is valid, as a device would start
            self.pending, self.partial = result, True
            self._next()
            return
        self.issues = list(result.issues)
        self._publish("kept")

    # --- drawing ---------------------------------------------------------------------------------
    def _next(self) -> None:
        if self.shell is not None or self.pending is None:
            return  # a drawing runs: the newest version is drawn after it
        result, self.pending = self.pending, None
        self.issues = list(result.issues)
        problem = self._cannot_draw(result.content)
        if problem:
            self.issues.append(Issue("error", "", None, None, "", problem, code="preview"))
            self._publish("kept")
            return
        try:
            self._start(result.content)
        except Exception as error:  # supervision boundary: a file the validator let through must not end it
            log.exception("drawing the preview failed")
            self._give_up(str(error))

    def _cannot_draw(self, content: ContentSet) -> str:
        request, lang = self.request, self.request.lang
        device = content.devices.get(request.device)
        if device is None or device.model.layout not in content.layouts:
            return word("no_device", lang, device=request.device)
        if request.slide is not None and request.slide not in content.slides:
            return word("no_slide", lang, slide=request.slide)
        return ""

    def _start(self, content: ContentSet) -> None:
        from kiosk.runtime.shell import Shell
        from kiosk.schedule.clock import FixedClock

        request = self.request
        model = content.devices[request.device].model
        at = request.at or datetime.now(ZoneInfo(model.timezone))
        if at.tzinfo is None:
            at = at.replace(tzinfo=ZoneInfo(model.timezone))
        if request.slide is not None:
            self.zones = slide_zones(content, request.device, request.slide)
            content = only_slide(content, request.device, request.slide, self.zones)
        shell = Shell(
            content,
            request.device,
            request.size or (model.screen.width, model.screen.height),
            kiosk_mode=False,
            clock=FixedClock(at),
            live=False,  # a picture from the files: last good data or the snapshots, no fetching
            speech=False,
            schedule_at=lambda deadline, delay: None,
            web=web_allowed_here(),
            animate=False,
            records=False,
        )
        self.shell = shell
        # laid out and painted like a shown window, but never mapped: the editor's window shows the grab
        shell.window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        shell.window.show()
        shell.start()
        if request.session is not None and not _open_session(shell, request.session):
            self._give_up(word("no_page", request.lang, page=request.session.page or ""))
            return
        self.settle_until = 0
        self.clock_started.start()
        self.poll.start()

    def _check(self) -> None:
        shell = self.shell
        if shell is None:
            self.poll.stop()
            return
        if not _settled(shell) and self.clock_started.elapsed() < SETTLE_TIMEOUT_MS:
            return
        if self.request.session is not None and self.settle_until == 0:
            self.settle_until = self.clock_started.elapsed() + SESSION_SETTLE_MS
        if self.clock_started.elapsed() < self.settle_until:
            return
        self.poll.stop()
        if not _settled(shell):
            log.warning(
                "some zones were still loading after %d s; they show what they had", SETTLE_TIMEOUT_MS // 1000
            )
        try:
            picture = self._grab(shell)
        except Exception as error:  # supervision boundary: the next save draws again
            log.exception("grabbing the preview failed")
            self._give_up(str(error))  # ends this drawing's shell first
            return
        self._end_shell()
        if picture.isNull():
            self.issues.append(
                Issue("error", "", None, None, "", word("render_failed", self.request.lang, reason="-"))
            )
            self._publish("kept")
        else:
            self.picture = picture
            self._publish("partial" if self.partial else "redrawn")
        self._next()

    def _grab(self, shell: Shell) -> QImage:
        if self.request.slide is None:
            return shell.window.grab().toImage()
        shots = [(z, shell.window.zones[z].grab().toImage()) for z in self.zones if z in shell.window.zones]
        return _side_by_side(shots, self.request.lang)

    def _give_up(self, reason: str) -> None:
        self.poll.stop()
        self._end_shell()
        if not any(i.code == "preview" for i in self.issues):
            self.issues.append(
                Issue(
                    "error",
                    "",
                    None,
                    None,
                    "",
                    word("render_failed", self.request.lang, reason=reason),
                    code="preview",
                )
            )
        self._publish("kept")
        self._next()

    def _end_shell(self) -> None:
        shell, self.shell = self.shell, None
        if shell is None:
            return
        try:
            shell.stop()
        finally:
            shell.window.deleteLater()
            shell.deleteLater()

    # --- telling the editor ----------------------------------------------------------------------
    def _publish(self, kind: str) -> None:
        status = status_line(kind, datetime.now(), self.issues, self.request.lang)
        lines = problem_lines(self.issues, self.request.lang)
        if self.window is not None:
            self.window.show_state(self.picture, status, lines)
        elif self.picture is not None and self.request.out is not None:
            try:
                _write(with_strip(self.picture, status, lines, self.request.lang), self.request.out)
            except OSError as error:  # a full disk or a removed folder: say so, try again at the next save
                print(f"kiosk preview: could not write {self.request.out}: {error}", file=sys.stderr)
        # printed once the picture is there: a script that waits for this line finds the new picture
        print(status, flush=True)
        for line in lines:
            print(f"  {line}", flush=True)

    def stop(self) -> None:
        self.poll.stop()
        self._end_shell()
        self.watcher.shutdown()


def _side_by_side(shots: list[tuple[str, QImage]], lang: str) -> QImage:
    """Each zone's picture of the slide in a row, its name and size above it."""
    label, gap = 36, 24
    width = sum(image.width() for _, image in shots) + gap * (len(shots) + 1)
    height = max((image.height() for _, image in shots), default=0) + label + 2 * gap
    out = QImage(max(width, 64), max(height, 64), QImage.Format.Format_RGB32)
    out.fill(0x505058)
    painter = QPainter(out)
    font = painter.font()
    font.setPixelSize(22)
    painter.setFont(font)
    painter.setPen(0xFFFFFF)
    x = gap
    for zone, image in shots:
        painter.drawText(
            x, gap + 22, word("zone", lang, zone=zone, width=image.width(), height=image.height())
        )
        painter.drawImage(x, gap + label, image)
        x += image.width() + gap
    painter.end()
    return out


def _write(image: QImage, out: Path) -> None:
    """Write the PNG beside its place and rename it there: a viewer never reads half a picture."""
    handle, temporary = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".png", dir=out.parent)
    os.close(handle)
    try:
        if not image.save(temporary):
            print(f"kiosk preview: could not write {out}", file=sys.stderr)
            return
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _inside_watched(root: Path, out: Path) -> bool:
    from kiosk.runtime.reload import WATCHED

    target = out.resolve().parent
    return any(target.is_relative_to((root / top).resolve()) for top in WATCHED)


def run_watch(request: WatchRequest) -> int:
    """Run until Ctrl+C (or SIGTERM): the editor's preview that follows their saves."""
    import signal

    from kiosk.config.loader import load_content
    from kiosk.config.suggest import did_you_mean
    from kiosk.runtime.app import has_display, qt_app, setup_logging, uses_web
    from kiosk.runtime.malloc_arenas import limit_arenas

    setup_logging()
    limit_arenas()  # before the loader's thread starts (kiosk.runtime.malloc_arenas)
    if request.out is not None and not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    elif request.out is None and not has_display():
        print("kiosk preview --watch: a window needs a display; write a picture with --out", file=sys.stderr)
        return 2
    if request.out is not None and _inside_watched(request.root, request.out):
        # every picture written would look like a save and draw again, without end
        print(
            "kiosk preview --watch: write the picture outside content/, layouts/ and device-config/",
            file=sys.stderr,
        )
        return 2
    # the first reading is made before Qt starts: Chromium's switches need the device's allowlist
    first = load_content(request.root, request.lang)
    content = first.content
    if request.device not in content.devices:
        hint = did_you_mean(request.device, content.devices)
        print(
            f"kiosk preview: no valid device '{request.device}' in {request.root}. {hint}".rstrip(),
            file=sys.stderr,
        )
        return 2
    page = request.session.page if request.session is not None else None
    for kind, name, table in (("slide", request.slide, content.slides), ("page", page, content.pages)):
        if name is not None and name not in table:  # a typo, said at once; later saves may break it
            hint = did_you_mean(name, table)
            print(
                f"kiosk preview: no valid {kind} '{name}' in {request.root}. {hint}".rstrip(), file=sys.stderr
            )
            return 2
    model = content.devices[request.device].model
    app = qt_app(model.web_allowlist, uses_web(content, request.device))
    preview = WatchPreview(request, first)
    assert isinstance(app, QApplication)
    # each drawing's window is made and deleted unseen: only the editor's own window may end the preview
    app.setQuitOnLastWindowClosed(request.out is None)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())
    wake = QTimer()  # lets Python see a signal while Qt waits
    wake.start(200)
    wake.timeout.connect(lambda: None)
    code = app.exec()
    wake.stop()
    preview.stop()
    return code
