"""Raw input of a touch terminal turned into a few meanings, and the focus ring that shows where speech is.

One event filter on the kiosk window's QWindow sees every touch, mouse and key event *before* any
widget does. It first reports ``interrupted`` (so speech stops at once on any user action, EN 301 549
5.1.3.5), then translates: a held touch becomes ``long_pressed``, a second tap ``double_tapped``, keypad
keys become actions. While ``capture`` is on (attract screen, explore-by-touch) pointer events are
consumed, so a single touch can never activate a widget underneath (EN 5.5.2, R22). The controller in
``runtime/interaction.py`` decides what each meaning does; this module holds no session state.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QTouchEvent, QWindow
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.theme import Look

TOUCH_EVENTS = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
}
POINTER_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
}
DOUBLE_TAP_MS = 500  # older hands tap slower than Qt's 400 ms default
SLOP_PX = 24  # a finger wobbles: moving less than this is still "holding still"


class InputFilter(QObject):
    """Translates input to the kiosk window into signals; consumes pointer events while capturing."""

    interrupted = Signal()  # any touch or key, before anything else happens
    pressed = Signal(QPoint)  # global position
    touched = Signal(QPoint)  # a finger down on a widget that takes touch itself (a web page), not captured
    moved = Signal(QPoint)  # while pressed
    released = Signal(QPoint)
    double_tapped = Signal(QPoint)  # the second tap of a double-tap, on its release
    long_pressed = Signal(QPoint)
    key_action = Signal(str)  # an action of KEYPAD_ACTIONS (config), or "" for another key

    def __init__(
        self, window: QWidget, keys: dict[int, str], long_press_ms: int, debounce_ms: int = 0
    ) -> None:
        super().__init__(window)
        self.window = window
        self.keys = keys
        self.debounce_ms = debounce_ms
        self._last_key: tuple[int, int] = (0, -(10**9))  # key, time of its last accepted press
        self.capture = False
        self.pass_through: list[QWidget] = []  # widgets that keep normal input even while capturing
        self._down_at: QPoint | None = None
        self._down_widget: QWidget | None = None
        self._long_fired = False
        self._second_tap = False
        self._last_release: tuple[int, QPoint] | None = None
        self._consuming = False
        self._handle: QWindow | None = None
        self._long = QTimer(self)
        self._long.setSingleShot(True)
        self._long.setInterval(long_press_ms)
        self._long.timeout.connect(self._long_timeout)
        self._elapsed = QElapsedTimer()  # timestamps of taps, monotonic
        self._elapsed.start()

    def set_long_press_ms(self, long_press_ms: int) -> None:
        """A reloaded device file may change how long a touch must be held."""
        self._long.setInterval(long_press_ms)

    def install(self) -> None:
        # On the window's QWindow, not on the QApplication: every touch, mouse and key event of the window
        # passes there before any widget sees it, exactly once. An application-wide filter would also see
        # QtWebEngine's internal QtQuick items, and PySide6 6.11 then crashes looking for their Python
        # wrappers (segfault in getWrapperForQObject as soon as a web page is shown).
        if self._handle is None:
            # the top-level window: the kiosk window itself, or the letterbox frame holding it on a screen
            # of another aspect (winId() on a child would make it a native child window)
            top = self.window.window()
            top.winId()  # makes the native window (and its QWindow) if it does not exist yet
            self._handle = top.windowHandle()
            if self._handle is not None:
                self._handle.installEventFilter(self)

    def remove(self) -> None:
        if self._handle is not None and shiboken6.isValid(self._handle):
            self._handle.removeEventFilter(self)
        self._handle = None
        self._long.stop()

    def _passes(self, widget: QWidget) -> bool:
        return any(w is widget or w.isAncestorOf(widget) for w in self.pass_through if w.isVisible())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self._handle:
            return False
        kind = event.type()
        if kind in TOUCH_EVENTS:
            if kind == QEvent.Type.TouchBegin:
                self.interrupted.emit()  # the earliest moment a finger is known
                if not self.capture:
                    # QtWebEngine accepts touch itself, so no mouse press follows: this is the only sign
                    # of the passer-by's finger on a web page (for any other widget a press follows too)
                    self.touched.emit(_first_point(event))  # type: ignore[arg-type]
            if self.capture:
                # A widget that takes touch itself (QtWebEngine does) would act on it directly. Consumed
                # but not accepted, the touch comes back as mouse events, which are captured like any other.
                event.ignore()
                return True
            return False
        if kind == QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.KeyRelease:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            return key_event.key() in self.keys
        if kind not in POINTER_EVENTS:
            return False
        return self._pointer(kind, event)  # type: ignore[arg-type]

    def _pointer(self, kind: QEvent.Type, mouse: QMouseEvent) -> bool:
        pos = mouse.globalPosition().toPoint()
        if kind == QEvent.Type.MouseButtonDblClick and self._down_at is not None:
            self._second_tap = True  # Qt's own double-click report for the press we already have
            return self._consuming
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self.interrupted.emit()
            widget = self.window.childAt(self.window.mapFromGlobal(pos)) or self.window
            # decided once per gesture: a widget that got the press also gets its release (its grab ends)
            self._consuming = self.capture and not self._passes(widget)
            now = self._elapsed.elapsed()
            last = self._last_release
            self._second_tap = kind == QEvent.Type.MouseButtonDblClick or (
                last is not None and now - last[0] <= DOUBLE_TAP_MS and _near(last[1], pos, 3 * SLOP_PX)
            )
            self._down_at, self._down_widget, self._long_fired = pos, widget, False
            self._long.start()
            self.pressed.emit(pos)
            return self._consuming
        if kind == QEvent.Type.MouseMove:
            if self._down_at is None:
                return False  # hover without a press: there is no hover on a touch screen
            if not _near(self._down_at, pos, SLOP_PX):
                self._long.stop()
            self.moved.emit(pos)
            # after a long press no widget may see the finger again (a button would press itself again)
            return self._consuming or self._long_fired
        # release
        self._long.stop()
        if self._down_at is None:
            return self._consuming
        self._down_at = None
        if self._long_fired:
            self._last_release = None
            return self._consuming  # the long press was the action; the button is no longer down
        if self._second_tap:
            self._second_tap, self._last_release = False, None
            self.released.emit(pos)
            self.double_tapped.emit(pos)
            return self._consuming
        self._last_release = (self._elapsed.elapsed(), pos)
        self.released.emit(pos)
        return self._consuming

    def _long_timeout(self) -> None:
        if self._down_at is None:
            return
        self._long_fired = True
        down = self._down_widget
        if isinstance(down, QAbstractButton) and shiboken6.isValid(down):
            down.setDown(False)  # so its release is no click (QAbstractButton only clicks when down)
        self.long_pressed.emit(self._down_at)

    def _key(self, event: QKeyEvent) -> bool:
        action = self.keys.get(event.key())
        if event.isAutoRepeat():  # a held key is one press (R25: no key repeat on a public terminal)
            return action is not None
        now = self._elapsed.elapsed()
        if event.key() == self._last_key[0] and now - self._last_key[1] < self.debounce_ms:
            return action is not None  # a double strike from a shaking hand (EN 301 549 5.8)
        self._last_key = (event.key(), now)
        self.interrupted.emit()
        self.key_action.emit(action or "")  # "": another key; it still counts as the passer-by's action
        return action is not None


def _first_point(event: QTouchEvent) -> QPoint:
    points = event.points()
    return points[0].globalPosition().toPoint() if points else QPoint()


def _near(a: QPoint, b: QPoint, distance: int) -> bool:
    return abs(a.x() - b.x()) <= distance and abs(a.y() - b.y()) <= distance


def item_at(items: list[QWidget], global_pos: QPoint) -> QWidget | None:
    """The item under a finger: the smallest visible item whose visible part contains the point."""
    best: tuple[int, QWidget] | None = None
    for item in items:
        if not item.isVisible():
            continue
        visible = item.visibleRegion().boundingRect()
        if visible.isEmpty():
            continue
        local = item.mapFromGlobal(global_pos)
        if visible.contains(local):
            area = visible.width() * visible.height()
            if best is None or area < best[0]:
                best = (area, item)
    return best[1] if best else None


class FocusRing(QWidget):
    """A thick ring around the focused item, drawn above everything and never in the way of a finger.

    Two strokes, the focus colour outside and the background colour inside, so the ring keeps ≥ 3:1
    against whatever it surrounds (WCAG 1.4.11, 2.4.7).
    """

    def __init__(self, look: Look, parent: QWidget) -> None:
        super().__init__(parent)
        self.look = look
        self.target: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def width_px(self) -> int:
        return max(4, round(8 * self.look.scale))

    def follow(self, target: QWidget | None) -> None:
        self.target = target
        if target is None or not target.isVisible():
            self.hide()
            return
        parent = self.parentWidget()
        visible = target.visibleRegion().boundingRect()
        if parent is None or visible.isEmpty():
            self.hide()
            return
        top_left = target.mapTo(parent, visible.topLeft())
        pad = self.width_px()
        self.setGeometry(QRect(top_left, visible.size()).adjusted(-pad, -pad, pad, pad))
        self.show()
        self.raise_()
        self.update()

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        w = self.width_px()
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            outer = QPen(self.look.color("focus"), w)
            outer.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(outer)
            painter.drawRect(self.rect().adjusted(w // 2, w // 2, -(w - w // 2), -(w - w // 2)))
            inner = QPen(self.look.color("background"), max(2, w // 3))
            painter.setPen(inner)
            painter.drawRect(self.rect().adjusted(w + 1, w + 1, -w - 2, -w - 2))
