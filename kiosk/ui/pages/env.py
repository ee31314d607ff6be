"""What a page screen needs from outside: look, language, sizes and the runtime's callables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from kiosk.config.models.page import Block
from kiosk.media.qrcode import QrMatrix
from kiosk.navigation.strings import ui_text
from kiosk.ui.theme import Look


def _no_block(block: Block, parent: QWidget) -> QWidget | None:
    return None


def _no_image(path: str) -> QImage | None:
    return None


def _no_qr(url: str) -> QrMatrix | None:
    return None


@dataclass(frozen=True)
class PageEnv:
    """What a page screen needs from outside, as values and callables (the ui never loads anything).

    ``size``: the window size in device pixels (decides tile columns and bar rows). ``make_block``:
    a widget for a live-data or web block, or ``None`` for its text alternative; a returned
    ``SlideWidget`` that later fails is replaced by the text alternative. ``image_for``: a decoded
    picture for a content-relative path, if the runtime has it already (later ones arrive through
    ``PageScreen.set_image``). ``qr_for``: the module matrix for a URL. ``languages``: the device's
    offered languages (the home page's language choice). ``label_floor_px``: the smallest font a label
    may shrink to in its fixed slot (0.7° cap height at the viewing distance).
    """

    look: Look
    language: str
    target_px: int
    size: tuple[int, int]
    languages: tuple[str, ...] = ()
    label_floor_px: int = 9
    make_block: Callable[[Block, QWidget], QWidget | None] = field(default=_no_block)
    image_for: Callable[[str], QImage | None] = field(default=_no_image)
    qr_for: Callable[[str], QrMatrix | None] = field(default=_no_qr)

    @property
    def margin(self) -> int:
        return round(40 * self.look.scale)

    @property
    def spacing(self) -> int:
        return round(24 * self.look.scale)

    def text(self, key: str, **fmt: object) -> str:
        return ui_text(key, self.language, **fmt)


__all__ = ["PageEnv"]
