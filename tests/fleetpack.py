"""Packs that sync from a published bundle, and a way to publish what ``kiosk publish`` would refuse
(for the tests that show a device refusing it too)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from kiosk.fleet.manifest import FileEntry, Manifest, hash_file, parse
from kiosk.fleet.signing import load_private, sign
from tests.field.packs import Pack, signage_pack

RED, BLUE, GREEN = (200, 30, 40), (40, 70, 210), (30, 170, 60)


def sync_pack(root: Path, url: str, public: str, devices: tuple[str, ...] = ("feld",)) -> Pack:
    """A hall display (one zone, one solid red slide 'main') per name in ``devices``, each syncing."""
    pack = signage_pack(root, {"main": (0, 0, 640, 360)}, {"main": [("main", RED, "1m")]})
    (root / "device-config/feld.yaml").unlink()
    for name in devices:
        pack.device(
            name,
            {
                "name": f"Feldtest {name}",
                "role": "hall-display",
                "layout": "feld",
                "screen": {"width": 640, "height": 360},
                "zones": {"main": {"default": "main"}},
                "sync": {"url": url, "public_keys": [public], "interval": "1s", "jitter": "300ms"},
            },
        )
    return pack


def paint(pack: Pack, name: str, rgb: tuple[int, int, int]) -> None:
    """Give slide ``name``'s picture another colour under the same file name."""
    Image.new("RGB", (320, 180), rgb).save(pack.root / f"content/images/{name}.png")


def sign_anyway(site: Path, device: str, key: Path, replace: dict[str, bytes], version: str) -> None:
    """Publish ``device``'s manifest with the files in ``replace`` (path -> bytes) swapped in, signed with
    ``key``, as someone would who wrote a bundle by hand: nothing validates it on the way."""
    old = parse((site / f"devices/{device}.json").read_bytes())
    entries = []
    for entry in old.files:
        if entry.path in replace:
            scratch = site / ".scratch"
            scratch.write_bytes(replace[entry.path])
            sha, size = hash_file(scratch)
            scratch.rename(site / "blobs/sha256" / sha)
            entry = FileEntry(entry.path, sha, size)
        entries.append(entry)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    raw = Manifest(device, version, now, tuple(entries)).to_bytes()
    (site / f"devices/{device}.json.sig").write_bytes(sign(load_private(key), raw))
    (site / f"devices/{device}.json").write_bytes(raw)
