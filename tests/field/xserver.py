"""A real X server for the field tests: Xvfb on a free display number, torn down after use.

``Xvfb -displayfd FD`` picks a free display itself and writes its number to FD once it accepts
connections, so there is no guessing of numbers and no race with other engineers' servers. A second
check opens a real client connection (``xdpyinfo``) before the server is handed out.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field

START_TIMEOUT_S = 15.0


class XServerMissing(RuntimeError):
    """Xvfb (or a tool the field tests drive it with) is not installed."""


def missing_tools() -> list[str]:
    """The X tools the field tests need and this machine lacks (``install.sh --dev`` installs them)."""
    return [tool for tool in ("Xvfb", "xdotool", "xwd", "xdpyinfo") if shutil.which(tool) is None]


@dataclass
class XServer:
    """One running Xvfb. ``display`` is the value for ``$DISPLAY`` (e.g. ``":12"``)."""

    width: int
    height: int
    proc: subprocess.Popen[bytes] | None = None
    display: str = ""
    _log: list[str] = field(default_factory=list)

    def start(self) -> XServer:
        if missing := missing_tools():
            raise XServerMissing(f"missing {', '.join(missing)} (run ./install.sh --dev)")
        read_fd, write_fd = os.pipe()
        command = ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24"]
        # no TCP, no screen saver (it would blank the picture the tests look at), no access control
        # needed on a private unix socket
        command += ["-nolisten", "tcp", "-s", "0", "-dpms", "-noreset"]
        self.proc = subprocess.Popen(
            command,
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        os.close(write_fd)
        try:
            number = self._read_display_number(read_fd)
        finally:
            os.close(read_fd)
        self.display = f":{number}"
        self._wait_for_client()
        return self

    def _read_display_number(self, read_fd: int) -> int:
        assert self.proc is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        text = b""
        while not text.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"Xvfb did not start: {self.stderr()}")
            ready, _, _ = select.select([read_fd], [], [], min(remaining, 0.2))
            if ready:
                chunk = os.read(read_fd, 16)
                if not chunk:  # Xvfb closed the pipe without a number: it failed
                    continue
                text += chunk
        return int(text.strip())

    def _wait_for_client(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            probe = subprocess.run(["xdpyinfo", "-display", self.display], capture_output=True, check=False)
            if probe.returncode == 0:
                return
            time.sleep(0.05)  # a poll on a condition (the server answering), not a fixed wait
        self.stop()
        raise RuntimeError(f"Xvfb on {self.display} accepts no connections: {self.stderr()}")

    def stderr(self) -> str:
        if self.proc is not None and self.proc.stderr is not None and self.proc.poll() is not None:
            self._log.append(self.proc.stderr.read().decode(errors="replace"))
        return "".join(self._log).strip()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stderr is not None:
            self.proc.stderr.close()

    def env(self) -> dict[str, str]:
        """Environment entries that point an X client at this server."""
        return {"DISPLAY": self.display}
