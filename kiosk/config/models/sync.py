"""Content sync: where a device fetches its signed content bundle (``kiosk publish``) and how often."""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from typing import Annotated

from pydantic import Field, field_validator

from kiosk.config.fields import DurationRange, WebUrl, dur
from kiosk.config.models.base import EditorModel, FieldProblem

PUBLIC_KEY_BYTES = 32  # an ed25519 public key


def public_key_problem(text: str) -> str | None:
    """Why ``text`` is not an ed25519 public key as ``kiosk keys`` prints it (base64 of 32 bytes)."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return "not base64"
    if len(raw) != PUBLIC_KEY_BYTES:
        return f"{len(raw)} bytes instead of {PUBLIC_KEY_BYTES}"
    return None


class Sync(EditorModel):
    """Fetch this device's content from a published bundle (``kiosk publish``) on any web server or CDN.

    The device polls ``URL/devices/<device>.json`` (a conditional request: an unchanged manifest costs
    one small answer), downloads only files it does not have, checks their hashes and the manifest's
    ed25519 signature, validates the new content and switches to it without a blank frame. On any failure
    it keeps playing what it has, offline as long as need be."""

    url: WebUrl = Field(
        description="Address of the published folder (the folder holding devices/ and blobs/), "
        "e.g. https://cdn.rostock.de/touchpoint/."
    )
    public_keys: list[str] = Field(
        min_length=1,
        max_length=4,
        description="ed25519 public keys (as 'kiosk keys' prints them) of which one must have signed the "
        "manifest; during a key change list the old and the new one.",
    )
    interval: Annotated[timedelta, DurationRange("1s", "24h")] = Field(
        dur("5m"), description="How often the manifest is checked (a few minutes suits a city fleet)."
    )
    jitter: Annotated[timedelta, DurationRange("0s", "1h")] = Field(
        dur("60s"),
        description="A random extra wait of up to this long before every check, so a fleet switched on "
        "together does not poll the origin in step.",
    )
    keep: int = Field(3, ge=2, le=20, description="Versions kept on the device (for kiosk rollback).")
    deadline: Annotated[timedelta, DurationRange("10s", "6h")] = Field(
        dur("15m"),
        description="Total time one update may take (manifest and every file); then it is abandoned "
        "and resumed at the next check.",
    )
    max_mb: float = Field(
        2000.0,
        ge=1.0,
        le=100_000.0,
        description="Largest version (all its files together, MB) the device accepts.",
    )

    @field_validator("public_keys")
    @classmethod
    def _keys(cls, value: list[str]) -> list[str]:
        for i, key in enumerate(value):
            if problem := public_key_problem(key):
                raise FieldProblem(
                    (i,), f"not an ed25519 public key ({problem})", hint="paste the line 'kiosk keys' printed"
                )
        return [key.strip() for key in value]
