"""The reporting round (催报) as it was written first (straightforward, before the speed
work in ``desktop.models.duban_queries.report_round``): tests compare the two. Never
used by the application."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.models import duban_queries as dq
from desktop.models.archive import active
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.report_queries import REPORTING_ROLES


def _reference_rows(
    db: Database, roles: tuple[str, ...], plan_id: str | None, *, ordered: bool
) -> tuple[list[tuple[str, int, str, str, int, str, str, str]], dict[str, int]]:
    """Every assigned (item, unit) in ``roles``, groups excluded, once: ``(task id, task
    no, task title, item id, item position, plan id, unit id, unit name)``, in plan,
    task, item and assignment order when ``ordered``; and each task's number of items.
    Plain lookups joined in Python: faster than the five-table SQL join (with DISTINCT
    and ORDER BY) on a province database."""
    units = {u: name for u, name, kind in db.execute("SELECT id, name, kind FROM unit")
             if kind != "group"}  # fmt: skip
    tasks = {
        t: (no, title, plan)
        for t, no, title, plan in db.execute(
            f"SELECT id, no, title, plan_id FROM task WHERE {active('task')}"
        )
        if plan_id is None or plan == plan_id
    }
    items: dict[str, tuple[str, int]] = {}
    n_items: dict[str, int] = {}
    for item_id, task_id, position in db.execute("SELECT id, task_id, position FROM item"):
        items[item_id] = (task_id, position)
        n_items[task_id] = n_items.get(task_id, 0) + 1
    marks = ",".join("?" * len(roles))
    plans = dict(db.execute("SELECT id, imported_at FROM plan").fetchall()) if ordered else {}
    keyed = []
    for item_id, unit_id, position in db.execute(
        f"SELECT item_id, unit_id, position FROM assignment WHERE role IN ({marks})",
        list(roles),
    ):
        name = units.get(unit_id)
        item = items.get(item_id)
        task = tasks.get(item[0]) if item else None
        if name is None or item is None or task is None:
            continue
        row = (item[0], task[0], task[1], item_id, item[1], task[2], unit_id, name)
        keyed.append(((plans.get(task[2]) or "", task[0], item[1], position), row))
    if ordered:
        keyed.sort(key=lambda pair: pair[0])
    seen: set[tuple[str, str]] = set()
    out = []
    for _key, row in keyed:
        if (row[3], row[6]) not in seen:
            seen.add((row[3], row[6]))
            out.append(row)
    return out, n_items


def reference_report_round(
    db: Database,
    as_of: date,
    plan_id: str | None = None,
    roles: tuple[str, ...] = REPORTING_ROLES,
    *,
    ordered: bool = True,
) -> dq.ReportRound:
    """Every reporting (item, unit) against its task's cycle (monthly by default), as of
    ``as_of``: in the latest window whose due date has passed it is 按时, 迟报 (the report
    came after the due date) or 未报 (none came); while the current window is not yet due
    and it has not reported in it, it is also 未到期 (``open``). A report counts for a
    month or quarter by its 填报期, for weekly, two-weekly and one-off cycles by the day
    it was made. A task-level report covers the unit's items. ``ordered=False`` skips
    sorting the entries (for counts). The one 催报 query: CLI ``remind``, the dashboard's
    催报 tab, the unit workspace and the all-units table use it."""
    result = dq.ReportRound(as_of, contacts=dq.contacts(db))
    task_cycles = dq.cycles(db)
    prefixes = {} if plan_id else plan_prefixes(db)
    reports: dict[tuple[str, str | None, str], list[tuple[str, str]]] = {}
    for task_id, item_id, unit_id, period, created in db.execute(
        "SELECT task_id, item_id, unit_id, period, substr(created_at, 1, 10) FROM report"
    ):
        reports.setdefault((task_id, item_id, unit_id), []).append((period, created))
    rows, n_items = _reference_rows(db, roles, plan_id, ordered=ordered)

    def bounds(window: dq.Window | None, by_period: bool) -> tuple[dq.Window, str, str] | None:
        if window is None:
            return None
        first, last = window.start.isoformat(), window.end.isoformat()
        return (window, first[:7], last[:7]) if by_period else (window, first, last)

    # per cycle (most tasks share the default): (judged, current, counts by 填报期?)
    specs: dict[Any, tuple[Any, Any, bool]] = {}

    def spec_of(cycle: Any) -> tuple[Any, Any, bool]:
        spec = specs.get(cycle)
        if spec is None:
            by_period = cycle is None or cycle[0] in ("month", "quarter")
            judged, current = dq._judged_windows(cycle, as_of)
            spec = specs[cycle] = (bounds(judged, by_period), bounds(current, by_period), by_period)
        return spec

    def first_report(
        made: list[tuple[str, str]], by_period: bool, first: str, last: str
    ) -> str | None:
        found = None
        for period, day in made:
            if first <= (period if by_period else day) <= last and (found is None or day < found):
                found = day
        return found

    entries = result.entries
    append = entries.append
    for task_id, no, title, item_id, pos, plan, unit_id, name in rows:
        judged, current, by_period = spec_of(task_cycles.get(task_id))
        # the unit's reports on the item, and on the whole task (they cover its items)
        made = reports.get((task_id, item_id, unit_id), []) + reports.get(
            (task_id, None, unit_id), []
        )
        parts = (prefixes.get(plan, ""), no, title, pos if n_items.get(task_id, 1) > 1 else None)
        if judged is not None:
            window = judged[0]
            reported = first_report(made, by_period, judged[1], judged[2]) if made else None
            if reported is None:
                append(
                    dq.RoundEntry(task_id, item_id, unit_id, name, window, "missing", None, parts)
                )
            else:
                day = date.fromisoformat(reported)
                state = "late" if day > window.due else "on_time"
                append(dq.RoundEntry(task_id, item_id, unit_id, name, window, state, day, parts))
        if current is not None and (
            not made or first_report(made, by_period, current[1], current[2]) is None
        ):
            append(dq.RoundEntry(task_id, item_id, unit_id, name, current[0], "open", None, parts))
    return result
