"""Store actions and queries of meetings (调度会) that close the loop (issue 12).

A meeting records its date, title, chair and the 出席 / 请假 / 列席 lists. Each
row of its 确定事项清单 (item, responsible unit, deadline) becomes a 交办 task
in the meeting's plan, created through the authoring actions with the meeting
as its basis (依据): ``add_task`` (with the deadline), ``set_unit_role`` (the
unit leads it) and ``add_milestone`` (办结, due on the deadline, so status,
催报 and the briefings follow it like any other task). The next meeting's
agenda opens with the progress of the previous meeting's items
(``previous_items``). Editing and deleting meetings and items: ``meeting_edits``.

Adding an item takes several authoring actions (each one transaction, each
logged for sync); if a later one fails, the task made by the first is deleted
again, so a failed ``add_meeting_item`` leaves no half-made 交办 task.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.errors import NotFound, UserError
from desktop.models import authoring, coordination
from desktop.models.authoring_common import check_structure_permission, clean_text
from desktop.models.coordination_common import _row, parse_date
from desktop.models.ids import new_id
from desktop.models.store import Store, utc_now
from sync import records

MEETING_PLAN_TITLE = "调度会议定事项"
MAX_NAMES = 200  # people (or units) on one attendance list
NAME_LISTS = {"present": "出席", "absent": "请假", "attending": "列席"}
DONE_MILESTONE = "办结"
STATE_TEXT = {"done": "已办结", "overdue": "逾期未办结", "open": "办理中", "gone": "—"}
NAME_SEPARATORS = ("，", ",", "；", ";")


def split_names(text: str) -> list[str]:
    """``张三、李四，王五`` → the names (a form field or a CLI option)."""
    for separator in NAME_SEPARATORS:
        text = text.replace(separator, "、")
    return [name.strip() for name in text.split("、") if name.strip()]


def join_names(names: list[str]) -> str:
    return "、".join(names)


@dataclass
class MeetingItem:
    """A row of a meeting's 确定事项清单 with the state of its 交办 task."""

    id: str
    position: int
    title: str
    unit_id: str
    unit: str
    due: str
    task_id: str | None
    task_no: int | None
    task_title: str
    done_date: str | None  # the 办结 milestone's done date
    report: str  # latest report text (with percent), or ""

    @property
    def label(self) -> str:
        return f"任务{self.task_no}" if self.task_no is not None else "（交办任务已删除）"

    def state_key(self, today: date) -> str:
        """done / overdue / open, or gone (the 交办 task was deleted)."""
        if self.done_date:
            return "done"
        if self.task_id is None or self.task_no is None:
            return "gone"
        return "overdue" if self.due < today.isoformat() else "open"

    def state(self, today: date) -> str:
        return STATE_TEXT[self.state_key(today)]


def names_json(values: list[str] | None, what: str) -> str:
    """An attendance list as stored: the names checked, each once, as a JSON list."""
    clean: list[str] = []
    for value in values or []:
        name = clean_text(value, what, records.TITLE)
        if name and name not in clean:
            clean.append(name)
    if len(clean) > MAX_NAMES:
        raise UserError(f"{what}名单过长（最多 {MAX_NAMES} 人）。")
    return json.dumps(clean, ensure_ascii=False)


def _meeting_plan(store: Store, plan_id: str | None) -> str:
    if plan_id:
        _row(store, "plan", plan_id, "计划")
        return plan_id
    found = store.db.execute(
        "SELECT id FROM plan WHERE title = ? ORDER BY imported_at LIMIT 1", [MEETING_PLAN_TITLE]
    ).fetchone()
    if found:
        return str(found[0])
    return authoring.create_plan(store, MEETING_PLAN_TITLE, basis="登记调度会议定事项")


def new_meeting(
    store: Store,
    meeting_date: str | date,
    title: str,
    *,
    chair: str = "",
    plan_id: str | None = None,
    present: list[str] | None = None,
    absent: list[str] | None = None,
    attending: list[str] | None = None,
    note: str = "",
) -> str:
    """Record a meeting; its 交办 tasks go to ``plan_id`` (default: the plan
    “调度会议定事项”, created when missing). Coordinators only."""
    check_structure_permission(store.db)
    fields = {
        "title": clean_text(title, "会议名称", records.TITLE, required=True),
        "date": parse_date(meeting_date, "会议日期"),
        "chair": clean_text(chair, "主持人", records.UNIT_NAME),
        "present": names_json(present, "出席"),
        "absent": names_json(absent, "请假"),
        "attending": names_json(attending, "列席"),
        "note": clean_text(note, "备注", records.NOTE),
    }
    fields["plan_id"] = _meeting_plan(store, plan_id)
    with store.action("new_meeting") as tx:
        return tx.insert("meeting", {"id": new_id(), **fields, "created_at": utc_now()})


def basis_of(meeting: dict[str, Any]) -> str:
    """The 依据 written into the history of the meeting's 交办 tasks."""
    return f"{meeting['date']} {meeting['title']}议定事项"


def add_meeting_item(
    store: Store, meeting_id: str, title: str, unit_id: str, due: str | date
) -> str:
    """Add a row to the 确定事项清单 and create its 交办 task (see the module doc)."""
    check_structure_permission(store.db)
    meeting = _row(store, "meeting", meeting_id, "会议")
    title = clean_text(title, "议定事项", records.TITLE, required=True)
    unit = _row(store, "unit", unit_id, "单位")
    due_iso = parse_date(due, "完成时限")
    if due_iso < meeting["date"]:
        raise UserError(f"完成时限 {due_iso} 早于会议日期 {meeting['date']}。")
    plan_id = meeting["plan_id"] or _meeting_plan(store, None)
    basis = basis_of(meeting)
    text = f"{title}（{meeting['date']} {meeting['title']}确定，{unit['name']}负责）"
    task_id = authoring.add_task(store, plan_id, title, text=text, deadline=due_iso, basis=basis)
    try:
        item_id = authoring.item_of(store, task_id)
        authoring.set_unit_role(store, item_id, unit_id, "lead", basis=basis)
        coordination.add_milestone(
            store, task_id, DONE_MILESTONE, due_iso, owner_unit_id=unit_id,
            note=basis, confirm_before_plan_date=True,
        )  # fmt: skip
        position = store.db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM meeting_item WHERE meeting_id = ?",
            [meeting_id],
        ).fetchone()[0]
        with store.action("add_meeting_item") as tx:
            return tx.insert(
                "meeting_item",
                {"id": new_id(), "meeting_id": meeting_id, "position": position, "title": title,
                 "unit_id": unit_id, "due": due_iso, "task_id": task_id},
            )  # fmt: skip
    except Exception:
        authoring.delete_task(store, task_id, basis="登记议定事项未完成，撤回")
        raise


# -- queries -----------------------------------------------------------------------------


def meetings(db: Any) -> list[dict[str, Any]]:
    """Every meeting, latest first, with its number of items."""
    return list(
        db.query(
            "SELECT m.*, (SELECT count(*) FROM meeting_item i WHERE i.meeting_id = m.id) AS items"
            " FROM meeting m ORDER BY m.date DESC, m.created_at DESC"
        )
    )


def meeting(db: Any, meeting_id: str) -> dict[str, Any]:
    found = next(db.query("SELECT * FROM meeting WHERE id = ?", [meeting_id]), None)
    if found is None:
        raise NotFound("会议不存在。")
    for column in NAME_LISTS:
        found[column] = json.loads(found[column] or "[]")
    return found


def resolve_meeting(db: Any, text: str) -> str:
    """A meeting named by its id (in full, a prefix or the tail lists show, as
    ``coordination_queries.resolve_prefix`` reads every id) or its date (when only
    one meeting was held that day)."""
    from desktop.models.coordination_queries import resolve_prefix, short_id

    text = (text or "").strip()
    if not text:
        raise UserError("请指定会议（编号或日期）。")
    by_date = db.execute("SELECT id, title FROM meeting WHERE date = ?", [text]).fetchall()
    if len(by_date) == 1:
        return str(by_date[0][0])
    if len(by_date) > 1:
        names = [f"{short_id(r[0])} {r[1]}" for r in by_date]
        raise UserError("{} 有多次会议（{}），请用会议编号指定。", text, names)
    try:
        return resolve_prefix(db, "meeting", text, "会议")
    except NotFound:
        pass
    raise NotFound("找不到会议“{}”（按会议编号或日期 YYYY-MM-DD）。", text)


def _report_text(db: Any, task_id: str) -> str:
    row = db.execute(
        "SELECT r.text, r.percent, r.period FROM report r WHERE r.task_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)"
        " ORDER BY r.period DESC, r.created_at DESC LIMIT 1",
        [task_id],
    ).fetchone()
    if row is None:
        return ""
    text, percent, period = row
    shown = text or "（无文字说明）"
    if percent is not None:
        shown += f"（完成 {percent:g}%）"
    return f"{period}：{shown}"


def meeting_items(db: Any, meeting_id: str) -> list[MeetingItem]:
    """The meeting's 确定事项清单 with each 交办 task's number, 办结 date and latest report."""
    rows = db.execute(
        "SELECT i.id, i.position, i.title, i.unit_id, coalesce(u.name, '（已删除的单位）'),"
        " i.due, t.id, t.no, coalesce(t.title, ''),"
        " (SELECT m.done_date FROM milestone m WHERE m.task_id = t.id AND m.title = ?"
        "  ORDER BY m.position LIMIT 1)"
        " FROM meeting_item i LEFT JOIN unit u ON u.id = i.unit_id"
        " LEFT JOIN task t ON t.id = i.task_id"
        " WHERE i.meeting_id = ? ORDER BY i.position, i.id",
        [DONE_MILESTONE, meeting_id],
    ).fetchall()
    return [
        MeetingItem(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            _report_text(db, r[6]) if r[6] else "",
        )  # fmt: skip
        for r in rows
    ]


def previous_meeting(db: Any, meeting_id: str) -> dict[str, Any] | None:
    """The meeting held before this one (same plan for its tasks or not), if any."""
    current = meeting(db, meeting_id)
    found = next(
        db.query(
            "SELECT * FROM meeting WHERE (date < :d OR (date = :d AND created_at < :c))"
            " AND id != :id ORDER BY date DESC, created_at DESC LIMIT 1",
            {"d": current["date"], "c": current["created_at"], "id": meeting_id},
        ),
        None,
    )
    return found


def previous_items(db: Any, meeting_id: str) -> tuple[dict[str, Any] | None, list[MeetingItem]]:
    """The agenda's opening: the previous meeting and the progress of its items."""
    previous = previous_meeting(db, meeting_id)
    if previous is None:
        return None, []
    return previous, meeting_items(db, previous["id"])


def items_by_unit(db: Any, meeting_id: str) -> dict[str, list[MeetingItem]]:
    """The meeting's items grouped by responsible unit name (for the 工作提醒函)."""
    grouped: dict[str, list[MeetingItem]] = {}
    for item in meeting_items(db, meeting_id):
        grouped.setdefault(item.unit, []).append(item)
    return grouped
