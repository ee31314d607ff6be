"""Small content packs for schedule tests: one device, a few slides of known length, given playlists."""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.loader import ContentSet, load_content
from tests.minipack import FILES

BERLIN = ZoneInfo("Europe/Berlin")
DEVICE = "screen"

#: Slide name → duration; slides are plain text slides.
SLIDES = {"a": "10s", "b": "20s", "c": "30s", "d": "1m", "e": "5m", "f": "1h"}


def at(text: str, tz: ZoneInfo = BERLIN) -> datetime:
    """``"2026-08-07 10:00"`` as an aware datetime in ``tz`` (wall clock, fold 0)."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def make_pack(
    root: Path,
    playlists: dict[str, str],
    zones: str,
    device_extra: str = "",
    layout_zones: tuple[str, ...] = ("main",),
) -> ContentSet:
    """Write a pack and load it; fails the test if it has errors.

    Args:
        root: Empty folder to write into.
        playlists: Playlist name → YAML body (``name:`` is added).
        zones: The device's ``zones:`` mapping as YAML (indented by 2).
        device_extra: More top-level device keys (YAML).
        layout_zones: Zone ids of the layout, in order.
    """
    files = {
        "content/themes/rostock.yaml": FILES["content/themes/rostock.yaml"],
        "layouts/l.yaml": "name: L\nreference_size: {width: 1920, height: 1080}\nzones:\n"
        + "".join(
            f"  - {{id: {z}, y: {n * 100}, width: 1920, height: 100}}\n" for n, z in enumerate(layout_zones)
        ),
        f"device-config/{DEVICE}.yaml": f"name: Testschirm\nrole: hall-display\nlayout: l\nzones:\n"
        f"{textwrap.indent(textwrap.dedent(zones).strip(), '  ')}\n{textwrap.dedent(device_extra)}",
    }
    for name, duration in SLIDES.items():
        files[f"content/slides/{name}.yaml"] = (
            f"type: text\ntitle: {{de: {name}, en: {name}, ls: {name}}}\n"
            f"body: {{de: {name}, en: {name}, ls: {name}}}\nduration: {duration}\n"
        )
    for name, body in playlists.items():
        files[f"content/playlists/{name}.yaml"] = f"name: {name}\n{textwrap.dedent(body).strip()}\n"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = load_content(root)
    assert result.ok, "\n".join(i.format() for i in result.issues)
    return result.content
