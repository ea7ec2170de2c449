"""The dashboard as it was computed before its lists read the milestones' statuses once
and its rows were built when shown: every state of every list read, every row built
(a reference for the equality tests)."""

from __future__ import annotations

from typing import Any

from desktop.models import status as st
from desktop.models.status_queries import late_against_original
from desktop.views.coordination import rows as R


def dashboard_lists_reference(snap: st.StatusSnapshot) -> dict[str, Any]:
    """The overdue, late and at-risk lists of ``workspace_queries.dashboard`` before."""
    overdue = sorted(
        (m for m in snap.milestones.values() if m.status == st.OVERDUE),
        key=lambda m: (m.effective_due, m.id),
    )
    return {
        "overdue": overdue,
        "late_vs_original": late_against_original(snap),
        "at_risk": [(t.id, t.risks) for t in snap.tasks.values() if t.risks],
    }


def list_rows_reference(
    dash: dict[str, Any], snap: st.StatusSnapshot, titles: dict[str, tuple[int, str]]
) -> dict[str, list[Any]]:
    """The rows ``dashboard_rows`` built eagerly for the three lists."""
    return {
        "overdue": [R.milestone_row(snap, m) for m in dash["overdue"]],
        "late": [R.late_row(snap, m) for m in dash["late_vs_original"]],
        "at_risk": [
            R.at_risk_row(snap, titles, task_id, risks[0]) for task_id, risks in dash["at_risk"]
        ],
    }
