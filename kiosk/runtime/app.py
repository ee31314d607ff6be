"""``kiosk run``: load the content, open the device's window, keep going on bad content."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.config.issues import errors
from kiosk.config.loader import load_content
from kiosk.config.suggest import did_you_mean

log = logging.getLogger("kiosk")


def setup_logging() -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, stream=sys.stdout, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def _has_display() -> bool:
    return bool(
        os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def run(
    root: Path,
    device: str | None,
    windowed: bool,
    exit_after: float | None,
    screenshot: Path | None,
    size: tuple[int, int] | None,
) -> int:
    """Show a device's screen until quit (or ``exit_after`` seconds). Returns the process exit code."""
    setup_logging()
    if not _has_display():
        print(
            "kiosk run: no display. On a device start it in the kiosk session; for a headless try "
            "set QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 2
    result = load_content(root)
    problems = errors(result.issues)
    if problems:
        # One line per problem, once at start: the device shows what is valid and says what is not.
        log.error(
            "content has %d error(s); files with errors are skipped (run 'kiosk validate')", len(problems)
        )
        for issue in problems:
            log.error("%s", issue.format().replace("\n", " "))
    content = result.content
    name = device or (sorted(content.devices)[0] if content.devices else None)
    if name is None or name not in content.devices:
        hint = did_you_mean(name or "", content.devices) if name else ""
        print(
            f"kiosk run: no valid device '{name or ''}' in {root}/device-config. {hint}".rstrip(),
            file=sys.stderr,
        )
        return 2
    entry = content.devices[name]
    if entry.model.layout not in content.layouts:
        print(
            f"kiosk run: device '{name}' needs layout '{entry.model.layout}', which is missing or invalid",
            file=sys.stderr,
        )
        return 2

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kiosk.runtime.shell import Shell

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if windowed:
        screen = entry.model.screen
        window_size = size or (screen.width, screen.height)
    else:
        # full screen takes the real screen's size, whatever the device file says
        geometry = QGuiApplication.primaryScreen().geometry()
        window_size = (geometry.width(), geometry.height())
    shell = Shell(content, entry, window_size, kiosk_mode=not windowed)
    shell.start()
    if windowed:
        shell.window.show()
    else:
        shell.window.showFullScreen()
    log.info("device %s (%s) running on layout %s", name, entry.model.role, entry.model.layout)

    def finish() -> None:
        if screenshot is not None:
            if shell.window.grab().save(str(screenshot)):
                log.info("screenshot saved to %s", screenshot)
            else:
                log.error("could not save the screenshot to %s", screenshot)
        app.quit()

    if exit_after is not None:
        QTimer.singleShot(round(max(0.0, exit_after) * 1000), finish)
    code = app.exec()
    shell.stop()
    return code
