"""A small, valid content pack written into a temporary folder (independent of the sample pack)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

FILES: dict[str, str] = {
    "device-config/stele.yaml": """\
name: Test-Stele
role: touch-terminal
layout: hoch
home_page: start
web_allowlist: ["www.rostock.de"]
screen:
  width: 540
  height: 960
zones:
  main:
    playlists: [tag]
    default: immer
  band:
    playlists: [band]
""",
    "device-config/sources/wetter.yaml": """\
name: Wetter
kind: brightsky-weather
url: https://api.brightsky.dev/current_weather
params: {lat: "54.18", lon: "12.08"}
refresh: 10m
stale_after: 1h
""",
    "layouts/hoch.yaml": """\
name: Hochformat
reference_size: {width: 1080, height: 1920}
zones:
  - id: main
    width: 1080
    height: 1720
  - id: band
    y: 1720
    width: 1080
    height: 200
""",
    "content/themes/rostock.yaml": """\
name: Test
normal:
  background: "#003d7c"
  surface: "#0b4f96"
  text: "#ffffff"
  muted_text: "#e6eef7"
  accent: "#ffffff"
  accent_text: "#003d7c"
  focus: "#ffd400"
  warning: "#ffd400"
  warning_text: "#000000"
  alert: "#b00020"
  alert_text: "#ffffff"
high_contrast:
  background: "#000000"
  surface: "#000000"
  text: "#ffffff"
  muted_text: "#ffffff"
  accent: "#ffff00"
  accent_text: "#000000"
  focus: "#ffff00"
  warning: "#ffff00"
  warning_text: "#000000"
  alert: "#ffffff"
  alert_text: "#000000"
""",
    "content/slides/willkommen.yaml": """\
type: text
title: {de: Willkommen, en: Welcome, ls: Hallo}
heading: {de: Willkommen in Rostock, en: Welcome to Rostock, ls: Hallo in Rostock}
body:
  de: "Schön, dass Sie da sind."
  en: "Nice to have you here."
  ls: "Sie sind da. Das ist schön."
""",
    "content/slides/hafen.yaml": """\
type: image
image: images/hafen.png
alt: {de: Der Stadthafen, en: The city harbour, ls: Der Hafen in der Stadt}
""",
    "content/slides/wetter.yaml": """\
type: data
widget: weather
source: wetter
""",
    "content/slides/band.yaml": """\
type: ticker
items:
  - {de: Guten Tag, en: Good day, ls: Guten Tag}
""",
    "content/playlists/tag.yaml": """\
name: Tagsüber
windows:
  - days: [mon, tue, wed, thu, fri]
    from: "07:00"
    to: "18:00"
items:
  - hafen
  - slide: willkommen
    duration: 20s
""",
    "content/playlists/immer.yaml": """\
name: Immer
items: [willkommen, wetter]
""",
    "content/playlists/band.yaml": """\
name: Laufband
items: [band]
""",
    "content/pages/start.yaml": """\
title: {de: Start, en: Home, ls: Start}
view: tiles
children: [info]
""",
    "content/pages/info.yaml": """\
title: {de: Info, en: Info, ls: Info}
blocks:
  - type: text
    text: {de: Hallo, en: Hello, ls: Hallo}
""",
}


def write_minipack(root: Path) -> Path:
    """Write the pack (with a drawn picture) below ``root`` and return ``root``."""
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    image = Image.new("RGB", (800, 600), "#1d6fb8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill="#0b3d6e")
    draw.polygon([(300, 420), (500, 420), (460, 480), (340, 480)], fill="#ffffff")
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    image.save(root / "content/images/hafen.png")
    return root
