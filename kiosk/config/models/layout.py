"""Layouts: named zones on a reference canvas, scaled to the real screen at run time."""

from __future__ import annotations

from pydantic import Field, model_validator

from kiosk.config.fields import Color, Identifier
from kiosk.config.models.base import EditorModel, FieldProblem


class Size(EditorModel):
    """A size in reference pixels."""

    width: int = Field(ge=64, le=8192, description="Width in pixels.")
    height: int = Field(ge=64, le=8192, description="Height in pixels.")


class Zone(EditorModel):
    """A rectangle of the layout that plays its own playlist."""

    id: Identifier = Field(description="Name of the zone; device files assign playlists to it.")
    x: int = Field(0, ge=0, le=8192, description="Left edge in reference pixels.")
    y: int = Field(0, ge=0, le=8192, description="Top edge in reference pixels.")
    width: int = Field(ge=16, le=8192, description="Width in reference pixels.")
    height: int = Field(ge=16, le=8192, description="Height in reference pixels.")
    background: Color | None = Field(
        None, description="Background colour behind this zone's slides; empty uses the theme's background."
    )


class Layout(EditorModel):
    """A screen layout (file in ``layouts/``)."""

    kind_title = "layout"

    name: str = Field(min_length=1, max_length=120, description="Name shown to editors.")
    reference_size: Size = Field(
        description="Canvas the zone coordinates refer to (e.g. 1080×1920 for a "
        "portrait Full-HD screen); zones are scaled to the real screen."
    )
    background: Color | None = Field(None, description="Colour between zones; empty uses the theme.")
    zones: list[Zone] = Field(min_length=1, max_length=16, description="The zones, painted in this order.")

    @model_validator(mode="after")
    def _zones_fit(self) -> Layout:
        seen: set[str] = set()
        for i, zone in enumerate(self.zones):
            if zone.id in seen:
                raise FieldProblem(
                    ("zones", i, "id"),
                    f"zone '{zone.id}' is defined twice",
                    hint="give every zone its own id",
                )
            seen.add(zone.id)
            if zone.x + zone.width > self.reference_size.width:
                raise FieldProblem(
                    ("zones", i, "width"),
                    f"zone '{zone.id}' reaches x={zone.x + zone.width}, beyond the reference "
                    f"width {self.reference_size.width}",
                    hint="reduce x or width so that x + width ≤ reference_size.width",
                )
            if zone.y + zone.height > self.reference_size.height:
                raise FieldProblem(
                    ("zones", i, "height"),
                    f"zone '{zone.id}' reaches y={zone.y + zone.height}, beyond the reference "
                    f"height {self.reference_size.height}",
                    hint="reduce y or height so that y + height ≤ reference_size.height",
                )
        return self

    @property
    def portrait(self) -> bool:
        return self.reference_size.height > self.reference_size.width
