"""Target sizes and the 0.7° cap height (EN 301 549 5.1.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.navigation.sizes import min_cap_height_mm, min_cap_height_px, px_to_mm, target_px


@pytest.mark.parametrize(
    ("distance", "mm"), [(0.5, 6.1), (0.7, 8.6), (1.0, 12.2), (5.0, 61.1), (10.0, 122.2)]
)
def test_cap_height_table_of_en_301_549(distance: float, mm: float) -> None:
    assert min_cap_height_mm(distance) == pytest.approx(mm, abs=0.05)


def test_stele_numbers() -> None:
    # 32-inch portrait stele: 0.369 mm per pixel, read from 0.5 m
    assert target_px(0.369) == 55  # 20 mm → 54.2 px, rounded up
    assert px_to_mm(55, 0.369) >= 20
    assert min_cap_height_px(0.5, 0.369) == pytest.approx(16.55, abs=0.01)


def test_44_px_floor_on_fine_screens() -> None:
    assert target_px(0.5) == 44  # 20 mm are only 40 px here; 44 px (WCAG 2.5.5) decides
    assert target_px(0.2) == 100  # no floating-point 101


def test_bad_pitch() -> None:
    with pytest.raises(ValueError, match="pitch"):
        target_px(0)


@given(st.floats(min_value=0.05, max_value=2.0))
def test_target_is_the_smallest_that_meets_both(pitch: float) -> None:
    px = target_px(pitch)
    assert px >= 44
    assert px * pitch >= 20 - 1e-6
    assert px == 44 or (px - 1) * pitch < 20 + 1e-6
