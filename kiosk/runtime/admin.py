"""The hidden admin screen: the gesture that asks for the PIN, the check and its lock, the menu's actions.

One event filter on the window's QWindow watches every press and key (it consumes nothing until the
admin screen is open). The gesture (``session/admin_gesture.py``) — quick taps in the configured corner,
then a hold there — or the configured key sequence opens the PIN pad; without a PIN record on the
machine nothing opens (said once at start). Opening ends a passer-by's session: whatever the taps did
on the way (a tap on a corner button, speech mode from the hold) is wiped by the reset, and while the
admin screen is open the session's input filter is off, so no input reaches the session under it.

The PIN is checked in a worker thread (scrypt takes a few tenths of a second) against the record and
lock of ``session/admin_pin.py``; every refusal is logged, never the PIN. The screen closes itself after
``admin.idle_close`` without input, and when a session reset happens under it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent, QWindow

from kiosk.config.models.device import KEY_NAMES, Device
from kiosk.i18n import staff_language
from kiosk.runtime.admin_status import save_screenshot, shell_status
from kiosk.runtime.datahub import timer_ms
from kiosk.runtime.lockdown import KeyGuard, WindowGuard, window_handles
from kiosk.runtime.workers import Workers
from kiosk.session.admin_gesture import CornerGesture, KeySequence, corner_area, corner_px
from kiosk.session.admin_pin import (
    LOCK_FILE,
    Guard,
    PinError,
    Verdict,
    find_pin_file,
    state_dir,
    whole_seconds,
)
from kiosk.ui.admin import AdminOverlay, text

if TYPE_CHECKING:
    from kiosk.runtime.shell import Shell

log = logging.getLogger(__name__)

KEY_CODES = {
    int(getattr(Qt.Key, f"Key_{name}").value): name for name in KEY_NAMES if hasattr(Qt.Key, f"Key_{name}")
}
PAD_KEYS = {
    **{int(getattr(Qt.Key, f"Key_{d}").value): str(d) for d in range(10)},
    int(Qt.Key.Key_Return.value): "ok",
    int(Qt.Key.Key_Enter.value): "ok",
    int(Qt.Key.Key_Backspace.value): "delete",
    int(Qt.Key.Key_Delete.value): "delete",
}
PRESS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class Admin(QObject):
    """The admin gesture, PIN pad and menu of one shell's window."""

    def __init__(
        self,
        shell: Shell,
        quit_app: Callable[[], None],
        reload: Callable[[], None] | None = None,
        kiosk_mode: bool = True,
        pin_file: Callable[[], Path | None] = find_pin_file,
        state: Path | None = None,
    ) -> None:
        super().__init__(shell)
        self.shell = shell
        self.window = shell.window
        self.quit_app = quit_app
        self.reload = reload
        self.pin_file = pin_file
        self.state = state or state_dir()
        self.device: Device = shell.content.devices[shell.device_id].model
        self.language = self.device.default_language
        self.overlay = AdminOverlay(self.language, self.window)
        self.window.overlays.append(self.overlay)  # above the emergency overlays
        self.overlay.pin_entered.connect(self._check)
        self.on_screenshot: Callable[[Path], object] | None = None
        self.overlay.cancelled.connect(lambda: self.close("cancelled"))
        self.overlay.action.connect(self._action)
        self.overlay.activity.connect(self._touch_idle)
        self.keys = KeyGuard(self.window, self._allowed_keys) if kiosk_mode else None
        self.window_guard = WindowGuard(self.window.window()) if kiosk_mode else None
        self.workers = Workers("admin", threads=1, parent=self)
        self.sequence = KeySequence(self.device.admin.keys)
        self.gesture = self._gesture()
        self.hold = QTimer(self)
        self.hold.setSingleShot(True)
        self.hold.timeout.connect(self._hold_due)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(lambda: self.close("idle"))
        self.checking = False
        self.signed_in = False
        self._handles: list[QWindow] = []
        interaction = shell.interaction
        if interaction is not None:  # a session reset under the admin screen closes it
            chained = interaction.on_session

            def on_session(active: bool) -> None:
                chained(active)
                self._session(active)

            interaction.on_session = on_session

    # --- life ------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.pin_file() is None:
            log.info("no admin PIN set: the admin overlay is off (set one with 'kiosk admin set-pin')")
        self._install()
        if self.window_guard is not None:
            self.window_guard.start()

    def stop(self) -> None:
        self.hold.stop()
        self.idle.stop()
        self._remove()
        if self.keys is not None:
            self.keys.remove()
        if self.window_guard is not None:
            self.window_guard.stop()
        self.workers.shutdown()

    def _install(self) -> None:
        # Qt asks the filter installed last first: ours, then the key guard, then the session's
        if self.keys is not None:
            self.keys.install()
        self._remove()
        self._handles = window_handles(self.window)
        for handle in self._handles:
            handle.installEventFilter(self)

    def _remove(self) -> None:
        for handle in self._handles:
            if shiboken6.isValid(handle):
                handle.removeEventFilter(self)
        self._handles = []

    def _allowed_keys(self) -> set[int]:
        allowed = set(self.shell.interaction.filter.keys) if self.shell.interaction is not None else set()
        names = set(self.device.admin.keys)
        return allowed | {code for code, name in KEY_CODES.items() if name in names}

    def _gesture(self) -> CornerGesture:
        admin = self.device.admin
        self._size = (self.window.width(), self.window.height())
        pitch = self.device.screen.pixel_pitch_mm * self.device.screen.width / max(1, self.window.width())
        area = corner_area(
            admin.corner, self.window.width(), self.window.height(), corner_px(admin.corner_mm, pitch)
        )
        return CornerGesture(area, admin.taps, admin.hold.total_seconds())

    def replace_device(self, device: Device) -> None:
        """A reloaded device file: new corner, taps, hold, keys (the language stays until a restart)."""
        self.device = device
        self.sequence = KeySequence(device.admin.keys)
        self.gesture = self._gesture()

    def reloaded(self, files: int | None) -> None:
        """Content was read again (``files``; None: it had errors and was not applied)."""
        if files is not None:
            self.replace_device(self.shell.content.devices[self.shell.device_id].model)
        if self.is_open and self.signed_in:  # the technician who asked sees how it went
            done = text("reloaded", self.language, n=files) if files is not None else None
            self.overlay.set_message(done or text("reload_failed", self.language))

    @property
    def is_open(self) -> bool:
        return self.overlay.isVisible()

    # --- input -----------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj not in self._handles:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.KeyRelease:
            return self.is_open
        if self.is_open:
            if kind in PRESS or kind == QEvent.Type.TouchBegin:
                self._touch_idle()
            return False  # the overlay's buttons take it
        if kind in (*PRESS, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            mouse: QMouseEvent = event  # type: ignore[assignment]
            if mouse.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
                return False  # made from a touch we have seen already
            self._at(kind, mouse.globalPosition(), mouse.timestamp() / 1000)
        elif kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            touch: QTouchEvent = event  # type: ignore[assignment]
            if touch.points():
                mapped = {
                    QEvent.Type.TouchBegin: QEvent.Type.MouseButtonPress,
                    QEvent.Type.TouchUpdate: QEvent.Type.MouseMove,
                    QEvent.Type.TouchEnd: QEvent.Type.MouseButtonRelease,
                }[kind]
                self._at(mapped, touch.points()[0].globalPosition(), touch.timestamp() / 1000)
        return False

    def _at(self, kind: QEvent.Type, global_pos: QPointF, t: float) -> None:
        # the event comes to the top-level window, which is the letterbox frame when there are bars:
        # the corner is the kiosk picture's (a press on a bar is outside it and ends a series of taps)
        local = self.window.mapFromGlobal(global_pos)
        self._pointer(kind, local.x(), local.y(), t)

    def _pointer(self, kind: QEvent.Type, x: float, y: float, t: float) -> None:
        if self._size != (self.window.width(), self.window.height()):
            self.gesture = self._gesture()  # the window was resized (full screen takes the real screen)
        holding = self.gesture.holding
        if kind in PRESS:
            self.gesture.press(x, y, t)
        elif kind == QEvent.Type.MouseMove:
            self.gesture.move(x, y, t)
        elif self.gesture.release(x, y, t):
            self.hold.stop()
            self.open("gesture")
            return
        if not self.gesture.holding:
            self.hold.stop()
        elif not holding:  # the hold began now: its timer runs on real time from here
            self.hold.start(max(1, round(self.gesture.hold_s * 1000)))

    def _hold_due(self) -> None:
        if self.gesture.complete_hold():
            self.open("gesture")

    def _key(self, event: QKeyEvent) -> bool:
        if self.is_open:
            if not event.isAutoRepeat():
                self._touch_idle()
                pad = PAD_KEYS.get(event.key())
                if pad is not None:
                    self.overlay.press_key(pad)
                elif event.key() == int(Qt.Key.Key_Escape.value):
                    self.close("cancelled")
            return True  # nothing under the admin screen gets a key
        name = KEY_CODES.get(event.key())
        if (
            name is not None
            and not event.isAutoRepeat()
            and self.sequence.key(name, event.timestamp() / 1000)
        ):
            self.open("key sequence")
            return True
        return False

    # --- the screen ------------------------------------------------------------------------------
    def open(self, how: str) -> bool:
        """Show the PIN pad (if a PIN is set); ends a passer-by's session first."""
        if self.is_open:
            return True
        if self.pin_file() is None:
            return False  # no PIN, no admin screen (said once at start)
        log.info("admin screen asked for (%s): PIN pad shown", how)
        interaction = self.shell.interaction
        if interaction is not None:
            interaction.end_session()
            interaction.voice.reset()
            interaction.filter.remove()  # no input reaches the session under the admin screen
        self.signed_in = False
        self.overlay.open()
        self.window.arrange_layers()
        wait = self._guard().locked_for()
        if wait > 0:
            self.overlay.set_message(text("locked", self.language, s=whole_seconds(wait)))
        self._touch_idle()
        return True

    def close(self, why: str) -> None:
        if not self.is_open:
            return
        log.info("admin screen closed (%s)", why)
        self.idle.stop()
        self.overlay.hide()
        self.signed_in = False
        interaction = self.shell.interaction
        if interaction is not None:
            interaction.filter.install()
        self._install()  # first again, before the session's filter

    def _session(self, active: bool) -> None:
        if not active:
            self.close("session reset")

    def _touch_idle(self) -> None:
        self.idle.start(timer_ms(self.device.admin.idle_close, minimum_ms=1000))

    def _guard(self) -> Guard:
        pin = self.pin_file()
        return Guard(pin or Path("/nonexistent"), self.state / LOCK_FILE)

    def _check(self, pin: str) -> None:
        if self.checking:
            return
        self.checking = True
        self.overlay.set_busy(True)
        guard = self._guard()
        self.workers.submit("checking the admin PIN", lambda: guard.check(pin), self._verdict, self._broken)

    def _broken(self, error: BaseException) -> None:
        self.checking = False
        self.overlay.set_busy(False)
        reason = str(error) if isinstance(error, PinError) else type(error).__name__
        self.overlay.show_pin(text("broken", self.language, e=reason))

    def _verdict(self, verdict: Verdict) -> None:
        self.checking = False
        self.overlay.set_busy(False)
        if not self.is_open:
            return
        if verdict.ok:
            log.info("admin PIN accepted: admin menu shown")
            self.signed_in = True
            self.overlay.show_menu()
            return
        left = whole_seconds(verdict.locked_for_s)
        if not verdict.checked:
            log.warning("admin PIN refused: entry locked for another %d s", left)
        elif left:
            log.warning(
                "admin PIN refused: wrong (%d in a row), entry locked for %d s", verdict.failures, left
            )
        else:
            log.warning("admin PIN refused: wrong (%d in a row)", verdict.failures)
        if left:
            self.overlay.show_pin(text("locked", self.language, s=left))
        else:
            self.overlay.show_pin(text("wrong", self.language, n=verdict.tries_left))

    # --- the menu --------------------------------------------------------------------------------
    def _action(self, name: str) -> None:
        if not self.signed_in:
            return
        self._touch_idle()
        if name == "exit":
            log.info("admin exit")
            if self.window_guard is not None:
                self.window_guard.allow_close()
            self.quit_app()
        elif name == "reload":
            log.info("admin: content reload asked for")
            if self.reload is not None:
                self.reload()
            self.overlay.set_message(text("reloading", self.language))
        elif name == "status":
            self.overlay.show_status(self.status())
        elif name == "speech":
            self.speech_test()
        elif name == "screenshot":
            path = self.screenshot()
            if path is not None and self.on_screenshot is not None:
                self.on_screenshot(path)  # also to the fleet's screenshot endpoint, if one is set
            self.overlay.set_message(str(path) if path else text("screenshot", self.language) + ": –")
        elif name == "close":
            self.close("closed")

    def status(self) -> list[str]:
        return shell_status(self.shell, self.language)

    def speech_test(self) -> None:
        language = staff_language(self.language)
        speaker = self.shell.speaker
        if speaker is None:
            log.info("admin: speech test asked for, but this device does not speak")
            self.overlay.set_message(text("speech", self.language) + ": –")
            return
        log.info("admin: speech test")
        sentence = text("speech_test", language)
        speaker.say(sentence, language)
        self.overlay.set_message(sentence)

    def screenshot(self) -> Path | None:
        """The kiosk's picture without the admin screen, saved in the state folder."""
        return save_screenshot(self.window, self.overlay, self.state / "screenshots")


def attach_admin(shell: Shell, app: object, watcher: object, kiosk_mode: bool) -> Admin:
    """What ``kiosk run`` adds to a started shell: the admin screen, and in kiosk mode the key and window
    guards and no pointer (unless the device file shows one)."""
    from kiosk.runtime.lockdown import hide_pointer

    reload = getattr(watcher, "reload_now", None)
    admin = Admin(shell, quit_app=app.quit, reload=reload, kiosk_mode=kiosk_mode)  # type: ignore[attr-defined]
    accepted, rejected = getattr(watcher, "accepted", None), getattr(watcher, "rejected", None)
    if accepted is not None and rejected is not None:
        accepted.connect(lambda result: admin.reloaded(result.files))
        rejected.connect(lambda result: admin.reloaded(None))
    if kiosk_mode and not admin.device.screen.show_cursor:
        hide_pointer()
    admin.start()
    return admin
