"""The theme's own files: its fonts, loaded into Qt's font database before the first frame is laid out
(text widths and line breaks depend on them: loaded later, the first slides would be laid out in
another font), and the brand mark, read once for the header band."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QImage

from kiosk.config.models.theme import Brand
from kiosk.ui.theme import BrandLook

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


def load_brand(content_dir: Path, brand: Brand) -> BrandLook | None:
    """The brand frame as widgets paint it; ``None`` when the theme does not ask for one. A mark that
    cannot be read is logged and left out: the wordmark alone still names the city."""
    if not brand.frame:
        return None
    mark = None
    if brand.mark is not None:
        image = QImage(str(content_dir / brand.mark))
        if image.isNull():
            log.error("brand mark content/%s cannot be read: the header shows the wordmark alone", brand.mark)
        elif not image.hasAlphaChannel():
            # its shape is its transparency: an opaque picture would be one solid square of accent_text
            log.error(
                "brand mark content/%s has no transparency: the header shows the wordmark alone", brand.mark
            )
        else:
            mark = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return BrandLook(mark, brand.wordmark or "", brand.tagline or "")
