"""Themes: colours, type and accessibility defaults (file in ``content/themes/``)."""

from __future__ import annotations

from pydantic import Field, model_validator

from kiosk.config.contrast import contrast_ratio
from kiosk.config.fields import Color, ContentPath
from kiosk.config.models.base import EditorModel, FieldProblem

# (foreground, background, minimum ratio in the normal palette, in the high-contrast palette)
CONTRAST_PAIRS: tuple[tuple[str, str, float, float], ...] = (
    ("text", "background", 4.5, 7.0),
    ("muted_text", "background", 4.5, 7.0),
    ("text", "surface", 4.5, 7.0),
    ("accent_text", "accent", 4.5, 7.0),
    ("warning_text", "warning", 4.5, 7.0),
    ("alert_text", "alert", 4.5, 7.0),
    ("focus", "background", 3.0, 3.0),
    ("focus", "surface", 3.0, 3.0),
    # touch pages: subtitles on list rows; button borders and the header band against the screen
    # background, switch indicators drawn on a button (WCAG 1.4.11 non-text contrast)
    ("muted_text", "surface", 4.5, 7.0),
    ("accent", "background", 3.0, 3.0),
    ("accent", "surface", 3.0, 3.0),
)


class Palette(EditorModel):
    """One set of colours. Text pairs need 4.5:1 (normal) or 7:1 (high contrast); focus ring 3:1."""

    background: Color = Field(description="Screen background.")
    surface: Color = Field(description="Tiles, cards and buttons.")
    text: Color = Field(description="Main text on background and surface.")
    muted_text: Color = Field(description="Secondary text ('as of' times, captions).")
    accent: Color = Field(description="Headers and active elements.")
    accent_text: Color = Field(description="Text on accent.")
    focus: Color = Field(description="Focus ring of the keypad / explore-by-touch highlight.")
    warning: Color = Field(description="Background of moderate-warning banners.")
    warning_text: Color = Field(description="Text on warning.")
    alert: Color = Field(description="Background of a severe/extreme emergency takeover.")
    alert_text: Color = Field(description="Text on alert.")


class Brand(EditorModel):
    """The city's mark and name in the header of signage screens."""

    frame: bool = Field(
        False, description="Draw the brand frame: the clock's header band in the accent colour with mark "
        "and wordmark."
    )
    mark: ContentPath | None = Field(
        None,
        description="The mark: a PNG relative to content/, drawn in the accent's text colour (its shape "
        "from the picture's transparency), so it suits any theme.",
    )
    wordmark: str | None = Field(
        None, min_length=1, max_length=60, description="The name beside the mark (not translated)."
    )
    tagline: str | None = Field(
        None, min_length=1, max_length=40, description="A short second line under the wordmark."
    )


class Theme(EditorModel):
    """A theme (file in ``content/themes/``)."""

    kind_title = "theme"

    name: str = Field(min_length=1, max_length=120, description="Name shown to editors.")
    font_family: str = Field(
        "DejaVu Sans",
        min_length=1,
        max_length=80,
        description="Sans-serif font family (must cover German and the offered languages): the family "
        "name inside font_files, or one installed on the device.",
    )
    font_files: list[ContentPath] = Field(
        default=[],
        max_length=4,
        description="Font files relative to content/ (TrueType or OpenType, e.g. regular and bold) the "
        "kiosk loads at start, so every device draws the same letters whatever is installed.",
    )
    base_text_px: int = Field(34, ge=12, le=300, description="Body text size in reference pixels.")
    large_text_scale: float = Field(
        1.6,
        ge=1.2,
        le=3.0,
        description="Factor of the large-text mode; the "
        "runtime raises it further if needed for 0.7° cap height.",
    )
    brand: Brand = Field(Brand(), description="City mark and name in the header of signage screens.")
    normal: Palette = Field(description="Default colours.")
    high_contrast: Palette = Field(description="Colours of the high-contrast mode.")

    @model_validator(mode="after")
    def _contrast(self) -> Theme:
        for palette_name, minimum_index in (("normal", 2), ("high_contrast", 3)):
            palette: Palette = getattr(self, palette_name)
            for pair in CONTRAST_PAIRS:
                fg, bg = pair[0], pair[1]
                minimum = pair[2] if minimum_index == 2 else pair[3]
                ratio = contrast_ratio(getattr(palette, fg), getattr(palette, bg))
                if ratio < minimum:
                    raise FieldProblem(
                        (palette_name, fg),
                        f"{fg} on {bg} has a contrast of {ratio:.2f}:1, below {minimum}:1",
                        hint="darken one colour or lighten the other (WCAG 1.4.3/1.4.6)",
                    )
        return self
