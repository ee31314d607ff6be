"""Test setup: headless Qt, and content packs in temporary folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Headless Qt for every test, set here (the test setup) and never by the product for real devices.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from tests.minipack import write_minipack

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
