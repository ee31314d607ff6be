"""A fleet on a real origin: nginx on loopback serves a published bundle to three real kiosks, each on
its own X server. An update reaches all three (on their disks and their screens, with no blank frame);
a corrupted blob, a bad signature and an invalid device file are each refused with the old version still
on screen; with the origin down they play on; ``kiosk rollback`` brings the version before back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.fleet.manifest import parse
from kiosk.fleet.publish import publish
from kiosk.fleet.signing import load_private, make_keys
from tests.field.conftest import StartKiosk, wait_until
from tests.field.kioskproc import KioskProcess
from tests.field.packs import BACKGROUND
from tests.field.screen import Sampler, Screen, close, save_screen
from tests.field.xserver import XServer
from tests.fleetpack import BLUE, GREEN, RED, paint, sign_anyway, sync_pack
from tests.kiosk_cli import kiosk_command
from tests.nginx import Nginx, nginx_binary

pytestmark = pytest.mark.field

DEVICES = ("feld-a", "feld-b", "feld-c")
SIZES = ((640, 360), (480, 270), (400, 225))  # one X server each: three screens side by side
WAIT_S = 20.0  # a check every 1 s plus jitter; three kiosks share two cores with other tests


@pytest.fixture
def origin(tmp_path: Path) -> Iterator[Nginx]:
    if nginx_binary() is None:
        message = "nginx is missing (./install.sh --dev installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    server = Nginx(tmp_path / "site")  # a link, swapped whole: the origin changes in one step
    try:
        yield server
    finally:
        server.close()


class Site:
    """The served folder as a link to one of several prepared folders (``stage`` then ``serve``)."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.count = 0

    def stage(self, source: Path | None = None) -> Path:
        """A copy of ``source`` (default: what is served now), to change before it is served."""
        self.count += 1
        folder = self.link.with_name(f"site-{self.count}")
        source = source or (self.link.resolve() if self.link.exists() else None)
        if source is not None:
            shutil.copytree(source, folder)
        else:
            folder.mkdir()
        return folder

    def serve(self, folder: Path) -> None:
        new = self.link.with_name("site.new")
        new.unlink(missing_ok=True)
        new.symlink_to(folder)
        os.replace(new, self.link)


def _current(kiosk: KioskProcess) -> str:
    return Path(os.readlink(kiosk.data_dir / "sync/current")).name


def _versions(folder: Path) -> dict[str, str]:
    return {d: parse((folder / f"devices/{d}.json").read_bytes()).version for d in DEVICES}


@pytest.mark.timeout(240)
def test_three_kiosks_follow_the_origin_refuse_bad_bundles_play_on_offline_and_roll_back(
    tmp_path: Path, xservers: object, start_kiosk: StartKiosk, origin: Nginx
) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    private, _, public = make_keys(keys)
    key = load_private(private)
    pack = sync_pack(tmp_path / "pack", origin.url, public, DEVICES)
    site = Site(origin.site)
    first = site.stage()
    publish(pack.root, first, key)
    site.serve(first)
    origin.start()
    servers: list[XServer] = [xservers(size) for size in SIZES]  # type: ignore[operator]
    kiosks = [  # started together, so their start-ups overlap
        start_kiosk(pack.root, device, offline=False, server=server, data_dir=tmp_path / device, wait=False)
        for device, server in zip(DEVICES, servers, strict=True)
    ]
    for kiosk in kiosks:
        kiosk.wait_running()
    screens = [Screen(server.display) for server in servers]
    centres = [(w // 2, h // 2) for w, h in SIZES]
    shots = tmp_path / "shots"

    def showing(rgb: tuple[int, int, int]) -> bool:
        return all(close(s.pixel(*c), rgb) for s, c in zip(screens, centres, strict=True))

    def snap(name: str) -> None:
        for device, server in zip(DEVICES, servers, strict=True):
            save_screen(server.display, shots / f"{name}-{device}.png")

    def logged(pattern: str, since: float) -> None:
        for kiosk in kiosks:
            kiosk.wait_for_log(pattern, WAIT_S, since=since)

    try:
        # 1. from the installed content to the published version 1 (the same red slide)
        v1 = _versions(first)
        logged(r"content version \S+ applied", 0)
        assert [_current(k) for k in kiosks] == [v1[d] for d in DEVICES]
        assert wait_until(lambda: showing(RED), WAIT_S), [k.tail() for k in kiosks]
        snap("1-before")

        # 2. an update: the same slide, its picture blue; every screen turns blue, none goes blank
        paint(pack, "main", BLUE)
        second = site.stage()
        report = publish(pack.root, second, key)
        assert report.blobs_written == 1  # only the picture is new
        v2 = _versions(second)
        with Sampler(servers[0].display, {"c": centres[0]}, hz=30) as sampler:
            since = kiosks[0].lines[-1][0]
            site.serve(second)
            logged(r"content version \S+ applied .*; was (?:" + "|".join(v1.values()) + ")", since)
            assert wait_until(lambda: showing(BLUE), WAIT_S), [k.tail() for k in kiosks]
        assert [_current(k) for k in kiosks] == [v2[d] for d in DEVICES]
        blank = [f for f in sampler.frames if close(f.colours["c"], BACKGROUND, 20)]
        assert not blank, f"a blank frame during the switch at {blank[0].t:.2f}"
        snap("2-after")

        # 3. each bad bundle is refused; the blue version plays on
        paint(pack, "main", GREEN)
        faults = []
        corrupt = site.stage()
        publish(pack.root, corrupt, key)
        green = parse((corrupt / "devices/feld-a.json").read_bytes()).by_path()["content/images/main.png"]
        blob = corrupt / "blobs/sha256" / green.sha256
        blob.write_bytes(bytes(reversed(blob.read_bytes())))
        faults.append((corrupt, "does not match its sha256"))
        stranger = site.stage(corrupt)
        (stranger / "blobs/sha256" / green.sha256).unlink()
        other_keys = tmp_path / "other-keys"
        other_keys.mkdir()
        publish(pack.root, stranger, load_private(make_keys(other_keys)[0]))
        faults.append((stranger, "none of the device's public keys"))
        invalid = site.stage()
        for device in DEVICES:  # a device file naming a layout that is not there
            text = (
                (pack.root / f"device-config/{device}.yaml")
                .read_text()
                .replace("layout: feld", "layout: weg")
            )
            sign_anyway(invalid, device, private, {f"device-config/{device}.yaml": text.encode()}, "kaputt-1")
        faults.append((invalid, "not valid content: .*unknown layout 'weg'"))
        for folder, reason in faults:
            since = max(k.lines[-1][0] for k in kiosks)
            site.serve(folder)
            logged(rf"content sync failed, still playing .*{reason}", since)
            assert [_current(k) for k in kiosks] == [v2[d] for d in DEVICES], reason
            assert showing(BLUE), reason
        snap("3-during")

        # 4. the origin goes away: they play on, and say so once
        since = max(k.lines[-1][0] for k in kiosks)
        origin.stop()
        logged(r"content sync failed, still playing .*cannot reach 127\.0\.0\.1", since)
        wait_until(lambda: False, 2.5)  # two or three more checks that fail the same way
        for kiosk in kiosks:
            assert len(kiosk.find_log(r"cannot reach 127\.0\.0\.1", since)) == 1, kiosk.tail()
        assert showing(BLUE) and all(k.alive() for k in kiosks)

        # 5. kiosk rollback, offline: back to version 1 on disk and on screen
        since = max(k.lines[-1][0] for k in kiosks)
        for kiosk in kiosks:
            done = subprocess.run(
                kiosk_command("rollback", "--data-dir", str(kiosk.data_dir)),
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        logged(r"switched to version \S+ \(kiosk rollback", since)
        assert [_current(k) for k in kiosks] == [v1[d] for d in DEVICES]
        assert wait_until(lambda: showing(RED), WAIT_S), [k.tail() for k in kiosks]
        snap("4-rolled-back")
        for kiosk in kiosks:
            assert not [p for p in kiosk.problems() if "content sync failed" not in p], kiosk.tail()
    finally:
        for screen in screens:
            screen.close()
