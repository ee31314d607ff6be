"""A tiny Motion-JPEG AVI writer, so tests can make a video of known pixels without ffmpeg (not installed
on every test machine). Qt Multimedia's FFmpeg backend decodes it like any other file."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage


def _chunk(fourcc: bytes, data: bytes) -> bytes:
    pad = b"\x00" if len(data) % 2 else b""
    return fourcc + struct.pack("<I", len(data)) + data + pad


def _list(kind: bytes, data: bytes) -> bytes:
    return b"LIST" + struct.pack("<I", len(data) + 4) + kind + data


def _jpeg(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG", 90)
    return bytes(data.data())


def write_flat_video(
    path: Path, colour: str, seconds: float, fps: int = 10, size: tuple[int, int] = (320, 180)
) -> None:
    """``seconds`` of one flat ``colour`` as an MJPEG AVI at ``path``."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    frame = _jpeg(image)
    count = round(seconds * fps)
    avih = struct.pack(
        "<14I",
        1_000_000 // fps,
        len(frame) * fps,
        0,
        0x10,
        count,
        0,
        1,
        len(frame),
        width,
        height,
        0,
        0,
        0,
        0,
    )
    strh = b"vidsMJPG" + struct.pack(
        "<IHHIIIIIIiI4h", 0, 0, 0, 0, 1, fps, 0, count, len(frame), -1, 0, 0, 0, width, height
    )
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3, 0, 0, 0, 0)
    hdrl = _list(
        b"hdrl", _chunk(b"avih", avih) + _list(b"strl", _chunk(b"strh", strh) + _chunk(b"strf", strf))
    )
    frames = b""
    index = b""
    for _ in range(count):
        index += b"00dc" + struct.pack("<III", 0x10, 4 + len(frames), len(frame))
        frames += _chunk(b"00dc", frame)
    body = b"AVI " + hdrl + _list(b"movi", frames) + _chunk(b"idx1", index)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
