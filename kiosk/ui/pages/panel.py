"""The accessibility panel: language, large text, high contrast, speech, volume, pause of motion."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.navigation.strings import language_name, ui_text
from kiosk.session.settings import VOLUME_STEPS, Settings
from kiosk.ui.pages.bar import ScrollButtons, build_frame, choose_columns
from kiosk.ui.pages.blocks import ReadLabel
from kiosk.ui.pages.button import TouchButton
from kiosk.ui.pages.env import PageEnv

# (settings field, string key) of the on/off switches, in the order shown
SWITCHES = (
    ("large_text", "large_text"),
    ("high_contrast", "high_contrast"),
    ("speech", "speech"),
    ("motion_paused", "motion_pause"),
    ("blank_screen", "blank_screen"),
)
# a change of these needs a new look (fonts, colours, strings): the session rebuilds the screens
REBUILD_FIELDS = ("language", "large_text", "high_contrast")


class AccessPanel(QWidget):
    """Full-window panel; each choice takes effect at once (``changed(Settings)``), no "apply" step.

    State is in every label and name ("Große Schrift: an"), not only in the switch picture (EN 5.6).
    Language buttons carry their name in their own language and ``speech_language`` = that code.
    ``items()`` follows the ``PageScreen`` contract. Widgets have stable object names
    ("access-large_text", "access-lang-en", "access-volume_up", "access-close") so a rebuilt panel can
    put the keypad focus back on the same item.
    """

    changed = Signal(object)
    close_requested = Signal()

    def __init__(
        self, settings: Settings, env: PageEnv, languages: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.env = env
        self.languages = languages
        look = env.look
        frame = build_frame(self, env, env.text("access"))
        outer, self.title, self.scroll_area = frame.outer, frame.title, frame.scroll_area
        body, box = frame.body, frame.body_box
        self.ordered: list[QWidget] = []
        self.intro = self._add(box, ReadLabel(env.text("access_intro"), look, 1.0, parent=body))

        self._add(box, self._heading(env.text("language"), body))
        self.language_buttons: dict[str, TouchButton] = {}
        for code in languages:
            button = TouchButton(
                language_name(code), look, env.target_px, role="panel", glyph="language", parent=body
            )
            button.setObjectName(f"access-lang-{code}")
            button.set_speech_language(code)
            button.clicked.connect(lambda _checked=False, c=code: self._choose_language(c))
            self.language_buttons[code] = button
        grid = QGridLayout()
        grid.setSpacing(env.spacing)
        buttons = list(self.language_buttons.values())
        columns = choose_columns(buttons, env.size[0] - 2 * env.margin, env.spacing, (2, 1)) if buttons else 1
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // columns, i % columns)
            self.ordered.append(button)
        box.addLayout(grid)

        self.switches: dict[str, TouchButton] = {}
        for i, (name, key) in enumerate(SWITCHES):
            if i == 0:
                self._add(box, self._heading(env.text("display"), body))
            if name == "speech":
                self._add(box, self._heading(env.text("listening"), body))
            button = TouchButton(env.text(key), look, env.target_px, role="panel", switch=False, parent=body)
            button.setObjectName(f"access-{name}")
            button.clicked.connect(lambda _checked=False, n=name: self._toggle(n))
            self.switches[name] = button
            self._add(box, button)
            if name == "speech":
                self._volume_row(box, body)
        box.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self.scroll_row = ScrollButtons(self.scroll_area, env, self)  # large text may not fit
        outer.addWidget(self.scroll_row)

        bar = QWidget(self)
        row = QHBoxLayout(bar)
        margin = round(16 * look.scale)
        row.setContentsMargins(margin, margin, margin, margin)
        self.close_button = TouchButton(
            env.text("close"), look, env.target_px, role="panel", glyph="close", parent=bar
        )
        self.close_button.setObjectName("access-close")
        self.close_button.clicked.connect(self.close_requested)
        row.addWidget(self.close_button)
        outer.addWidget(bar)
        self._refresh()

    # --- public -------------------------------------------------------------------------------------
    def items(self) -> list[QWidget]:
        return [self.title, *self.ordered, *self.scroll_row.items(), self.close_button]

    def ensure_visible(self, widget: QWidget) -> None:
        body = self.scroll_area.widget()
        if body is not None and body.isAncestorOf(widget):
            self.scroll_area.ensureWidgetVisible(widget, 0, self.env.spacing)

    def set_settings(self, settings: Settings) -> None:
        """Show ``settings`` (e.g. volume changed by the keypad) without emitting ``changed``."""
        self.settings = settings
        self._refresh()

    @staticmethod
    def needs_rebuild(old: Settings, new: Settings) -> bool:
        """Language, text size or contrast changed: screens must be built again with the new look."""
        return any(getattr(old, f) != getattr(new, f) for f in REBUILD_FIELDS)

    # --- internals -----------------------------------------------------------------------------------
    def _add(self, box: QVBoxLayout, widget: QWidget) -> QWidget:
        box.addWidget(widget)
        self.ordered.append(widget)
        return widget

    def _heading(self, text: str, parent: QWidget) -> ReadLabel:
        label = ReadLabel(text, self.env.look, 1.2, bold=True, parent=parent)
        label.setProperty("speech_role", "heading")  # spoken as a heading in speech mode
        return label

    def _volume_row(self, box: QVBoxLayout, body: QWidget) -> None:
        look, env = self.env.look, self.env
        self.volume_label = ReadLabel("", look, 1.0, bold=True, parent=body)
        self._add(box, self.volume_label)
        row = QHBoxLayout()
        row.setSpacing(env.spacing)
        self.volume_down = TouchButton(
            env.text("volume_down"), look, env.target_px, role="panel", glyph="minus", parent=body
        )
        self.volume_up = TouchButton(
            env.text("volume_up"), look, env.target_px, role="panel", glyph="plus", parent=body
        )
        self.volume_down.setObjectName("access-volume_down")
        self.volume_up.setObjectName("access-volume_up")
        self.volume_down.clicked.connect(
            lambda: self._emit(self.settings.with_volume(self.settings.volume - 1))
        )
        self.volume_up.clicked.connect(
            lambda: self._emit(self.settings.with_volume(self.settings.volume + 1))
        )
        row.addWidget(self.volume_down)
        row.addWidget(self.volume_up)
        box.addLayout(row)
        self.ordered += [self.volume_down, self.volume_up]

    def _choose_language(self, code: str) -> None:
        if code != self.settings.language:
            self._emit(replace(self.settings, language=code))

    def _toggle(self, name: str) -> None:
        self._emit(self.settings.toggled(name))

    def _emit(self, settings: Settings) -> None:
        if settings == self.settings:
            return
        self.settings = settings
        self._refresh()
        self.changed.emit(settings)

    def _refresh(self) -> None:
        lang = self.settings.language
        for code, button in self.language_buttons.items():
            chosen = code == lang
            name = language_name(code)
            # the state word in the button's own language: the whole name is spoken in that voice
            button.set_label(
                name, f"{name}: {ui_text('selected', code)}" if chosen else name, selected=chosen
            )
        for name, key in SWITCHES:
            on = bool(getattr(self.settings, name))
            text = ui_text("state", lang, name=ui_text(key, lang), state=ui_text("on" if on else "off", lang))
            self.switches[name].set_label(text, switch=on)
        level = ui_text("volume_level", lang, n=self.settings.volume, of=VOLUME_STEPS)
        self.volume_label.setText(level)
        self.volume_label.setAccessibleName(level)
        self.volume_down.set_label(ui_text("volume_down", lang), f"{ui_text('volume_down', lang)}. {level}")
        self.volume_up.set_label(ui_text("volume_up", lang), f"{ui_text('volume_up', lang)}. {level}")


__all__ = ["REBUILD_FIELDS", "SWITCHES", "AccessPanel"]
