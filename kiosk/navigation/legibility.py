"""Type sizes from the place: how big each signage text role must be where its readers stand.

DIN 1450 (Leserlichkeit) sizes text by the visual angle its x-height subtends at the reading distance,
per text type, for readers with visus ≥ 0.7: *signalling* text (headings, times, big numbers) is read at
a glance and needs the largest angle, *consultation* text (rows of a list or board) is looked up, and
*running* text is read line by line. The angles below are this project's reading of that rule (the
public leserlich.info calculator of the DBSV implements the standard; check a change against it).

Two floors come on top (the project's visual rules):

- primary information (headings, times, numbers: the roles in :data:`PRIMARY`) has a cap height of at
  least 0.7° (EN 301 549 5.1.4, the same rule touch pages use, :mod:`kiosk.navigation.sizes`);
- no text, however secondary ("Stand", source, ticker), is below the DIN 4844-1 letter height of
  1/300 of the distance.

**The heading rule (decided for issue 14): on signage, headings, clock and numbers meet both DIN 1450's
0.5° x-height for signalling text and EN 301 549's 0.7° cap height; the larger wins.** In DejaVu Sans
(cap 0.73, x-height 0.55 of the font size) at the hall's 7 m and 0.63 mm pitch the two are close:
0.5° x-height alone is a 176 px font (cap 129 px, 0.66°); 0.7° cap height is a 186 px font (x-height
102 px, 0.53°), so the cap rule decides by 5.5 %. We keep it because the EN number is one we can cite
exactly, while the DIN angles here are our reading, and 5 % buys no real room (8 bold characters a line
in a 1280 px zone either way): editors shorten, they do not win a smaller heading. Touch pages use
the same 0.7° (EN 301 549 is written for them: closed functionality).

A low-vision factor (DIN 1450 names 1.4–1.75) multiplies everything. This module is pure arithmetic:
the font's own cap and x-height ratios (measured with Qt by the widgets) are passed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from kiosk.navigation.sizes import MIN_CAP_ANGLE_DEG

TextType = Literal["signalling", "consultation", "running", "secondary"]
Role = Literal["heading", "body", "rows", "numbers", "clock", "ticker", "note"]

# x-height visual angle in degrees per DIN 1450 text type (visus 0.7); "secondary" has only the floor
X_ANGLE_DEG: dict[TextType, float] = {
    "signalling": 0.5,
    "consultation": 0.3,
    "running": 0.2,
    "secondary": 0.0,
}
ROLE_TYPE: dict[Role, TextType] = {
    "heading": "signalling",
    "numbers": "signalling",
    "clock": "signalling",
    "rows": "consultation",
    "body": "running",
    "ticker": "secondary",
    "note": "secondary",
}
PRIMARY: frozenset[Role] = frozenset({"heading", "numbers", "clock"})
DIN_4844_FACTOR = 300  # letter height ≥ distance / 300 (DIN 4844-1, text on information signs)
# typical ratios of a sans-serif (DejaVu Sans): used when no font has been measured
DEFAULT_CAP_RATIO = 0.73
DEFAULT_X_RATIO = 0.55
# one screen of a slide that pages (or would have to) stays at least this long: time to read a few rows
MIN_SCREEN_S = 3.0


def angle_mm(angle_deg: float, distance_m: float) -> float:
    """Height in mm that subtends ``angle_deg`` at ``distance_m``: 2·D·tan(α/2)."""
    return 2 * distance_m * 1000 * math.tan(math.radians(angle_deg) / 2)


def readable_at_m(height_mm: float, angle_deg: float) -> float:
    """The farthest distance in metres at which ``height_mm`` still subtends ``angle_deg``."""
    if angle_deg <= 0:
        return math.inf
    return height_mm / (2 * 1000 * math.tan(math.radians(angle_deg) / 2))


@dataclass(frozen=True)
class Place:
    """Where the readers of a screen stand and how big one pixel is there.

    ``pixel_pitch_mm`` is that of one *window* pixel on the glass, so a half-size preview keeps the real
    proportions. ``low_vision`` multiplies every minimum (1.0: visus 0.7; 1.4–1.75 for low vision).
    """

    distance_m: float
    pixel_pitch_mm: float
    low_vision: float = 1.0

    def __post_init__(self) -> None:
        if self.distance_m <= 0 or self.pixel_pitch_mm <= 0 or self.low_vision <= 0:
            raise ValueError("distance, pixel pitch and low-vision factor must be positive")


@dataclass(frozen=True)
class Minimum:
    """The smallest allowed size of one role at a place, in device pixels."""

    role: Role
    cap_px: float  # cap height ("H")
    x_px: float  # x-height ("x")

    def font_px(self, cap_ratio: float = DEFAULT_CAP_RATIO, x_ratio: float = DEFAULT_X_RATIO) -> float:
        """Pixel size of a font with these ratios that meets both heights."""
        return max(self.cap_px / max(cap_ratio, 0.3), self.x_px / max(x_ratio, 0.2))


def minimum(role: Role, place: Place, x_to_cap: float = DEFAULT_X_RATIO / DEFAULT_CAP_RATIO) -> Minimum:
    """The minimum cap and x-height of ``role`` at ``place``.

    ``x_to_cap`` (x-height / cap height of the font) turns a cap-height floor into an x-height one and
    back, so both numbers describe the same smallest font.
    """
    pitch = place.pixel_pitch_mm
    x_mm = angle_mm(X_ANGLE_DEG[ROLE_TYPE[role]], place.distance_m)
    cap_mm = place.distance_m * 1000 / DIN_4844_FACTOR  # the floor for every role
    if role in PRIMARY:
        cap_mm = max(cap_mm, angle_mm(MIN_CAP_ANGLE_DEG, place.distance_m))
    # both floors describe one font: the larger of the two decides
    cap_mm = max(cap_mm, x_mm / x_to_cap)
    factor = place.low_vision
    return Minimum(role, cap_mm * factor / pitch, cap_mm * x_to_cap * factor / pitch)


def readable_distance_m(role: Role, cap_px: float, pixel_pitch_mm: float, x_px: float | None = None) -> float:
    """How far away text of ``role`` with this rendered cap (and x-) height still meets the rule
    (visus 0.7, no low-vision factor): the number an editor compares with the device's distance."""
    cap_mm = cap_px * pixel_pitch_mm
    limits = [cap_mm * DIN_4844_FACTOR / 1000]
    if role in PRIMARY:
        limits.append(readable_at_m(cap_mm, MIN_CAP_ANGLE_DEG))
    angle = X_ANGLE_DEG[ROLE_TYPE[role]]
    if angle > 0:
        x_mm = (x_px if x_px is not None else cap_px * DEFAULT_X_RATIO / DEFAULT_CAP_RATIO) * pixel_pitch_mm
        limits.append(readable_at_m(x_mm, angle))
    return min(limits)


def screens_needed(items: int, per_screen: int) -> int:
    """Screens (pages) needed to show ``items`` rows when ``per_screen`` fit on one (at least 1)."""
    if items <= 0:
        return 1
    if per_screen <= 0:
        raise ValueError("not even one row fits the zone at the minimum size")
    return math.ceil(items / per_screen)


def screens_allowed(duration_s: float) -> int:
    """How many screens a slide's time on air can show, each at least :data:`MIN_SCREEN_S` (at least 1)."""
    return max(1, math.floor(duration_s / MIN_SCREEN_S + 1e-9))


__all__ = [
    "MIN_SCREEN_S",
    "PRIMARY",
    "ROLE_TYPE",
    "X_ANGLE_DEG",
    "Minimum",
    "Place",
    "Role",
    "TextType",
    "angle_mm",
    "minimum",
    "readable_at_m",
    "readable_distance_m",
    "screens_allowed",
    "screens_needed",
]
