"""Manual alerts an editor raises by adding a file (``content/alerts/``)."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field, model_validator

from kiosk.config.fields import Identifier
from kiosk.config.models.base import EditorModel, FieldProblem, Text


class ManualAlert(EditorModel):
    """A manual alert (file in ``content/alerts/``). Severe and extreme take over every zone; moderate and
    minor show a banner."""

    kind_title = "alert"

    active: bool = Field(True, description="Set to false to keep a prepared alert without showing it.")
    severity: Literal["minor", "moderate", "severe", "extreme"] = Field(description="As in CAP / NINA.")
    headline: Text = Field(description="One line: what is happening.")
    instruction: Text = Field(description="What people should do.")
    sender: str = Field(
        min_length=1,
        max_length=120,
        description="Who issues it, e.g. 'Hansestadt Rostock, Brandschutz- und Rettungsamt'.",
    )
    valid_from: AwareDatetime = Field(
        description="Start, ISO date-time with offset (2026-08-07T14:00:00+02:00)."
    )
    valid_until: AwareDatetime = Field(description="End, ISO date-time with offset; the alert clears then.")
    devices: list[Identifier] = Field(default=[], description="Only these devices; empty = all.")

    @model_validator(mode="after")
    def _ordered(self) -> ManualAlert:
        if self.valid_until <= self.valid_from:
            raise FieldProblem(("valid_until",), "valid_until is not after valid_from")
        return self
