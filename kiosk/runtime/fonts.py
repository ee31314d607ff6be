"""The theme's own font files, loaded into Qt's font database before the first frame is laid out
(text widths and line breaks depend on them: loaded later, the first slides would be laid out in
another font)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)
_LOADED: dict[Path, tuple[str, ...]] = {}  # once a process: Qt keeps application fonts until it ends


def load_fonts(content_dir: Path, files: Iterable[str]) -> tuple[str, ...]:
    """Load each file once (after a QGuiApplication exists); the families they brought. A missing or
    broken file is logged and skipped: Qt then draws with an installed font (``kiosk doctor`` says so)."""
    families: list[str] = []
    for rel in files:
        path = (content_dir / rel).resolve()
        if path not in _LOADED:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.error("font file content/%s cannot be loaded: the theme's font falls back", rel)
                continue
            _LOADED[path] = tuple(QFontDatabase.applicationFontFamilies(font_id))
        families.extend(f for f in _LOADED[path] if f not in families)
    return tuple(families)
