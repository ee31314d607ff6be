"""What a passer-by may change during a session; every session starts from the device's defaults."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.config.models.device import Device

VOLUME_STEPS = 10
SWITCHES = ("large_text", "high_contrast", "speech", "motion_paused", "blank_screen")


@dataclass(frozen=True)
class Settings:
    """Per-session choices. Frozen: a change is a new value, so a reset is simply ``defaults(device)``."""

    language: str
    large_text: bool = False
    high_contrast: bool = False
    speech: bool = False
    volume: int = 5  # 1 … VOLUME_STEPS
    motion_paused: bool = False
    blank_screen: bool = False  # black screen while reading aloud, for privacy (US DOT 49 CFR 27.71(k))

    @classmethod
    def defaults(cls, device: Device) -> Settings:
        return cls(
            language=device.default_language,
            speech=device.speech.enabled,
            volume=device.speech.volume,
            motion_paused=device.reduce_motion,
        )

    def with_volume(self, step: int) -> Settings:
        return replace(self, volume=max(1, min(VOLUME_STEPS, step)))

    def toggled(self, name: str) -> Settings:
        """The same settings with the boolean ``name`` flipped."""
        value = getattr(self, name)
        if not isinstance(value, bool) or name not in SWITCHES:
            raise ValueError(f"{name} is not a switch")
        changes: dict[str, bool] = {name: not value}
        if name == "blank_screen" and not value:
            changes["speech"] = True  # a black screen without reading aloud would leave nothing at all
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def screen_blanked(self) -> bool:
        """The screen is black: only while reading aloud (turning speech off shows the screen again)."""
        return self.speech and self.blank_screen


__all__ = ["VOLUME_STEPS", "Settings"]
