"""One page of the touch navigation as a full-window screen: header, scrolling body, fixed bottom bar."""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.config.models.page import ContactBlock, ImageBlock, QrBlock, TextBlock, VideoBlock, WebBlock
from kiosk.navigation.model import Item, PageView, contact_lines
from kiosk.navigation.strings import language_name, plain, ui_text
from kiosk.ui.pages.bar import BAR_KEYS, BottomBar, ScrollButtons, build_frame, choose_columns
from kiosk.ui.pages.blocks import Card, ImageView, QrView, ReadLabel
from kiosk.ui.pages.button import TouchButton
from kiosk.ui.pages.env import PageEnv
from kiosk.ui.pages.measure import widest_segment
from kiosk.ui.pages.tiles import fill_tiles
from kiosk.ui.slides.base import SlideWidget

LANGUAGE_FACTOR = 0.9  # the home page's language buttons: a little smaller than the body text


class PageScreen(QWidget):
    """A page (``PageView``) as an interactive screen.

    Signals: ``navigate(page_id)`` for a tile/row, ``back_requested``, ``home_requested``,
    ``help_requested``, ``repeat_requested``, ``pause_requested``, ``access_requested``,
    ``language_requested(code)`` (the home page's language choice).
    ``items()`` lists every readable or activatable widget in reading order (title, the language choice
    on the home page where it heads the body, intro, tiles or blocks, scroll buttons when shown, the
    language choice where it is pinned above the bar, the bar); each has its spoken
    text as accessible name. A bar button that cannot act now (Back on the home page, Pause and Repeat
    with nothing spoken) keeps its slot, is disabled, looks so and says so ("Zurück: nicht verfügbar").
    """

    navigate = Signal(str)
    back_requested = Signal()
    home_requested = Signal()
    help_requested = Signal()
    repeat_requested = Signal()
    pause_requested = Signal()
    access_requested = Signal()
    language_requested = Signal(str)

    def __init__(
        self, view: PageView, env: PageEnv, at_home: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.env = env
        self.at_home = at_home
        look = env.look
        frame = build_frame(self, env, view.title)
        outer, self.header, self.title = frame.outer, frame.header, frame.title
        self.scroll_area, self.body, self.body_box = frame.scroll_area, frame.body, frame.body_box
        self.intro: ReadLabel | None = None
        if view.intro:
            self.intro = ReadLabel(view.intro, look, 1.0, parent=self.body)
            self.body_box.addWidget(self.intro)
        self.body_items: list[QWidget] = []
        self.tiles: list[TouchButton] = []  # a tile view's tiles and their grid (they fill the body)
        self.tile_grid: QGridLayout | None = None
        self.live: list[SlideWidget] = []
        self.images: dict[str, list[TouchButton | ImageView]] = {}
        if view.view == "tiles":
            self._tiles()
        elif view.view == "list":
            self._rows()
        else:
            for item in view.items:
                self._block(item)
        self.body_box.addStretch(1)
        self.scroll_area.setWidget(self.body)
        if self.tile_grid is not None:
            self.scroll_area.viewport().installEventFilter(self)  # tiles fill the body (_fill_tiles)
        outer.addWidget(self.scroll_area, 1)

        self.scroll_row = ScrollButtons(self.scroll_area, env, self)
        self.scroll_up, self.scroll_down = self.scroll_row.up, self.scroll_row.down
        outer.addWidget(self.scroll_row)

        self.bar = BottomBar(env, self)
        # the home page's language choice: in sight above the bar, however far the tiles scroll; on a
        # screen too short for that it heads the body and scrolls with it (pinned, it would squeeze the
        # bar's fixed slots over each other and leave the page a strip: 540 × 960 with three languages)
        self.languages: dict[str, TouchButton] = {}
        self.languages_pinned = True
        if at_home and len(env.languages) > 1:
            choice = self._language_choice()
            self.languages_pinned = self._room_for(choice)
            if self.languages_pinned:
                outer.addWidget(choice)
            else:
                choice.setParent(self.body)
                grid = choice.layout()
                if grid is not None:
                    grid.setContentsMargins(0, 0, 0, 0)  # the body's margins are around it
                self.body_box.insertWidget(0, choice)
        self.buttons = self.bar.buttons
        outer.addWidget(self.bar)
        self.buttons["back"].clicked.connect(self._back)
        self.buttons["home"].clicked.connect(self.home_requested)
        self.buttons["help"].clicked.connect(self.help_requested)
        self.buttons["repeat"].clicked.connect(self.repeat_requested)
        self.buttons["pause"].clicked.connect(self.pause_requested)
        self.buttons["access"].clicked.connect(self.access_requested)
        # Back has nowhere to go from the home page; nothing is spoken yet for Pause and Repeat
        self._set_available("back", env.text("back"), not at_home)
        self.set_speech_state(paused=False, can_pause=False, can_repeat=False)

    # --- public -------------------------------------------------------------------------------------
    def items(self) -> list[QWidget]:
        """Every item in reading order; hidden ones (scroll buttons without overflow) are left out."""
        pinned, heading = (
            ([*self.languages.values()], []) if self.languages_pinned else ([], [*self.languages.values()])
        )
        head: list[QWidget] = [self.title, *heading, *([self.intro] if self.intro is not None else [])]
        body = [w for w in self.body_items if shiboken6.isValid(w) and not w.isHidden()]
        chrome = [*self.scroll_row.items(), *pinned, *self.buttons.values()]
        return [*head, *body, *chrome]

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` (an item in the body) is on screen, e.g. when the keypad focuses it."""
        if self.body.isAncestorOf(widget):
            self.scroll_area.ensureWidgetVisible(widget, 0, self.env.spacing)

    def scroll_by(self, pages: int) -> None:
        self.scroll_row.scroll_by(pages)

    def set_speech_state(self, paused: bool, can_pause: bool, can_repeat: bool) -> None:
        """Pause shows "Weiter" (and a play symbol) while speech is held; Pause is available only while
        something is spoken (or was just cut off), Repeat once something was said."""
        button = self.buttons["pause"]
        button.glyph = "play" if paused else "pause"
        self._set_available("pause", self.env.text("resume" if paused else "pause"), paused or can_pause)
        self._set_available("repeat", self.env.text("repeat"), can_repeat)

    def _set_available(self, key: str, label: str, available: bool) -> None:
        self.buttons[key].setEnabled(available)
        spoken = None
        if not available:
            spoken = self.env.text("state", name=plain(label), state=self.env.text("unavailable"))
        self.bar.set_label(key, label, spoken)

    def set_image(self, path: str, image: QImage | None) -> None:
        """A picture that arrived after the screen was built."""
        for widget in self.images.get(path, []):
            if not shiboken6.isValid(widget):
                continue
            if isinstance(widget, ImageView):
                widget.set_image(image)
            elif image is not None and not image.isNull():
                widget.icon_image = image
                widget.updateGeometry()  # an icon makes a tile taller: the layout must ask again
                widget.update()
        self._fill_tiles()

    def hold_motion(self, paused: bool) -> None:
        """ "Stop moving content" switched on this page: its videos hold still (or go on)."""
        for widget in self.live:
            set_paused = getattr(widget, "set_paused", None)
            if shiboken6.isValid(widget) and callable(set_paused):
                set_paused(paused)

    def stop(self) -> None:
        """Stop timers and players of live blocks before the screen is deleted."""
        for widget in self.live:
            if shiboken6.isValid(widget):
                widget.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the viewport's own resize: the page's layout may place the scroll area after the page's resize
        if event.type() == QEvent.Type.Resize and watched is self.scroll_area.viewport():
            self._fill_tiles()
        return False

    def _fill_tiles(self) -> None:
        if self.tile_grid is not None:
            fill_tiles(self.tiles, self.tile_grid, self.body_box, self.scroll_area.viewport(), self.env)

    # --- building -------------------------------------------------------------------------------------
    def _child_button(self, item: Item, role: str) -> TouchButton:
        env = self.env
        icon = env.image_for(item.icon) if item.icon else None
        button = TouchButton(
            item.label,
            env.look,
            env.target_px,
            role="tile" if role == "tile" else "row",
            spoken=item.spoken,
            subtitle=item.subtitle,
            icon=icon,
            parent=self.body,
        )
        button.setObjectName(f"page-{item.target}")
        if item.icon:
            self.images.setdefault(item.icon, []).append(button)
        target = item.target or ""
        button.clicked.connect(lambda: self.navigate.emit(target))
        return button

    def _language_choice(self) -> QWidget:
        """Each offered language named in itself; one tap switches the session to it (R15, R39)."""
        env = self.env
        row = QWidget(self)
        for code in env.languages:
            chosen = code == env.language
            name = language_name(code)
            # no globe here: the names themselves say what they are, and the room goes to the words
            button = TouchButton(name, env.look, env.target_px, role="panel", parent=row)
            # the state word in the button's own language: the whole name is spoken in that voice
            button.set_label(
                name, f"{name}: {ui_text('selected', code)}" if chosen else name, selected=chosen
            )
            button.set_speech_language(code)
            button.setObjectName(f"home-lang-{code}")
            button.clicked.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
            self.languages[code] = button
        buttons = list(self.languages.values())
        width = env.size[0] - 2 * env.margin
        # one row if the names fit, their font made smaller down to 0.6 of the normal size (never below
        # the 0.7° floor); else two columns, else one: large text keeps its size and takes more rows
        normal = replace(env.look, text_scale=1.0).font(LANGUAGE_FACTOR, bold=True).pixelSize()
        least = max(env.label_floor_px, round(normal * 0.6))
        columns = 1
        for option in dict.fromkeys((len(buttons), 2, 1)):
            cell = (width - (option - 1) * env.spacing) / option
            if all(self._fit_font(b, cell, least) for b in buttons) or option == 1:
                columns = option
                break
        cell = (width - (columns - 1) * env.spacing) / columns
        height = max(b.height_for(int(cell)) for b in buttons)  # one height: a tidy row
        for button in buttons:
            button.setFixedHeight(height)
        grid = QGridLayout(row)
        grid.setContentsMargins(env.margin, round(env.spacing / 2), env.margin, 0)
        grid.setSpacing(env.spacing)
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // columns, i % columns)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        return row

    def _room_for(self, choice: QWidget) -> bool:
        """Whether the language choice can be pinned above the bar and still leave the page's body a
        quarter of the screen, with its scroll buttons shown."""
        env = self.env
        width = env.size[0]
        box = self.header.layout()
        if box is not None and box.hasHeightForWidth():
            header = box.totalHeightForWidth(width)  # a long title wraps
        else:
            header = self.header.sizeHint().height()
        cell = (width - 2 * env.margin - env.spacing) // 2
        scroll = max(b.height_for(cell) for b in (self.scroll_up, self.scroll_down)) + round(
            8 * env.look.scale
        )
        fixed = header + scroll + choice.minimumSizeHint().height() + self.bar.minimumSizeHint().height()
        return fixed <= env.size[1] * 3 // 4

    def _fit_font(self, button: TouchButton, cell: float, least: int) -> bool:
        """Give ``button`` the largest font (from the language choice's size down to ``least``) at which
        every word of its label fits a cell ``cell`` wide; False if none does."""
        font = self.env.look.font(LANGUAGE_FACTOR, bold=True)
        button.setFont(font)
        while widest_segment(font, button.text()) > button.text_width_for(cell) - 2:
            if font.pixelSize() <= least:
                return False
            font.setPixelSize(font.pixelSize() - 1)
            button.setFont(font)
        return True

    def _tiles(self) -> None:
        tiles = [self._child_button(item, "tile") for item in self.view.items]
        width = self.env.size[0] - 2 * self.env.margin
        columns = choose_columns(tiles, width, self.env.spacing, (2, 1)) if tiles else 1
        self.tile_columns = columns
        if columns == 1 and len(tiles) > 1:
            # one column (large text, a narrow screen): a tile as tall as two rows would show two or three
            # of six on a screen; as rows (picture beside the words) most of them are in sight at once
            for tile in tiles:
                tile.setParent(None)
                tile.deleteLater()
            self.images = {path: [w for w in ws if w not in tiles] for path, ws in self.images.items()}
            self._rows()
            return
        grid = QGridLayout()
        grid.setSpacing(self.env.spacing)
        for i, tile in enumerate(tiles):
            grid.addWidget(tile, i // columns, i % columns)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        self.body_box.addLayout(grid)
        self.tiles, self.tile_grid = tiles, grid
        self.body_items += tiles

    def _rows(self) -> None:
        for item in self.view.items:
            row = self._child_button(item, "row")
            self.body_box.addWidget(row)
            self.body_items.append(row)

    def _add(self, widget: QWidget, items: list[QWidget] | None = None) -> None:
        self.body_box.addWidget(widget)
        self.body_items += items if items is not None else [widget]

    def _block(self, item: Item) -> None:
        env, look, block = self.env, self.env.look, item.block
        if isinstance(block, TextBlock):
            self._add(ReadLabel(item.label, look, 1.0, markdown=True, parent=self.body))
        elif isinstance(block, ImageBlock):
            view = ImageView(
                env.image_for(block.image),
                item.label,
                item.spoken,
                look,
                round(env.size[1] * 0.4),
                parent=self.body,
            )
            self.images.setdefault(block.image, []).append(view)
            self._add(view)
        elif isinstance(block, QrBlock):
            self._add(
                QrView(env.qr_for(block.url), item.label, item.spoken, look, self._qr_side(), self.body)
            )
        elif isinstance(block, ContactBlock):
            self._contact(block)
        elif block is not None:
            made = env.make_block(block, self.body)
            if made is None:
                self._add(self._alternative(item))
                return
            made.setAccessibleName(made.accessibleName() or item.spoken)
            if isinstance(made, SlideWidget):
                self.live.append(made)
                made.failed.connect(lambda _reason, w=made, it=item: self._replace(w, it))
            self._add(made)

    def _qr_side(self) -> int:
        # 25 mm of code scan well from a phone at arm's length; on the stele this is ~ 70 mm
        return max(self.env.target_px * 3, round(260 * self.env.look.scale))

    def _contact(self, block: ContactBlock) -> None:
        env, look = self.env, self.env.look
        card = Card(look, self.body)
        lines = contact_lines(block, env.language)
        labels: list[QWidget] = []
        for i, line in enumerate(lines):
            label = ReadLabel(line, look, 1.1 if i == 0 else 1.0, bold=i == 0, parent=card)
            card.box.addWidget(label)
            labels.append(label)
        if block.url is not None:
            caption = f"{env.text('website')}: {block.url.split('://', 1)[-1].rstrip('/')}"
            qr = QrView(
                env.qr_for(block.url),
                caption,
                env.text("qr", caption=caption),
                look,
                round(self._qr_side() * 0.8),
                card,
            )
            card.box.addWidget(qr)
            labels.append(qr)
        self._add(card, labels)

    def _alternative(self, item: Item) -> QWidget:
        """The text that stands in for a live-data or web block that cannot be shown."""
        if isinstance(item.block, WebBlock):
            note = self.env.text("web_unavailable")
        elif isinstance(item.block, VideoBlock):
            note = self.env.text("video_unavailable")
        else:
            note = self.env.text("data_unavailable")
        text = f"{item.label}\n{note}"
        label = ReadLabel(text, self.env.look, 1.0, spoken=f"{item.spoken} {note}", parent=self.body)
        label.setObjectName("alternative")
        return label

    def _replace(self, widget: QWidget, item: Item) -> None:
        if not shiboken6.isValid(widget):
            return
        alternative = self._alternative(item)
        self.body_box.replaceWidget(widget, alternative)
        alternative.show()
        self.body_items = [alternative if w is widget else w for w in self.body_items]
        widget.hide()
        widget.deleteLater()

    def _back(self) -> None:
        (self.home_requested if self.at_home else self.back_requested).emit()


__all__ = ["BAR_KEYS", "PageEnv", "PageScreen"]
