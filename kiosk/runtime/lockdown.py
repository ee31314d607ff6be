"""Nothing leaves or disturbs the kiosk: escape shortcuts swallowed, the window kept full screen, focused
and open, the pointer hidden.

- :class:`KeyGuard` is an event filter on the window's QWindow (not on the QApplication: see the
  PySide6 trap in ``docs/architecture.md``). Every key event of the window, also those meant for a web
  page, passes there before any widget sees it, so Alt+F4, Ctrl+W/Q/P/S/O…, F1–F12, Escape, the Super
  key and browser keys never reach QtWebEngine or Qt. Keys the device maps to its keypad (and the admin
  key sequence) pass on to the session's input filter.
- :class:`WindowGuard` refuses a close that comes from the window system (Alt+F4 in a window manager,
  a close button, ``xdotool windowclose``); a close from the program itself (SIGTERM's quit, the admin
  exit) is not spontaneous and goes through. When the window leaves full screen, is minimised or loses
  focus, it is put back (a state change is logged once, not at every check). What a window manager does
  with its own key bindings never reaches the kiosk: on a device the kiosk runs in cage, which has none.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
# keys that mean "leave", "switch", "print", "save", "open" or "browse" to a desktop or a browser
ESCAPE_KEYS = frozenset(int(getattr(Qt.Key, f"Key_F{n}").value) for n in range(1, 36)) | frozenset(
    int(getattr(Qt.Key, name).value)
    for name in (
        "Key_Escape",
        "Key_Tab",
        "Key_Backtab",
        "Key_Super_L",
        "Key_Super_R",
        "Key_Meta",
        "Key_Alt",
        "Key_AltGr",
        "Key_Menu",
        "Key_Print",
        "Key_SysReq",
        "Key_Back",
        "Key_Forward",
        "Key_Refresh",
        "Key_Reload",
        "Key_HomePage",
        "Key_Search",
        "Key_Stop",
        "Key_Favorites",
        "Key_OpenUrl",
        "Key_LaunchMail",
        "Key_Explorer",
        "Key_Close",
        "Key_Exit",
        "Key_PowerOff",
        "Key_Sleep",
        "Key_Suspend",
        "Key_Hibernate",
        "Key_LogOff",
    )
    if hasattr(Qt.Key, name)
)
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
CHECK_MS = 1000  # how often the window's state is checked besides its own events
REFOCUS_MS = 250  # a window manager hands focus around briefly (a cycling popup): give it a moment


def window_handles(window: QWidget) -> list[QWindow]:
    """The QWindow input to ``window`` arrives at: the top-level window's, which is ``window`` itself or
    the letterbox frame holding it (``ui/letterbox.py``).

    Only the top level is made native: winId() on a child would give it a native window of its own, and
    the session's filter on the frame (``ui/explore.py``) would then never see a touch on the picture.
    """
    top = window.window()
    top.winId()  # makes the native window (and its QWindow) if it does not exist yet
    handle = top.windowHandle()
    return [handle] if handle is not None else []


def swallowed(key: int, modifiers: Qt.KeyboardModifier, allowed: set[int]) -> bool:
    """Whether a key press must not reach the kiosk's widgets or web pages."""
    if key in allowed and not (modifiers & MODIFIERS):
        return False
    return (
        bool(modifiers & MODIFIERS)
        or key in ESCAPE_KEYS
        or key
        in (
            int(Qt.Key.Key_Control.value),
            int(Qt.Key.Key_Shift.value),
        )
    )


class KeyGuard(QObject):
    """Swallows escape shortcuts on ``window``'s QWindow; ``allowed()`` gives the key codes that pass
    (keypad, admin sequence), asked at every key so a reloaded device file applies at once."""

    def __init__(self, window: QWidget, allowed: object) -> None:
        super().__init__(window)
        self.window = window
        self.allowed = allowed
        self.swallowed = 0
        self._handles: list[QWindow] = []
        self._logged = False

    def install(self) -> None:
        """(Re)install as the first filter: Qt asks the filter installed last first."""
        self.remove()
        self._handles = window_handles(self.window)
        for handle in self._handles:
            handle.installEventFilter(self)

    def remove(self) -> None:
        for handle in self._handles:
            if shiboken6.isValid(handle):
                handle.removeEventFilter(self)
        self._handles = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj not in self._handles or event.type() not in KEY_EVENTS:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        allowed = self.allowed() if callable(self.allowed) else set()
        if not swallowed(key_event.key(), key_event.modifiers(), allowed):
            return False
        if event.type() == QEvent.Type.KeyPress:
            self.swallowed += 1
            if not self._logged:  # once per run: the journal says that someone tries, not every key
                log.info("a shortcut key was swallowed (kiosk mode keeps every desktop key away)")
                self._logged = True
        event.accept()
        return True


class WindowGuard(QObject):
    """Keeps ``window`` open, full screen and active (only in kiosk mode); give it the top-level window
    (the letterbox frame when there is one, never a child: a child asked to be full screen becomes a
    window of its own)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.closing_allowed = False
        self.refused_closes = 0
        self.restores = 0
        self.remaps = 0
        self._tries = 0  # checks in a row that found the same trouble
        self._problem = ""  # the last logged trouble, so each is logged once
        window.installEventFilter(self)
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self.restore)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REFOCUS_MS)
        self._soon.timeout.connect(self.restore)

    def start(self) -> None:
        self._check.start()

    def stop(self) -> None:
        self._check.stop()
        self._soon.stop()
        if shiboken6.isValid(self.window):
            self.window.removeEventFilter(self)

    def allow_close(self) -> None:
        """The admin exit: the next close goes through."""
        self.closing_allowed = True
        self.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self.window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close:
            close: QCloseEvent = event  # type: ignore[assignment]
            if close.spontaneous() and not self.closing_allowed:
                self.refused_closes += 1
                log.warning("a request to close the kiosk window was refused (kiosk mode)")
                close.ignore()
                return True
            self.stop()
            return False
        if kind in (QEvent.Type.WindowStateChange, QEvent.Type.ActivationChange, QEvent.Type.Hide):
            self._soon.start()
        return False

    def trouble(self) -> str:
        window = self.window
        if not window.isVisible() or window.isMinimized():
            return "hidden or minimised"
        if not window.isFullScreen():
            return "not full screen"
        if not window.isActiveWindow() and QGuiApplication.focusWindow() is None:
            return "without focus"
        return ""

    def restore(self) -> None:
        if self.closing_allowed or not shiboken6.isValid(self.window):
            return
        problem = self.trouble()
        if problem and problem != self._problem:
            log.warning("kiosk window %s: putting it back full screen and in front", problem)
        elif not problem and self._problem:
            log.info("kiosk window full screen and in front again")
        self._tries = self._tries + 1 if problem and problem == self._problem else int(bool(problem))
        self._problem = problem
        if not problem:
            return
        self.restores += 1
        window = self.window
        if self._tries >= 3 and self._tries % 3 == 0:
            # asking did not help for a few seconds (a window manager showing its desktop, or another
            # desktop): a window mapped anew is put on the current desktop and given the focus
            self.remaps += 1
            window.hide()
            window.showFullScreen()
        elif window.isMinimized() or not window.isFullScreen() or not window.isVisible():
            window.setWindowState(Qt.WindowState.WindowFullScreen)
            window.showFullScreen()
        window.raise_()
        window.activateWindow()


def hide_pointer() -> None:
    """No pointer anywhere in the application (also over web pages, which set their own cursors)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
