"""Physical sizes: touch targets in millimetres and the cap height readable at a viewing distance.

Touch targets: at least 44 × 44 px (WCAG 2.5.5) *and* 20 mm on the real screen (Colle & Hiszem, the
research behind public-terminal guidance); on a coarse 32-inch panel the millimetres decide. Text:
EN 301 549 5.1.4 wants a capital "H" subtending 0.7° at the stated viewing distance, ψ = 180·H/(π·D).
"""

from __future__ import annotations

import math

MIN_TARGET_PX = 44
MIN_TARGET_MM = 20.0
MIN_CAP_ANGLE_DEG = 0.7


def px_to_mm(px: float, pixel_pitch_mm: float) -> float:
    """Length on the glass of ``px`` device pixels."""
    return px * pixel_pitch_mm


def target_px(pixel_pitch_mm: float) -> int:
    """Smallest touch target side in device pixels: max(44 px, 20 mm at this pitch)."""
    if pixel_pitch_mm <= 0:
        raise ValueError("pixel pitch must be positive")
    # round first: 20 / 0.2 is 100.00000000000001 in floating point, which must stay 100 px
    return max(MIN_TARGET_PX, math.ceil(round(MIN_TARGET_MM / pixel_pitch_mm, 6)))


def min_cap_height_mm(viewing_distance_m: float) -> float:
    """Cap height H in mm whose angle at ``viewing_distance_m`` is 0.7° (6.1 mm at 0.5 m, 61 mm at 5 m)."""
    return MIN_CAP_ANGLE_DEG * math.pi * viewing_distance_m * 1000 / 180


def min_cap_height_px(viewing_distance_m: float, pixel_pitch_mm: float) -> float:
    """The same cap height in device pixels."""
    return min_cap_height_mm(viewing_distance_m) / pixel_pitch_mm


__all__ = [
    "MIN_TARGET_MM",
    "MIN_TARGET_PX",
    "min_cap_height_mm",
    "min_cap_height_px",
    "px_to_mm",
    "target_px",
]
