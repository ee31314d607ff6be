"""Shared GUI test helpers: a loopback web server and frame statistics."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PySide6.QtGui import QImage

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Test</title></head>
<body style="margin:0;background:#c0392b;color:#ffffff;font:48px sans-serif">
<h1 style="margin:40px">Stadthafen</h1><div style="height:200px;background:#f1c40f"></div></body></html>"""


REQUESTS: list[str] = []


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        REQUESTS.append(self.path)


@contextmanager
def web_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (never off the machine); yields the base URL."""
    (folder / "seite.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def colour_stats(image: QImage, step: int = 4) -> tuple[int, float]:
    """(distinct colours, share of the most common colour) over a grid of pixels."""
    counts: dict[int, int] = {}
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    total = sum(counts.values())
    return len(counts), max(counts.values()) / total if total else 1.0
