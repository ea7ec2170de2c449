"""Ledger columns of the matrix: 完成时限, 状态, 最新进展, 完成率, 最近填报 per work item.

Qt-free (the view turns status codes into words); one pass over tasks and reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.status_tables import status_of


def _percent(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{number:g}%"


class MatrixRowIds(Protocol):
    """A matrix row's task and work item (``MatrixModel.all_row_ids()``)."""

    @property
    def task_id(self) -> str: ...

    @property
    def item_id(self) -> str: ...


def ledger_values(
    db: Database,
    rows: Iterable[MatrixRowIds],
    snapshot: st.StatusSnapshot | None = None,
) -> dict[str, dict[str, str]]:
    """Item id → {deadline, status, progress, percent, reported}; ``status`` holds the
    status code (``status.STATUSES``) of the item, else its task, from ``snapshot``
    ("" when neither has one), read without building their states (at 100k tasks
    building them took seconds and kept ~220,000 states)."""
    deadlines = dict(db.execute("SELECT id, deadline FROM task").fetchall())
    latest: dict[tuple[str, str | None], tuple[str, Any, str]] = {}
    # reports that were not corrected later, oldest first: the last one wins
    for task_id, item_id, text, percent, created in db.execute(
        "SELECT task_id, item_id, text, percent, created_at FROM report r"
        " WHERE NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)"
        " ORDER BY period, created_at"
    ).fetchall():
        entry = (text or "", percent, (created or "")[:10])
        latest[(task_id, item_id)] = entry
        latest[(task_id, None)] = entry
    values: dict[str, dict[str, str]] = {}
    for row in rows:
        report = latest.get((row.task_id, row.item_id)) or latest.get((row.task_id, None))
        status = ""
        if snapshot is not None:  # peeked: no task or item state is built for it
            if row.item_id in snapshot.items:
                status = status_of(snapshot.items, row.item_id) or ""
            elif row.task_id in snapshot.tasks:
                status = status_of(snapshot.tasks, row.task_id) or ""
        text = report[0].splitlines()[0] if report and report[0] else ""
        values[row.item_id] = {
            "deadline": deadlines.get(row.task_id) or "",
            "status": status,
            "progress": text,
            "percent": _percent(report[1]) if report else "",
            "reported": report[2] if report else "",
        }
    return values
