"""``matrix_ledger.ledger_values`` as it was before it peeked the statuses (it built every
row's item or task state): the reference the equality tests compare against."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.matrix_ledger import MatrixRowIds, _percent


def ledger_values_reference(
    db: Database,
    rows: Iterable[MatrixRowIds],
    snapshot: st.StatusSnapshot | None = None,
) -> dict[str, dict[str, str]]:
    deadlines = dict(db.execute("SELECT id, deadline FROM task").fetchall())
    latest: dict[tuple[str, str | None], tuple[str, Any, str]] = {}
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
        if snapshot is not None:
            node = snapshot.items.get(row.item_id) or snapshot.tasks.get(row.task_id)
            status = node.status if node else ""
        text = report[0].splitlines()[0] if report and report[0] else ""
        values[row.item_id] = {
            "deadline": deadlines.get(row.task_id) or "",
            "status": status,
            "progress": text,
            "percent": _percent(report[1]) if report else "",
            "reported": report[2] if report else "",
        }
    return values
