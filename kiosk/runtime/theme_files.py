"""The theme's own files: its fonts, loaded into Qt's font database before the first frame is laid out
(text widths and line breaks depend on them: loaded later, the first slides would be laid out in
another font), and the brand mark, read once for the header band."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase, QImage

from kiosk.config.models.theme import Brand
from kiosk.ui.theme import BrandLook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedFont:
    """One font file in Qt's database: the bytes it was loaded from (``digest``) and the file's size and
    modification time when they were read (``stamp``: unchanged, the file is not read again)."""

    stamp: tuple[int, int]
    digest: str
    font_id: int
    families: tuple[str, ...]


# By the name in font_files, not the absolute path: a synced version lives in a folder of its own, and
# the same font under another path must not become a second copy of its family (Qt would pick either).
_LOADED: dict[str, LoadedFont] = {}


def load_fonts(content_dir: Path, files: Iterable[str]) -> tuple[str, ...]:
    """Load each file (after a QGuiApplication exists); the families they brought. A file replaced under
    the same name (a new version of the brand font) replaces its old copy in the database, so text laid
    out from then on uses it. A missing or broken file is logged and skipped, the copy loaded before it
    stays: Qt then draws with that or an installed font (``kiosk doctor`` says so)."""
    families: list[str] = []
    for rel in files:
        font = _current(rel, content_dir / rel)
        if font is not None:
            families.extend(f for f in font.families if f not in families)
    return tuple(families)


def _current(rel: str, path: Path) -> LoadedFont | None:
    known = _LOADED.get(rel)
    try:
        info = path.stat()
        stamp = (info.st_size, info.st_mtime_ns)
        if known is not None and known.stamp == stamp:
            return known
        data = path.read_bytes()
    except OSError as exc:
        log.error("font file content/%s cannot be read (%s): the theme's font falls back", rel, exc.strerror)
        return known
    digest = hashlib.sha256(data).hexdigest()
    if known is not None and known.digest == digest:  # touched or copied again, the same font
        _LOADED[rel] = replace(known, stamp=stamp)
        return _LOADED[rel]
    # from the bytes just hashed, not the path: a file replaced again meanwhile cannot slip in unseen
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    if font_id < 0:
        log.error("font file content/%s cannot be loaded: the theme's font falls back", rel)
        return known
    font = LoadedFont(stamp, digest, font_id, tuple(QFontDatabase.applicationFontFamilies(font_id)))
    if known is not None:  # only now: a new file that does not load keeps the old font drawing
        QFontDatabase.removeApplicationFont(known.font_id)
        log.info(
            "font file content/%s changed: its new version (%s) is loaded, text laid out from now on uses it",
            rel,
            ", ".join(font.families) or "no family",
        )
    _LOADED[rel] = font
    return font


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
