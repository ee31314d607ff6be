"""What the city's file downloads share: the content types they come with, and CSV as they write it
(UTF-8 with or without BOM, ``;`` or ``,`` between the columns)."""

from __future__ import annotations

import csv
import io

from kiosk.data.errors import ParseError

# GeoJSON, JSON or CSV: download servers label them loosely (text/plain, octet-stream)
DOWNLOAD_ACCEPT = (
    "application/geo+json",
    "application/vnd.geo+json",
    "application/json",
    "text/csv",
    "text/plain",
    "application/octet-stream",
)


def read_csv(body: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The column names (lower case, trimmed) and the rows (as ``csv.DictReader`` gives them)."""
    try:
        content = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError("CSV: not UTF-8") from None
    header = content.split("\n", 1)[0][:4096]
    try:
        reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=sniff_delimiter(header))
        columns = [(name or "").strip().lower() for name in reader.fieldnames or ()]
        rows = list(reader)
    except csv.Error as exc:
        raise ParseError(f"CSV: {exc}") from None
    return columns, rows


def sniff_delimiter(header: str) -> str:
    """``;`` or ``,``: ``csv.Sniffer`` on the header line, else whichever of the two occurs more often
    (``;`` on a tie, as the city writes)."""
    try:
        return csv.Sniffer().sniff(header, delimiters=";,").delimiter
    except csv.Error:
        return "," if header.count(",") > header.count(";") else ";"
