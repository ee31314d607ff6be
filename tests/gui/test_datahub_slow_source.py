"""A slow source never delays another: two sources held by a server that drips one byte a second (the
measured case: two such sources stopped all polling when the hub had two shared workers) while four
healthy ones all arrive, and stopping the hub abandons the dripping requests at once (the server sees the
connections close), so quitting never waits for them."""

from __future__ import annotations

from pathlib import Path

from kiosk.config.loader import load_content
from kiosk.devtools.platform_sim import PlatformSim
from kiosk.runtime.datahub import DataHub
from kiosk.schedule.clock import SystemClock

HEALTHY = [f"ruhig{i}" for i in range(4)]
SLOW = ["langsam0", "langsam1"]  # polled first (ids in order): they take the first workers


def _nina(url: str) -> str:
    return f"name: {url}\nkind: nina\nurl: {url}\nrefresh: 1m\nstale_after: 15m\ntimeout: 60s\n"


def test_two_dripping_sources_do_not_hold_up_the_others(qtbot, minipack: Path, tmp_path: Path) -> None:
    with PlatformSim() as platform:
        wetter = minipack / "device-config/sources/wetter.yaml"
        wetter.write_text(wetter.read_text().replace("https://api.brightsky.dev", platform.url))
        for sid in HEALTHY + SLOW:
            platform.add_route(f"/{sid}/dashboard.json", "[]" + " " * 300)
            url = platform.url_for(f"/{sid}/dashboard.json")
            (minipack / f"device-config/sources/{sid}.yaml").write_text(_nina(url), encoding="utf-8")
        for sid in SLOW:
            platform.set_faults(f"/{sid}/dashboard.json", drip=1)
        hub = DataHub(load_content(minipack).content, "stele", SystemClock(), tmp_path / "data")
        live: dict[str, object] = {}
        hub.updated.connect(lambda sid, st: live.setdefault(sid, st) if st.origin == "live" else None)
        try:
            hub.start()
            qtbot.waitUntil(lambda: all(sid in live for sid in HEALTHY), timeout=15_000)
            for sid in SLOW:
                platform.wait_for_request(f"/{sid}/dashboard.json", timeout=5)
            assert not platform.endings, "a dripping answer ended before the healthy sources arrived"
            assert not any(sid in live for sid in SLOW)
        finally:
            hub.stop()
        for sid in SLOW:  # stop() abandoned them: the server sees each connection close at once
            ending = platform.wait_for_ending(f"/{sid}/dashboard.json", timeout=5)
            assert ending.outcome == "abandoned" and ending.sent < ending.total
