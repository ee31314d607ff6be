"""A device's versions on disk: a blob cache, one folder per version, and the ``current`` link.

    SYNC/blobs/sha256/<hex>     every file fetched, by content (kept while a kept version uses it)
    SYNC/blobs/partial/<hex>    a download cut short, resumed with a Range request
    SYNC/versions/<version>/    a whole content root, its files hard links into the blob cache
    SYNC/current -> versions/<version>    swapped by rename: a reader sees the old or the new version
    SYNC/state.json             see ``fleet.state``

One process at a time changes it (the kiosk's sync, or ``kiosk rollback``): ``locked()`` holds an flock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from kiosk.fleet.manifest import Manifest, ManifestError, parse
from kiosk.fleet.state import CURRENT, SyncState, current_version, read_state, write_state

MANIFEST_COPY = ".manifest.json"  # the verified manifest a version was built from, inside its folder


class VersionStore:
    def __init__(self, sync_dir: Path) -> None:
        self.dir = sync_dir
        self.blobs = sync_dir / "blobs" / "sha256"
        self.partial = sync_dir / "blobs" / "partial"
        self.versions = sync_dir / "versions"

    # --- reading ----------------------------------------------------------------------------------
    def state(self) -> SyncState:
        return read_state(self.dir)

    def save(self, state: SyncState) -> None:
        write_state(self.dir, state)

    def current(self) -> str | None:
        version = current_version(self.dir)
        return version if version and self.version_dir(version).is_dir() else None

    def current_root(self) -> Path | None:
        version = self.current()
        return self.version_dir(version) if version else None

    def version_dir(self, version: str) -> Path:
        return self.versions / version

    def manifest_of(self, version: str | None) -> Manifest | None:
        if version is None:
            return None
        try:
            return parse((self.version_dir(version) / MANIFEST_COPY).read_bytes())
        except (OSError, ManifestError):
            return None

    def has_blob(self, sha256: str) -> bool:
        return (self.blobs / sha256).is_file()

    # --- changing ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the store's lock; TimeoutError after ``timeout`` seconds (None: wait as long as it takes)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with (self.dir / ".lock").open("a") as handle:
            if timeout is None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            else:
                ends = time.monotonic() + timeout
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= ends:
                            raise TimeoutError from None
                        time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def build(self, manifest: Manifest, raw: bytes) -> Path:
        """A folder with every file of ``manifest`` (linked from the blob cache; copied where the file
        system has no hard links) beside the versions, not yet one of them: ``commit`` makes it one."""
        staging = self.versions / f".{manifest.version}.building"
        shutil.rmtree(staging, ignore_errors=True)
        for entry in manifest.files:
            target = staging / entry.path
            target.parent.mkdir(parents=True, exist_ok=True)
            blob = self.blobs / entry.sha256
            try:
                os.link(blob, target)
            except OSError:
                shutil.copyfile(blob, target)
        (staging / MANIFEST_COPY).write_bytes(raw)
        return staging

    def commit(self, staging: Path, version: str) -> Path:
        final = self.version_dir(version)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(staging, final)
        return final

    def switch(self, version: str) -> None:
        """Point ``current`` at ``version`` in one rename (a relative link: the folder may move)."""
        link = self.dir / f".{CURRENT}.new"
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.symlink(Path("versions") / version, link)
        os.replace(link, self.dir / CURRENT)
        with contextlib.suppress(OSError):  # the rename itself survives a power cut once this returns
            fd = os.open(self.dir, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def remember(self, state: SyncState, version: str) -> SyncState:
        """``version`` becomes the newest in the history."""
        return state.with_(versions=(*[v for v in state.versions if v != version], version))

    def prune(self, state: SyncState, keep: int, playing: str | None = None) -> SyncState:
        """Keep the newest ``keep`` versions (always the current one and ``playing``, which the screen
        may still show), then the blobs those use; the rest is removed."""
        current = self.current()
        kept = [v for v in state.versions if self.version_dir(v).is_dir()][-keep:]
        kept += [v for v in (current, playing) if v and v not in kept and self.version_dir(v).is_dir()]
        if self.versions.is_dir():
            for folder in self.versions.iterdir():
                if folder.name not in kept:
                    shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(self.partial, ignore_errors=True)  # after an update: what is left belongs to none
        used = {f.sha256 for v in kept if (m := self.manifest_of(v)) for f in m.files}
        if self.blobs.is_dir():
            for blob in self.blobs.iterdir():
                if blob.name not in used:
                    blob.unlink(missing_ok=True)
        return state.with_(versions=tuple(v for v in state.versions if v in kept))

    def rollback(self, wait_s: float = 30.0) -> tuple[str, str]:
        """Switch ``current`` to the version before it; the one left is held back (not fetched again
        until a newer one is published). Returns (left, now current); ValueError when there is none,
        TimeoutError when an update of the running kiosk held the store for ``wait_s``."""
        with self.locked(wait_s):
            state = self.state()
            now = self.current()
            history = [v for v in state.versions if self.version_dir(v).is_dir()]
            if now is None or now not in history or history.index(now) == 0:
                raise ValueError(
                    "no earlier version on this device"
                    + (f" (kept: {', '.join(history)})" if history else " (nothing synced yet)")
                )
            before = history[history.index(now) - 1]
            self.switch(before)
            # a second rollback keeps the first one's hold: the published version is the one to refuse
            self.save(state.with_(held_back=state.held_back or now))
        return now, before
