"""A data board drawn like a departure board: one column grid with heads, rows filling the height.

The pure model (:mod:`kiosk.data.present_board`) says what the columns and rows are; here they are
measured and placed. Columns are as wide as their widest cell (measured with the row's own font); the
growing column (destination, car park, group) takes the rest and *wraps*, it is never elided. When the
columns do not fit, the row font steps down, never below what the viewing distance needs (DIN 1450,
``typesize``); at that floor the narrow columns wrap between words too. Rows that do not fit the
height go to the next screen (the heads repeat); a row taller than a screen is split after a word,
its rest continued on the next screen. Every text is a real label, so the no-clipping walk
(``kiosk validate --render``) checks what the board shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from kiosk.data.present_board import Board, Cell, Column, Row, without_optional
from kiosk.navigation.legibility import Role
from kiosk.ui.slides.board_cells import (
    BoardCanvas,
    FillBar,
    Screen,
    badge_colors,
    cell_label,
    discard,
    paragraph_board,
    text_width,
    tone_colors,
    words_width,
)
from kiosk.ui.slides.board_fill import fill_factors
from kiosk.ui.theme import Look

FontFor = Callable[[Role, float, bool], QFont]
# the row font's design factor, then smaller steps while the columns do not fit (role_font keeps the floor)
ROW_FACTORS = (1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)
# the smallest design factor a one-line board is set at before its long cells wrap instead
ONE_LINE_FLOOR = 0.8


@dataclass(frozen=True)
class Plan:
    """Where each column goes: its x, width and line (stacked: the growing column on a line of its own)."""

    factor: float
    xs: tuple[int, ...]
    widths: tuple[int, ...]
    lines: tuple[int, ...]  # 0, or 1 for the growing column of a stacked board
    flow: bool = False  # not even the widest words side by side: each row's cells flow and wrap, no heads
    wraps: bool = False  # narrower than their longest cell: the narrow columns wrap between words

    @property
    def stacked(self) -> bool:
        return any(self.lines)


def _share(natural: list[float], least: list[float], room: float, gap: int) -> list[int] | None:
    """Widths of columns side by side in ``room``: natural when they fit, else at least their widest word
    with what is left shared out (fewer cells wrap); ``None`` when not even the widest words fit."""
    gaps = gap * (len(natural) - 1)
    if sum(natural) + gaps <= room:
        return [round(w + 1) for w in natural]
    if sum(least) + gaps > room:
        return None
    widths = [w + 1 for w in least]
    spare = room - gaps - sum(widths)
    want = [max(0.0, n - w) for n, w in zip(natural, widths, strict=True)]
    total = sum(want) or 1.0
    return [int(w + spare * extra / total) for w, extra in zip(widths, want, strict=True)]


class TableBoard:
    """Lays a board with columns out in ``host``, screen by screen."""

    def __init__(
        self,
        board: Board,
        look: Look,
        font_for: FontFor,
        ink: str,
        paragraphs: bool = False,
        most_px: int | None = None,
        heads: bool = True,
    ) -> None:
        self.board, self.look, self.font_for, self.ink = board, look, font_for, ink
        self.paragraphs = paragraphs  # a board of one paragraph per record: no heads, no further fallback
        self.most_px = most_px  # the heading's size: a short list is set larger, never larger than it
        self.heads = heads  # False: a record card (board_fill.record_card), its heads are in its rows
        self.row_font = font_for("rows", ROW_FACTORS[0], False)
        self.grow = next((i for i, c in enumerate(board.columns) if c.grows), len(board.columns) - 1)
        self.last_plan: Plan | None = None
        self.line0 = 0  # the bottom of the last row's first line (the cells above a stacked growing one)

    def _font(self, factor: float, row: Row, cell: Cell, column: Column) -> QFont:
        font = self.font_for("rows", factor, bool(row.mark) or column.kind == "badge")
        font.setStrikeOut(cell.struck)
        return font

    def _measure(self, factor: float, pad: int) -> tuple[list[float], list[float]]:
        """Per column: its natural width (widest cell or head) and its least (widest word)."""
        head_font = self.font_for("note", 0.8, True)
        px = self.font_for("rows", factor, True).pixelSize()
        natural, least = [], []
        for i, col in enumerate(self.board.columns):
            extra = 2 * pad + 2 if col.kind in ("badge", "state") else 0
            texts = [(r, r.cells[i]) for r in self.board.rows if r.cells[i].text]
            wide = [text_width(self._font(factor, r, c, col), c.text) + extra for r, c in texts]
            words = [
                words_width(self._font(factor, r, c, col), _ranged(c.text) if col.kind == "time" else c.text)
                + extra
                for r, c in texts
            ]
            if col.kind == "bar":
                wide.append(4.0 * px)
            if col.kind == "badge" and wide:
                wide.append(1.6 * px + 2)
                words.append(1.6 * px + 2)
            natural.append(max([text_width(head_font, col.head), *wide]))
            least.append(max([words_width(head_font, col.head), *words, 1.0]))
        return natural, least

    def plan(
        self, width: int, gap: int, pad: int, candidates: tuple[float, ...] = ROW_FACTORS, flow: bool = False
    ) -> Plan:
        """One line per row at the largest row font that fits (not below the floor); else two lines,
        the growing column under the others; else the narrowest that can be had (the walk reports it)."""
        n, grow = len(self.board.columns), self.grow
        factors, seen = [], set()
        for factor in candidates:
            px = self.font_for("rows", factor, False).pixelSize()
            if px not in seen:  # at the floor a smaller factor gives the same font
                seen.add(px)
                factors.append(factor)
        measured = {f: self._measure(f, pad) for f in factors}
        # one line: the growing column keeps at least a third of the width; the font steps down only
        # a little for it (to ONE_LINE_FLOOR), then long cells wrap between words before it shrinks more
        for factor in [f for f in factors if f >= ONE_LINE_FLOOR] if not flow else []:
            natural, least = measured[factor]
            widths = [round(w + 1) for w in natural]
            fixed = sum(w for i, w in enumerate(widths) if i != grow) + gap * (n - 1)
            if fixed + max(least[grow], min(natural[grow], width / 3)) <= width:
                widths[grow] = int(width - fixed)
                return self._one_line(factor, widths, gap)
        for factor in factors if not flow else ():
            natural, least = measured[factor]
            shared = _share(natural, least, width, gap)
            if shared is not None and shared[grow] >= min(natural[grow], width / 4):
                shared[grow] += width - sum(shared) - gap * (n - 1)  # the rounding's rest
                return replace(self._one_line(factor, shared, gap), wraps=True)
        # stacked: the others side by side, the growing column below them
        for factor in factors if not flow else ():
            natural, least = measured[factor]
            others = [i for i in range(n) if i != grow]
            shared = _share([natural[i] for i in others], [least[i] for i in others], width, gap)
            if shared is not None and least[grow] <= width:
                return self._stacked(factor, others, shared, width, gap)
        natural, least = measured[factors[-1]]
        widths = [min(width, round(w + 1)) for w in natural]
        widths[grow] = width
        return Plan(factors[-1], (0,) * n, tuple(widths), tuple(int(i == grow) for i in range(n)), flow=True)

    def _one_line(self, factor: float, widths: list[int], gap: int) -> Plan:
        xs = [sum(widths[:i]) + gap * i for i in range(len(widths))]
        return Plan(factor, tuple(xs), tuple(widths), (0,) * len(widths))

    def _stacked(self, factor: float, others: list[int], shared: list[int], width: int, gap: int) -> Plan:
        xs, widths, lines = [0] * (len(others) + 1), [width] * (len(others) + 1), [1] * (len(others) + 1)
        x = 0
        for i, w in zip(others, shared, strict=True):
            xs[i], widths[i], lines[i] = x, w, 0
            x += w + gap
        return Plan(factor, tuple(xs), tuple(widths), tuple(lines))

    def layout(self, host: QWidget, width: int, height: int) -> list[Screen]:
        """Create the labels in ``host`` and split them into screens of ``height``: rows that all fit one
        screen with room to spare are set larger, so the zone is filled (never above the heading)."""
        for factor in fill_factors(self.font_for, ROW_FACTORS[0], self.most_px):
            screens = self._layout(host, width, height, (factor,))
            plan = self.last_plan
            if len(screens) == 1 and plan is not None and not plan.stacked and not plan.wraps:
                return screens
            discard([w for screen in screens for w in screen.widgets])
        screens = self._layout(host, width, height, ROW_FACTORS)
        plan = self.last_plan
        if (
            plan is not None
            and not plan.flow
            and (_overflows(screens, height) or (plan.stacked and len(screens) > 1))
        ):
            # stacked under heads the records may take more screens than flowing without heads (a row
            # cut over two screens, 3 s each): the heads are dropped when that saves screens
            flowing = self._layout(host, width, height, ROW_FACTORS, flow=True)
            if len(flowing) < len(screens) or _overflows(screens, height):
                discard([w for screen in screens for w in screen.widgets])
                screens = flowing
            else:
                discard([w for screen in flowing for w in screen.widgets])
                self.last_plan = plan
        if self.last_plan is not None and self.last_plan.flow and any(c.optional for c in self.board.columns):
            discard([w for screen in screens for w in screen.widgets])  # the heads are worth more
            narrower = TableBoard(
                without_optional(self.board), self.look, self.font_for, self.ink, most_px=self.most_px
            )
            screens = narrower.layout(host, width, height)
            self.last_plan = narrower.last_plan
        return screens

    def _layout(
        self, host: QWidget, width: int, height: int, factors: tuple[float, ...], flow: bool = False
    ) -> list[Screen]:
        px = self.font_for("rows", factors[0], False).pixelSize()
        gap, pad, vpad = max(6, round(px * 0.6)), max(3, round(px * 0.25)), max(3, round(px * 0.22))
        if self.paragraphs:  # the densest form, for where little fits: rows only just apart
            vpad = max(2, round(px * 0.05))
        # the now/next band has an accent stripe at its left: the cells start right of it
        stripe = max(3, round(px * 0.15))
        indent = stripe + pad if any(row.mark for row in self.board.rows) else 0
        plan = self.plan(width - indent, gap, pad, factors, flow)
        bars = any(c.kind == "bar" for c in self.board.columns)  # a fill bar needs its cell: cells flow
        if plan.flow and not self.paragraphs and not bars:  # no grid fits: a paragraph per record
            para = TableBoard(
                paragraph_board(self.board), self.look, self.font_for, self.ink, paragraphs=True
            )
            laid = para._layout(host, width, height, factors)
            self.last_plan = replace(para.last_plan or plan, flow=True)
            return laid
        plan = replace(plan, xs=tuple(x + indent for x in plan.xs))
        if isinstance(host, BoardCanvas):
            host.stripe = stripe
        self.last_plan = plan
        head_font = self.font_for("note", 0.8, True)
        rule = max(2, round(px * 0.06))

        def heads(screen: Screen) -> int:
            if plan.flow or self.paragraphs or not self.heads:  # flowing cells: heads would name nothing
                return 0
            bottoms = [0, 0]
            for line in (0, 1):
                for col, x, w, ln in zip(self.board.columns, plan.xs, plan.widths, plan.lines, strict=True):
                    if ln != line:
                        continue
                    lab = cell_label(col.head, head_font, self.look.palette.muted_text, "", host, pad)
                    lab.setObjectName("column-head")
                    lab.setGeometry(x, bottoms[0] if line else 0, w, lab.heightForWidth(w))
                    screen.widgets.append(lab)
                    bottoms[line] = max(bottoms[line], lab.geometry().bottom() + 1)
            h = max(bottoms)
            screen.bands.append((QRect(0, h + vpad, width, rule), "head"))
            return h + vpad + rule

        screens: list[Screen] = []
        screen = Screen()
        top = y = heads(screen)
        for row in self.board.rows:
            pieces = [row]
            while pieces:
                piece = pieces.pop(0)
                made, h = self._row(piece, plan, host, pad, vpad)
                filled = [i for i, c in enumerate(piece.cells) if c.text]
                if h > height - top and plan.flow and len(filled) > 1:  # each cell a piece of its own
                    discard(made)
                    pieces[:0] = [_only_cell(piece, i) for i in filled]
                    continue
                split = self.grow if piece.cells[self.grow].text else filled[0] if len(filled) == 1 else -1
                if h > height - top and split >= 0:
                    room = height - top - 2 * vpad - (self.line0 if plan.stacked else 0)
                    first, rest = self._split(piece, plan, host, room, split)
                    if rest is not None:
                        discard(made)
                        pieces.insert(0, rest)
                        piece = first
                        made, h = self._row(piece, plan, host, pad, vpad)
                if y + h > height and y > top:
                    screens.append(screen)
                    screen = Screen()
                    top = y = heads(screen)
                for w in made:
                    w.move(w.x(), w.y() + y)
                    screen.widgets.append(w)
                if piece.mark:
                    screen.bands.append((QRect(0, y, width, h), piece.mark))
                screen.bands.append((QRect(0, y + h - 1, width, 1), "rule"))
                y += h
        screens.append(screen)
        return screens

    def _row(self, row: Row, plan: Plan, host: QWidget, pad: int, vpad: int) -> tuple[list[QWidget], int]:
        """The widgets of one row at y = 0 (moved down by the caller) and the row's height."""
        made: list[QWidget] = []
        on_accent = row.mark == "now"
        ink = self.look.palette.accent_text if on_accent else self.ink
        cols = self.board.columns
        bottom = [vpad, vpad]
        flow_x, flow_y, width = min(plan.xs), vpad, max(plan.widths)
        for line in (0, 1):
            for col, cell, x, w, ln in zip(cols, row.cells, plan.xs, plan.widths, plan.lines, strict=True):
                if ln != line or not cell.text:
                    continue
                lab = self._cell(col, cell, row, plan.factor, host, w, pad, ink, on_accent)
                if plan.flow and not line:  # left to right, on to the next line when it is full
                    if flow_x > min(plan.xs) and flow_x + lab.width() > width + min(plan.xs):
                        flow_x, flow_y = min(plan.xs), bottom[0]
                    x = flow_x
                    flow_x += lab.width() + pad * 2
                lab.move(x, bottom[0] if line else (flow_y if plan.flow else vpad))
                made.append(lab)
                bottom[line] = max(bottom[line], lab.geometry().bottom() + 1)
        self.line0 = bottom[0]
        return made, max(bottom) + vpad

    def _cell(
        self,
        col: Column,
        cell: Cell,
        row: Row,
        factor: float,
        host: QWidget,
        w: int,
        pad: int,
        ink: str,
        on_accent: bool,
    ) -> QWidget:
        font = self._font(factor, row, cell, col)
        if col.kind == "badge":
            fill, text, outlined = badge_colors(cell, self.look)
            lab = cell_label(cell.text, font, text, fill, host, pad)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if outlined or on_accent:
                lab.setStyleSheet(lab.styleSheet() + f" border: 2px solid {ink};")
            bw = min(w, max(round(text_width(font, cell.text) + 2 * pad + 2), round(font.pixelSize() * 1.6)))
            lab.resize(bw, lab.heightForWidth(bw))
            lab.setObjectName("badge")
            return lab
        if col.kind == "bar":
            bar = FillBar(cell, font, self.look, ink, host)
            bar.resize(w, bar.height_for(w))
            return bar
        color, back = tone_colors(cell.tone, self.look, ink)
        if on_accent and not back:
            color = ink
        narrow = col.kind == "time" and text_width(font, cell.text) > w
        text = _ranged(cell.text) if narrow else cell.text
        lab = cell_label(text, font, color, back, host, pad)
        # a pill as wide as its words, not a bar across the column
        need = min(w, round(text_width(font, cell.text) + 2 * pad + 2)) if back else w
        lab.resize(need, lab.heightForWidth(need))
        return lab

    def _split(self, row: Row, plan: Plan, host: QWidget, room: int, grow: int) -> tuple[Row, Row | None]:
        """``row`` with as many words of its cell ``grow`` as fit ``room``, and a row with the rest."""
        cell = row.cells[grow]
        words = cell.text.split(" ")
        font = self._font(plan.factor, row, cell, self.board.columns[grow])
        probe = cell_label("", font, self.ink, "", host, 0)
        probe.hide()
        fit = 0
        for n in range(1, len(words)):
            probe.setText(" ".join(words[:n]))
            if probe.heightForWidth(plan.widths[grow]) > room:
                break
            fit = n
        discard([probe])
        # not one line of it fits below the other cells: all of it goes on the next screen
        if fit == 0 and not any(c.text for i, c in enumerate(row.cells) if i != grow):
            return row, None
        first = tuple(
            Cell(" ".join(words[:fit]), cell.tone, cell.struck) if i == grow else c
            for i, c in enumerate(row.cells)
        )
        rest = tuple(
            Cell(" ".join(words[fit:]), cell.tone, cell.struck) if i == grow else Cell()
            for i in range(len(row.cells))
        )
        return Row(first, row.mark), Row(rest, row.mark)


__all__ = ["Plan", "TableBoard"]


def _only_cell(row: Row, keep: int) -> Row:
    """``row`` with only its cell ``keep`` (the others empty), with the row's mark."""
    return Row(tuple(c if i == keep else Cell() for i, c in enumerate(row.cells)), row.mark)


def _ranged(text: str) -> str:
    """A time range that may break after its dash ("16:00–" / "17:45") in a narrow column."""
    return text.replace("–", "–\n") if ":" in text else text


def _overflows(screens: list[Screen], height: int) -> bool:
    """Whether any widget of the screens reaches below ``height`` (would be cut at the zone's edge)."""
    return any(w.geometry().bottom() >= height for screen in screens for w in screen.widgets)
