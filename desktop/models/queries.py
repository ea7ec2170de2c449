"""Read-only queries over the local store (plain Python, no Qt).

The Qt item models and the CLI read through these; none of them write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound

ROLE_ORDER = {"lead": 0, "responsible": 1, "support": 2}
ARCHIVED_MARK = "（已归档）"


@dataclass(slots=True)
class MatrixRow:
    """One matrix row: a task with a single item, or one item of a multi-item task."""

    task_id: str
    item_id: str
    plan_id: str
    section_id: str | None
    task_no: int
    item_position: int  # 0-based; item_count > 1 means the row is "14-2" style
    item_count: int
    label: str  # "14-2 推动直播带货…" / "1 优化5G网络覆盖"
    text: str
    archived: bool = False  # removed from the plan, kept (see models.authoring)
    # Folded view: the higher-level task this (lower-level) row is shown under.
    folded_under: str | None = None


@dataclass
class MatrixData:
    rows: list[MatrixRow] = field(default_factory=list)
    units: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, kind)
    # item_id -> {unit_id: role}
    cells: dict[str, dict[str, str]] = field(default_factory=dict)


def plans(db: Database) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, title, doc_no, issuer, written_date, published_date, source_name,"
            " (SELECT count(*) FROM task WHERE plan_id = plan.id) AS task_count"
            " FROM plan ORDER BY imported_at, title"
        )
    )


def sections(db: Database, plan_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, parent_id, key, level, no, title FROM section WHERE plan_id = ?"
            " ORDER BY position",
            [plan_id],
        )
    )


# Tasks in document order: by section, then number (numbering may restart per section);
# tasks outside every section (added by hand to a plan) come after the sections' tasks.
NO_SECTION_POSITION = 1_000_000_000
TASK_DOCUMENT_ORDER = (
    "coalesce((SELECT s.position FROM section s WHERE s.id = task.section_id),"
    f" {NO_SECTION_POSITION}), task.no"
)


def tasks(db: Database, plan_id: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE plan_id = ?", [plan_id]) if plan_id else ("", [])
    return list(
        db.query(
            f"SELECT id, plan_id, section_id, no, title FROM task {where} ORDER BY plan_id,"
            f" {TASK_DOCUMENT_ORDER}",
            params,
        )
    )


def short_title(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def row_label(
    no: int, position: int, item_count: int, title: str, text: str, archived: bool
) -> str:
    """A matrix row's label: "1 优化5G网络覆盖", or "14-2 推动直播带货…" for one item of a
    task with several; archived tasks (removed from the plan, kept) are marked."""
    if item_count > 1:
        label = f"{no}-{position + 1} {short_title(text or title)}"
    else:
        label = f"{no} {short_title(title)}"
    return label + ARCHIVED_MARK if archived else label


def matrix(db: Database, fold_lower: bool = False) -> MatrixData:
    """Everything the task × unit matrix shows, in three queries (every row's text in
    memory: the GUI reads ``matrix_rows.load_matrix_index`` instead).

    ``fold_lower``: tasks linked to a 上级任务 are shown right under that task
    (``MatrixRow.folded_under``) instead of in their own plan's order."""
    data = MatrixData()
    counts: dict[str, int] = {
        task_id: n
        for task_id, n in db.execute("SELECT task_id, count(*) FROM item GROUP BY task_id")
    }
    plan_order = {
        row[0]: i for i, row in enumerate(db.execute("SELECT id FROM plan ORDER BY imported_at"))
    }
    section_order = dict(db.execute("SELECT id, position FROM section").fetchall())
    raw = db.execute(
        "SELECT t.id, i.id, t.plan_id, t.section_id, t.no, i.position, t.title, i.text,"
        " t.archived FROM item i JOIN task t ON t.id = i.task_id"
    ).fetchall()
    # Document order: numbering may restart in every section.
    raw.sort(
        key=lambda r: (
            plan_order.get(r[2], 0),
            section_order.get(r[3], NO_SECTION_POSITION),
            r[4],
            r[5],
        )
    )
    for task_id, item_id, plan_id, section_id, no, position, title, text, archived in raw:
        n = counts.get(task_id, 1)
        label = row_label(no, position, n, title, text, bool(archived))
        data.rows.append(
            MatrixRow(
                task_id, item_id, plan_id, section_id, no, position, n, label, text, bool(archived)
            )
        )
    if fold_lower:
        data.rows = _folded(db, data.rows)
    used: dict[str, int] = {}
    for item_id, unit_id, role in db.execute("SELECT item_id, unit_id, role FROM assignment"):
        cell = data.cells.setdefault(item_id, {})
        previous = cell.get(unit_id)
        if previous is None or ROLE_ORDER[role] < ROLE_ORDER[previous]:
            cell[unit_id] = role
        used[unit_id] = used.get(unit_id, 0) + (1 if role == "lead" else 0)
    units = db.execute("SELECT id, name, kind FROM unit").fetchall()
    # Busiest lead units first, then by name: the matrix reads left to right.
    units.sort(key=lambda u: (-used.get(u[0], 0), u[2] == "group", u[1]))
    data.units = [tuple(u) for u in units]
    return data


def _folded(db: Database, rows: list[MatrixRow]) -> list[MatrixRow]:
    """Rows reordered so lower-level tasks follow their 上级任务 (recursively)."""
    parents = dict(
        db.execute("SELECT id, parent_task_id FROM task WHERE parent_task_id IS NOT NULL")
    )
    shown = {row.task_id for row in rows}
    children: dict[str, list[MatrixRow]] = {}
    top: list[MatrixRow] = []
    for row in rows:
        parent = parents.get(row.task_id)
        if parent in shown and parent != row.task_id:
            row.folded_under = parent
            children.setdefault(parent, []).append(row)
        else:
            top.append(row)
    out: list[MatrixRow] = []
    placed: set[str] = set()

    # depth first, a lower task's rows right after its 上级任务's last row (a stack, not
    # a recursive closure: no reference cycle kept until a full collection, no depth limit)
    stack: list[tuple[list[MatrixRow], int]] = [(top, 0)]
    while stack:
        group, i = stack.pop()
        while i < len(group):
            row = group[i]
            out.append(row)
            i += 1
            last_of_task = i == len(group) or group[i].task_id != row.task_id
            if last_of_task and row.task_id not in placed:
                placed.add(row.task_id)
                lower = children.get(row.task_id)
                if lower:
                    stack.append((group, i))
                    group, i = lower, 0
    if len(out) < len(rows):  # links in a loop: show the rest where they are
        seen = {id(row) for row in out}
        out.extend(row for row in rows if id(row) not in seen)
    return out


def unit_summaries(db: Database) -> list[dict[str, Any]]:
    """Units with their lead / support / responsible counts (items, not tasks; items of
    archived tasks are not counted), the busiest lead units first.

    Two scans (all assignments, then those of archived tasks) instead of a join per
    assignment: 0.3 s instead of 4 s at 100k tasks. The first reads the covering index
    ``assignment_unit`` (unit_id, role), already in group order: 6 ms instead of 35 ms
    for the table at 41k assignments."""
    counts: dict[tuple[str, str], int] = {
        (unit_id, role): n
        for unit_id, role, n in db.execute(
            "SELECT unit_id, role, count(*) FROM assignment GROUP BY unit_id, role"
        )
    }
    for unit_id, role, n in db.execute(
        "SELECT a.unit_id, a.role, count(*) FROM task t CROSS JOIN item i"
        " CROSS JOIN assignment a WHERE t.archived IS NOT NULL AND i.task_id = t.id"
        " AND a.item_id = i.id GROUP BY a.unit_id, a.role"
    ):
        counts[(unit_id, role)] = counts.get((unit_id, role), 0) - n
    out = []
    for row in db.query("SELECT id, name, kind, aliases FROM unit"):
        row["aliases"] = json.loads(row["aliases"] or "[]")
        for role in ("lead", "support", "responsible"):
            row[role] = counts.get((row["id"], role), 0)
        out.append(row)
    out.sort(key=lambda u: (-u["lead"], -u["responsible"], -u["support"], u["name"]))
    return out


def unit_assignments(db: Database, unit_id: str) -> list[dict[str, Any]]:
    """Every item a unit leads, supports or is responsible for."""
    return list(
        db.query(
            f"""
            SELECT a.role, t.id AS task_id, i.id AS item_id, t.no, i.position, t.title,
                   i.text, p.title AS plan_title, p.doc_no,
                   (SELECT count(*) FROM item x WHERE x.task_id = t.id) AS item_count
            FROM assignment a
            JOIN item i ON i.id = a.item_id
            JOIN task t ON t.id = i.task_id
            JOIN plan p ON p.id = t.plan_id
            WHERE a.unit_id = ?
            ORDER BY p.imported_at,
                coalesce((SELECT s.position FROM section s WHERE s.id = t.section_id),
                    {NO_SECTION_POSITION}),
                t.no, i.position
            """,
            [unit_id],
        )
    )


def task_detail(db: Database, task_id: str) -> dict[str, Any]:
    task = next(
        db.query(
            "SELECT t.*, p.title AS plan_title, p.doc_no, s.no AS section_no,"
            " s.title AS section_title, s.level AS section_level"
            " FROM task t JOIN plan p ON p.id = t.plan_id"
            " LEFT JOIN section s ON s.id = t.section_id WHERE t.id = ?",
            [task_id],
        ),
        None,
    )
    if task is None:
        raise NotFound("任务不存在。")
    items = list(db.query("SELECT * FROM item WHERE task_id = ? ORDER BY position", [task_id]))
    for item in items:
        item["units"] = {"lead": [], "support": [], "responsible": []}
        for name, role in db.execute(
            "SELECT u.name, a.role FROM assignment a JOIN unit u ON u.id = a.unit_id"
            " WHERE a.item_id = ? ORDER BY a.position",
            [item["id"]],
        ):
            item["units"][role].append(name)
    task["items"] = items
    task["targets"] = list(
        db.query("SELECT * FROM target WHERE task_id = ? ORDER BY position", [task_id])
    )
    from desktop.models import authoring_queries

    task["changes"] = authoring_queries.task_history(db, task_id)
    task["upper"] = authoring_queries.upper_task(db, task_id)
    task["lower"] = authoring_queries.lower_tasks(db, task_id)
    from desktop.models import remarks  # issue 12: 领导批示

    task["instructions"] = remarks.instructions(db, task_id)
    return task


def _term_query(term: str) -> tuple[str, list[str]]:
    """SQL (and its parameters) for the rowids of tasks whose title or text contains
    ``term``, or whose plan's 发文字号/title does."""
    if len(term) >= 3:  # trigram FTS: substring match, case-insensitive
        own = "SELECT rowid FROM task_fts WHERE task_fts MATCH ?"
        params = ['"' + term.replace('"', '""') + '"']
    elif term.lower() != term.upper():  # short, with letters: case-insensitive scan
        own = "SELECT rowid FROM task WHERE instr(lower(title), ?) > 0 OR instr(lower(text), ?) > 0"
        params = [term.lower()] * 2
    else:  # short Chinese or digits: no case to fold
        own = "SELECT rowid FROM task WHERE instr(title, ?) > 0 OR instr(text, ?) > 0"
        params = [term] * 2
    of_plans = (
        "SELECT rowid FROM task WHERE plan_id IN"
        " (SELECT id FROM plan WHERE instr(doc_no, ?) > 0 OR instr(title, ?) > 0)"
    )
    # a subquery each: compound operators chain left to right, without precedence
    return f"SELECT rowid FROM ({own} UNION {of_plans})", [*params, term, term]


def search_query(text: str) -> tuple[str, list[str]] | None:
    """One SQL statement for the rowids of the tasks matching every whitespace-separated
    term of ``text`` (the terms' matches intersected in SQLite), or None for no terms."""
    parts = [_term_query(term) for term in text.split()]
    if not parts:
        return None
    sql = " INTERSECT ".join(part for part, _params in parts)
    return sql, [param for _part, params in parts for param in params]


def search_task_rowids(db: Database, text: str) -> set[int]:
    """Rowids of the tasks matching every whitespace-separated term of ``text``.

    A term matches a task's title or text (SQLite FTS5 trigram index, case-
    insensitive; terms under 3 characters scan), or the 发文字号/title of its plan.
    One statement, integers only (the matrix keeps each row's task rowid)."""
    query = search_query(text)
    if query is None:
        return set()
    return {row[0] for row in db.execute(*query)}


def search_tasks(db: Database, text: str) -> set[str]:
    """Ids of tasks matching every whitespace-separated term of ``text``
    (``search_task_rowids``)."""
    query = search_query(text)
    if query is None:
        return set()
    sql, params = query
    return {row[0] for row in db.execute(f"SELECT id FROM task WHERE rowid IN ({sql})", params)}


def plan_warnings(db: Database, plan_id: str) -> list[str]:
    """What the import said of the plan's document (stored Chinese messages, in order)."""
    return [
        row[0]
        for row in db.execute(
            "SELECT message FROM plan_warning WHERE plan_id = ? ORDER BY position", [plan_id]
        )
    ]


def plan_goals(db: Database, plan_id: str) -> list[dict[str, Any]]:
    """Plan-level quantitative goals (发展目标)."""
    return list(db.query("SELECT * FROM plan_goal WHERE plan_id = ? ORDER BY position", [plan_id]))
