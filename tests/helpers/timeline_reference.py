"""The timeline's rows as ``coordination_views.timeline_data`` built them before it
passed over the tasks without milestones: every titled task's state read (a
reference for the equality tests)."""

from __future__ import annotations

from hypothesis import strategies as hs
from sqlite_utils import Database

from desktop.models import coordination_views as cv
from desktop.models import status as st


def timeline_data_reference(db: Database, snap: st.StatusSnapshot) -> cv.TimelineData:
    titles = cv.task_titles(db)
    names = snap.inputs.unit_names
    data = cv.TimelineData(today=snap.today.toordinal())
    day_of_ms: dict[str, int] = {}
    for task_id, (no, title) in titles.items():
        row = cv._timeline_task(snap, names, task_id, no, title, {})
        if row is None:
            continue
        for mark in row.milestones:
            day_of_ms[mark.id] = mark.day
        data.row_of[task_id] = len(data.tasks)
        data.tasks.append(row)
    for dep in snap.inputs.dependencies:
        arrow = cv._arrow(snap, dep, data, day_of_ms)
        if arrow is not None:
            data.arrow_of[dep[0]] = arrow
            data.arrows.append(arrow)
    cv._extent(data)
    return data


def in_view_reference(
    arrows: list[tuple[int, int, int, int, bool]], touching: list[int], first: int, last: int
) -> tuple[list[int], list[int]]:
    """The timeline view's split of the arrows touching the rows in view as its
    ``arrows_in_view`` made it before ``timeline_arrows.in_view``: one arrow at a time."""
    ends: list[int] = []
    passing: dict[tuple[int, bool], int] = {}
    for i in touching:
        pred_row, _pred_day, succ_row, succ_day, risky = arrows[i]
        if first <= pred_row <= last or first <= succ_row <= last:
            ends.append(i)
        else:
            passing.pop((succ_day, risky), None)  # drawn where it was last drawn
            passing[succ_day, risky] = i
    return ends, list(passing.values())


def drawn_arrows(rows: int, days: int, size: int) -> hs.SearchStrategy[list[tuple]]:
    """Lists of up to ``size`` arrows (pred row, pred day, succ row, succ day, at risk),
    rows 0 … ``rows``, days 0 … ``days``."""
    row, day = hs.integers(0, rows), hs.integers(0, days)
    return hs.lists(hs.tuples(row, day, row, day, hs.booleans()), max_size=size)
