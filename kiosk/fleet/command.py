"""``kiosk keys``, ``kiosk publish`` and ``kiosk rollback`` (registered on the ``kiosk`` parser)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.paths import MARKERS, find_root, is_content_root


def _inside_content(folder: Path) -> Path | None:
    """The content root ``folder`` is in (or is), if any: no private key may live there."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if is_content_root(candidate) or candidate.name in MARKERS:
            return candidate
    return None


def _cmd_keys(args: argparse.Namespace) -> int:
    from kiosk.fleet.signing import PRIVATE_NAME, PUBLIC_NAME, make_keys

    folder: Path = args.dir
    if not folder.is_dir():
        print(f"kiosk keys: {folder} is not a folder (no folders are created)", file=sys.stderr)
        return 2
    if (root := _inside_content(folder)) is not None:
        print(
            f"kiosk keys: {folder} is inside the content at {root}: a private key must never be published "
            "or committed; keep it outside (a CI secret, /etc/smile-city-touchpoint/)",
            file=sys.stderr,
        )
        return 2
    if (folder / PRIVATE_NAME).exists() or (folder / PUBLIC_NAME).exists():
        print(f"kiosk keys: {folder} already holds a key pair; it is never overwritten", file=sys.stderr)
        return 2
    private, public, line = make_keys(folder)
    print(f"private key: {private} (mode 0600: give it to the publishing job only)")
    print(f"public key:  {public}")
    print("put the public key into every device file that syncs:")
    print(f"  sync:\n    public_keys: [{line}]")
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    from kiosk.fleet.publish import publish
    from kiosk.fleet.signing import SignatureError, load_private

    root = find_root(args.root)
    out: Path = args.out.resolve()
    if not out.parent.is_dir():
        print(f"kiosk publish: the folder {out.parent} does not exist", file=sys.stderr)
        return 2
    if root == out or (root in out.parents and _inside_content(out) is not None):
        print(
            f"kiosk publish: {out} is inside the content it publishes; choose another folder", file=sys.stderr
        )
        return 2
    key_path: Path = args.key.resolve()
    if out in key_path.parents:
        print(f"kiosk publish: the private key {key_path} is inside {out}, which is served", file=sys.stderr)
        return 2
    try:
        key = load_private(key_path)
    except OSError as exc:
        print(f"kiosk publish: cannot read the key {key_path}: {exc.strerror}", file=sys.stderr)
        return 2
    except SignatureError as exc:
        print(f"kiosk publish: {exc}", file=sys.stderr)
        return 2

    def progress(line: str) -> None:
        print(f"kiosk publish: {line}", file=sys.stderr, flush=True)

    report = publish(root, out, key, args.device or None, progress)
    if report.issues:
        for issue in report.issues:
            print(issue.format())
        print(f"kiosk publish: refused, {len(report.issues)} error(s) in {root} (see kiosk validate)")
        return 1
    for name, version in sorted(report.new_versions.items()):
        print(f"device {name}: new version {version}")
    for name, version in sorted(report.unchanged.items()):
        print(f"device {name}: unchanged ({version})")
    for name in report.whole:
        print(f"device {name}: gets the whole content (its own files alone do not validate)")
    print(
        f"published to {out}: {report.blobs_written} file(s) written "
        f"({report.bytes_written / 1e6:.1f} MB), {report.blobs_kept} already there"
    )
    return 0


def _cmd_rollback(args: argparse.Namespace) -> int:
    from kiosk.fleet.state import default_sync_dir
    from kiosk.fleet.store import VersionStore

    store = VersionStore(default_sync_dir(args.data_dir))
    if not store.dir.is_dir():
        print(f"kiosk rollback: nothing synced in {store.dir}", file=sys.stderr)
        return 1
    try:
        left, now = store.rollback()
    except ValueError as exc:
        print(f"kiosk rollback: {exc} in {store.dir}", file=sys.stderr)
        return 1
    except TimeoutError:
        print("kiosk rollback: the kiosk is downloading an update; try again in a minute", file=sys.stderr)
        return 1
    print(f"rolled back from {left} to {now}; {left} is not fetched again until a newer version is published")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("keys", help="make an ed25519 key pair for signing published content")
    p.add_argument("dir", type=Path, help="folder for the key pair (outside the content)")
    p.set_defaults(func=_cmd_keys)

    p = sub.add_parser("publish", help="write signed content bundles for the devices to a served folder")
    p.add_argument("out", type=Path, help="folder to publish to (served by a web server, bucket or CDN)")
    p.add_argument("--key", type=Path, required=True, help="private key written by 'kiosk keys'")
    p.add_argument("--root", type=Path, help="content root (default: as for validate)")
    p.add_argument(
        "--device", action="append", default=[], help="publish only this device (repeatable; default: all)"
    )
    p.set_defaults(func=_cmd_publish)

    p = sub.add_parser("rollback", help="switch this device back to the content version it had before")
    p.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the --data-dir the kiosk runs with (default: the state folder's sync/)",
    )
    p.set_defaults(func=_cmd_rollback)
