"""A real nginx (the Debian package) on a free loopback port, serving a published folder the way
docs/fleet.md tells a city to: manifests revalidated on every request, blobs immutable.

``Nginx(site).start()`` writes its configuration into a folder of its own and runs ``nginx -p DIR -c
nginx.conf -g 'daemon off;'`` in the foreground (its own process group); ``stop()`` ends it. The tests run
as root: ``user root;`` lets the workers read a test's tmp folder (mode 0700).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

CONF = """\
{user}
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {access};
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    types {{ application/json json; }}
    default_type application/octet-stream;
    server_tokens off;
    keepalive_requests 10000;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        location /devices/ {{ add_header Cache-Control "no-cache"; }}
        location /blobs/ {{ add_header Cache-Control "public, max-age=31536000, immutable"; }}
    }}
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Nginx:
    def __init__(self, site: Path, workers: int = 1, access_log: bool = False) -> None:
        self.site = site
        self.workers = workers
        self.access_log = access_log
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-nginx-"))
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 10.0) -> Nginx:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (./install.sh --dev installs it)")
        access = f"{self.dir}/access.log" if self.access_log else "off"
        user = "user root;" if os.geteuid() == 0 else ""
        conf = CONF.format(
            user=user, workers=self.workers, dir=self.dir, access=access, port=self.port, site=self.site
        )
        (self.dir / "nginx.conf").write_text(conf, encoding="utf-8")
        self.proc = subprocess.Popen(
            [binary, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"nginx exited: {self.proc.stderr.read().decode() if self.proc.stderr else ''}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                return self
            time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen within {timeout:.0f} s")

    def pids(self) -> list[int]:
        """The master and its workers (for CPU time from /proc)."""
        if self.proc is None:
            return []
        out = [self.proc.pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(fields[1]) == self.proc.pid:
                        out.append(int(entry.name))
        return out

    def cpu_seconds(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.proc is not None and self.proc.stderr is not None:
            self.proc.stderr.close()
        self.proc = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
