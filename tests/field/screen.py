"""What the X server shows: fast pixel grabs through libX11 (ctypes), a sampler thread, and xwd.

Spawning ``xwd`` per frame costs ~50 ms; ``XGetImage`` of a few pixels over an open connection costs well
under a millisecond, so a zone can be sampled at 20–50 Hz for a whole test. ``xwd -root`` (parsed here:
XWD is a plain header plus pixels; ImageMagick is not needed) saves a full picture on failure and is a
second, independent path to check the first one against.

Each thread must use its own :class:`Screen` (one Xlib connection per thread, never shared).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import struct
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

RGB = tuple[int, int, int]
Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF


class _XImageFuncs(ctypes.Structure):
    _fields_ = [(name, ctypes.c_void_p) for name in ("create", "destroy", "get", "put", "sub", "add")]


class _XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_char)),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
        ("red_mask", ctypes.c_ulong),
        ("green_mask", ctypes.c_ulong),
        ("blue_mask", ctypes.c_ulong),
        ("obdata", ctypes.c_void_p),
        ("f", _XImageFuncs),
    ]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_DESTROY = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_XImage))
_lib: ctypes.CDLL | None = None
_lock = threading.Lock()


def _ignore(display: int, event: int) -> int:
    return 0


# Xlib's default handler calls exit(): a grab outside the screen would end the whole pytest run.
# XGetImage then returns NULL, which grab() turns into an exception.
_ignore_x_error = _ERROR_HANDLER(_ignore)


def _x11() -> ctypes.CDLL:
    global _lib
    with _lock:
        if _lib is None:
            lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
            lib.XInitThreads()
            lib.XOpenDisplay.restype = ctypes.c_void_p
            lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
            lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
            lib.XDefaultRootWindow.restype = ctypes.c_ulong
            lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
            lib.XGetImage.restype = ctypes.POINTER(_XImage)
            lib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                      ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]  # fmt: skip
            lib.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
            lib.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
            lib.XSetErrorHandler(_ignore_x_error)
            _lib = lib
    return _lib


class Screen:
    """An Xlib connection to ``display`` for grabbing the root window."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.lib = _x11()
        self.dpy = self.lib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = self.lib.XDefaultRootWindow(self.dpy)

    def close(self) -> None:
        if self.dpy:
            self.lib.XCloseDisplay(self.dpy)
            self.dpy = None

    def __enter__(self) -> Screen:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def grab(
        self, x: int = 0, y: int = 0, width: int | None = None, height: int | None = None
    ) -> Image.Image:
        """The root window's pixels in a rectangle (default: all of it) as an RGB picture."""
        if width is None or height is None:
            size = self._root_size()
            width, height = width or size[0] - x, height or size[1] - y
        image_p = self.lib.XGetImage(self.dpy, self.root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
        if not image_p:
            raise RuntimeError(f"XGetImage({x}, {y}, {width}, {height}) failed on {self.display}")
        try:
            image = image_p.contents
            if image.bits_per_pixel != 32 or image.byte_order != 0:
                raise RuntimeError(
                    f"unexpected X image format: {image.bits_per_pixel} bpp, byte order {image.byte_order}"
                )
            raw = ctypes.string_at(image.data, image.bytes_per_line * image.height)
            return Image.frombuffer("RGB", (width, height), raw, "raw", "BGRX", image.bytes_per_line, 1)
        finally:
            _DESTROY(image_p.contents.f.destroy)(image_p)

    def pixel(self, x: int, y: int) -> RGB:
        """One pixel of the root window."""
        return rgb(self.grab(x, y, 1, 1), (0, 0))

    def wait_stable(self, timeout: float = 15.0, quiet: float = 1.0) -> Image.Image:
        """Wait until the whole screen stays the same for ``quiet`` seconds (transitions done); returns it.
        A kiosk coming up pauses for almost half a second between paints: a shorter quiet time is fooled."""
        deadline = time.monotonic() + timeout
        last, since = self.grab(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.grab()
            if now.tobytes() != last.tobytes():
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
        raise AssertionError(f"the screen did not settle within {timeout} s")

    def _root_size(self) -> tuple[int, int]:
        return self.lib.XDisplayWidth(self.dpy, 0), self.lib.XDisplayHeight(self.dpy, 0)


@dataclass(frozen=True)
class Frame:
    """One sample: monotonic time and the colour at every watched point."""

    t: float
    colours: Mapping[str, RGB]


class Sampler:
    """Samples named points of the screen at ``hz`` in a thread until stopped; ``frames`` grows live."""

    def __init__(self, display: str, points: Mapping[str, tuple[int, int]], hz: float = 20.0) -> None:
        self.display = display
        self.points = dict(points)
        self.period = 1.0 / hz
        self.frames: list[Frame] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="screen-sampler", daemon=True)
        self.error: BaseException | None = None

    def start(self) -> Sampler:
        self._thread.start()
        return self

    def stop(self) -> list[Frame]:
        self._stop.set()
        self._thread.join(timeout=5)
        if self.error is not None:
            raise RuntimeError(f"the screen sampler failed: {self.error}") from self.error
        return self.frames

    def __enter__(self) -> Sampler:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            with Screen(self.display) as screen:
                next_at = time.monotonic()
                while not self._stop.is_set():
                    t = time.monotonic()
                    colours = {name: screen.pixel(x, y) for name, (x, y) in self.points.items()}
                    self.frames.append(Frame(t, colours))
                    next_at += self.period
                    self._stop.wait(max(0.0, next_at - time.monotonic()))
        except BaseException as exc:  # reported by stop(), in the test's thread
            self.error = exc


def rgb(image: Image.Image, point: tuple[int, int]) -> RGB:
    """The colour of one pixel of an RGB picture, typed."""
    value = image.getpixel(point)
    assert isinstance(value, tuple)
    return (int(value[0]), int(value[1]), int(value[2]))


def close(a: RGB, b: RGB, tolerance: int = 12) -> bool:
    """Colours equal within ``tolerance`` per channel (scaling and dithering move a few steps)."""
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def blend_fraction(c: RGB, a: RGB, b: RGB) -> float:
    """How far ``c`` lies from ``a`` towards ``b`` (0 = a, 1 = b), projected on the line between them."""
    direction = [y - x for x, y in zip(a, b, strict=True)]
    length2 = sum(d * d for d in direction) or 1
    s = sum((z - x) * d for x, z, d in zip(a, c, direction, strict=True)) / length2
    return min(1.0, max(0.0, s))


def on_segment(c: RGB, a: RGB, b: RGB, tolerance: int = 16) -> bool:
    """``c`` is a blend of ``a`` and ``b`` (a crossfade frame): near the line from ``a`` to ``b``."""
    s = blend_fraction(c, a, b)
    nearest = tuple(x + s * (y - x) for x, y in zip(a, b, strict=True))
    return all(abs(z - n) <= tolerance for z, n in zip(c, nearest, strict=True))


# --- xwd: a whole screen through an independent path -------------------------------------------


def xwd_image(display: str) -> Image.Image:
    """The root window via ``xwd -root`` (slow, ~50 ms; for pictures on failure and cross-checks)."""
    raw = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display], capture_output=True, check=True, timeout=20
    ).stdout
    return parse_xwd(raw)


def parse_xwd(raw: bytes) -> Image.Image:
    """Decode an XWD (X Window Dump, version 7) of a 24/32-bit TrueColor screen."""
    header = struct.unpack(">25I", raw[:100])
    header_size, version, pixmap_format = header[0], header[1], header[2]
    width, height, byte_order = header[4], header[5], header[7]
    bits_per_pixel, bytes_per_line, ncolors = header[11], header[12], header[19]
    if version != 7 or pixmap_format != Z_PIXMAP or bits_per_pixel != 32:
        raise ValueError(f"unsupported XWD: version {version}, format {pixmap_format}, {bits_per_pixel} bpp")
    start = header_size + 12 * ncolors  # the colour map (XWDColor, 12 bytes each) precedes the pixels
    data = raw[start : start + bytes_per_line * height]
    mode = "BGRX" if byte_order == 0 else "XRGB"
    return Image.frombuffer("RGB", (width, height), data, "raw", mode, bytes_per_line, 1)


def save_screen(display: str, path: Path) -> Path:
    """Save the whole screen as a PNG (used when a field test fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    xwd_image(display).save(path)
    return path
