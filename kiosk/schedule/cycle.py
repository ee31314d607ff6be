"""What a playlist plays, in which order: its playable items and their per-cycle order.

A cycle is one pass through every playable item. ``sequential`` plays them as listed in every cycle.
``shuffle`` plays cycle ``n`` (counted from 0 at the start of a run) in the order
``random.Random(shuffle_seed * 2**32 + n).shuffle(...)`` gives, so every device and the preview agree
on the order, and each cycle may be a different permutation (a cycle is always complete: every item
once, in one cycle's order).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from itertools import accumulate
from typing import Any

from kiosk.config.loader import Entry
from kiosk.config.models.playlist import Playlist

_ZERO = timedelta(0)


@dataclass(frozen=True)
class PlayItem:
    """One playable item: its index in the playlist's ``items``, its slide and how long it shows."""

    index: int
    slide: str
    duration: timedelta


@dataclass(frozen=True)
class CycleOrder:
    """The items of one cycle in play order, and where each starts within the cycle."""

    items: tuple[PlayItem, ...]
    starts: tuple[timedelta, ...]


class Cycle:
    """The playable items of one playlist and the order of each cycle.

    Args:
        items: Playable items as listed (at least one).
        shuffle: Whether each cycle is a seeded permutation.
        seed: The playlist's ``shuffle_seed``.
    """

    _CACHE_SIZE = 16

    def __init__(self, items: tuple[PlayItem, ...], shuffle: bool, seed: int) -> None:
        if not items:
            raise ValueError("a cycle needs at least one item")
        self.items = items
        self.shuffle = shuffle
        self.seed = seed
        self.length = sum((i.duration for i in items), _ZERO)
        self._listed = self._order_of(items)
        self._orders: dict[int, CycleOrder] = {}

    @staticmethod
    def _order_of(items: tuple[PlayItem, ...]) -> CycleOrder:
        starts = tuple(accumulate((i.duration for i in items[:-1]), initial=_ZERO))
        return CycleOrder(items, starts)

    def order(self, n: int) -> CycleOrder:
        """The play order of cycle ``n`` (0 is the first cycle of a run)."""
        if not self.shuffle:
            return self._listed
        cached = self._orders.get(n)
        if cached is None:
            shuffled = list(self.items)
            # One int seed per (seed, cycle): int seeding is stable across Python versions and runs.
            random.Random(self.seed * 2**32 + n).shuffle(shuffled)
            cached = self._order_of(tuple(shuffled))
            if len(self._orders) >= self._CACHE_SIZE:  # a timeline walks cycles forward: drop the oldest
                self._orders.pop(next(iter(self._orders), -1), None)
            self._orders[n] = cached
        return cached

    def locate(self, elapsed: timedelta) -> tuple[int, int, timedelta]:
        """Where a run is after ``elapsed`` of play: (cycle number, position in that cycle's order,
        time already spent in that item)."""
        n, into = divmod(elapsed, self.length)
        order = self.order(n)
        k = bisect_right(order.starts, into) - 1
        return n, k, into - order.starts[k]


def build_cycle(playlist: Playlist, slides: Mapping[str, Entry[Any]]) -> Cycle | None:
    """The cycle of ``playlist``; None if none of its slides exists (such a playlist never plays).

    Items whose slide is missing are skipped (the loader has reported them). An item plays for its own
    ``duration`` or else its slide's.
    """
    items = tuple(
        PlayItem(i, item.slide, item.duration or slides[item.slide].model.duration)
        for i, item in enumerate(playlist.items)
        if item.slide in slides
    )
    if not items:
        return None
    return Cycle(items, playlist.order == "shuffle", playlist.shuffle_seed)
