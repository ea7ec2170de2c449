"""The dashboard as it was computed before its lists read the milestones' statuses once
and its rows were built when shown: every state of every list read, every row built
(a reference for the equality tests)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.qt.coordination_models import Row
from desktop.models.qt.text import section_prefix, with_note
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
    """The rows ``dashboard_rows`` built eagerly for the three lists and the sections."""
    return {
        "sections": [
            _count_row_reference(section or "", _section_name(e), e["counts"])
            for section, e in dash["by_section"].items()
        ],  # fmt: skip
        "overdue": [R.milestone_row(snap, m, titles) for m in dash["overdue"]],
        "late": [R.late_row(snap, m, titles) for m in dash["late_vs_original"]],
        "at_risk": [
            R.at_risk_row(snap, titles, task_id, risks[0]) for task_id, risks in dash["at_risk"]
        ],
    }


def _section_name(entry: Any) -> str:
    """A section's numbered name, its plan after it when several plans are loaded."""
    name = section_prefix(entry["no"], entry["level"]) + entry["title"]
    return with_note(name, entry["plan"]) if entry["plan"] else name


def _count_row_reference(record_id: str, name: str, counts: dict[str, int]) -> Row:
    """A count row as ``rows.count_rows`` built it (a colour dict of its own)."""
    values = tuple(counts.get(s, 0) for s in st.STATUSES)
    worst = next((s for s in st.STATUSES[:3] if counts.get(s)), None)
    return Row(
        (name, *values, sum(values)),
        worst or (st.DONE if counts.get(st.DONE) else st.NOT_SCHEDULED),
        record_id,
        colored={1: st.OVERDUE, 2: st.DUE_SOON, 3: st.ON_TRACK},
    )


def dashboard_counts_reference(db: Database, snap: st.StatusSnapshot) -> dict[str, Any]:
    """``by_section`` and ``by_unit`` of ``workspace_queries.dashboard`` before they were
    counted over zipped columns: a task, then a (work item, unit) pair at a time."""
    empty = dict.fromkeys(st.STATUSES, 0)
    by_section: dict[str | None, dict[str, Any]] = {}
    prefixes = plan_prefixes(db)  # (a section's plan named when several are loaded)
    sections = {
        r[0]: (r[1], r[2], r[3], r[4], prefixes.get(r[5], "").strip())
        for r in db.execute("SELECT id, no, title, level, parent_id, plan_id FROM section")
    }
    for task_id, section_id in db.execute("SELECT id, section_id FROM task"):
        task = snap.tasks.get(task_id)
        if task is None:
            continue
        no, title, level, parent, plan = sections.get(section_id, ("", "（无章节）", 0, None, ""))
        entry = by_section.setdefault(
            section_id,
            {"no": no, "title": title, "level": level, "parent_id": parent, "plan": plan,
             "counts": dict(empty)},
        )  # fmt: skip
        entry["counts"][task.status] += 1
    by_unit: dict[str, dict[str, Any]] = {}
    names = dict(db.execute("SELECT id, name FROM unit").fetchall())
    pairs = dict.fromkeys(
        db.execute("SELECT item_id, unit_id FROM assignment WHERE role IN ('lead', 'responsible')")
    )
    for item_id, unit_id in pairs:
        item = snap.items.get(item_id)
        if item is None:
            continue
        entry = by_unit.setdefault(unit_id, {"name": names.get(unit_id, ""), "counts": dict(empty)})
        entry["counts"][item.status] += 1
    return {"by_section": by_section, "by_unit": by_unit}
