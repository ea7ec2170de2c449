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

    ``promote`` (work whose objects are kept, e.g. a status pass and the window's
    overview): when the work finishes without an error, every object it made leaves the
    collector's sight for good (``gc.freeze()``, O(1)): no collection walks them again.
    They are plain containers without reference cycles, freed by reference counting
    when they are let go, as before.

    Frozen, not moved to the oldest generation (``gc.unfreeze()`` after the freeze, as
    before): that also thawed what the process froze at its start, and the oldest
    generation's size the collector compares with is only counted at a full collection,
    so the next one came at once and walked everything: at 100,000 tasks with 200,000
    milestones the window froze for 1.6–5.6 s while loading, and for 0.7–2.9 s on close
    and after some edits. What freezing costs: cyclic garbage among the young objects
    of that moment (a few hundred objects over a load and 16 edits at that size) is
    never collected."""
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
                gc.freeze()  # every tracked object to the permanent generation
            _inside -= 1
            if _inside == 0 and _was_enabled:
                gc.enable()
