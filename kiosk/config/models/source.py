"""Live-data sources (file in ``device-config/sources/``): operator-owned endpoints and intervals."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from kiosk.config.catalogue import SOURCE_KIND_NAMES
from kiosk.config.fields import ContentPath, DurationRange, WebUrl, dur
from kiosk.config.models.base import EditorModel, FieldProblem

#: the connector option ``radius_m`` (metres around the device), read by the "near the device" kinds
RADIUS_M_LIMITS = (50.0, 50_000.0)


def radius_metres(value: str) -> float | None:
    """The ``radius_m`` option as metres ("1500", "1500,5"), None when it is not a number in bounds."""
    try:
        radius = float(value.strip().replace(",", "."))
    except ValueError:
        return None
    low, high = RADIUS_M_LIMITS
    return radius if low <= radius <= high else None  # NaN fails both comparisons


if TYPE_CHECKING:
    SourceKind = str
else:  # from the catalogue: pydantic checks the value (with did-you-mean), the schema lists them
    SourceKind = Literal[SOURCE_KIND_NAMES]

SURGE_KINDS = frozenset({"pegelonline", "ngsi-ld", "ngsi-v2"})  # sources that deliver water levels


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
        "'station' (pegelonline), 'radius_m' (hro-construction, hro-toilets, hro-charging: "
        "metres around the device, default 1500).",
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
    surge_banner: bool = Field(
        False,
        description="Water gauges only (pegelonline, ngsi-ld, ngsi-v2): show a storm-surge banner on "
        "every device while the water stands at least surge_threshold_cm above mean water. The source "
        "is then fetched on every device, like the warning sources.",
    )
    surge_threshold_cm: int = Field(
        100,
        ge=10,
        le=1000,
        description="With surge_banner: how far above mean water (cm) the banner starts. The BSH counts "
        "a storm surge on the Baltic coast from 100 cm.",
    )
    mean_water_cm: float | None = Field(
        None,
        ge=-10_000,
        le=10_000,
        description="With surge_banner: the gauge's mean water (MW) in the unit of its readings (cm "
        "above gauge zero), used when the API does not deliver it; empty means 500 (PEGELONLINE's Baltic "
        "gauges put gauge zero 5 m below mean water).",
    )
    refresh_alert: Annotated[timedelta, DurationRange("10s", "1h")] = Field(
        dur("1m"),
        description="With surge_banner: how often to fetch while a storm surge or any warning is on "
        "screen (instead of refresh, if that is longer).",
    )

    @model_validator(mode="after")
    def _surge_only_on_gauges(self) -> DataSource:
        if self.surge_banner and self.kind not in SURGE_KINDS:
            raise FieldProblem(
                ("surge_banner",),
                f"a {self.kind} source has no water levels, so it can show no storm-surge banner",
                hint="set surge_banner on a pegelonline, ngsi-ld or ngsi-v2 water-level source",
            )
        return self

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

    @model_validator(mode="after")
    def _radius_is_metres(self) -> DataSource:
        value = self.params.get("radius_m")
        if value is None:
            return self
        if radius_metres(value) is None:
            low, high = RADIUS_M_LIMITS
            raise FieldProblem(
                ("params", "radius_m"),
                f"radius_m {value!r} is not a number of metres from {low:g} to {high:g}",
                hint='e.g. radius_m: "1500"',
            )
        return self
