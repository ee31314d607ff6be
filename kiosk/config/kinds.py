"""The editor file kinds: where each lives and which declared model validates it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from kiosk.config.models import (
    DataSource,
    Device,
    Layout,
    ManualAlert,
    Page,
    Playlist,
    Slide,
    SpeechWords,
    Theme,
)
from kiosk.config.models.easy import EasyLanguage


@dataclass(frozen=True)
class FileKind:
    """One kind of editor file: ``folder/*.yaml`` validated by ``model``."""

    name: str
    folder: str
    model: Any
    title: str
    summary: str

    @property
    def adapter(self) -> TypeAdapter[Any]:
        return _ADAPTERS[self.name]

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


KINDS: tuple[FileKind, ...] = (
    FileKind(
        "device",
        "device-config",
        Device,
        "Device",
        "One file per screen: role, layout, what each zone plays, screen, session, speech, keypad.",
    ),
    FileKind(
        "source",
        "device-config/sources",
        DataSource,
        "Data source",
        "A live-data endpoint with refresh interval, staleness limit and offline snapshot.",
    ),
    FileKind(
        "layout", "layouts", Layout, "Layout", "Zones on a reference canvas; scaled to the real screen."
    ),
    FileKind(
        "slide",
        "content/slides",
        Slide,
        "Slide",
        "One slide: image, text, web, video, clock, qr, data or ticker (key `type`).",
    ),
    FileKind(
        "playlist",
        "content/playlists",
        Playlist,
        "Playlist",
        "Slides in order, with dates, weekday/time windows, priority or takeover times.",
    ),
    FileKind(
        "page",
        "content/pages",
        Page,
        "Page",
        "A page of the touch navigation tree: tiles, list or detail blocks.",
    ),
    FileKind(
        "theme", "content/themes", Theme, "Theme", "Colours (normal and high contrast), font and text sizes."
    ),
    FileKind(
        "alert",
        "content/alerts",
        ManualAlert,
        "Manual alert",
        "An alert raised by an editor; severe/extreme take over every screen.",
    ),
    FileKind(
        "easy-language",
        "content/leichte-sprache",
        EasyLanguage,
        "Leichte Sprache rules",
        "Bounds and glossary of the Leichte Sprache check in `kiosk validate` (sentence length, long "
        "words, hard words with an easy word or explanation, known words).",
    ),
    FileKind(
        "speech",
        "content/speech",
        SpeechWords,
        "Speech words",
        "How the voice says abbreviations, and names spoken with another language's voice.",
    ),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}
_ADAPTERS: dict[str, TypeAdapter[Any]] = {kind.name: TypeAdapter(kind.model) for kind in KINDS}
