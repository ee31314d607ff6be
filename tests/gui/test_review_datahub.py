"""Review of issue 9: a hub that must not fetch (``kiosk run --offline``, preview) stays offline after a
hot reload."""

from __future__ import annotations

from pathlib import Path

from kiosk.config.loader import load_content
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.runtime.datahub import DataHub
from kiosk.schedule.clock import SystemClock


def test_an_offline_hub_does_not_start_polling_on_reload(qtbot, minipack: Path, tmp_path: Path) -> None:
    with PlatformSim(faults={"*": {"status": 503}}) as platform:  # records every request, answers 503
        source = minipack / "device-config/sources/wetter.yaml"
        source.write_text(source.read_text().replace("https://api.brightsky.dev", platform.url))
        content = load_content(minipack).content
        hub = DataHub(content, "stele", SystemClock(), tmp_path / "data", live=False)
        try:
            hub.start()
            hub.replace_content(load_content(minipack).content)  # an editor saved a file: same source
            assert not any(timer.isActive() for timer in hub.timers.values()), "a poll is armed offline"
            qtbot.wait(700)  # a poll due "now" would fire after the hub's 200 ms minimum
            assert platform.log == [], f"the offline kiosk fetched after a reload: {platform.log}"
        finally:
            hub.stop()
