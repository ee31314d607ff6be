"""Shared fixtures of the connector tests: one fake city platform per module, reset for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir


@pytest.fixture(scope="module")
def running() -> Iterator[PlatformSim]:
    with PlatformSim(default_fixtures_dir()) as server:
        yield server


@pytest.fixture
def sim(running: PlatformSim) -> PlatformSim:
    running.clear_faults()
    running.clear_log()
    return running
