"""Which device this machine plays, which content it plays, and on what screen (the start line).

A city kiosk never guesses its device: ``kiosk run`` without a name reads the machine's device setting
(``DEVICE_SETTING``, one line with the device name, written by ``install.sh --service DEVICE``). Without
that file a content root with a single device plays it; with several it refuses and says how to choose.
Playing the alphabetically first one put the closed sports hall's black night screen on a street stele.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

DEVICE_SETTING = Path("/etc/smile-city-touchpoint/device")
ASPECT_TOLERANCE = 0.01  # relative: 1080×1920 on 1088×1920 is no reason for bars
GIT_TIMEOUT_S = 3


@dataclass(frozen=True)
class Choice:
    """The device to play and why, or ``problem``: the one-line refusal (exit code 2)."""

    name: str | None
    source: str = ""
    problem: str = ""


def read_setting(path: Path) -> str | None:
    """The device name in a device setting file (first line that is not empty or a # comment)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if (text := line.strip()) and not text.startswith("#"):
            return text
    return None


def device_files(root: Path) -> list[str]:
    folder = root / "device-config"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def choose_device(named: str | None, root: Path, setting: Path = DEVICE_SETTING) -> Choice:
    """The device ``kiosk run`` plays: the one named, else this machine's setting, else the only one."""
    if named:
        return Choice(named, "named on the command line")
    hint = f"name it ('kiosk run DEVICE') or write it to {setting} ('install.sh --service DEVICE' does)"
    if setting.exists():
        try:
            name = read_setting(setting)
        except (OSError, UnicodeDecodeError) as exc:
            return Choice(None, problem=f"cannot read this machine's device setting {setting}: {exc}")
        if name is None:
            return Choice(None, problem=f"this machine's device setting {setting} is empty; {hint}")
        return Choice(name, f"this machine's setting {setting}")
    devices = device_files(root)
    if len(devices) == 1:
        return Choice(devices[0], f"the only device in {root / 'device-config'}")
    if not devices:
        return Choice(None, problem=f"no device in {root / 'device-config'}")
    return Choice(
        None,
        problem=f"which device does this machine play? {root / 'device-config'} has {len(devices)} "
        f"({', '.join(devices)}) and {setting} does not exist; {hint}",
    )


def content_version(root: Path) -> str:
    """``git describe`` of the content checkout, else a short hash of the editor files (names, sizes
    and the YAML text; media by name and size only, so a start never reads gigabytes of video)."""
    git = shutil.which("git")
    if git is not None:
        try:
            # safe.directory: the kiosk user reads a checkout another user owns (git refuses otherwise)
            describe = [
                "-c",
                "safe.directory=*",
                "-C",
                str(root),
                "describe",
                "--always",
                "--dirty",
                "--tags",
            ]
            done = subprocess.run(
                [git, *describe],
                capture_output=True,
                text=True,
                timeout=GIT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0 and done.stdout.strip():
            return f"git {done.stdout.strip()}"
    digest = hashlib.sha256()
    count = 0
    for folder in ("device-config", "layouts", "content"):
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            try:
                size = path.stat().st_size
                digest.update(f"{path.relative_to(root)}\0{size}\0".encode())
                if path.suffix in (".yaml", ".yml"):
                    digest.update(path.read_bytes())
            except OSError:
                continue  # a file removed while hashing: the next start hashes again
            count += 1
    return f"files sha256:{digest.hexdigest()[:12]} ({count} files)"


def orientation(width: int, height: int) -> str:
    return "portrait" if height > width else "landscape" if width > height else "square"


def fitted_size(outer: tuple[int, int], canvas: tuple[int, int]) -> tuple[int, int]:
    """The largest size of ``canvas``'s aspect within ``outer`` (uniform scale; bars fill the rest)."""
    scale = min(outer[0] / canvas[0], outer[1] / canvas[1])
    return min(outer[0], round(canvas[0] * scale)), min(outer[1], round(canvas[1] * scale))


def same_aspect(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return abs(a[0] / a[1] - b[0] / b[1]) <= ASPECT_TOLERANCE * (b[0] / b[1])


def mismatch_note(device: str, screen: tuple[int, int], wanted: tuple[int, int]) -> str | None:
    """One line about a screen unlike the device file's ``screen``, or None when they agree."""
    if screen == wanted:
        return None
    w, h = screen
    says = f"screen {w}×{h} ({orientation(w, h)}) differs from device {device}'s screen "
    says += f"{wanted[0]}×{wanted[1]} ({orientation(*wanted)})"
    if same_aspect(screen, wanted):
        return says + f": the layout is scaled uniformly by {min(w / wanted[0], h / wanted[1]):.3g}"
    fw, fh = fitted_size(screen, wanted)
    bars = "left and right" if fw < w else "above and below"
    turn = " or turn it with screen.rotation" if orientation(w, h) != orientation(*wanted) else ""
    return (
        says + f": the layout is shown at {fw}×{fh}, not stretched, with bars {bars}; "
        f"set the real screen in device-config/{device}.yaml{turn}"
    )
