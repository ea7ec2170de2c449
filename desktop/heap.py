"""Give the heap memory freed after a big load back to the system.

glibc keeps freed memory in its arenas (one per thread that allocated: the window's
workers too) instead of returning it, so a process's resident size stays at the peak
of its largest transient load (the rows of a status pass, a report round, a window
load). ``malloc_trim(0)`` hands the free pages back. Elsewhere (Windows, macOS, musl)
this does nothing.

``return_large_blocks`` makes glibc hand every block of 128 KiB or more back to the
system as soon as it is freed (its own mapping), as it does before its first large
free: glibc then raises that threshold to the size of the largest block freed (up to
32 MiB), so the lists and dict tables of a status pass (a few MiB each at 100k tasks)
come from the heap and stay resident after the pass. Measured at 100k tasks: the
window's peak −5 to −8 MiB, no CPU cost (docs/benchmarks.md, session 30).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

_trim: Callable[[int], int] | None = None
_looked = False

#: ``mallopt``'s parameter for the size from which a block is its own mapping
M_MMAP_THRESHOLD = -3
#: glibc's own starting value, kept (not raised after a large free)
LARGE_BLOCK = 128 * 1024


def _glibc_function(name: str) -> Any:
    """glibc's function ``name`` (Linux), None elsewhere or without glibc."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: not a cost of the start-up's imports

    try:
        return getattr(ctypes.CDLL("libc.so.6"), name)
    except (OSError, AttributeError):  # not glibc
        return None


def release_freed_memory() -> bool:
    """``malloc_trim(0)`` on glibc (Linux); True when memory was given back."""
    global _trim, _looked
    if not _looked:
        _looked = True
        _trim = _glibc_function("malloc_trim")
    return bool(_trim(0)) if _trim is not None else False


def return_large_blocks() -> bool:
    """Blocks of ``LARGE_BLOCK`` bytes or more mapped apart and given back when freed,
    for the rest of the process (glibc on Linux; call it before the big loads). False
    where it does nothing (not glibc; or ``MALLOC_MMAP_THRESHOLD_`` set: the user's)."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    mallopt = _glibc_function("mallopt")
    if mallopt is None:
        return False
    import ctypes

    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK) == 1)
