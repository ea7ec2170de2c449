"""The cyclic garbage collector paused while a push is decoded and applied.

A pushed batch makes tens of thousands of small containers (decoded ops, records,
outcomes, rows) that live until the reply is sent; every young collection would walk
them again, and the full collections they trigger walk the server's whole heap (a
third of a push's CPU time). They hold no reference cycles (plain dicts, lists and
tuples, freed by reference counting), so nothing piles up meanwhile. Requests run on
several threads: the collector is off while any of them is inside, and turned back
on (if it was on) when the last one leaves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_inside = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """``with collector_paused(): …`` — the collector off meanwhile (nests, threads)."""
    global _inside, _was_enabled
    with _lock:
        if _inside == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0 and _was_enabled:
                gc.enable()
