"""Remote screenshots: a PNG of what the screen shows, scaled, sent to the configured HTTP endpoint.

Privacy first: never while a passer-by uses the terminal (their page, language and settings are theirs),
refused and logged; nothing of the device but its name goes with it. The window is grabbed in the GUI
thread (a QPixmap lives there); scaling, PNG encoding and the upload run in a worker on a QImage.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt
from PySide6.QtGui import QImage

from kiosk.config.models.fleet import FleetScreenshot
from kiosk.runtime.shell import Shell
from kiosk.runtime.workers import Workers
from kiosk.session.machine import Phase
from kiosk.telemetry.send import Sender, SendError, read_secret

log = logging.getLogger(__name__)


def png_bytes(image: QImage, max_width: int) -> bytes:
    """``image`` scaled down to ``max_width`` (never up), as PNG (any thread: QImage is not a pixmap)."""
    if image.width() > max_width:
        image = image.scaledToWidth(max_width, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
        raise SendError("the picture could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


class RemoteShot(QObject):
    """Takes and sends screenshots of one shell; ``last_sent`` is when the last one arrived."""

    def __init__(self, shell: Shell, settings: FleetScreenshot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.settings = settings
        self.last_sent: datetime | None = None
        self.busy = False
        self.workers = Workers("screenshot", threads=1, parent=self)
        self.http = Sender()

    def refusal(self) -> str | None:
        """Why no screenshot may be taken now, or None."""
        if self.settings.upload_url is None:
            return "no fleet.screenshot.upload_url in the device file"
        session = self.shell.interaction
        if session is not None and session.phase is not Phase.ATTRACT:
            return "a passer-by's session is running (privacy)"
        if self.busy:
            return "the last one is still being sent"
        return None

    def take(self, asked_by: str) -> bool:
        """Grab the window now and send it; False (and a log line) when refused."""
        if (why := self.refusal()) is not None:
            log.warning("remote screenshot (asked by %s) refused: %s", asked_by, why)
            return False
        self._send(self.shell.window.grab().toImage(), asked_by)
        return True

    def send_file(self, path: Path, asked_by: str) -> bool:
        """Send a screenshot saved already (the admin menu's, taken without the admin screen)."""
        if self.settings.upload_url is None:
            return False
        if (why := self.refusal()) is not None:
            log.warning("remote screenshot (asked by %s) refused: %s", asked_by, why)
            return False
        image = QImage(str(path))
        if image.isNull():
            log.error("remote screenshot: %s cannot be read", path)
            return False
        self._send(image, asked_by)
        return True

    def _send(self, image: QImage, asked_by: str) -> None:
        s = self.settings
        assert s.upload_url is not None
        url = s.upload_url.replace("{device}", self.shell.device_id)
        self.busy = True

        def work() -> tuple[int, int, str | None]:
            try:
                body = png_bytes(image, s.max_width)
                headers = {}
                if (token := read_secret(s.token_file)) is not None:
                    headers["Authorization"] = f"Bearer {token}"
                self.http.send(s.method, url, body, "image/png", s.timeout.total_seconds(), headers)
            except SendError as error:
                return 0, 0, str(error)
            return len(body), min(image.width(), s.max_width), None

        self.workers.submit("the remote screenshot", work, lambda done: self._done(done, url, asked_by))

    def _done(self, done: tuple[int, int, str | None], url: str, asked_by: str) -> None:
        self.busy = False
        size, width, problem = done
        if problem is not None:
            log.warning("remote screenshot (asked by %s) not sent: %s", asked_by, problem)
            return
        self.last_sent = datetime.now(UTC)
        log.info(
            "remote screenshot (asked by %s): %d px wide, %d bytes sent to %s", asked_by, width, size, url
        )

    def stop(self) -> None:
        self.workers.shutdown()
        self.http.close()
