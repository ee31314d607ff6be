"""Value types editors write."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config.contrast import contrast_ratio
from kiosk.config.fields import format_duration, parse_duration, parse_wall_time


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10s", 10),
        ("2m", 120),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("500ms", 0.5),
        ("1d", 86400),
        ("1.5m", 90),
    ],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("bad", [10, 1.5, True, "10", "10 sec", "s", "", "-5s", "1x", None, [], {}])
def test_bad_durations(bad: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(bad)


@given(st.integers(min_value=0, max_value=10 * 86400 * 1000))
def test_duration_round_trip(ms: int) -> None:
    value = timedelta(milliseconds=ms)
    assert parse_duration(format_duration(value)) == value


def test_duration_format_is_short() -> None:
    assert format_duration(timedelta(seconds=90)) == "1m30s"
    assert format_duration(timedelta(hours=2)) == "2h"
    assert format_duration(timedelta(milliseconds=1500)) == "1500ms"


@pytest.mark.parametrize(
    ("text", "value"), [("07:30", time(7, 30)), ("0:05", time(0, 5)), ("23:59", time(23, 59))]
)
def test_wall_times(text: str, value: time) -> None:
    assert parse_wall_time(text) == value


@pytest.mark.parametrize("bad", ["24:00", "7", "07:60", "25:00", 600, "7.30", "abc"])
def test_bad_wall_times(bad: object) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_wall_time(bad)


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
