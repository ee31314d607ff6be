"""What the session controller needs from the page factory and the device: screens, the panel, what to
announce, the touch-target size, and the keypad's key codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import ContentSet
from kiosk.config.models.device import KEYPAD_ACTIONS, Device
from kiosk.config.models.page import WebBlock
from kiosk.navigation.model import PageView
from kiosk.runtime.pages import PageFactory
from kiosk.session.settings import Settings
from kiosk.ui.pages.panel import AccessPanel
from kiosk.ui.pages.screen import PageScreen

if TYPE_CHECKING:  # QtWebEngine loads with the first page that embeds the web
    from kiosk.ui.slides.web import KioskProfile


def key_codes(device: Device) -> dict[int, str]:
    """Qt key codes of the device's keypad keys → action names (the pure config only knows names)."""
    codes: dict[int, str] = {}
    for action in KEYPAD_ACTIONS:
        key = getattr(Qt.Key, f"Key_{getattr(device.keypad, action)}", None)
        if key is not None:
            codes[int(key.value)] = action
    return codes


class Screens:
    """The controller's view of the page factory."""

    def __init__(self, factory: PageFactory) -> None:
        self.factory = factory

    @property
    def content(self) -> ContentSet:
        return self.factory.content  # one copy: a content reload replaces it there

    def make_screen(
        self, page_id: str, settings: Settings, profile: Callable[[], KioskProfile]
    ) -> PageScreen:
        entry = self.content.pages.get(page_id)
        # Chromium only for pages that embed the web (a profile costs memory and start-up time), and
        # only where it may run: made as root without its sandbox flag, it ends the whole process
        web = (
            self.factory.web
            and entry is not None
            and any(isinstance(b, WebBlock) for b in entry.model.blocks)
        )
        screen = self.factory.build(page_id, settings, profile() if web else None)
        # Repeat and Pause speak their names when explored, but those names are not what they act on
        for key in ("repeat", "pause"):
            screen.buttons[key].setProperty("speech_control", True)
        return screen

    def make_panel(self, settings: Settings) -> AccessPanel:
        return self.factory.panel(settings)

    def announcement(self, screen: QWidget | None) -> str:
        view = getattr(screen, "view", None)
        if isinstance(view, PageView):
            return view.announcement
        if isinstance(screen, AccessPanel):
            return screen.title.accessibleName()
        return ""

    def help_text(self, screen: QWidget | None) -> str:
        view = getattr(screen, "view", None)
        return view.help if isinstance(view, PageView) else ""

    def target_px(self) -> int:
        return self.factory.target_px
