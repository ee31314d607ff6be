"""Review of issue 9: a hub that must not fetch (``kiosk run --offline``, preview) stays offline after a
hot reload."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kiosk.config.loader import load_content
from kiosk.runtime.datahub import DataHub
from kiosk.schedule.clock import SystemClock


@contextmanager
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback server that records every request (and answers 503)."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def test_an_offline_hub_does_not_start_polling_on_reload(qtbot, minipack: Path, tmp_path: Path) -> None:
    with counting_server() as (url, asked):
        source = minipack / "device-config/sources/wetter.yaml"
        source.write_text(source.read_text().replace("https://api.brightsky.dev", url))
        content = load_content(minipack).content
        hub = DataHub(content, "stele", SystemClock(), tmp_path / "data", live=False)
        try:
            hub.start()
            hub.replace_content(load_content(minipack).content)  # an editor saved a file: same source
            assert not any(timer.isActive() for timer in hub.timers.values()), "a poll is armed offline"
            qtbot.wait(700)  # a poll due "now" would fire after the hub's 200 ms minimum
            assert asked == [], f"the offline kiosk fetched after a reload: {asked}"
        finally:
            hub.stop()
