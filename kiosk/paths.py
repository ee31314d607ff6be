"""Where the editor files are: an explicit path, $KIOSK_ROOT, the current folder, or the bundled pack."""

from __future__ import annotations

import os
from pathlib import Path

MARKERS = ("device-config", "layouts", "content")


def is_content_root(path: Path) -> bool:
    return any((path / marker).is_dir() for marker in MARKERS)


def bundled_root() -> Path:
    """The repository checkout the package was installed from (the sample Rostock content)."""
    return Path(__file__).resolve().parent.parent


def find_root(explicit: Path | None = None) -> Path:
    """The content root to use. A file inside a root resolves to that root."""
    if explicit is not None:
        path = explicit.resolve()
        if path.is_file():
            for parent in path.parents:
                if is_content_root(parent):
                    return parent
        return path
    env = os.environ.get("KIOSK_ROOT")
    if env:
        return Path(env).resolve()
    cwd = Path.cwd()
    if is_content_root(cwd):
        return cwd
    return bundled_root()


def output_problem(path: Path) -> str | None:
    """Why a command cannot write the file ``path`` (``None`` if it can try). Creates nothing: a typo in a
    folder name must be an error, not a new folder somewhere."""
    if path.is_dir():
        return "that is a folder; give a file name"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        return f"the folder {folder} does not exist (no folders are created)"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    return None
