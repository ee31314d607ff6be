"""Widgets of the interactive page tree: page screens, the accessibility panel, touch buttons."""

from kiosk.ui.pages.button import TouchButton
from kiosk.ui.pages.measure import large_text_factor
from kiosk.ui.pages.panel import AccessPanel
from kiosk.ui.pages.screen import PageEnv, PageScreen

__all__ = ["AccessPanel", "PageEnv", "PageScreen", "TouchButton", "large_text_factor"]
