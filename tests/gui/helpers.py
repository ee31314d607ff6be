"""Shared GUI test helpers: a test page served by the fake platform, and frame statistics."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.devtools.platform_sim import PlatformSim

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Test</title></head>
<body style="margin:0;background:#c0392b;color:#ffffff;font:48px sans-serif">
<h1 style="margin:40px">Stadthafen</h1><div style="height:200px;background:#f1c40f"></div></body></html>"""


def serve_page(sim: PlatformSim, path: str = "/seite.html", html: str = PAGE) -> str:
    """Serve ``html`` (by default a painted test page) at ``path`` on the running fake platform; returns
    the page's URL."""
    return sim.add_page(path, html)


def colour_stats(image: QImage, step: int = 4) -> tuple[int, float]:
    """(distinct colours, share of the most common colour) over a grid of pixels."""
    counts: dict[int, int] = {}
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    total = sum(counts.values())
    return len(counts), max(counts.values()) / total if total else 1.0
