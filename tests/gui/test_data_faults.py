"""The fault matrix: for every fault of the fake city platform, a data widget keeps its last good data
with its "as of" time, the GUI keeps running, and the widget recovers when the source does."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.config.loader import load_content
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from kiosk.runtime.datahub import DataHub
from kiosk.runtime.prepare import SlideFactory
from kiosk.schedule.clock import FixedClock
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.slides.data import DataSlideWidget
from kiosk.ui.theme import look_for

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2025, 10, 18, 14, 30, tzinfo=BERLIN)
FAULTS = [
    {"status": 500},
    {"status": 503},
    {"timeout": 3},
    {"truncate": True},
    {"garbage": True},
    {"huge": 8},
    {"wrong_content_type": True},
    {"reset": True},
]


class StallMeter:
    """Largest gap between 10 ms ticks of the GUI event loop: how long the GUI was blocked."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start(10)

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> int:
        self.timer.stop()
        return self.worst


@pytest.fixture
def platform():
    sim = PlatformSim(default_fixtures_dir()).start()
    yield sim
    sim.stop()


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: next(iter(f)))
def test_widget_keeps_last_good_data_and_recovers(
    qtbot, minipack: Path, platform: PlatformSim, monkeypatch, fault: dict[str, object]
) -> None:
    source = minipack / "device-config/sources/wetter.yaml"
    source.write_text(
        source.read_text().replace("https://api.brightsky.dev", platform.url).replace("timeout: 10s", "")
        + "timeout: 1s\n"
    )
    content = load_content(minipack).content
    clock = FixedClock(T0)
    hub = DataHub(content, "stele", clock, minipack / "state")
    ctx = SlideContext(look=look_for(None, 0.5), now=clock.now)
    factory = SlideFactory(content.content_dir, ctx, hub=hub, tz=BERLIN)
    with qtbot.waitSignal(hub.updated, timeout=10_000, check_params_cb=lambda sid, st: st.origin == "live"):
        hub.start()
    widget = factory.make(content.slides["wetter"].model, (640, 400))
    qtbot.addWidget(widget)
    assert isinstance(widget, DataSlideWidget)
    assert "Temperatur" in widget.accessibleName() and "Stand 14:30" in widget.accessibleName()

    platform.set_faults(**fault)
    clock.advance(timedelta(minutes=10))
    meter = StallMeter()
    meter.start()
    with qtbot.waitSignal(hub.updated, timeout=15_000):
        hub._refresh("wetter")
    stall = meter.stop()
    state = hub.state("wetter")
    assert (
        state is not None and state.last_error and state.available(clock.now())
    )  # down, but data still fresh enough
    assert "Temperatur" in widget.accessibleName() and "Stand 14:30" in widget.accessibleName()
    assert stall < 500, f"the GUI stalled {stall} ms during a {fault} fetch"

    clock.advance(timedelta(hours=2))  # past stale_after: no stale numbers shown as current
    with qtbot.waitSignal(hub.updated, timeout=15_000):
        hub._refresh("wetter")
    assert (
        "Derzeit nicht verfügbar" in widget.accessibleName() and "Temperatur" not in widget.accessibleName()
    )

    platform.clear_faults()
    with qtbot.waitSignal(hub.updated, timeout=10_000):
        hub._refresh("wetter")
    state = hub.state("wetter")
    assert state is not None and state.available(clock.now()) and state.last_error is None
    assert "Stand 16:40" in widget.accessibleName()  # recovered with a new "as of"
    hub.stop()
    factory.shutdown()
