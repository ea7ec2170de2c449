"""Store actions and queries of comments and 领导批示 (issue 12).

- Comments: threaded remarks on a task, a work item or a progress report,
  attributed (author, time) and append-only (a comment is never edited; SQLite
  triggers refuse UPDATEs). Members comment on their tasks (the server checks it).
- 领导批示: a leader's written instruction on a task, recorded by the office
  (who, the date of the instruction, the text; who recorded it and when);
  append-only; coordinators only. ``assign_unit`` + ``due`` turn it into a
  follow-up 交办 item: a work item of the task (authoring ``add_item``) led by
  the unit, with a milestone “落实批示” due on the date, the 批示 as basis (依据).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.errors import UserError
from desktop.models import authoring, coordination
from desktop.models.authoring_common import check_structure_permission, clean_text
from desktop.models.coordination_common import _now_after, _row, default_author, parse_date
from desktop.models.ids import new_id
from desktop.models.store import Store, utc_now
from sync import records

NODE_NOUNS = {"task": "任务", "item": "工作事项", "report": "进展报告"}
FOLLOW_UP_MILESTONE = "落实批示"


@dataclass
class Comment:
    id: str
    node_kind: str
    node_id: str
    reply_to: str | None
    text: str
    author: str
    created_at: str
    depth: int = 0  # 0: a thread's first comment; 1…: replies
    about: str = ""  # 任务 / 事项 2 / 2024-06 期报告 (in a task's list)


def add_comment(
    store: Store,
    node_kind: str,
    node_id: str,
    text: str,
    *,
    reply_to: str | None = None,
    author: str = "",
) -> str:
    """Append a comment on a task, item or report (a reply when ``reply_to``)."""
    if node_kind not in NODE_NOUNS:
        raise UserError(f"评论对象类型应为 {'、'.join(NODE_NOUNS)}。")
    _row(store, node_kind, node_id, NODE_NOUNS[node_kind])
    text = clean_text(text, "评论内容", records.NOTE, required=True)
    author = clean_text(author, "作者", records.UNIT_NAME) or default_author(store)
    if reply_to:
        parent = _row(store, "comment", reply_to, "所回复的评论")
        if (parent["node_kind"], parent["node_id"]) != (node_kind, node_id):
            raise UserError("所回复的评论不在同一对象下。")
    last = store.db.execute("SELECT max(created_at) FROM comment").fetchone()[0]
    with store.action("add_comment") as tx:
        return tx.insert(
            "comment",
            {"id": new_id(), "node_kind": node_kind, "node_id": node_id, "reply_to": reply_to,
             "text": text, "author": author, "created_at": _now_after(last)},
        )  # fmt: skip


def _threaded(rows: list[Comment]) -> list[Comment]:
    """Threads in time order, each reply under its parent (depth-first)."""
    ids = {c.id for c in rows}
    children: dict[str | None, list[Comment]] = {}
    for c in sorted(rows, key=lambda c: (c.created_at, c.id)):
        parent = c.reply_to if c.reply_to in ids else None
        children.setdefault(parent, []).append(c)
    out: list[Comment] = []

    def walk(parent: str | None, depth: int) -> None:
        for c in children.get(parent, []):
            c.depth = depth
            out.append(c)
            walk(c.id, depth + 1)

    walk(None, 0)
    return out


def comments(db: Any, node_kind: str, node_id: str) -> list[Comment]:
    rows = db.execute(
        "SELECT id, node_kind, node_id, reply_to, text, author, created_at FROM comment"
        " WHERE node_kind = ? AND node_id = ?",
        [node_kind, node_id],
    ).fetchall()
    return _threaded([Comment(*r) for r in rows])


def task_comments(db: Any, task_id: str) -> list[Comment]:
    """Every comment on the task, its work items and its reports, threaded per object."""
    rows: list[tuple[str, str, str, str | None, str, str, str, str | None]] = db.execute(
        "SELECT c.id, c.node_kind, c.node_id, c.reply_to, c.text, c.author, c.created_at,"
        " CASE c.node_kind WHEN 'task' THEN '任务'"
        "  WHEN 'item' THEN '事项 ' || (SELECT i.position + 1 FROM item i WHERE i.id = c.node_id)"
        "  ELSE (SELECT r.period || ' 期报告（' || coalesce(u.name, '') || '）' FROM report r"
        "   LEFT JOIN unit u ON u.id = r.unit_id WHERE r.id = c.node_id) END"
        " FROM comment c WHERE (c.node_kind = 'task' AND c.node_id = :t)"
        " OR (c.node_kind = 'item' AND c.node_id IN (SELECT id FROM item WHERE task_id = :t))"
        " OR (c.node_kind = 'report' AND c.node_id IN (SELECT id FROM report WHERE task_id = :t))",
        {"t": task_id},
    ).fetchall()
    found = [Comment(*r[:7], about=r[7] or "") for r in rows]
    return _threaded(found)


# -- 领导批示 ------------------------------------------------------------------------------


def add_instruction(
    store: Store,
    task_id: str,
    leader: str,
    text: str,
    *,
    given_on: str | date | None = None,
    assign_unit: str | None = None,
    due: str | date | None = None,
) -> str:
    """Record a leader's instruction on a task (see the module doc)."""
    check_structure_permission(store.db)
    task = _row(store, "task", task_id, "任务")
    leader = clean_text(leader, "批示领导", records.UNIT_NAME, required=True)
    text = clean_text(text, "批示内容", records.NOTE, required=True)
    given = parse_date(given_on or date.today(), "批示日期")
    if given > date.today().isoformat():
        raise UserError(f"批示日期 {given} 晚于今天。")
    if bool(assign_unit) != bool(due):
        raise UserError("交办落实需同时指定责任单位（--assign）和完成时限（--due）。")
    item_id = None
    if assign_unit:
        _row(store, "unit", assign_unit, "单位")
        due_iso = parse_date(due, "完成时限")
        if due_iso < given:
            raise UserError(f"完成时限 {due_iso} 早于批示日期 {given}。")
        basis = f"{leader} {given} 批示"
        short = text if len(text) <= 150 else text[:149] + "…"
        item_id = authoring.add_item(store, task_id, f"落实{leader}批示：{short}", basis=basis)
        try:
            authoring.set_unit_role(store, item_id, assign_unit, "lead", basis=basis)
            coordination.add_milestone(
                store, task_id, FOLLOW_UP_MILESTONE, due_iso, item_id=item_id,
                owner_unit_id=assign_unit, note=basis, confirm_before_plan_date=True,
            )  # fmt: skip
        except Exception:
            authoring.delete_item(store, item_id, basis="登记批示未完成，撤回")
            raise
    with store.action("add_instruction") as tx:
        return tx.insert(
            "instruction",
            {"id": new_id(), "task_id": task["id"], "leader": leader, "given_on": given,
             "text": text, "item_id": item_id, "recorded_by": default_author(store),
             "recorded_at": utc_now()},
        )  # fmt: skip


def instructions(db: Any, task_id: str | None = None) -> list[dict[str, Any]]:
    """The 批示 (of one task, or all), latest first, with the task's number and title."""
    where = "WHERE s.task_id = ?" if task_id else ""
    return list(
        db.query(
            "SELECT s.*, t.no AS task_no, t.title AS task_title, t.plan_id,"
            " (SELECT u.name FROM assignment a JOIN unit u ON u.id = a.unit_id"
            "  WHERE a.item_id = s.item_id AND a.role = 'lead' LIMIT 1) AS assigned_unit,"
            " (SELECT coalesce(m.current_due, m.due) FROM milestone m WHERE m.item_id = s.item_id"
            "  ORDER BY m.position LIMIT 1) AS due"
            f" FROM instruction s JOIN task t ON t.id = s.task_id {where}"
            " ORDER BY s.given_on DESC, s.recorded_at DESC",
            [task_id] if task_id else [],
        )
    )
