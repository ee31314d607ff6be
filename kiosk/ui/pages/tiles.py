"""Tiles that fill their page: a home page of six tiles grows them into the body instead of leaving the
lower half of a portrait screen white (larger targets, the same order and columns)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QGridLayout, QWidget

from kiosk.ui.pages.button import TouchButton
from kiosk.ui.pages.env import PageEnv

TILE_GROWTH = 1.5  # how much taller than its content a tile with a picture grows (its picture with it)
WORDS_GROWTH = 2.0  # tiles of words only: no picture to grow, so they may take more air


def fill_tiles(
    tiles: list[TouchButton], grid: QGridLayout, body: QBoxLayout, viewport: QWidget, env: PageEnv
) -> None:
    """Give each tile in ``grid`` its share of the room the page ``body`` leaves in ``viewport``: one
    height for all where the room allows (rows of one and of two lines alike), at most TILE_GROWTH of the
    tallest; none where the body already scrolls."""
    for tile in tiles:
        tile.extra_height = 0
        tile.updateGeometry()
    grid.invalidate()  # its cached size still holds the extra
    body.invalidate()
    # what the body needs at the viewport's width: tiles are height-for-width (their size hint is for
    # another width), and the body is made as wide as the viewport only after this resize
    free = viewport.height() - body.totalHeightForWidth(viewport.width())
    if free <= 0:
        return
    columns = max(1, grid.columnCount())
    cell = (viewport.width() - 2 * env.margin - (columns - 1) * env.spacing) // columns
    natural = [tile.height_for(max(cell, tile.minimumWidth())) for tile in tiles]
    rows = [max(natural[i : i + columns]) for i in range(0, len(natural), columns)]
    growth = TILE_GROWTH if any(tile.icon_image is not None for tile in tiles) else WORDS_GROWTH
    height = min((sum(rows) + free) // len(rows), round(max(rows) * growth))
    for i, tile in enumerate(tiles):
        # a room too short for one height: each row grows by the same amount
        tall = height if height >= max(rows) else rows[i // columns] + free // len(rows)
        tile.extra_height = max(0, tall - natural[i])
        tile.updateGeometry()


__all__ = ["TILE_GROWTH", "fill_tiles"]
