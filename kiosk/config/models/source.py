"""Live-data sources (file in ``device-config/sources/``): operator-owned endpoints and intervals."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from pydantic import Field, model_validator

from kiosk.config.fields import ContentPath, DurationRange, WebUrl, dur
from kiosk.config.models.base import EditorModel, FieldProblem

SourceKind = Literal[
    "ngsi-ld",
    "ngsi-v2",
    "ckan-datastore",
    "ckan-resource",
    "open311",
    "pegelonline",
    "brightsky-weather",
    "brightsky-alerts",
    "nina",
    "dwd-warnings",
    "gtfs-rt",
    "ical",
    "rss",
]


class DataSource(EditorModel):
    """A live-data source (file in ``device-config/sources/``)."""

    kind_title = "data source"

    name: str = Field(min_length=1, max_length=120, description="Name for operators and the 'as of' line.")
    kind: SourceKind = Field(description="Protocol / format of the source; picks the connector.")
    url: WebUrl = Field(description="Endpoint. Defaults point at the real public services.")
    params: dict[str, str] = Field(
        default={},
        max_length=30,
        description="Query parameters sent with every request (values in quotes). A few are options read "
        "by the connector and not sent: 'stops' and 'horizon_min' (gtfs-rt), 'cells' (dwd-warnings), "
        "'station' (pegelonline).",
    )
    refresh: Annotated[timedelta, DurationRange("10s", "1d")] = Field(
        dur("5m"), description="How often to fetch."
    )
    stale_after: Annotated[timedelta, DurationRange("1m", "30d")] = Field(
        dur("1h"), description="Older data is shown as 'currently unavailable' instead of stale numbers."
    )
    timeout: Annotated[timedelta, DurationRange("1s", "2m")] = Field(
        dur("10s"),
        description="Total time allowed for each request: connecting, the answer and its whole body. "
        "A server still sending at this deadline is abandoned (the last good data stays) and asked "
        "again at the next refresh.",
    )
    max_bytes: int = Field(5_000_000, ge=1_000, le=100_000_000, description="Largest response accepted.")
    snapshot: ContentPath | None = Field(
        None,
        description="Bundled offline data (relative to content/), "
        "shown with its date while the source is unreachable.",
    )
    static: ContentPath | None = Field(
        None, description="gtfs-rt only: folder with the GTFS static excerpt (relative to content/)."
    )

    @model_validator(mode="after")
    def _stale_after_refresh(self) -> DataSource:
        if self.stale_after < self.refresh:
            raise FieldProblem(
                ("stale_after",),
                "stale_after is shorter than refresh, so the data would be "
                "marked unavailable between two fetches",
                hint="make stale_after at least as long as refresh (3× is a good choice)",
            )
        return self
