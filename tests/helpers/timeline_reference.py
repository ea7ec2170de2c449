"""The timeline's rows as ``coordination_views.timeline_data`` built them before it
passed over the tasks without milestones: every titled task's state read (a
reference for the equality tests)."""

from __future__ import annotations

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
