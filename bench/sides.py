"""Figures side by side, each with its anchors in the same run: start → picture written (a), peak PSS of
the whole process tree while playing (b) and CPU seconds per second while cycling (c), for this kiosk,
Chromium and a bare PySide6 window."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import procs
from bench.carousel import SIZE, carousel_html, floor_command, write_pack

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("sporthalle-schmarl", "2026-12-16T18:30")  # the hall display of the README picture
AT = "2026-12-07T10:00"
CHROMIUM_FLAGS = [  # /work docs: no network noise, no first-run, no sandbox (the bench runs as root)
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=Translate,MediaRouter",
]
INSTALL_CHROMIUM = "sudo apt-get install -y chromium   (Debian/Raspberry Pi OS package)"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def kiosk_env(tmp: Path, display: str | None = None) -> dict[str, str]:
    """The kiosk's environment: offscreen or the bench's X display, caches and state in ``tmp``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(XDG_CACHE_HOME=str(tmp / "cache"), XDG_STATE_HOME=str(tmp / "state"))
    env["QT_QPA_PLATFORM"] = "xcb" if display else "offscreen"
    if display:
        env["DISPLAY"] = display
    if os.geteuid() == 0:  # QtWebEngine runs as root only without its sandbox (bench only)
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
    return env


def kiosk(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", *args]


class Content:
    """The generated packs and pages of one bench run, and the loopback server for the web slide."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        (tmp / "www").mkdir(parents=True)
        (tmp / "www/carousel.html").write_text(carousel_html(cycle=True), encoding="utf-8")
        (tmp / "www/still.html").write_text(carousel_html(cycle=False), encoding="utf-8")
        handler = functools.partial(_Quiet, directory=str(tmp / "www"))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        port = self.server.server_address[1]
        self.text = write_pack(tmp / "text")
        self.web = write_pack(tmp / "web", web_url=f"http://127.0.0.1:{port}/still.html")

    def page(self, name: str) -> str:
        return (self.tmp / "www" / name).as_uri()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# --- (a) start → picture written ---------------------------------------------------------------------
def start_once(content: Content, browser: str | None) -> dict[str, float]:
    """One round of every side; each a new process from spawn to its exit with the PNG written."""
    tmp = Path(tempfile.mkdtemp(dir=content.tmp))
    env = kiosk_env(tmp)
    out: dict[str, float] = {}

    def shot(name: str, command: list[str], environment: dict[str, str]) -> None:
        png = tmp / f"{name}.png"
        out[name] = procs.timed(command, environment, lambda: png.is_file() and png.stat().st_size > 0)

    device, at = SHIPPED
    shot(
        "kiosk_shipped",
        kiosk("preview", device, "--root", str(REPO), "--at", at, "--out", str(tmp / "kiosk_shipped.png")),
        env,
    )
    shot(
        "kiosk_carousel",
        kiosk(
            "preview",
            "carousel",
            "--root",
            str(content.text),
            "--at",
            AT,
            "--out",
            str(tmp / "kiosk_carousel.png"),
        ),
        env,
    )
    shot("floor", floor_command("shot", str(tmp / "floor.png")), env)
    if browser:
        command = [browser, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'chromium'}"]
        command += [f"--window-size={SIZE[0]},{SIZE[1]}", f"--screenshot={tmp / 'chromium.png'}"]
        shot("chromium", [*command, content.page("still.html")], env)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


# --- (b) peak PSS and (c) CPU while playing ------------------------------------------------------------
@contextmanager
def display() -> Iterator[str]:
    """A virtual screen of the carousel's size for every side (the field tests' Xvfb)."""
    from tests.field.xserver import XServer

    server = XServer(*SIZE).start()
    try:
        yield server.display
    finally:
        server.stop()


def play_once(
    content: Content, browser: str | None, seconds: float, screen: str
) -> dict[str, dict[str, float]]:
    """Each side plays the carousel on ``screen`` for ``seconds`` (start included): peak PSS of its
    whole process tree, CPU seconds per second, the most processes seen at once."""
    tmp = Path(tempfile.mkdtemp(dir=content.tmp))
    env = kiosk_env(tmp, screen)
    run = ["--window", "--offline", "--at", AT, "--exit-after", f"{seconds + 30:g}"]
    sides: dict[str, list[str]] = {
        "kiosk_text": kiosk(
            "run", "carousel", "--root", str(content.text), *run, "--data-dir", str(tmp / "d1")
        ),
        "kiosk_web": kiosk(
            "run", "carousel", "--root", str(content.web), *run, "--data-dir", str(tmp / "d2")
        ),
        "floor": floor_command("play", f"{seconds + 30:g}"),
    }
    if browser:
        sides["chromium"] = [
            browser,
            "--kiosk",
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp / 'chromium'}",
            f"--window-size={SIZE[0]},{SIZE[1]}",
            "--window-position=0,0",
            content.page("carousel.html"),
        ]
    out = {}
    for name, command in sides.items():
        log = (tmp / f"{name}.log").open("wb")
        proc = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            watch, wall = procs.watch(proc, seconds)
            alive = proc.poll() is None
        finally:
            procs.stop(proc)
            log.close()
        if not alive:
            tail = (tmp / f"{name}.log").read_text(errors="replace")[-800:]
            raise RuntimeError(f"{name} ended before {seconds:g} s:\n{tail}")
        out[name] = {
            "pss_mb": watch.peak_pss_kb / 1024,
            "cpu_s_per_s": watch.cpu_total() / wall,
            "processes": float(watch.peak_processes),
        }
    shutil.rmtree(tmp, ignore_errors=True)
    return out
