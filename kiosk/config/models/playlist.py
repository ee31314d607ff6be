"""Playlists: which slides play, in which order, and when (file in ``content/playlists/``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from kiosk.config.fields import WEEKDAYS, DurationRange, Identifier, WallTime, Weekday, hm
from kiosk.config.models.base import DateRange, EditorModel, FieldProblem
from kiosk.config.models.slides import SlideDuration

TakeoverLength = Annotated[timedelta, DurationRange("10s", "2h")]


class TimeWindow(EditorModel):
    """When a playlist may play: weekdays and a wall-clock window. A window whose end is at or before its
    start runs past midnight and belongs to the day it starts (22:00–02:00 on fri = Friday night)."""

    days: list[Weekday] = Field(
        default=list(WEEKDAYS),
        min_length=1,
        max_length=7,
        description="Weekdays (mon, tue, wed, thu, fri, sat, sun); default every day.",
    )
    start: WallTime = Field(
        hm("00:00"), alias="from", description='Start, wall-clock time in quotes ("07:00").'
    )
    end: WallTime = Field(
        hm("00:00"),
        alias="to",
        description='End, exclusive. "00:00" is midnight; an end at or before the start runs past midnight.',
    )


class Takeover(EditorModel):
    """Interrupt the zone at fixed times, then resume where it was."""

    at: list[WallTime] = Field(min_length=1, max_length=48, description='Start times ("10:00", ...).')
    duration: TakeoverLength = Field(description="How long each takeover lasts.")
    days: list[Weekday] = Field(
        default=list(WEEKDAYS),
        min_length=1,
        max_length=7,
        description="Weekdays on which the takeovers happen; default every day.",
    )


class PlaylistItem(EditorModel):
    """One entry of a playlist. Write just the slide name, or a mapping to override the duration."""

    slide: Identifier = Field(description="Slide to play (file name in content/slides/ without .yaml).")
    duration: SlideDuration | None = Field(None, description="Overrides the slide's own duration here.")


def _item_shorthand(value: Any) -> Any:
    # ``- hafen-willkommen`` is the common case; it means ``- slide: hafen-willkommen``.
    return {"slide": value} if isinstance(value, str) else value


Item = Annotated[PlaylistItem, BeforeValidator(_item_shorthand, json_schema_input_type=str | PlaylistItem)]


class Playlist(EditorModel):
    """A playlist (file in ``content/playlists/``)."""

    kind_title = "playlist"

    name: str = Field(min_length=1, max_length=120, description="Name, shown in the timeline and preview.")
    priority: int = Field(
        50,
        ge=0,
        le=100,
        description="When several playlists of a zone are scheduled at "
        "once, the highest priority plays; ties go to the one listed first in the device.",
    )
    order: Literal["sequential", "shuffle"] = Field(
        "sequential", description="Play order; shuffle is seeded, so every device and the preview agree."
    )
    shuffle_seed: int = Field(
        0, ge=0, le=2**31 - 1, description="Seed for shuffle; change it for another order."
    )
    dates: DateRange | None = Field(
        None, description="Calendar days the playlist is valid (e.g. Hanse Sail week); empty means always."
    )
    windows: list[TimeWindow] = Field(
        default=[],
        max_length=32,
        description="When the playlist plays; empty means all day, every day (within 'dates').",
    )
    takeover: Takeover | None = Field(
        None,
        description="Makes this a takeover playlist: it interrupts the "
        "zone at the given times and then resumes the interrupted content.",
    )
    items: list[Item] = Field(min_length=1, max_length=500, description="The slides, in order.")

    @model_validator(mode="after")
    def _windows_sane(self) -> Playlist:
        for i, window in enumerate(self.windows):
            if window.start == window.end and (window.start.hour, window.start.minute) != (0, 0):
                raise FieldProblem(
                    ("windows", i, "to"),
                    "'from' and 'to' are equal, so the window is empty",
                    hint='leave both out (or write "00:00" twice) for the whole day',
                )
        if self.takeover is not None and self.windows:
            raise FieldProblem(
                ("windows",),
                "a takeover playlist is timed by 'takeover', not by 'windows'",
                hint="remove 'windows' or move the times into takeover.at",
            )
        return self
