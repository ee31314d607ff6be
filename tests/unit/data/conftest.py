"""Shared fixtures of the connector tests: one fake city platform per module, reset for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.devtools.platform_sim import PlatformSim


@pytest.fixture(scope="module")
def running() -> Iterator[PlatformSim]:
    with PlatformSim() as server:
        yield server


@pytest.fixture
def sim(running: PlatformSim) -> PlatformSim:
    """The module's platform with only its fixtures: no faults, no ad-hoc routes, an empty log."""
    running.reset()
    return running
