"""A tiny Motion-JPEG AVI writer, so tests can make a video of known pixels without ffmpeg (not installed
on every test machine). Qt Multimedia's FFmpeg backend decodes it like any other file. Frames are
encoded with Pillow, so a test process without Qt (the field tests) can write one too."""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageColor


def _chunk(fourcc: bytes, data: bytes) -> bytes:
    pad = b"\x00" if len(data) % 2 else b""
    return fourcc + struct.pack("<I", len(data)) + data + pad


def _list(kind: bytes, data: bytes) -> bytes:
    return b"LIST" + struct.pack("<I", len(data) + 4) + kind + data


def _jpeg(colour: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, ImageColor.getrgb(colour)).save(out, "JPEG", quality=90)
    return out.getvalue()


def write_segments_video(
    path: Path, segments: Sequence[tuple[str, float]], fps: int = 10, size: tuple[int, int] = (320, 180)
) -> None:
    """A video of flat colours one after the other, ``segments`` = (colour, seconds), as an MJPEG AVI:
    where a colour changes on screen says which instant of the video is shown."""
    width, height = size
    frames_of = [(_jpeg(colour, size), round(seconds * fps)) for colour, seconds in segments]
    count = sum(n for _, n in frames_of)
    biggest = max(len(frame) for frame, _ in frames_of)
    avih = struct.pack(
        "<14I", 1_000_000 // fps, biggest * fps, 0, 0x10, count, 0, 1, biggest, width, height, 0, 0, 0, 0
    )
    strh = b"vidsMJPG" + struct.pack(
        "<IHHIIIIIIiI4h", 0, 0, 0, 0, 1, fps, 0, count, biggest, -1, 0, 0, 0, width, height
    )
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3, 0, 0, 0, 0)
    hdrl = _list(
        b"hdrl", _chunk(b"avih", avih) + _list(b"strl", _chunk(b"strh", strh) + _chunk(b"strf", strf))
    )
    frames = b""
    index = b""
    for frame, n in frames_of:
        for _ in range(n):
            index += b"00dc" + struct.pack("<III", 0x10, 4 + len(frames), len(frame))
            frames += _chunk(b"00dc", frame)
    body = b"AVI " + hdrl + _list(b"movi", frames) + _chunk(b"idx1", index)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


def write_flat_video(
    path: Path, colour: str, seconds: float, fps: int = 10, size: tuple[int, int] = (320, 180)
) -> None:
    """``seconds`` of one flat ``colour`` as an MJPEG AVI at ``path``."""
    write_segments_video(path, [(colour, seconds)], fps, size)
