"""Editing and deleting meetings and their 议定事项 (issue 12), each with its undo.

- ``edit_meeting``: date, title, chair, 出席/请假/列席, note (one action; returns the old
  values, so ``edit_meeting(**old)`` undoes it);
- ``edit_meeting_item``: an item's title, responsible unit or deadline; its 交办 task
  follows through the authoring and coordination actions (title, lead unit, 完成时限 and
  the 办结 milestone's due date and owner), each logged with the meeting as basis;
  returns the old values (``edit_meeting_item(**old)`` undoes it);
- ``remove_meeting_item`` / ``restore_meeting_item``: the item leaves the list and its 交办
  task is removed (archived, see ``authoring.delete_task``); the restore brings both back;
- ``delete_meeting`` / ``restore_meeting``: when items became 交办 tasks the caller says
  what to do with them: ``keep`` them, or ``archive`` those that nothing else references
  (``task_references``: reports, values, other milestones, dependencies, 办结申请,
  comments, 批示, attachments, another meeting's item); referenced ones are always kept.

Coordinators only (``check_structure_permission``), like creating them. Every write is a
store action, logged for sync. Bad input raises ``UserError`` before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.errors import Message, UserError
from desktop.models import authoring, coordination
from desktop.models import meetings as mt
from desktop.models.authoring_common import BASIS_MAX, check_structure_permission, clean_text
from desktop.models.coordination_common import _row, parse_date
from desktop.models.store import Store
from sync import records

TASK_CHOICES = ("keep", "archive")
TASK_CHOICE_LABELS = {"keep": "保留交办任务", "archive": "归档交办任务"}


def _fields_of_meeting(meeting: dict[str, Any]) -> dict[str, Any]:
    """A stored meeting row in ``edit_meeting``'s argument form."""
    out = {
        "meeting_date": meeting["date"],
        "title": meeting["title"],
        "chair": meeting["chair"],
        "note": meeting["note"],
    }
    for column in mt.NAME_LISTS:
        out[column] = json.loads(meeting[column] or "[]")
    return out


def edit_meeting(
    store: Store,
    meeting_id: str,
    *,
    meeting_date: str | date | None = None,
    title: str | None = None,
    chair: str | None = None,
    present: list[str] | None = None,
    absent: list[str] | None = None,
    attending: list[str] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Change a meeting (None: unchanged); returns the old values of what changed."""
    check_structure_permission(store.db)
    meeting = _row(store, "meeting", meeting_id, "会议")
    fields: dict[str, Any] = {}
    if meeting_date is not None:
        fields["date"] = parse_date(meeting_date, "会议日期")
        earliest = store.db.execute(
            "SELECT min(due) FROM meeting_item WHERE meeting_id = ?", [meeting_id]
        ).fetchone()[0]
        if earliest and fields["date"] > earliest:
            raise UserError(
                f"会议日期 {fields['date']} 晚于议定事项的完成时限 {earliest}：请先修改该事项的时限。"
            )
    if title is not None:
        fields["title"] = clean_text(title, "会议名称", records.TITLE, required=True)
    if chair is not None:
        fields["chair"] = clean_text(chair, "主持人", records.UNIT_NAME)
    for column, values in (("present", present), ("absent", absent), ("attending", attending)):
        if values is not None:
            fields[column] = mt.names_json(values, mt.NAME_LISTS[column])
    if note is not None:
        fields["note"] = clean_text(note, "备注", records.NOTE)
    changed = {k: v for k, v in fields.items() if meeting[k] != v}
    if not changed:
        return {}
    with store.action("edit_meeting") as tx:
        tx.update("meeting", meeting_id, changed)
    old = _fields_of_meeting(meeting)
    names = {"date": "meeting_date"}
    return {names.get(k, k): old[names.get(k, k)] for k in changed}


def _live_task(store: Store, task_id: str | None) -> dict[str, Any] | None:
    if not task_id:
        return None
    found = next(store.db.query("SELECT * FROM task WHERE id = ?", [task_id]), None)
    return found if found and not found["archived"] else None


def _done_milestone(store: Store, task_id: str) -> dict[str, Any] | None:
    return next(
        store.db.query(
            "SELECT * FROM milestone WHERE task_id = ? AND title = ? ORDER BY position LIMIT 1",
            [task_id, mt.DONE_MILESTONE],
        ),
        None,
    )


def edit_meeting_item(
    store: Store,
    item_id: str,
    *,
    title: str | None = None,
    unit_id: str | None = None,
    due: str | date | None = None,
) -> dict[str, Any]:
    """Change a 议定事项 (None: unchanged) and its 交办 task; returns the old values."""
    check_structure_permission(store.db)
    item = _row(store, "meeting_item", item_id, "议定事项")
    meeting = _row(store, "meeting", item["meeting_id"], "会议")
    fields: dict[str, Any] = {}
    if title is not None:
        fields["title"] = clean_text(title, "议定事项", records.TITLE, required=True)
    if unit_id is not None:
        _row(store, "unit", unit_id, "单位")
        fields["unit_id"] = unit_id
    if due is not None:
        fields["due"] = parse_date(due, "完成时限")
        if fields["due"] < meeting["date"]:
            raise UserError(f"完成时限 {fields['due']} 早于会议日期 {meeting['date']}。")
    changed = {k: v for k, v in fields.items() if item[k] != v}
    if not changed:
        return {}
    task = _live_task(store, item["task_id"])
    milestone = _done_milestone(store, task["id"]) if task else None
    if (
        "due" in changed
        and milestone is not None
        and store.db.execute(
            "SELECT 1 FROM milestone_extension WHERE milestone_id = ?", [milestone["id"]]
        ).fetchone()
    ):
        raise UserError(
            "该事项的办结节点已延期（原定日期保留）：请在交办任务中办理延期，而不是修改时限。"
        )
    basis = f"{mt.basis_of(meeting)}：修改“{item['title']}”"[:BASIS_MAX]
    if task is not None:
        task_fields: dict[str, Any] = {}
        if "title" in changed:
            task_fields["title"] = changed["title"]
        if "due" in changed:
            task_fields["deadline"] = changed["due"]
        if task_fields:
            authoring.edit_task(store, task["id"], basis=basis, **task_fields)
        if "unit_id" in changed:
            work_item = authoring.item_of(store, task["id"])
            if authoring.unit_role(store.db, work_item, item["unit_id"]) is not None:
                authoring.replace_unit(
                    store, work_item, item["unit_id"], changed["unit_id"], basis=basis
                )
            else:
                authoring.set_unit_role(store, work_item, changed["unit_id"], "lead", basis=basis)
        if milestone is not None:
            ms_fields: dict[str, Any] = {}
            if "due" in changed:
                ms_fields["due"] = changed["due"]
            if "unit_id" in changed:
                ms_fields["owner_unit_id"] = changed["unit_id"]
            if ms_fields:
                coordination.update_milestone(
                    store, milestone["id"], confirm_before_plan_date=True, **ms_fields
                )
    with store.action("edit_meeting_item") as tx:
        tx.update("meeting_item", item_id, changed)
    return {k: item[k] for k in changed}


@dataclass
class ItemRemoval:
    """What ``remove_meeting_item`` did (for its undo)."""

    item: dict[str, Any]
    task: authoring.TaskRemoval | None = None


def remove_meeting_item(store: Store, item_id: str, reason: str = "") -> ItemRemoval:
    """Take a 议定事项 off the list (entered by mistake, or the meeting reversed it): its
    交办 task is removed through the authoring action (archived with its 办结 milestone
    and whatever was recorded, the withdrawal as basis), then the record."""
    check_structure_permission(store.db)
    item = _row(store, "meeting_item", item_id, "议定事项")
    meeting = _row(store, "meeting", item["meeting_id"], "会议")
    reason = clean_text(reason, "撤回原因", records.NOTE)
    basis = f"{mt.basis_of(meeting)}：撤回“{item['title']}”" + (f"（{reason}）" if reason else "")
    removal = ItemRemoval(dict(item))
    if _live_task(store, item["task_id"]) is not None:
        removal.task = authoring.delete_task(store, item["task_id"], basis=basis[:BASIS_MAX])
    with store.action("withdraw_meeting_item") as tx:
        tx.delete("meeting_item", item_id)
    return removal


def restore_meeting_item(store: Store, removal: ItemRemoval) -> None:
    """Undo ``remove_meeting_item``: the task back (unarchived or re-created), the record."""
    if removal.task is not None:
        authoring.restore_task(store, removal.task, basis="撤销“撤回议定事项”")
    with store.action("restore_meeting_item") as tx:
        tx.insert("meeting_item", removal.item)


# -- deleting a meeting ---------------------------------------------------------------------

# (label, SQL counting the rows that refer to task :t)
_REFERENCES: tuple[tuple[str, str], ...] = (
    ("填报", "SELECT count(*) FROM report WHERE task_id = :t"),
    (
        "目标数值",
        "SELECT count(*) FROM target_value v JOIN target g ON g.id = v.target_id"
        " WHERE g.task_id = :t",
    ),  # fmt: skip
    ("其他里程碑", "SELECT count(*) FROM milestone WHERE task_id = :t AND title != :done"),
    (
        "依赖",
        "SELECT count(*) FROM dependency d WHERE :t IN (d.pred_id, d.succ_id)"
        " OR d.pred_id IN (SELECT id FROM milestone WHERE task_id = :t UNION"
        "  SELECT id FROM item WHERE task_id = :t)"
        " OR d.succ_id IN (SELECT id FROM milestone WHERE task_id = :t UNION"
        "  SELECT id FROM item WHERE task_id = :t)",
    ),  # fmt: skip
    ("办结申请", "SELECT count(*) FROM signoff WHERE task_id = :t"),
    ("评论", "SELECT count(*) FROM comment WHERE node_kind = 'task' AND node_id = :t"),
    ("领导批示", "SELECT count(*) FROM instruction WHERE task_id = :t"),
    ("附件", "SELECT count(*) FROM attachment WHERE task_id = :t"),
)


def task_references(db: Any, task_id: str, meeting_id: str) -> list[str]:
    """What else refers to a meeting's 交办 task (``["填报 2 条", …]``; empty: nothing)."""
    found = []
    params = {"t": task_id, "done": mt.DONE_MILESTONE}
    for label, sql in _REFERENCES:
        count = db.execute(sql, {k: v for k, v in params.items() if f":{k}" in sql}).fetchone()[0]
        if count:
            found.append(f"{label} {count} 条")
    others = db.execute(
        "SELECT count(*) FROM meeting_item WHERE task_id = ? AND meeting_id != ?",
        [task_id, meeting_id],
    ).fetchone()[0]
    if others:
        found.append(f"其他会议的议定事项 {others} 项")
    return found


@dataclass
class MeetingTask:
    """A live 交办 task made from one of a meeting's items, and what refers to it."""

    task_id: str
    no: int
    title: str
    references: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"任务{self.no}“{self.title}”"


def meeting_tasks(db: Any, meeting_id: str) -> list[MeetingTask]:
    """The meeting's live (not archived) 交办 tasks, with their other references."""
    rows = db.execute(
        "SELECT DISTINCT t.id, t.no, t.title FROM meeting_item i JOIN task t ON t.id = i.task_id"
        " WHERE i.meeting_id = ? AND t.archived IS NULL ORDER BY t.no",
        [meeting_id],
    ).fetchall()
    return [MeetingTask(r[0], r[1], r[2], task_references(db, r[0], meeting_id)) for r in rows]


@dataclass
class MeetingRemoval:
    """What ``delete_meeting`` did (for its undo and its message)."""

    meeting: dict[str, Any]
    items: list[dict[str, Any]]
    removed: list[authoring.TaskRemoval] = field(default_factory=list)
    kept: list[MeetingTask] = field(default_factory=list)


def delete_meeting(store: Store, meeting_id: str, *, tasks: str | None = None) -> MeetingRemoval:
    """Delete a meeting and its 议定事项. When items became live 交办 tasks, ``tasks``
    must say what happens to them: ``keep`` (they stay, as ordinary tasks) or ``archive``
    (archived, each unless something else refers to it: that one is kept and listed)."""
    check_structure_permission(store.db)
    meeting = _row(store, "meeting", meeting_id, "会议")
    live = meeting_tasks(store.db, meeting_id)
    if tasks is not None and tasks not in TASK_CHOICES:
        raise UserError("交办任务的处理方式“{}”无效，应为 keep（保留）或 archive（归档）。", tasks)
    if live and tasks is None:
        labels = [Message(t.label) for t in live[:5]]
        if len(live) > 5:
            raise UserError(
                "该会议有 {} 项议定事项已交办为任务：{}等。请选择保留这些任务（keep），"
                "或归档其中没有其他记录引用的任务（archive）。",
                len(live),
                labels,
            )
        raise UserError(
            "该会议有 {} 项议定事项已交办为任务：{}。请选择保留这些任务（keep），"
            "或归档其中没有其他记录引用的任务（archive）。",
            len(live),
            labels,
        )
    items = list(store.db.query("SELECT * FROM meeting_item WHERE meeting_id = ?", [meeting_id]))
    removal = MeetingRemoval(dict(meeting), items)
    basis = f"删除会议“{meeting['date']} {meeting['title']}”"[:BASIS_MAX]
    for task in live:
        if tasks == "archive" and not task.references:
            removal.removed.append(authoring.delete_task(store, task.task_id, basis=basis))
        else:
            removal.kept.append(task)
    with store.action("delete_meeting") as tx:
        for item in items:
            tx.delete("meeting_item", item["id"])
        tx.delete("meeting", meeting_id)
    return removal


def restore_meeting(store: Store, removal: MeetingRemoval) -> None:
    """Undo ``delete_meeting``: the meeting and its items (same ids), the tasks back."""
    with store.action("restore_meeting") as tx:
        tx.insert("meeting", removal.meeting)
        for item in removal.items:
            tx.insert("meeting_item", item)
    for task in removal.removed:
        authoring.restore_task(store, task, basis="撤销“删除会议”")
