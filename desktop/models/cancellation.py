"""Cooperative cancellation of long domain computations (no Qt here).

A long pass (the status pass over 100,000 tasks) takes an optional
``cancelled: Callable[[], bool]`` and asks it every few thousand rows; once it
answers true the pass raises ``Cancelled`` and leaves nothing half-done behind
(it only ever builds new objects). A background job passes
``cancelled=lambda: progress.cancelled`` (``desktop.views.jobs.Progress``); the
jobs helper reports any exception raised after a cancel as *stopped*.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

Row = TypeVar("Row")
CancelCheck = Callable[[], bool]

# rows (tasks, milestones, dependencies …) between two questions to ``cancelled``
CHECK_EVERY = 4096


class Cancelled(Exception):
    """The caller's ``cancelled()`` said stop; nothing was changed."""


def check(cancelled: CancelCheck | None) -> None:
    """Raise ``Cancelled`` when ``cancelled`` is given and says stop."""
    if cancelled is not None and cancelled():
        raise Cancelled()


def chunks(rows: Sequence[Row], cancelled: CancelCheck | None) -> Iterator[Sequence[Row]]:
    """``rows`` in slices of ``CHECK_EVERY``, asking ``cancelled`` before each (the
    whole list at once when there is nobody to ask)."""
    if cancelled is None:
        yield rows
        return
    for start in range(0, len(rows), CHECK_EVERY):
        check(cancelled)
        yield rows[start : start + CHECK_EVERY]


def fetched(cursor: Iterable[Row], cancelled: CancelCheck | None) -> list[Row]:
    """Every row of a query (``cursor``: an executed ``sqlite3.Cursor``), asking
    ``cancelled`` every ``CHECK_EVERY`` rows (a big table takes a good part of a pass)."""
    if cancelled is None:
        return list(cursor)
    rows: list[Row] = []
    fetch_many = getattr(cursor, "fetchmany", None)
    if fetch_many is not None:  # a cursor: batches fetched in C
        while batch := fetch_many(CHECK_EVERY):
            rows += batch
            check(cancelled)
        return rows
    for row in cursor:
        rows.append(row)
        if not len(rows) % CHECK_EVERY:
            check(cancelled)
    return rows


def streamed(cursor: Iterable[Row], cancelled: CancelCheck | None) -> Iterator[Row]:
    """The rows of a query one at a time, never all held at once (a table read only to
    be folded into a dict: 400,000 assignment rows at 100k tasks), asking
    ``cancelled`` every ``CHECK_EVERY`` rows."""
    if cancelled is None:
        return iter(cursor)
    return _asking(cursor, cancelled)


def _asking(cursor: Iterable[Row], cancelled: CancelCheck) -> Iterator[Row]:
    for n, row in enumerate(cursor, 1):
        if not n % CHECK_EVERY:
            check(cancelled)
        yield row
