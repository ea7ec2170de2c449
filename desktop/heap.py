"""Give the heap memory freed after a big load back to the system.

glibc keeps freed memory in its arenas (one per thread that allocated: the window's
workers too) instead of returning it, so a process's resident size stays at the peak
of its largest transient load (the rows of a status pass, a report round, a window
load). ``malloc_trim(0)`` hands the free pages back. Elsewhere (Windows, macOS, musl)
this does nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False


def release_freed_memory() -> bool:
    """``malloc_trim(0)`` on glibc (Linux); True when memory was given back."""
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            import ctypes  # here: not a cost of the start-up's imports

            try:
                _trim = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):  # not glibc
                _trim = None
    return bool(_trim(0)) if _trim is not None else False
