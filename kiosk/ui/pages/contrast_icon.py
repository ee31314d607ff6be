"""Page icons in high contrast: the picture's own ground dropped, its pictogram drawn in one ink.

A tile icon is usually a pictogram on a coloured plate (white bus on Rostock blue). On the
high-contrast palette's near-black tile that plate is dark on dark (2.15:1), below the 3:1 that WCAG
1.4.11 asks of graphics needed to understand a control. So in high contrast the icon becomes a mask:
its ground (the plate, or a transparent or light background) goes, its pictogram is painted in the
button's ink (white on the tile, ≥ 15:1), light-on-dark and dark-on-light icons alike.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor, QImage, QPainter, qRgba

BAND = 0.12  # the anti-aliased edge: this share of the grey range either side of the threshold


def _levels(gray: QImage) -> tuple[bytes, list[int]]:
    """The grey bytes of every pixel (row padding left out) and their histogram."""
    w, h, line = gray.width(), gray.height(), gray.bytesPerLine()
    raw = bytes(gray.constBits())[: line * h]
    pixels = b"".join(raw[y * line : y * line + w] for y in range(h))
    counts = Counter(pixels)
    return pixels, [counts.get(level, 0) for level in range(256)]


def otsu(histogram: list[int]) -> int:
    """The grey level that best splits the picture into ground and pictogram (Otsu's method)."""
    total = sum(histogram) or 1
    weighted = sum(i * n for i, n in enumerate(histogram))
    best, best_level, below, below_sum = -1.0, 128, 0, 0
    for level in range(256):
        below += histogram[level]
        below_sum += level * histogram[level]
        above = total - below
        if below == 0 or above == 0:
            continue
        mean_below, mean_above = below_sum / below, (weighted - below_sum) / above
        between = below * above * (mean_below - mean_above) ** 2
        if between > best:
            best, best_level = between, level
    return best_level


def icon_mask(image: QImage, ground: QColor) -> QImage:
    """An ARGB picture of ``image``'s pictogram in white, its ground transparent. ``ground``: the
    colour transparent parts are seen on (the tile's surface)."""
    w, h = image.width(), image.height()
    flat = QImage(w, h, QImage.Format.Format_RGB32)
    flat.fill(ground)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    gray = flat.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels, histogram = _levels(gray)
    threshold = otsu(histogram)
    edge = [pixels[x] for x in range(w)] + [pixels[(h - 1) * w + x] for x in range(w)]
    edge += [pixels[y * w] for y in range(h)] + [pixels[y * w + w - 1] for y in range(h)]
    light_ink = sorted(edge)[len(edge) // 2] <= threshold  # the picture's edge is its ground
    used = [level for level, n in enumerate(histogram) if n]
    band = max(2.0, BAND * (used[-1] - used[0]))
    table = []
    for level in range(256):
        t = (level - threshold) if light_ink else (threshold - level)
        alpha = min(1.0, max(0.0, (t + band) / (2 * band)))
        table.append(qRgba(255, 255, 255, round(alpha * 255)))
    indexed = QImage(pixels, w, h, w, QImage.Format.Format_Indexed8)
    indexed.setColorTable(table)
    return indexed.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def tinted(mask: QImage, ink: QColor) -> QImage:
    """The mask painted in ``ink``."""
    out = QImage(mask.size(), QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(ink)
    painter = QPainter(out)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    painter.drawImage(0, 0, mask)
    painter.end()
    return out


__all__ = ["icon_mask", "tinted"]
