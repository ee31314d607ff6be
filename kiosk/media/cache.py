"""Pre-scaled pictures cached on disk by content hash, so a restart or a playlist loop never decodes
and scales the same picture twice."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from PIL import Image

from kiosk.media.images import Fit, Framing, ImageError, PreparedImage, prepare_image

CACHE_VERSION = "2"
MAX_BYTES = 256 * 1024 * 1024  # a full-HD picture is ~2 MB as stored: room for every zone of a big pack


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/smile-city-touchpoint/images``, else ``~/.cache/…`` (the XDG standard)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "smile-city-touchpoint" / "images"


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()[:32]


class ImageCache:
    """``get(path, box, fit, framing)``: the prepared picture, from disk when this content at this size
    and framing was seen."""

    def __init__(self, directory: Path | None = None, max_bytes: int = MAX_BYTES) -> None:
        self.directory = directory or default_cache_dir()
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, box: tuple[int, int], fit: Fit, framing: Framing | None = None) -> str:
        tag = (framing or Framing()).tag()
        return f"{_digest(path)}-{box[0]}x{box[1]}-{fit}-{tag}-v{CACHE_VERSION}"

    def get(
        self, path: Path, box: tuple[int, int], fit: Fit, framing: Framing | None = None
    ) -> PreparedImage:
        try:
            key = self.key(path, box, fit, framing)
        except OSError as exc:
            raise ImageError(f"{path.name}: {exc.strerror}") from exc
        cached = self.directory / f"{key}.png"
        if cached.is_file():
            try:
                with Image.open(cached) as img:
                    rgba = img.convert("RGBA")
                self.hits += 1
                os.utime(cached)  # recently used: the last to be trimmed
                return PreparedImage(rgba.width, rgba.height, rgba.tobytes("raw", "RGBA"))
            except OSError:
                cached.unlink(missing_ok=True)  # a torn or corrupt cache file: rebuild it
        prepared = prepare_image(path, box, fit, framing)
        self.misses += 1
        self._store(cached, prepared)
        return prepared

    def _store(self, target: Path, prepared: PreparedImage) -> None:
        # Write to a temporary file and rename: a crash never leaves a half-written picture behind.
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            img = Image.frombytes("RGBA", (prepared.width, prepared.height), prepared.rgba)
            with tempfile.NamedTemporaryFile(dir=self.directory, suffix=".tmp", delete=False) as tmp:
                img.save(tmp, format="PNG", compress_level=1)
            os.replace(tmp.name, target)
            self._trim(keep=target)
        except OSError:
            pass  # a read-only or full disk only costs speed, never the picture

    def _trim(self, keep: Path) -> None:
        """Keep the folder under ``max_bytes``: the least recently used pictures go first (pictures of
        old packs, sizes of old layouts); ``keep``, just made, stays."""
        files = [(p.stat(), p) for p in self.directory.glob("*.png") if p != keep]
        total = keep.stat().st_size
        total += sum(st.st_size for st, _ in files)
        for st, path in sorted(files, key=lambda f: f[0].st_mtime):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= st.st_size
