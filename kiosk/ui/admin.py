"""The admin screen of a technician: a PIN pad, then a menu (exit, reload, status, speech test, screenshot).

It covers the whole window above everything, emergency overlays included (a technician may need to end
the kiosk during a warning), in plain service colours so no passer-by takes it for a page. It only
shows and reports: the PIN check, the lock, the actions and the idle close are the runtime's
(``runtime/admin.py``). Texts are German or English, from the device's default language; every text is
plain (a status line quotes a feed's error message).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk import i18n
from kiosk.ui.painting import painting, safe_paint
from kiosk.ui.text import PlainLabel

BACKGROUND = "#1b1f24"
TEXT = "#f2f2f2"
BUTTON = "#3a4350"
ACCENT = "#f0b400"

MENU_ACTIONS = ("exit", "reload", "status", "speech", "screenshot", "close")


def admin_language(language: str) -> str:
    """German for German and Leichte Sprache devices, English for all others."""
    return i18n.staff_language(language)


def text(key: str, language: str, **values: object) -> str:
    """The text ``admin.<key>`` of kiosk/i18n (its ``#1`` form when ``n`` is 1) in German or English."""
    return i18n.text(f"admin.{key}", admin_language(language), **values)


class AdminOverlay(QWidget):
    """Signals what the technician did; :meth:`show_pin`, :meth:`show_menu` and :meth:`show_status`
    choose the screen, :meth:`set_message` the line under it."""

    pin_entered = Signal(str)
    cancelled = Signal()
    action = Signal(str)  # one of MENU_ACTIONS
    activity = Signal()  # any press on the screen (the idle close starts again)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = admin_language(language)
        self.digits = ""
        self.max_digits = 12
        self.setObjectName("admin-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        self.title = self._label(text("title", self.language), 1.4, bold=True)
        self.title.setStyleSheet(f"color: {ACCENT};")
        outer.addWidget(self.title)
        self.stack = QStackedLayout()
        outer.addLayout(self.stack, 1)
        self.message = self._label("", 0.9)
        self.message.setObjectName("admin-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        outer.addWidget(self.message)
        self.pin_page = self._pin_page()
        self.menu_page = self._menu_page()
        self.status_page = self._status_page()
        for page in (self.pin_page, self.menu_page, self.status_page):
            self.stack.addWidget(page)
        self.hide()

    # --- building --------------------------------------------------------------------------------
    def _label(self, value: str, factor: float, bold: bool = False) -> PlainLabel:
        label = PlainLabel(value, self)
        label.setProperty("font_factor", factor)
        label.setFont(self._font(factor, bold))
        label.setStyleSheet(f"color: {TEXT}; background: transparent;")
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # buttons take the room
        return label

    def _font(self, factor: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setPixelSize(max(12, round(self._unit() * factor)))
        font.setBold(bold)
        return font

    def _unit(self) -> float:
        parent = self.parentWidget()
        side = min(parent.width(), parent.height()) if parent is not None else 600
        return max(14.0, side / 22)

    def _button(self, label: str, name: str, parent: QWidget) -> QPushButton:
        button = QPushButton(label, parent)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go through the runtime, never to a button
        button.setFont(self._font(1.0, bold=True))
        button.setMinimumHeight(round(self._unit() * 2.6))
        button.setStyleSheet(
            f"QPushButton {{ color: {TEXT}; background: {BUTTON}; border: 2px solid {TEXT}; "
            "border-radius: 6px; padding: 4px; }"
            f"QPushButton:pressed {{ background: {ACCENT}; color: {BACKGROUND}; }}"
        )
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setMaximumHeight(round(self._unit() * 5))
        button.pressed.connect(self.activity)
        return button

    def _pin_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.prompt = self._label(text("enter_pin", self.language), 1.1)
        box.addWidget(self.prompt)
        self.dots = self._label("", 1.4, bold=True)
        self.dots.setObjectName("admin-dots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.dots)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        labels = [*"123456789", "delete", "0", "ok"]
        for index, key in enumerate(labels):
            shown = text(key, self.language) if key in ("delete", "ok") else key
            button = self._button(shown, f"admin-key-{key}", page)
            button.clicked.connect(lambda _=False, k=key: self.press_key(k))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        box.addLayout(grid, 1)
        self.cancel = self._button(text("cancel", self.language), "admin-cancel", page)
        self.cancel.clicked.connect(self.cancelled)
        box.addWidget(self.cancel)
        return page

    def _menu_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.addWidget(self._label(text("menu_hint", self.language), 1.0))
        self.menu: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, name in enumerate(MENU_ACTIONS):
            button = self._button(text(name, self.language), f"admin-{name}", page)
            button.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            grid.addWidget(button, index // 2, index % 2)
            self.menu[name] = button
        box.addLayout(grid, 1)
        return page

    def _status_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("background: transparent; border: none;")
        self.status_text = self._label("", 0.6)
        self.status_text.setObjectName("admin-status")
        self.status_text.setWordWrap(True)
        self.status_text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.status_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll.setWidget(self.status_text)
        box.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.status_back = self._button(text("back", self.language), "admin-status-back", page)
        self.status_back.clicked.connect(self.show_menu)
        row.addWidget(self.status_back)
        box.addLayout(row)
        return page

    # --- what the runtime calls ------------------------------------------------------------------
    def place(self, area: object) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def open(self) -> None:
        self.show_pin()
        self.show()
        self.raise_()

    def show_pin(self, message: str = "") -> None:
        self.digits = ""
        self._show_dots()
        self.set_message(message)
        self.stack.setCurrentWidget(self.pin_page)

    def show_menu(self) -> None:
        self.set_message("")
        self.stack.setCurrentWidget(self.menu_page)

    def show_status(self, lines: list[str]) -> None:
        self.status_text.setText("\n".join(lines))
        self.stack.setCurrentWidget(self.status_page)

    def set_message(self, value: str) -> None:
        self.message.setText(value)

    def set_busy(self, busy: bool) -> None:
        for button in self.keys.values():
            button.setEnabled(not busy)
        if busy:
            self.set_message(text("checking", self.language))

    @property
    def screen_name(self) -> str:
        current = self.stack.currentWidget()
        return {id(self.pin_page): "pin", id(self.menu_page): "menu"}.get(id(current), "status")

    def press_key(self, key: str) -> None:
        """A digit, ``delete`` or ``ok``, from the on-screen pad or the keypad."""
        if self.screen_name != "pin" or not self.keys["ok"].isEnabled():
            return
        if key == "delete":
            self.digits = self.digits[:-1]
        elif key == "ok":
            if self.digits:
                entered, self.digits = self.digits, ""
                self._show_dots()
                self.pin_entered.emit(entered)
            return
        elif key.isdigit() and len(self.digits) < self.max_digits:
            self.digits += key
        self._show_dots()

    def _show_dots(self) -> None:
        # never the digits themselves: someone behind the technician must not read the PIN
        self.dots.setText("●" * len(self.digits) if self.digits else "–")

    def resizeEvent(self, event: object) -> None:
        # a column no wider than a portrait screen: on a wide hall display the pad stays a pad
        margin = max(8, round(self._unit() / 2))
        side = max(margin, (self.width() - round(self.height() * 0.75)) // 2)
        outer = self.layout()
        if outer is not None:
            outer.setContentsMargins(side, margin, side, margin)
        for label in self.findChildren(PlainLabel):
            factor = label.property("font_factor")
            if factor is not None:
                label.setFont(self._font(float(factor), label.font().bold()))
        for button in self.findChildren(QPushButton):
            button.setFont(self._font(1.0, bold=True))
            button.setMinimumHeight(round(self._unit() * 2.2))
            button.setMaximumHeight(round(self._unit() * 5))
        super().resizeEvent(event)  # type: ignore[arg-type]

    @safe_paint
    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.fillRect(self.rect(), QColor(BACKGROUND))
