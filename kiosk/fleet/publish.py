"""``kiosk publish OUT``: a folder any static web server, object store or CDN can serve.

    OUT/blobs/sha256/<hex>          every file, named by its content (immutable: cache for ever)
    OUT/devices/<device>.json       what one device plays: version, time, files (path, sha256, size)
    OUT/devices/<device>.json.sig   the manifest's detached ed25519 signature

Refuses content that does not validate (the loader of ``kiosk validate``). Each device gets only the files
it plays (``config.needs.files_for``); when that selection alone would not validate (an alert naming
another device, say) it gets the whole content instead. Idempotent: blobs already there are not written
again, and a device whose files did not change keeps its manifest, bytes and ETag.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config.issues import Issue, errors
from kiosk.config.loader import ContentSet, load_content
from kiosk.config.needs import all_files, files_for
from kiosk.fleet.manifest import FileEntry, Manifest, ManifestError, blob_name, hash_file, new_version_name
from kiosk.fleet.manifest import parse as parse_manifest
from kiosk.fleet.signing import SignatureError, public_text, sign, verify

Progress = Callable[[str], None]
YAML = (".yaml", ".yml")


@dataclass
class PublishReport:
    issues: list[Issue] = field(default_factory=list)  # errors of the content: nothing was written
    new_versions: dict[str, str] = field(default_factory=dict)  # device -> version written now
    unchanged: dict[str, str] = field(default_factory=dict)  # device -> version already published
    whole: list[str] = field(default_factory=list)  # devices given every file (see module doc)
    blobs_written: int = 0
    blobs_kept: int = 0
    bytes_written: int = 0


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    try:  # nginx's ETag is the modification second and the size: a new manifest must differ in one
        before = int(path.stat().st_mtime)
    except FileNotFoundError:
        before = None
    if before is not None and int(temporary.stat().st_mtime) <= before:
        os.utime(temporary, (before + 1, before + 1))
    os.replace(temporary, path)


def selection_valid(root: Path, files: set[str]) -> list[Issue]:
    """The errors the loader finds in a root holding only ``files`` (as the device will have it). Editor
    files are copied into a scratch root; pictures and videos are empty stand-ins, since the loader
    checks only that they exist."""
    with tempfile.TemporaryDirectory(prefix="kiosk-publish-") as scratch:
        base = Path(scratch)
        for rel in files:
            target = base / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel.endswith(YAML):
                shutil.copyfile(root / rel, target)
            else:
                target.touch()
        return errors(load_content(base).issues)


def _device_files(content: ContentSet, names: list[str], report: PublishReport) -> dict[str, set[str]]:
    """Each device's files, or every file when its own would not validate. Devices whose selections
    differ only in their own device file (whose references the selection holds by construction) are
    checked once: a fleet of a thousand alike devices costs one check, not a thousand."""
    selected = {name: files_for(content, name) for name in names}
    groups: dict[frozenset[str], list[str]] = {}
    for name, files in selected.items():
        groups.setdefault(frozenset(files - {content.devices[name].file}), []).append(name)
    for members in groups.values():
        if selection_valid(content.root, selected[members[0]]):
            report.whole.extend(members)
            for name in members:
                selected[name] = all_files(content.root)
    return selected


def publish(
    root: Path,
    out: Path,
    key: Ed25519PrivateKey,
    devices: list[str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> PublishReport:
    """Validate ``root`` and write (or bring up to date) the published folder ``out``."""
    report = PublishReport()
    result = load_content(root)
    if errors(result.issues):
        report.issues = errors(result.issues)
        return report
    content = result.content
    names = sorted(devices if devices is not None else content.devices)
    wanted = _device_files(content, names, report)
    hashes = _hash_all(content.root, set().union(*wanted.values()) if wanted else set(), progress)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    _write_blobs(content.root, out, hashes, report, progress)
    public = public_text(key.public_key())
    for name in names:
        entries = tuple(sorted(hashes[rel] for rel in wanted[name]))
        _write_manifest(out, name, entries, key, public, stamp, report)
    return report


def _hash_all(root: Path, files: set[str], progress: Progress | None) -> dict[str, FileEntry]:
    out: dict[str, FileEntry] = {}
    said = time.monotonic()
    done_bytes = 0
    for i, rel in enumerate(sorted(files), start=1):
        sha, size = hash_file(root / rel)
        out[rel] = FileEntry(rel, sha, size)
        done_bytes += size
        if progress is not None and time.monotonic() - said >= 1.0:  # long work says where it is
            said = time.monotonic()
            progress(f"hashing: {i}/{len(files)} files, {done_bytes / 1e6:.1f} MB")
    return out


def _write_blobs(
    root: Path, out: Path, hashes: dict[str, FileEntry], report: PublishReport, progress: Progress | None
) -> None:
    unique = {entry.sha256: entry for entry in hashes.values()}
    said = time.monotonic()
    for i, entry in enumerate(unique.values(), start=1):
        target = out / blob_name(entry.sha256)
        if target.is_file() and target.stat().st_size == entry.size:
            report.blobs_kept += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(root / entry.path, temporary)
        os.replace(temporary, target)  # a server never hands out half a blob
        report.blobs_written += 1
        report.bytes_written += entry.size
        if progress is not None and time.monotonic() - said >= 1.0:
            said = time.monotonic()
            progress(f"writing blobs: {i}/{len(unique)}, {report.bytes_written / 1e6:.1f} MB new")


def _write_manifest(
    out: Path,
    name: str,
    entries: tuple[FileEntry, ...],
    key: Ed25519PrivateKey,
    public: str,
    stamp: datetime,
    report: PublishReport,
) -> None:
    path = out / "devices" / f"{name}.json"
    sig_path = path.with_name(path.name + ".sig")
    old = _existing(path, name)
    if old is not None and old.files == entries:
        report.unchanged[name] = old.version
        raw = path.read_bytes()
        if not _signed_by(raw, sig_path, public):  # a new key signs the same manifest again
            _write_atomic(sig_path, sign(key, raw))
        return
    manifest = Manifest(name, new_version_name(entries, stamp), stamp.isoformat(timespec="seconds"), entries)
    raw = manifest.to_bytes()
    # the signature first: a device that fetches between the two renames fails one check, never more
    _write_atomic(sig_path, sign(key, raw))
    _write_atomic(path, raw)
    report.new_versions[name] = manifest.version


def _existing(path: Path, name: str) -> Manifest | None:
    try:
        return parse_manifest(path.read_bytes(), name)
    except (OSError, ManifestError):
        return None


def _signed_by(raw: bytes, sig_path: Path, public: str) -> bool:
    try:
        verify(raw, sig_path.read_bytes(), [public])
    except (OSError, SignatureError):
        return False
    return True
