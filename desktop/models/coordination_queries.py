"""Finding what the user named (plain Python, no Qt): the coordination lookups.

Resolving what the user typed — plans, task numbers, items, milestone id prefixes,
targets, dependency endpoints (``resolve_*``; a ``NotFound``/``UserError`` in
Chinese when it does not match) — and naming records for lists (``short_id``,
``plan_prefixes``, ``node_labels``). Used by the CLI commands, the dialogs and the
other query modules.

The other read-only coordination queries, by the view that needs them:
``status_queries`` (statuses for every view), ``milestone_queries`` (milestone
and dependency lists of the task panel and the CLI), ``report_queries`` (report
history, current reports, the 催报 list), ``target_queries`` (target progress) and
``workspace_queries`` (the unit workspace and the dashboard).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.errors import Message, NotFound, UserError


def resolve_plan(db: Database, text: str | None = None) -> str:
    """The plan named by doc_no or title (exact, then substring); the only plan if None."""
    rows = db.execute("SELECT id, title, doc_no FROM plan ORDER BY imported_at").fetchall()
    if not rows:
        raise NotFound("尚未导入任何计划。")
    if not text:
        if len(rows) == 1:
            return rows[0][0]
        names = [r[2] or r[1] for r in rows]
        raise UserError("已载入多个计划（{}），请用 --plan 指定发文字号或标题。", names)
    text = text.strip()
    exact = [r for r in rows if text in (r[1], r[2])]
    found = exact or [r for r in rows if text in r[1] or (r[2] and text in r[2])]
    if not found:
        raise NotFound("找不到计划“{}”（按发文字号或标题）。", text)
    if len(found) > 1:
        names = [r[2] or r[1] for r in found]
        raise UserError("“{}”匹配多个计划（{}），请写得更完整些。", text, names)
    return found[0][0]


def resolve_task(db: Database, no: int, plan: str | None = None) -> str:
    plan_id = resolve_plan(db, plan)
    row = db.execute("SELECT id FROM task WHERE plan_id = ? AND no = ?", [plan_id, no]).fetchone()
    if row is None:
        title = db.execute("SELECT title FROM plan WHERE id = ?", [plan_id]).fetchone()[0]
        raise NotFound("计划《{}》中没有任务 {}。", title, no)
    return row[0]


def resolve_item(db: Database, task_id: str, position: int) -> str:
    """The ``position``-th (1-based) work item of a task."""
    rows = db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    if not 1 <= position <= len(rows):
        raise NotFound(f"该任务只有 {len(rows)} 个工作事项，没有第 {position} 项。")
    return rows[position - 1][0]


def short_id(record_id: str) -> str:
    """The 8 characters shown for an id (its random tail: UUIDv7 heads are timestamps)."""
    return record_id[-8:]


def resolve_prefix(db: Database, table: str, prefix: str, noun: str) -> str:
    """A record by its full id, a unique prefix or a unique tail (``short_id``)."""
    prefix = prefix.strip().lower()
    if not prefix or any(c not in "0123456789abcdef-" for c in prefix):
        shown = prefix.encode("utf-8", "replace").decode("utf-8")
        raise UserError("“{}”不是有效的{}编号。", shown, Message(noun))
    if len(prefix) < 4:
        raise UserError(f"{noun}编号至少写前 4 位。")
    rows = db.execute(
        f"SELECT id FROM [{table}] WHERE id = ? OR (id >= ? AND id < ?) OR id LIKE ? LIMIT 2",
        [prefix, prefix, prefix + "~", "%" + prefix],
    ).fetchall()
    if not rows:
        raise NotFound("找不到编号为 {} 的{}。", prefix, Message(noun))
    if len(rows) > 1:
        raise UserError(f"编号 {prefix} 对应多个{noun}，请多写几位。")
    return rows[0][0]


def resolve_target(db: Database, task_id: str, position: int | None = None) -> str:
    rows = db.execute(
        "SELECT id FROM target WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    if not rows:
        raise NotFound("该任务没有量化目标。")
    if position is None:
        if len(rows) > 1:
            raise UserError(f"该任务有 {len(rows)} 个目标，请用 --target 指定第几个。")
        return rows[0][0]
    if not 1 <= position <= len(rows):
        raise NotFound(f"该任务只有 {len(rows)} 个目标，没有第 {position} 个。")
    return rows[position - 1][0]


def resolve_node(db: Database, spec: str, plan: str | None = None) -> tuple[str, str]:
    """``5`` → task 5, ``14-2`` → item 2 of task 14, ``m:ID`` → a milestone."""
    spec = spec.strip()
    if spec.lower().startswith("m:"):
        return "milestone", resolve_prefix(db, "milestone", spec[2:], "里程碑")
    no, _, item = spec.partition("-")
    if not no.isdigit() or (item and not item.isdigit()):
        raise UserError("无法识别“{}”：请写任务号（如 5）、事项（如 14-2）或 m:里程碑编号。", spec)
    task_id = resolve_task(db, int(no), plan)
    if item:
        return "item", resolve_item(db, task_id, int(item))
    return "task", task_id


def plan_prefixes(db: Database) -> dict[str, str]:
    """plan id → "发文字号 " to put before 任务N, or {} when only one plan is loaded
    (then 任务N is unambiguous)."""
    rows = db.execute("SELECT id, doc_no, title FROM plan").fetchall()
    if len(rows) < 2:
        return {}
    return {plan_id: f"{doc_no or title} " for plan_id, doc_no, title in rows}


def node_labels(db: Database, keys: list[tuple[str, str]]) -> list[str]:
    """Short Chinese labels: 任务5, 任务14-2, 任务5“算力中心投运” (with the plan's
    发文字号 in front when several plans are loaded)."""
    prefixes = plan_prefixes(db)
    out = []
    for kind, rid in keys:
        if kind == "task":
            row = db.execute("SELECT no, plan_id FROM task WHERE id = ?", [rid]).fetchone()
            out.append(f"{prefixes.get(row[1], '')}任务{row[0]}" if row else "（已删除）")
        elif kind == "item":
            row = db.execute(
                "SELECT t.no, i.position, (SELECT count(*) FROM item x WHERE x.task_id = t.id),"
                " t.plan_id FROM item i JOIN task t ON t.id = i.task_id WHERE i.id = ?",
                [rid],
            ).fetchone()
            if not row:
                out.append("（已删除）")
            else:
                no = f"{row[0]}-{row[1] + 1}" if row[2] > 1 else f"{row[0]}"
                out.append(f"{prefixes.get(row[3], '')}任务{no}")
        else:
            row = db.execute(
                "SELECT t.no, m.title, t.plan_id FROM milestone m JOIN task t ON t.id = m.task_id"
                " WHERE m.id = ?",
                [rid],
            ).fetchone()
            out.append(f"{prefixes.get(row[2], '')}任务{row[0]}“{row[1]}”" if row else "（已删除）")
    return out
