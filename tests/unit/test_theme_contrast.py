"""Contrast of every colour pair in every shipped theme and in the built-in fallback palette (R29).

Text needs 4.5:1 in the normal palette and 7:1 in high contrast (WCAG 1.4.3/1.4.6, the project's
target for glare outdoors); boundaries of controls, the header band and the focus ring need 3:1
(WCAG 1.4.11).
"""

from __future__ import annotations

import pytest

from kiosk.config.contrast import contrast_ratio
from kiosk.config.loader import load_content
from kiosk.config.models.theme import CONTRAST_PAIRS, Palette
from tests.conftest import REPO

TEXT_ROLES = {"text", "muted_text", "accent_text", "warning_text", "alert_text"}
BOUNDARY_ROLES = {"focus", "accent"}


def palettes() -> list[tuple[str, Palette, bool]]:
    out: list[tuple[str, Palette, bool]] = []
    for theme_id, entry in load_content(REPO).content.themes.items():
        out.append((f"{theme_id}/normal", entry.model.normal, False))
        out.append((f"{theme_id}/high_contrast", entry.model.high_contrast, True))
    from kiosk.ui.theme import look_for  # the palette used when the theme is broken or missing

    out.append(("fallback", look_for(None, 1.0).palette, False))
    out.append(("fallback/high_contrast", look_for(None, 1.0, high_contrast=True).palette, True))
    return out


PALETTES = palettes()


def test_pairs_cover_text_and_boundaries() -> None:
    foregrounds = {pair[0] for pair in CONTRAST_PAIRS}
    assert foregrounds >= TEXT_ROLES and foregrounds >= BOUNDARY_ROLES
    # the touch pages draw borders in accent on the background and switches in accent on surface
    assert {("accent", "background"), ("accent", "surface"), ("muted_text", "surface")} <= {
        (p[0], p[1]) for p in CONTRAST_PAIRS
    }


@pytest.mark.parametrize(("name", "palette", "high"), PALETTES, ids=[p[0] for p in PALETTES])
def test_every_pair(name: str, palette: Palette, high: bool) -> None:
    for fg, bg, normal_min, high_min in CONTRAST_PAIRS:
        ratio = contrast_ratio(getattr(palette, fg), getattr(palette, bg))
        minimum = high_min if high else normal_min
        if fg in TEXT_ROLES:
            assert minimum >= (7.0 if high else 4.5)
        else:
            assert minimum >= 3.0
        assert ratio >= minimum, f"{name}: {fg} on {bg} is {ratio:.2f}:1 < {minimum}:1"


def test_shipped_high_contrast_is_really_high() -> None:
    for name, palette, high in PALETTES:
        if high:
            assert contrast_ratio(palette.text, palette.background) >= 15, name
