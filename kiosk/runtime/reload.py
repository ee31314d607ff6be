"""Hot reload: watch the editor folders, validate changes off the GUI thread, apply only good content."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.config.issues import errors
from kiosk.config.loader import LoadResult, load_content
from kiosk.runtime.workers import Workers

log = logging.getLogger(__name__)

WATCHED = ("content", "layouts", "device-config")
# files watched themselves: a directory says when a file appears or is renamed over, not when one is
# written in place (an editor's save, a font copied over its old version)
FILES = (".yaml", ".yml", ".ttf", ".otf")
DEBOUNCE_MS = 300  # editors save in bursts (temp file, rename, chmod): validate once per burst


class ContentWatcher(QObject):
    """Emits ``accepted(LoadResult)`` for a valid change; an invalid one is logged once and ignored."""

    accepted = Signal(object)
    rejected = Signal(object)

    def __init__(
        self,
        root: Path,
        parent: QObject | None = None,
        watch: bool = True,
        lang: str = "de",
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.lang = lang  # the language of the validator's messages (``kiosk preview --watch --lang``)
        # a synced version is never edited in place, and linking the next version's files into the blob
        # cache touches its files' inodes: it is read on request only (reload_now)
        self.watching = watch
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self._validate)
        self.workers = Workers("reload", threads=1, parent=self)
        self.last_problems: tuple[str, ...] = ()
        self.busy = False
        self.again = False
        self._watch()

    def _watch(self) -> None:
        # Directories catch new files and editors that save by renaming a temp file; files catch
        # in-place writes. Re-armed after every change because renamed files drop their watch.
        if not self.watching:
            return
        paths = []
        for top in WATCHED:
            base = self.root / top
            if base.is_dir():
                paths.append(str(base))
                paths += [str(p) for p in base.rglob("*") if p.is_dir() or p.suffix.lower() in FILES]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        new = [p for p in paths if p not in current]
        if new:
            self.watcher.addPaths(new)

    def retarget(self, root: Path, watch: bool) -> None:
        """Read another content root from now on (a synced version replaced the one shown)."""
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self.root = root
        self.watching = watch
        self._watch()

    def reload_now(self) -> None:
        """Read and apply the content now (the admin screen's "reload"), as if a file had changed."""
        self._validate()

    def _changed(self, _path: str) -> None:
        self.debounce.start()

    def _validate(self) -> None:
        if self.busy:
            self.again = True
            return
        self.busy = True
        root, lang = self.root, self.lang
        self.workers.submit(
            "reading the content", lambda: load_content(root, lang), self._done, self._crashed
        )

    def _crashed(self, _error: BaseException) -> None:
        """Loading raised (logged by the workers): the last good content stays; the next save tries again."""
        self.busy = False
        self._watch()
        self._again_if_asked()

    def _done(self, result: LoadResult) -> None:
        self.busy = False
        self._watch()
        problems = errors(result.issues)
        if problems:
            fingerprint = tuple(
                issue.format().replace("\n    hint: ", " (hint: ") + (")" if issue.hint else "")
                for issue in problems
            )
            if fingerprint != self.last_problems:  # log a broken edit once, not at every save
                self.last_problems = fingerprint
                log.error(
                    "content change rejected, still showing the last good content: %s",
                    "; ".join(line.replace("\n", " ") for line in fingerprint),
                )
            self.rejected.emit(result)
        else:
            if self.last_problems:
                log.info("content is valid again")
            self.last_problems = ()
            log.info("content reloaded (%d files)", result.files)
            try:
                self.accepted.emit(result)
            except Exception:  # supervision boundary: a failed apply must not stop later reloads
                log.exception("applying the new content failed; the kiosk goes on with what it shows")
        self._again_if_asked()

    def _again_if_asked(self) -> None:
        if self.again:
            self.again = False
            self._validate()

    def shutdown(self) -> None:
        self.debounce.stop()
        self.workers.shutdown(wait=True)
