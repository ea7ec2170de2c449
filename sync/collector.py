"""The cyclic garbage collector paused over work that makes many small objects.

A status pass, a reporting round, a fill-in batch or a pushed batch makes tens of
thousands of small containers (rows, states, decoded ops) that live until the work is
done or are kept afterwards; every young collection would walk them again, and the
full collections they trigger walk the process's whole heap (a third of a push's CPU
time, a sixth of a status pass). They hold no reference cycles (plain dicts, lists,
tuples and slotted states, freed by reference counting), so nothing piles up meanwhile.

Work runs on several threads (server requests, the desktop's background jobs): the
collector is off while any of them is inside, and turned back on (if it was on) when
the last one leaves. One module for the server and the desktop (``sync`` is the layer
both may import).
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
def collector_paused(*, promote: bool = False) -> Iterator[None]:
    """``with collector_paused(): …`` — the collector off meanwhile (nests, threads).

    ``promote`` (work whose objects are kept, e.g. a full status pass): when the work
    finishes without an error, every object it made goes straight to the oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``, both O(1)), so the first young
    collection afterwards does not walk them all at once, and the middle generation's
    next collection not a second time. Other young objects move up with them (cyclic
    garbage among them waits for the next full collection; nothing leaks)."""
    global _inside, _was_enabled
    with _lock:
        if _inside == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _inside += 1
    finished = False
    try:
        yield
        finished = True
    finally:
        with _lock:
            if finished and promote:
                gc.freeze()  # every tracked object to the permanent generation …
                gc.unfreeze()  # … and from there to the oldest one, never walked on the way
            _inside -= 1
            if _inside == 0 and _was_enabled:
                gc.enable()
