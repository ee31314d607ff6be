"""Fewer malloc arenas for the long-running commands (``kiosk run``, ``kiosk preview --watch``).

glibc gives each thread that allocates its own arena, up to eight per core. Our worker threads (sources,
hot reload, the preview's loader) each parse YAML, JSON or protobuf in bursts, and the freed pieces stay in
their arenas, scattered: measured with the real ``kiosk preview --watch`` over 100 saves, the resident size
grew 224 → 276 MB and was still creeping (0.1–0.2 MB a save); with two arenas 222 → 227 MB over 60 saves.
A kiosk runs for months, so the limit is set by the product (not left to ``MALLOC_ARENA_MAX`` in a service
unit an admin may not use). It must be set before the worker threads start; it costs nothing measurable here
(a handful of threads, mostly waiting for the network).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
ARENAS = 2


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most ``arenas`` malloc arenas; False where that cannot be done (not glibc)."""
    if "MALLOC_ARENA_MAX" in os.environ:  # an admin's own choice wins
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and others have no mallopt: nothing to limit
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    if mallopt(M_ARENA_MAX, arenas) != 1:
        log.info("malloc arenas could not be limited to %d", arenas)
        return False
    return True
