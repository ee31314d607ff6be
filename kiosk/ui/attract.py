"""The bar at the foot of the attract loop: how to start, how to start speech without sight, the
accessibility panel one tap away, and a visible language choice (each language named in itself; one tap
starts a session in it) (ACCESSIBILITY.md R02, R15, R39).

The bar reserves its strip: the window lays the zone it lies in out above it (``reserves_space``), so
it never covers the bottom of a slide (the "Stand" line of a data slide).

Nothing in it has a fixed size: the button is as wide as its longest word needs (a word is never broken
inside; a label too long for the room gets a smaller font), the texts wrap at words beside it, and the
bar is as tall as its layout says the wrapped texts and the button need (``heightForWidth``), so the
texts never overlap each other and are never cut off, whatever the language, text size or window.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n.tagged import untagged
from kiosk.navigation.strings import language_name, ui_text
from kiosk.ui.fit import MIN_PX, shrink_to_words
from kiosk.ui.pages.button import ROLE_FACTOR, TouchButton
from kiosk.ui.pages.measure import widest_segment
from kiosk.ui.text import PlainLabel
from kiosk.ui.theme import Look

BUTTON_SHARE = 0.26  # a real button, not a sliver: about a quarter of the bar's width ...
BUTTON_MAX_SHARE = 0.4  # ... and never so wide that the texts beside it get no room
MIN_SHARE = 0.1  # the bar's least height, of the window's: the same place on every screen
MAX_SHARE = 0.4  # its greatest: above that its texts get smaller (the loop stays the larger part)
SHRINK = 0.9  # step of the text size while the bar would be taller than MAX_SHARE
MIN_SHRINK = 0.15  # the least of that: a tiny window with large text still shows every text, small
FACTORS = {"start": 1.1, "hint": 0.8, "language": 0.9}  # text sizes, as factors of the theme's body size


class AttractBar(QWidget):
    """Lower strip of the attract screen: 'touch to start' in every offered language, the speech hint,
    the accessibility button and, when the device offers more than one language, a button per language
    (``language_chosen(code)``). Only the buttons take touches; a touch anywhere else starts a session
    (handled by the input filter)."""

    language_chosen = Signal(str)
    reserves_space = True  # the window lays the zones out above the bar (MainWindow.arrange_layers)

    def __init__(
        self, look: Look, languages: list[str], target_px: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.languages = languages
        self.look = look
        self.target_px = target_px
        self.window_rect: QRect | None = None  # the last window placed in (a new look places again)
        self.setAutoFillBackground(True)
        self.box = QVBoxLayout(self)
        # place() sets the bar's size from what the layout needs; the layout never resizes the bar itself
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.row = QHBoxLayout()
        self.box.addLayout(self.row)
        self.lang_grid = QGridLayout()
        self.box.addLayout(self.lang_grid)
        self.language_buttons: dict[str, TouchButton] = {}
        self.texts = QVBoxLayout()
        # "touch to start" once per offered language, each in a label of its own (set_look makes them):
        # a tourist finds their language at a glance, and a wrapped line stays with its language
        self.starts: list[PlainLabel] = []
        self.hint = self._label()
        self.texts.addStretch(1)
        self.texts.addWidget(self.hint)
        self.texts.addStretch(1)
        self.row.addLayout(self.texts, 1)
        self.access = TouchButton(
            ui_text("access", languages[0]), look, target_px, role="bar", glyph="access", parent=self
        )
        self.row.addWidget(self.access, 0, Qt.AlignmentFlag.AlignVCenter)
        self.set_look(look)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._rearrange()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._rearrange()

    def _rearrange(self) -> None:
        """Shown or hidden: the zone it lies in ends above it, or has its whole height back."""
        arrange = getattr(self.parentWidget(), "arrange_zones", None)
        if callable(arrange):
            arrange()

    def buttons(self) -> list[QWidget]:
        """What takes touches on the attract screen (the input filter lets them through)."""
        return [*self.language_buttons.values(), self.access]

    def _set_language_buttons(self) -> None:
        codes = self.languages if len(self.languages) > 1 else []
        if list(self.language_buttons) == codes:
            return
        for button in self.language_buttons.values():
            self.lang_grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.language_buttons = {}
        for code in codes:
            name = language_name(code)
            button = TouchButton(name, self.look, self.target_px, role="panel", glyph="language", parent=self)
            button.set_speech_language(code)
            button.setObjectName(f"attract-lang-{code}")
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            button.show()
            self.language_buttons[code] = button

    def _label(self) -> PlainLabel:
        label = PlainLabel("", self)
        label.setWordWrap(True)
        # a label takes the width the layout gives it; a long word never widens the bar
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    @property
    def start(self) -> PlainLabel:
        """'Touch to start' in the device's first language."""
        return self.starts[0]

    def _set_starts(self, texts: list[str]) -> None:
        while len(self.starts) > len(texts):
            gone = self.starts.pop()
            self.texts.removeWidget(gone)
            gone.hide()  # at once: deleteLater() leaves it on screen until the event loop runs
            gone.deleteLater()
        while len(self.starts) < len(texts):
            self.starts.append(self._label())
            self.texts.insertWidget(len(self.starts), self.starts[-1])  # after the stretch, before the hint
            self.starts[-1].show()  # a child made after its parent was shown stays hidden otherwise
        for label, text in zip(self.starts, texts, strict=True):
            label.setText(text)
            label.setAccessibleName(text)

    def set_languages(self, languages: list[str]) -> None:
        """The device offers other languages now (a reload of its file)."""
        self.languages = languages
        self.set_look(self.look)

    def set_look(self, look: Look, target_px: int | None = None) -> None:
        self.look = look
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(look.palette.accent))
        self.setPalette(pal)
        margin = max(12, round(24 * look.scale))
        self.box.setContentsMargins(margin, margin, margin, margin)
        self.box.setSpacing(margin)
        self.row.setSpacing(margin)
        self.lang_grid.setSpacing(margin)
        self.texts.setSpacing(max(4, round(10 * look.scale)))
        first = self.languages[0]
        # every offered language: a tourist must find "touch to start" before choosing a language
        # once per wording: French and Spanish read the English line (tagged for the voice, so compare
        # what is seen); the first language's own form stays
        starts: dict[str, str] = {}
        for code in self.languages:
            words = ui_text("touch_to_start", code)
            starts.setdefault(untagged(words), words)
        self._set_starts(list(starts.values()))
        self.hint.setText(ui_text("speech_hint", first))
        for label in (*self.starts, self.hint):
            label.setStyleSheet(f"color: {look.palette.accent_text}; background: transparent;")
        self.hint.setAccessibleName(self.hint.text())
        self.access.set_look(look)
        self.access.set_label(ui_text("access", first))
        self._set_language_buttons()
        for button in self.language_buttons.values():
            button.set_look(look)
        if self.window_rect is not None:
            self.place(self.window_rect)

    # --- sizes --------------------------------------------------------------------------------------
    def _font(self, factor: float, bold: bool, text: str, width: float) -> QFont:
        return shrink_to_words(self.look.font(factor, bold=bold), text, width, MIN_PX)

    def fit(self, shrink: float, width: int | None = None) -> int:
        """Set the sizes for a bar ``width`` wide (its own width if None), with every text size times
        ``shrink``; returns the height the bar's layout needs for them."""
        width = self.width() if width is None else width
        margins = self.box.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        # the button: as wide as its longest word needs (or a quarter of the bar, if that is more); if
        # the word does not fit the widest the button may be, its font gets smaller
        pad = 2 * self.access.pad
        biggest = round(inner * BUTTON_MAX_SHARE)
        font = self._font(ROLE_FACTOR["bar"] * shrink, True, self.access.text(), biggest - pad)
        self.access.setFont(font)
        need = widest_segment(font, self.access.text()) + pad + 2
        button = min(biggest, max(round(need), round(inner * BUTTON_SHARE)))
        self.access.setFixedWidth(max(button, self.access.target_px))
        text_width = inner - self.access.width() - self.row.spacing()
        for widget in (*self.starts, self.hint):
            name = "hint" if widget is self.hint else "start"
            widget.setFont(self._font(FACTORS[name] * shrink, name == "start", widget.text(), text_width))
        self._fit_languages(shrink, inner)
        for layout in (self.texts, self.row, self.lang_grid, self.box):
            layout.invalidate()
        return self.box.totalHeightForWidth(width)

    def _fit_languages(self, shrink: float, inner: int) -> None:
        """The language buttons in one row under the texts, each as wide as the others; a name too wide
        for its button gets a smaller font (never a broken word)."""
        buttons = list(self.language_buttons.values())
        if not buttons:
            return
        cell = (inner - (len(buttons) - 1) * self.lang_grid.spacing()) / len(buttons)
        font = self.look.font(FACTORS["language"] * shrink, bold=True)
        for glyph in ("language", None):  # the globe says "languages", where there is room for it
            for button in buttons:
                button.glyph = glyph
                button.setFont(font)
            if all(widest_segment(font, b.text()) <= b.text_width_for(cell) - 2 for b in buttons):
                break
        for button in buttons:
            room = button.text_width_for(cell) - 2
            button.setFont(self._font(FACTORS["language"] * shrink, True, button.text(), room))
        height = max(button.height_for(int(cell)) for button in buttons)  # one height: a tidy row
        for button in buttons:
            button.setFixedHeight(height)
        if self.lang_grid.count() != len(buttons):
            for i, button in enumerate(buttons):
                self.lang_grid.addWidget(button, 0, i)
                self.lang_grid.setColumnStretch(i, 1)

    def place(self, window: QRect) -> None:
        """Lie at the foot of the largest zone, as tall as the texts and the button need."""
        self.window_rect = QRect(window)
        # at the foot of the largest zone: slides are usually centred there (letterboxed pictures, text),
        # so the least of the loop is covered, and the bar stays low enough to reach from a wheelchair
        # the zones as the layout places them, not as they are now: they end above this bar
        nominal = getattr(self.parentWidget(), "zone_rects", None)
        if callable(nominal):
            rects = [r for r in nominal().values() if r.isValid()]
        else:
            zones = getattr(self.parentWidget(), "zones", {})
            rects = [zone.geometry() for zone in zones.values() if zone.geometry().isValid()]
        main = max(rects, key=lambda r: r.width() * r.height()) if rects else window
        if main.width() <= 0 or window.height() <= 0:
            return  # the window has no size yet: placed again when it gets one
        shrink, need = 1.0, self.fit(1.0, main.width())
        most = round(window.height() * MAX_SHARE)
        while need > most and shrink > MIN_SHRINK:
            shrink *= SHRINK
            need = self.fit(shrink, main.width())
        height = max(need, round(window.height() * MIN_SHARE))
        self.setGeometry(QRect(main.left(), main.bottom() + 1 - height, main.width(), height))
        self._rearrange()  # a new height (new look, new languages): the zone above follows


__all__ = ["AttractBar"]
