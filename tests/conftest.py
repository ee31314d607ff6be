"""Test setup: headless Qt, and content packs in temporary folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Headless Qt for every test, set here (the test setup) and never by the product for real devices.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
# Nothing in the suite sends a request off the machine: a test builds its Shell or hub with live=False
# and runs `kiosk run --offline`, unless it points sources at a loopback platform itself. Last good data
# and picture caches go to a throw-away home for XDG folders, never the user's (the product reads only
# the standard XDG variables; no mode of it is switched by the environment).
_scratch = tempfile.mkdtemp(prefix="kiosk-tests-")
os.environ["XDG_STATE_HOME"] = os.path.join(_scratch, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_scratch, "cache")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_scratch, "config")  # never a developer's admin PIN

# GL contexts shared (what QtWebEngine, loaded by the first web widget, needs) and noisy Qt logs quieted
# before pytest-qt creates the QApplication; the environment above must be set first, hence the late
# imports.
from kiosk.runtime.app import prepare_qt  # noqa: E402
from tests.minipack import write_minipack  # noqa: E402

prepare_qt()

REPO = Path(__file__).resolve().parent.parent
EDITOR_DIRS = ("content", "layouts", "device-config")


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def minipack(tmp_path: Path) -> Path:
    """A small valid pack, independent of the shipped sample content."""
    return write_minipack(tmp_path / "pack")


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped Rostock content pack."""
    root = tmp_path / "shipped"
    for name in EDITOR_DIRS:
        shutil.copytree(REPO / name, root / name)
    return root


def pytest_configure(config: pytest.Config) -> None:
    # the marker is xdist's: declared here too, so `-p no:xdist` runs (one process) still collect
    config.addinivalue_line("markers", "xdist_group(name): tests that share one xdist worker")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # ./test.sh runs two pytest-xdist workers: the tests that run the real kiosk over real time share
    # one of them, one after the other, so two never compete for the CPU, the X server or the clock; the
    # in-process tests fill the other worker.
    for item in items:
        if item.nodeid.startswith(("tests/field/", "tests/e2e/")):
            item.add_marker(pytest.mark.xdist_group("real-time"))
