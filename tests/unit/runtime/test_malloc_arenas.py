"""The long-running commands limit glibc's malloc arenas: counted in a fresh process with busy threads."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
import textwrap

import pytest

PROGRAM = textwrap.dedent(
    """
    import ctypes, ctypes.util, re, sys, tempfile, threading
    from kiosk.runtime.malloc_arenas import limit_arenas

    limited = limit_arenas() if sys.argv[1] == "limit" else False
    barrier = threading.Barrier(8)

    def churn():
        barrier.wait()  # all eight allocate at once: glibc hands out arenas under contention
        for _ in range(200):
            junk = [bytes(300) for _ in range(500)]
            del junk

    threads = [threading.Thread(target=churn) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    with tempfile.NamedTemporaryFile(suffix=".xml") as out:
        stream = libc.fopen(out.name.encode(), b"w")
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        heaps = len(re.findall(r'<heap nr="\\d+">', open(out.name).read()))
    print(limited, heaps)
    """
)


def _heaps(mode: str) -> tuple[str, int]:
    proc = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, check=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)},
    )
    limited, heaps = proc.stdout.split()
    return limited, int(heaps)


@pytest.mark.skipif(ctypes.util.find_library("c") is None, reason="no C library found")
def test_two_arenas_at_most_once_limited() -> None:
    limited, heaps = _heaps("limit")
    assert limited == "True"
    assert heaps <= 2, f"{heaps} malloc arenas with the limit"


@pytest.mark.skipif(ctypes.util.find_library("c") is None, reason="no C library found")
def test_without_the_limit_busy_threads_get_arenas_of_their_own() -> None:
    """The control: the same threads without the limit use more arenas, so the first test can fail."""
    _, heaps = _heaps("free")
    assert heaps > 2
