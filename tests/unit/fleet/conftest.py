"""Fleet tests: a signed bundle published from a small pack, served by a real nginx on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.config.models.sync import Sync
from kiosk.fleet.publish import PublishReport, publish
from kiosk.fleet.signing import load_private, make_keys
from kiosk.fleet.store import VersionStore
from tests.field.packs import Pack
from tests.fleetpack import sync_pack
from tests.nginx import Nginx, nginx_binary


@dataclass
class Keys:
    private: Path
    public: str


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    folder = tmp_path / "keys"
    folder.mkdir()
    private, _public, line = make_keys(folder)
    return Keys(private, line)


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[Nginx]:
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing (./install.sh --dev installs it)")
        pytest.skip("nginx is missing (./install.sh --dev installs it)")
    site = tmp_path / "site"
    site.mkdir()
    server = Nginx(site, access_log=True).start()
    try:
        yield server
    finally:
        server.close()


@dataclass
class Fleet:
    pack: Pack
    site: Path
    keys: Keys
    nginx: Nginx

    def publish(self, key: Path | None = None) -> PublishReport:
        report = publish(self.pack.root, self.site, load_private(key or self.keys.private))
        assert not report.issues, report.issues
        return report

    def config(self, device: str = "feld") -> Sync:
        from kiosk.config.loader import load_content

        sync = load_content(self.pack.root).content.devices[device].model.sync
        assert sync is not None
        return sync

    def store(self, name: str = "device") -> VersionStore:
        return VersionStore(self.site.parent / name / "sync")


@pytest.fixture
def fleet(tmp_path: Path, keys: Keys, nginx: Nginx) -> Fleet:
    pack = sync_pack(tmp_path / "pack", nginx.url, keys.public)
    return Fleet(pack, nginx.site, keys, nginx)
