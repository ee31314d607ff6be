"""Small valid content packs for field tests, written into a temporary folder.

Slides are pictures of one solid colour each (so a single pixel says which slide is on screen), or text,
web and alert files where a test needs them. Every pack is checked with ``kiosk validate --strict`` (the
editor's own check) before a test runs it, so a field test never fails on a broken pack.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

from tests.kiosk_cli import kiosk_command
from tests.minipack import FILES as MINIPACK

THEME = MINIPACK["content/themes/rostock.yaml"]
BACKGROUND = (0x00, 0x3D, 0x7C)  # the theme's background: what an empty zone shows


def text3(de: str, en: str | None = None, ls: str | None = None) -> dict[str, str]:
    """A passer-by text in German, English and Leichte Sprache (strict validation expects all three)."""
    return {"de": de, "en": en or de, "ls": ls or de}


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


class Pack:
    """A content root under construction; every method writes its file at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content/images").mkdir(parents=True, exist_ok=True)
        for folder in ("slides", "playlists", "pages", "themes", "alerts"):
            (root / "content" / folder).mkdir(parents=True, exist_ok=True)
        (root / "layouts").mkdir(exist_ok=True)
        (root / "device-config").mkdir(exist_ok=True)
        (root / "content/themes/rostock.yaml").write_text(THEME, encoding="utf-8")

    def write(self, rel: str, data: dict[str, Any]) -> Path:
        """Write one editor file (YAML) and return its path."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    # --- files --------------------------------------------------------------------------------
    def layout(self, name: str, zones: dict[str, tuple[int, int, int, int]], size: tuple[int, int]) -> Path:
        """A layout: zone id -> (x, y, width, height) on a reference canvas of ``size``."""
        return self.write(
            f"layouts/{name}.yaml",
            {
                "name": name,
                "reference_size": {"width": size[0], "height": size[1]},
                "zones": [
                    {"id": z, "x": x, "y": y, "width": w, "height": h} for z, (x, y, w, h) in zones.items()
                ],
            },
        )

    def colour_slide(
        self,
        name: str,
        rgb: tuple[int, int, int],
        duration: str = "2s",
        transition: str = "crossfade",
        size: tuple[int, int] = (320, 180),
    ) -> Path:
        """An image slide of one solid colour, stretched over its zone (``fit: fill``)."""
        Image.new("RGB", size, rgb).save(self.root / f"content/images/{name}.png")
        return self.write(
            f"content/slides/{name}.yaml",
            {
                "type": "image",
                "title": text3(f"Farbe {name}", f"Colour {name}"),
                "image": f"images/{name}.png",
                "alt": text3(f"Eine Fläche in {hex_colour(rgb)}", f"A plane of {hex_colour(rgb)}"),
                "fit": "fill",
                "duration": duration,
                "transition": transition,
            },
        )

    def slide(self, name: str, data: dict[str, Any]) -> Path:
        return self.write(f"content/slides/{name}.yaml", data)

    def playlist(self, name: str, items: list[str | dict[str, Any]], **keys: Any) -> Path:
        """A playlist; ``keys`` are further playlist keys (``windows``, ``takeover``, ``priority``...)."""
        return self.write(f"content/playlists/{name}.yaml", {"name": name, **keys, "items": items})

    def page(self, name: str, data: dict[str, Any]) -> Path:
        return self.write(f"content/pages/{name}.yaml", data)

    def device(self, name: str, data: dict[str, Any]) -> Path:
        return self.write(f"device-config/{name}.yaml", data)

    def hall_device(
        self, size: tuple[int, int], zones: dict[str, str], name: str = "feld", **extra: Any
    ) -> Path:
        """The field tests' hall display on layout ``feld``: zone id -> its default playlist."""
        data: dict[str, Any] = {
            "name": "Feldtest",
            "role": "hall-display",
            "layout": "feld",
            "screen": {"width": size[0], "height": size[1]},
            "zones": {zone: {"default": playlist} for zone, playlist in zones.items()},
            **extra,
        }
        return self.device(name, data)

    # --- checks -------------------------------------------------------------------------------
    def validate(self) -> None:
        """``kiosk validate --strict``: the pack has no error and no warning."""
        proc = subprocess.run(
            kiosk_command("validate", str(self.root), "--strict"),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert proc.returncode == 0, f"the test's pack is not valid:\n{proc.stdout}{proc.stderr}"


def signage_pack(
    root: Path,
    zones: dict[str, tuple[int, int, int, int]],
    playlists: dict[str, list[tuple[str, tuple[int, int, int], str]]],
    size: tuple[int, int] = (640, 360),
    transition: str = "crossfade",
) -> Pack:
    """A hall display whose zones each play one playlist of solid colour slides.

    ``playlists`` maps a zone id to its slides as (name, colour, duration); the zone's playlist is
    named after the zone and is its default, so it plays all day.
    """
    pack = Pack(root)
    pack.layout("feld", zones, size)
    for zone, slides in playlists.items():
        for name, rgb, duration in slides:
            pack.colour_slide(name, rgb, duration, transition)
        pack.playlist(zone, [name for name, _, _ in slides])
    pack.device(
        "feld",
        {
            "name": "Feldtest",
            "role": "hall-display",
            "layout": "feld",
            "screen": {"width": size[0], "height": size[1]},
            "zones": {zone: {"default": zone} for zone in zones},
        },
    )
    return pack


def touch_pack(
    root: Path,
    session: dict[str, str] | None = None,
    languages: list[str] | None = None,
    size: tuple[int, int] = (640, 360),
    attract: tuple[str, tuple[int, int, int]] = ("warten", (30, 120, 90)),
) -> Pack:
    """A touch terminal: one zone with a one-slide attract loop (a solid colour), a home page of two
    tiles and a detail page. ``session`` sets the device's session keys (idle_timeout, idle_warning)."""
    pack = Pack(root)
    pack.layout("stele", {"inhalt": (0, 0, *size)}, size)
    pack.colour_slide(attract[0], attract[1], "1m")
    pack.playlist("lockschleife", [attract[0]])
    pack.page(
        "start",
        {
            "title": text3("Start", "Home", "Start"),
            "view": "tiles",
            "intro": text3("Bitte wählen", "Please choose", "Bitte tippen"),
            "children": ["info", "hafen"],
        },
    )
    for name, de, en in (("info", "Auskunft", "Information"), ("hafen", "Stadthafen", "City harbour")):
        pack.page(
            name,
            {
                "title": text3(de, en),
                "view": "detail",
                "blocks": [{"type": "text", "text": text3(f"Text über {de}", f"About {en}")}],
            },
        )
    device: dict[str, Any] = {
        "name": "Feldstele",
        "role": "touch-terminal",
        "layout": "stele",
        "home_page": "start",
        "screen": {"width": size[0], "height": size[1]},
        "zones": {"inhalt": {"default": "lockschleife"}},
    }
    if session:
        device["session"] = session
    if languages:
        device["languages"] = languages
    pack.device("stele", device)
    return pack
