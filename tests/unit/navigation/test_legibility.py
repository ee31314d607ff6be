"""Type sizes from the place: the DIN 1450 / EN 301 549 / DIN 4844 arithmetic, by hand-worked numbers."""

from __future__ import annotations

import math

import pytest

from kiosk.navigation.legibility import (
    Place,
    angle_mm,
    minimum,
    readable_distance_m,
    screens_allowed,
    screens_needed,
)

HALL = Place(7.0, 0.63)  # the shipped sports-hall display: 55", 1920 px, read from 7 m
STELE = Place(0.5, 0.369)  # the shipped street terminal: 32" portrait, read from 0.5 m


def test_the_en_301_549_cap_height_at_7_m_is_85_mm() -> None:
    assert angle_mm(0.7, 7.0) == pytest.approx(85.5, abs=0.1)
    assert angle_mm(0.7, 0.5) == pytest.approx(6.1, abs=0.05)


def test_headings_and_times_on_the_hall_need_a_136_px_cap_height() -> None:
    for role in ("heading", "clock", "numbers"):
        assert minimum(role, HALL).cap_px == pytest.approx(85.5 / 0.63, abs=0.5)  # 136 px


def test_rows_and_running_text_follow_their_din_1450_x_height_angle() -> None:
    rows, body = minimum("rows", HALL), minimum("body", HALL)
    assert rows.x_px * 0.63 == pytest.approx(angle_mm(0.3, 7.0), rel=1e-6)  # 36.7 mm
    assert body.x_px * 0.63 == pytest.approx(angle_mm(0.2, 7.0), rel=1e-6)  # 24.4 mm
    assert minimum("heading", HALL).cap_px > rows.cap_px > body.cap_px


def test_secondary_text_is_never_below_the_din_4844_floor() -> None:
    for role in ("note", "ticker"):
        assert minimum(role, HALL).cap_px * 0.63 == pytest.approx(7000 / 300, rel=1e-6)  # 23.3 mm


def test_the_low_vision_factor_multiplies_every_minimum() -> None:
    low = Place(7.0, 0.63, low_vision=1.5)
    for role in ("heading", "rows", "body", "note"):
        assert minimum(role, low).cap_px == pytest.approx(1.5 * minimum(role, HALL).cap_px)


def test_the_font_size_meets_both_heights() -> None:
    need = minimum("rows", HALL)
    px = need.font_px(cap_ratio=0.73, x_ratio=0.55)
    assert px * 0.73 >= need.cap_px - 1e-9 and px * 0.55 >= need.x_px - 1e-9


def test_readable_distance_inverts_the_minimum() -> None:
    for role in ("heading", "rows", "body", "note"):
        need = minimum(role, HALL)
        assert readable_distance_m(role, need.cap_px, 0.63, need.x_px) == pytest.approx(7.0, rel=1e-6)
    # the measure: a 74 px heading on the hall reads to 3.8 m only
    assert readable_distance_m("heading", 74, 0.63) == pytest.approx(3.8, abs=0.05)


def test_the_stele_at_half_a_metre_asks_for_small_sizes_only() -> None:
    assert minimum("heading", STELE).cap_px == pytest.approx(16.5, abs=0.1)
    assert minimum("body", STELE).cap_px < 10


def test_screens_needed() -> None:
    assert screens_needed(0, 3) == 1
    assert screens_needed(7, 3) == 3
    with pytest.raises(ValueError, match="not even one row"):
        screens_needed(2, 0)


def test_a_place_must_be_positive() -> None:
    with pytest.raises(ValueError, match="must be positive"):
        Place(0, 0.63)
    assert math.isfinite(minimum("note", Place(30, 5)).cap_px)


def test_screens_allowed_gives_each_screen_three_seconds() -> None:
    assert screens_allowed(15) == 5
    assert screens_allowed(8.9) == 2
    assert screens_allowed(9) == 3
    assert screens_allowed(2) == 1  # a slide shorter than one screen still shows its first
