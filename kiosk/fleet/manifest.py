"""The manifest of one device's content: version, time and every file with its sha256 and size.

It is the one thing a device trusts after checking its signature, so parsing is strict: every path must
stay inside the editor folders, every hash must be a sha256, and nothing is taken on faith later.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMAT = 1
TOPS = ("device-config", "layouts", "content")  # the folders of a content root (kiosk.paths.MARKERS)
MAX_FILES = 100_000
_HEX = re.compile(r"^[0-9a-f]{64}$")
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_PART = re.compile(r"^[^/\\\x00]+$")


class ManifestError(ValueError):
    """A manifest that must not be used (said in the log as the reason)."""


@dataclass(frozen=True, order=True)
class FileEntry:
    path: str  # relative to the content root, POSIX
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    device: str
    version: str
    time: str  # ISO 8601 UTC, when this version was first published
    files: tuple[FileEntry, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def by_path(self) -> dict[str, FileEntry]:
        return {f.path: f for f in self.files}

    def to_bytes(self) -> bytes:
        """The canonical form (sorted keys and files), so the same content gives the same bytes and the
        same ETag on every publish."""
        data = {
            "format": FORMAT,
            "device": self.device,
            "version": self.version,
            "time": self.time,
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in sorted(self.files)],
        }
        return (json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False) + "\n").encode("utf-8")


def safe_path(path: object) -> str:
    """``path`` if it is a relative POSIX path inside one of the editor folders, else ManifestError."""
    if not isinstance(path, str) or not path:
        raise ManifestError("a file without a path")
    parts = path.split("/")
    if parts[0] not in TOPS or len(parts) < 2:
        raise ManifestError(f"file {path!r} is outside {', '.join(TOPS)}")
    if any(part in ("", ".", "..") or not _PART.match(part) for part in parts):
        raise ManifestError(f"file {path!r} is not a plain relative path")
    return path


def content_version(files: Iterable[FileEntry]) -> str:
    """A short hash of the file list: the same files give the same version."""
    digest = hashlib.sha256()
    for f in sorted(files):
        digest.update(f"{f.path}\0{f.sha256}\0{f.size}\n".encode())
    return digest.hexdigest()[:16]


def new_version_name(files: Iterable[FileEntry], now: datetime) -> str:
    """Sortable by time and unique by content: 20261202T132000Z-3f2a9c1b7d4e5f60."""
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{content_version(files)}"


def parse(raw: bytes, device: str | None = None, max_bytes: int | None = None) -> Manifest:
    """A manifest from its bytes, checked; ``device`` (when given) must be the one it is for."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"the manifest is not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(f"not a manifest of format {FORMAT}")
    name, version, time, files = (data.get(k) for k in ("device", "version", "time", "files"))
    if not isinstance(name, str) or (device is not None and name != device):
        raise ManifestError(f"the manifest is for device {name!r}, not {device!r}")
    if not isinstance(version, str) or not _VERSION.match(version):
        raise ManifestError(f"version {version!r} is not a plain name")
    if not isinstance(time, str) or not isinstance(files, list) or len(files) > MAX_FILES:
        raise ManifestError("the manifest has no time or no list of files (or too many)")
    entries: dict[str, FileEntry] = {}
    for item in files:
        if not isinstance(item, dict):
            raise ManifestError("a file entry is not an object")
        path, sha, size = safe_path(item.get("path")), item.get("sha256"), item.get("size")
        if not isinstance(sha, str) or not _HEX.match(sha):
            raise ManifestError(f"file {path!r} has no sha256")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ManifestError(f"file {path!r} has no size")
        if path in entries or any(p.startswith(path + "/") or path.startswith(p + "/") for p in entries):
            raise ManifestError(f"file {path!r} is listed twice or is also a folder")
        entries[path] = FileEntry(path, sha, size)
    manifest = Manifest(name, version, time, tuple(sorted(entries.values())))
    if max_bytes is not None and manifest.total_bytes > max_bytes:
        raise ManifestError(
            f"version {version} has {manifest.total_bytes:,} bytes, more than the limit of {max_bytes:,}"
        )
    return manifest


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 (hex) and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def blob_name(sha256: str) -> str:
    """Where a blob lives below a published folder (and in a device's blob cache)."""
    return f"blobs/sha256/{sha256}"


def missing(manifest: Manifest, have: Iterable[str]) -> list[FileEntry]:
    """The files whose blobs are not in ``have`` (hashes), each hash once: what a device downloads."""
    known = set(have)
    out: dict[str, FileEntry] = {}
    for f in manifest.files:
        if f.sha256 not in known and f.sha256 not in out:
            out[f.sha256] = f
    return sorted(out.values(), key=lambda f: f.path)


def changed_paths(old: Manifest | None, new: Manifest) -> frozenset[str]:
    """Paths whose bytes differ between two versions (all of ``new``'s when there is no old one)."""
    before = old.by_path() if old is not None else {}
    return frozenset(f.path for f in new.files if before.get(f.path, None) != f)
