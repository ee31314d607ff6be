"""The doctor's checks that need Qt: the platform plugin and the screen, and QtWebEngine (each started
in a child process by ``probe.py``, so a crash or a hang is a clean failure)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from kiosk.runtime.doctor.context import Context
from kiosk.runtime.doctor.result import Result, tail
from kiosk.runtime.doctor.subproc import run_probe

DISPLAY_TIMEOUT_S = 15.0
WEB_TIMEOUT_S = 30.0  # the probe gives the page 20 s; Chromium's start comes on top
SERVICE_FIX = "run the kiosk as its own user (install.sh --service)"
NO_DISPLAY_FIX = (
    "run the doctor in the kiosk's session (DISPLAY=:0 or WAYLAND_DISPLAY=wayland-0 with that session's "
    "XDG_RUNTIME_DIR, as the kiosk's user), or QT_QPA_PLATFORM=offscreen for a try without a screen"
)


def expected_platform(env: Mapping[str, str]) -> tuple[str | None, str]:
    """The platform plugin Qt will pick here, and the variable it follows (Qt's own order)."""
    if env.get("QT_QPA_PLATFORM"):
        return env["QT_QPA_PLATFORM"], f"QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}"
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "wayland") == "wayland":
        return "wayland", f"WAYLAND_DISPLAY={env['WAYLAND_DISPLAY']}"
    if env.get("DISPLAY"):
        return "xcb", f"DISPLAY={env['DISPLAY']}"
    return None, "QT_QPA_PLATFORM, WAYLAND_DISPLAY and DISPLAY are unset"


def check_display(ctx: Context, wait_s: float) -> list[Result]:
    """``display``: a QGuiApplication starts on the platform the kiosk would use; ``screen``: its primary
    screen against the device file."""
    platform, because = expected_platform(os.environ)
    if platform is None:
        return [
            Result("display", "fail", f"no display: {because}", fix=NO_DISPLAY_FIX),
            Result("screen", "skip", "no display to measure"),
        ]
    run = run_probe(["display"], DISPLAY_TIMEOUT_S)
    answer = run.answer
    if answer is None:
        return [
            Result(
                "display",
                "fail",
                f"Qt cannot start on {platform} ({because}): {run.why}",
                fix=_platform_fix(platform),
                details=tail(run.stderr),
            ),
            Result("screen", "skip", "no display to measure"),
        ]
    used = str(answer.get("platform"))
    display = Result("display", "pass", f"{used} ({because}), started in {answer.get('ms')} ms")
    return [display, _screen(ctx, used, answer, wait_s)]


def _platform_fix(platform: str) -> str:
    if platform == "xcb":
        return (
            "check that the X server runs and DISPLAY is right; apt install libxcb-cursor0 libxkbcommon-x11-0"
        )
    if platform.startswith("wayland"):
        return "check that the compositor (cage) runs and WAYLAND_DISPLAY/XDG_RUNTIME_DIR are its own"
    return f"check QT_QPA_PLATFORM={platform}: Qt lists the plugins it has in the lines above"


def _screen(ctx: Context, platform: str, answer: Mapping[str, object], wait_s: float) -> Result:
    found = ctx.device(wait_s)
    if found is None:
        return Result("screen", "skip", "needs a valid device file (see config)")
    name, device, _content = found
    want = (device.screen.width, device.screen.height)
    got = (answer.get("width"), answer.get("height"))
    size = f"{got[0]}×{got[1]}"
    if platform in ("offscreen", "minimal"):
        return Result(
            "screen",
            "warn",
            f"{platform} platform: no real screen ({size}); device wants {want[0]}×{want[1]}",
            fix="run the doctor on the device's own display",
        )
    # the kiosk turns the output itself at start (screen.rotation), so before that the panel may still
    # stand the other way round
    turned = (want[1], want[0]) if device.screen.rotation in (90, 270) else want
    if got == want:
        return Result("screen", "pass", f"{size} as in device-config/{name}.yaml")
    if got == turned:
        return Result(
            "screen",
            "pass",
            f"{size}, turned to {want[0]}×{want[1]} by the kiosk (rotation {device.screen.rotation}°)",
        )
    return Result(
        "screen",
        "warn",
        f"the screen is {size}, device-config/{name}.yaml says {want[0]}×{want[1]} (rotation "
        f"{device.screen.rotation}°); the kiosk fills the real screen, layouts are scaled",
        fix=f"set screen.width/height in device-config/{name}.yaml or the display's mode (xrandr)",
    )


def _sandbox_disabled(env: Mapping[str, str]) -> bool:
    return bool(env.get("QTWEBENGINE_DISABLE_SANDBOX")) or "--no-sandbox" in env.get(
        "QTWEBENGINE_CHROMIUM_FLAGS", ""
    )


def check_webengine(ctx: Context) -> Result:
    """QtWebEngine loads a data: page offscreen within 20 s. As root Chromium needs its sandbox off: the
    doctor says so (the kiosk then shows no web pages) and tries the engine with it off, in the probe only."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    note = ""
    if as_root:
        if _sandbox_disabled(os.environ):
            note = "running as root with the WebEngine sandbox disabled"
        else:
            note = "running as root: WebEngine sandbox must be disabled, so the kiosk shows no web pages"
            env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # this probe only, to learn whether the engine works
    run = run_probe(["webengine"], WEB_TIMEOUT_S, env)
    answer = run.answer
    if answer is None or not answer.get("ok"):
        why = str(answer.get("error")) if answer else run.why
        return Result(
            "webengine",
            "fail",
            f"QtWebEngine did not show a page: {why}" + (f"; {note}" if note else ""),
            fix="apt install libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 "
            "(install.sh lists them); web slides show their text alternative meanwhile",
            details=tail(run.stderr),
        )
    text = f"Chromium {answer.get('chromium')} (Qt {answer.get('qt')}) showed a page in {answer.get('ms')} ms"
    if note:
        return Result("webengine", "warn", f"{text}; {note}", fix=SERVICE_FIX)
    return Result("webengine", "pass", text)
