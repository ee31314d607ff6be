"""The base of every slide widget: colours, language, readiness."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QWidget

from kiosk import i18n
from kiosk.config.models.base import Text
from kiosk.config.models.slides import SlideBase
from kiosk.navigation.legibility import Role
from kiosk.ui.text import PlainLabel, markdown_plain, set_markdown
from kiosk.ui.theme import Look
from kiosk.ui.typesize import role_font

SIZE_FACTOR = {"normal": 1.0, "large": 1.35, "huge": 2.2}
# dates and numbers of each language (its module in kiosk/i18n): Leichte Sprache is German
QT_LOCALES = {lang.code: lang.locale for lang in i18n.languages()}


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SlideContext:
    """What every slide widget needs besides its slide: look, language, clock, motion setting."""

    look: Look
    language: str = "de"
    now: Callable[[], datetime] = field(default=_utc_now)
    reduce_motion: bool = False
    allowlist: tuple[str, ...] = ()


class SlideWidget(QWidget):
    """Base: background colour, texts in the shown language, and readiness.

    ``ready`` fires once the widget can be shown without a blank or half-loaded frame; ``failed``
    (with a reason) when it never will. Simple widgets are ready at once.
    """

    ready = Signal()
    failed = Signal(str)
    # A crossfade may blend two still pictures of a slide that does not change by itself in 0.7 s:
    # the widgets below are then not painted again for every frame of the fade (most of its CPU).
    moves_by_itself = False

    def __init__(self, slide: SlideBase, ctx: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.ctx = ctx
        self.look = ctx.look
        self.language = ctx.language
        self.state = "preparing"
        # real seconds this showing lasts, set by the player before start(): the playlist's time for the
        # item (it may override the slide's own) cut short at a takeover; None outside playback
        self.showing_s: float | None = None
        self.setAutoFillBackground(True)
        pal = self.palette()
        # a text slide's background may also be a picture or a gradient (``slides.composed``); in high
        # contrast the slide's own colour gives way to the palette's, checked with the text at 7:1
        own = slide.background if isinstance(slide.background, str) else None
        colour = None if self.look.high_contrast else own
        pal.setColor(self.backgroundRole(), QColor(colour or self.look.palette.background))
        pal.setColor(self.foregroundRole(), self.look.color("text"))
        self.setPalette(pal)

    # --- readiness -----------------------------------------------------------------------------
    @property
    def is_ready(self) -> bool:
        return self.state == "ready"

    def mark_ready(self) -> None:
        if self.state == "preparing":
            self.state = "ready"
            self.ready.emit()

    def mark_failed(self, reason: str) -> None:
        if self.state == "preparing":
            self.state = "failed"
            self.failed.emit(reason)

    def show_for(self, seconds: float) -> None:
        """How long (real seconds) the showing about to start lasts; slides that page divide it."""
        self.showing_s = seconds

    def start(self) -> None:
        """Called when the slide becomes visible (videos play, tickers move)."""

    def stop(self) -> None:
        """Called when the slide leaves the screen; timers and players stop before deletion."""

    # --- helpers ---------------------------------------------------------------------------------
    def tr_text(self, text: Text | None) -> str:
        return text.get(self.language) if text is not None else ""

    def text_font(self, role: Role, factor: float, bold: bool = False) -> QFont:
        """The font of a text ``role`` at ``factor``: never below what the role needs where the device's
        readers stand (DIN 1450, ``kiosk.navigation.legibility``)."""
        return role_font(self.look, role, factor, bold)

    def label(
        self,
        text: str,
        factor: float,
        bold: bool = False,
        markdown: bool = False,
        color: str = "text",
        role: Role = "body",
    ) -> QLabel:
        """A label for editor or feed text: plain text, or escaped Markdown (``ui.text``), in the type
        of its ``role``."""
        lab = PlainLabel("", self)
        lab.setWordWrap(True)
        lab.setFont(self.text_font(role, factor, bold))
        lab.setStyleSheet(f"color: {getattr(self.look.palette, color)}; background: transparent;")
        if markdown:
            set_markdown(lab, text)
            lab.setAccessibleName(markdown_plain(text))  # what is read, not the asterisks
        else:
            lab.setText(text)
            lab.setAccessibleName(lab.text())
        return lab
