"""What every check of ``kiosk doctor`` may ask: the request, and the content once it is loaded."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config.loader import ContentSet, LoadResult
from kiosk.config.models import Device

ContentTransform = Callable[[ContentSet], ContentSet]


@dataclass(frozen=True)
class DoctorRequest:
    """``kiosk doctor [DEVICE] [--json] [--offline] [--root DIR] [--platform URL]``."""

    root: Path
    device: str | None = None
    offline: bool = False
    as_json: bool = False
    # ``--platform``: the sources pointed at a fake platform (handed in by the command line, as for run)
    transform: ContentTransform | None = None
    transform_note: str = ""


@dataclass
class Context:
    """Shared by the checks (they run in threads): the content arrives once, from the config check."""

    request: DoctorRequest
    loaded: LoadResult | None = None
    device_name: str | None = None
    _ready: threading.Event = field(default_factory=threading.Event)

    def publish(self, loaded: LoadResult | None, device_name: str | None) -> None:
        self.loaded, self.device_name = loaded, device_name
        self._ready.set()

    def device(self, timeout_s: float) -> tuple[str, Device, ContentSet] | None:
        """The device to check (``None`` if its file did not load: the config check says why)."""
        if not self._ready.wait(timeout_s) or self.loaded is None or self.device_name is None:
            return None
        content = self.loaded.content
        return self.device_name, content.devices[self.device_name].model, content
