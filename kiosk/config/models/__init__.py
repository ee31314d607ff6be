"""The declared schema of every editor file kind."""

from kiosk.config.models.alert import ManualAlert
from kiosk.config.models.base import EditorModel, Text
from kiosk.config.models.device import Device
from kiosk.config.models.layout import Layout
from kiosk.config.models.page import Page
from kiosk.config.models.playlist import Playlist
from kiosk.config.models.slides import Slide
from kiosk.config.models.source import DataSource
from kiosk.config.models.speech import SpeechWords
from kiosk.config.models.theme import Theme

__all__ = [
    "DataSource",
    "Device",
    "EditorModel",
    "Layout",
    "ManualAlert",
    "Page",
    "Playlist",
    "Slide",
    "SpeechWords",
    "Text",
    "Theme",
]
