"""A short list fills its zone: the larger row fonts a board may get (never above its heading), and
one record shown as a card (each column's head beside its cell, a line each) instead of one thin row
under column heads with the rest of the zone white."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont

from kiosk.data.present_board import Board, Cell, Column, Row
from kiosk.navigation.legibility import Role

# larger row fonts tried first when every row fits one screen at them (largest first)
FILL_FACTORS = (1.8, 1.65, 1.5, 1.4, 1.3, 1.2)
# a card is for cells in words: a line badge or a fill bar needs its own column to mean anything
CARD_KINDS = ("text", "time", "state")


def fill_factors(
    font_for: Callable[[Role, float, bool], QFont], design: float, most_px: int | None
) -> list[float]:
    """The factors of ``FILL_FACTORS`` whose row font is larger than the design size (``design``) and,
    bold (a now/next row is bold), not larger than ``most_px`` (the slide's heading)."""
    least = font_for("rows", design, False).pixelSize()
    out = []
    for factor in FILL_FACTORS:
        px = font_for("rows", factor, True).pixelSize()
        if px > least and (most_px is None or px <= most_px):
            out.append(factor)
    return out


def record_card(board: Board) -> Board | None:
    """A board of one record turned into a card: a line per column, its head (muted) then its cell
    (which keeps its tone, a state's pill); ``None`` for more records, figures or a badge or bar."""
    if len(board.rows) != 1 or board.figures or any(c.kind not in CARD_KINDS for c in board.columns):
        return None
    row = board.rows[0]
    lines = tuple(
        Row((Cell(column.head, tone="muted"), cell), row.mark)
        for column, cell in zip(board.columns, row.cells, strict=True)
        if cell.text
    )
    columns = (Column("head", ""), Column("value", "", grows=True))
    return Board(columns, lines, empty=board.empty, pictogram=board.pictogram)


__all__ = ["FILL_FACTORS", "fill_factors", "record_card"]
