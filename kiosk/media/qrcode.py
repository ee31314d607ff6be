"""QR codes as a module matrix (segno), drawn by the UI at any size without blur."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QrMatrix:
    """``size`` × ``size`` dark/light modules including the quiet zone, row by row."""

    size: int
    dark: tuple[tuple[bool, ...], ...]


def qr_matrix(data: str, border: int = 4) -> QrMatrix:
    """Encode ``data`` with error correction M (survives smudges on a public screen photo)."""
    import segno  # here, not at import: 13 ms of every start, and most devices show no QR code

    code = segno.make(data, error="m", micro=False)
    rows = tuple(tuple(bool(v) for v in row) for row in code.matrix_iter(scale=1, border=border))
    return QrMatrix(len(rows), rows)
