"""Screen power: the display off outside opening hours, where the platform allows it.

Mechanisms, found once at start (and said once in the log):

- **wlroots** (cage on Wayland): ``wlr-randr --output NAME --off`` / ``--on`` for the first output.
- **X11 with DPMS**: ``xset dpms force off`` / ``xset dpms force on``. While open the kiosk keeps
  ``xset s off -dpms``, so the screen never blanks by itself in opening hours; while closed it sets
  ``xset +dpms dpms 0 0 60``, so a panel that the X server lit for a touch goes off again a minute later
  without a timer of ours.
- **none** (no tool, no DPMS, offscreen, a windowed run on a developer's desktop): the closed screen is
  black with nothing drawn (``ui.zone.StandbyWidget`` closed: no clock, no timer).

The commands run in a worker (``runtime.workers.Workers``) with a timeout; a command that fails is logged
once and the kiosk falls back to the black screen for the rest of the run. Each change of power is one log
line. When to switch is decided by ``schedule.power.PowerDecision`` (pure).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from kiosk.runtime.display import _first_wayland_output
from kiosk.runtime.workers import Workers
from kiosk.schedule.power import Power, PowerDecision

log = logging.getLogger(__name__)

TIMEOUT_S = 5.0
Commands = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Backend:
    """How this display is switched: ``describe`` for the log, the commands for on and off."""

    describe: str
    on: Commands = ()
    off: Commands = ()

    @property
    def switches(self) -> bool:
        return bool(self.off)


NONE = Backend("none: black screen")


def detect(platform: str, env: Mapping[str, str]) -> Backend:
    """The mechanism for Qt's ``platform`` ("xcb", "wayland", "offscreen", …). Runs commands: call it in
    a worker."""
    path = env.get("PATH")
    if platform.startswith("wayland"):
        tool = shutil.which("wlr-randr", path=path)
        output = _first_wayland_output(tool) if tool else None
        if tool and output:
            return Backend(
                f"wlr-randr output {output}",
                on=((tool, "--output", output, "--on"),),
                off=((tool, "--output", output, "--off"),),
            )
        return Backend(f"{NONE.describe} (wlr-randr {'finds no output' if tool else 'is not installed'})")
    if platform == "xcb":
        tool = shutil.which("xset", path=path)
        if tool is None:
            return Backend(f"{NONE.describe} (xset is not installed)")
        query = subprocess.run([tool, "q"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        if "DPMS is" not in query.stdout:  # "Server does not have the DPMS Extension" (Xvfb, some VMs)
            # still no screen saver blanking the screen in opening hours
            return Backend(f"{NONE.describe} (the X server has no DPMS)", on=((tool, "s", "off"),))
        return Backend(
            "DPMS via xset",
            on=((tool, "dpms", "force", "on"), (tool, "s", "off", "-dpms")),
            off=((tool, "+dpms", "dpms", "0", "0", "60"), (tool, "dpms", "force", "off")),
        )
    return Backend(f"{NONE.describe} ({platform or 'no'} display platform)")


def run_commands(commands: Commands) -> None:
    for command in commands:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        if done.returncode != 0:
            problem = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {' '.join(problem[:2])}")


class ScreenPower(QObject):
    """Switches the display as ``decision`` says; ``switching=False`` (a windowed run) never does."""

    def __init__(
        self,
        platform: str,
        switching: bool = True,
        env: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.platform = platform
        self.switching = switching
        self.env = dict(os.environ if env is None else env)
        self.decision = PowerDecision()
        self.backend: Backend | None = None  # None while detecting
        self.workers = Workers("screen-power", parent=self)

    def start(self) -> None:
        if not self.switching:
            self._found(Backend(f"{NONE.describe} (windowed)"))
            return
        self.workers.submit(
            "screen power detection",
            lambda: detect(self.platform, self.env),
            self._found,
            lambda error: self._found(Backend(f"{NONE.describe} (detection failed: {error})")),
        )

    @property
    def quiet(self) -> bool:
        return self.decision.state.quiet

    def update(self, open: bool | None = None, takeover: bool | None = None) -> None:
        command = self.decision.update(open=open, takeover=takeover)
        if command is None:
            return
        reason = self.decision.reason()
        log.info("screen %s (%s)", command, reason, extra={"fields": {"screen": command, "reason": reason}})
        self._send(command)

    def _found(self, backend: Backend) -> None:
        self.backend = backend
        log.info("screen power: %s", backend.describe, extra={"fields": {"screen_power": backend.describe}})
        # while open keep the X server from blanking on its own; a decision made meanwhile goes out now
        self._send(self.decision.applied)

    def _send(self, command: Power) -> None:
        backend = self.backend
        if backend is None:
            return  # still detecting: ``_found`` sends what is wanted then
        commands: Sequence[tuple[str, ...]] = backend.on if command == "on" else backend.off
        if not commands:
            return
        self.workers.submit(
            f"screen {command}", lambda: run_commands(tuple(commands)), lambda _: None, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        # Workers logged the error once; from now on the closed screen is black only
        if self.backend is not None and self.backend.switches:
            log.warning(
                "screen power: %s failed; from now on the closed screen is black only", self.backend.describe
            )
            self.backend = Backend(f"{NONE.describe} (after a failure)")

    def stop(self) -> None:
        self.workers.shutdown()
